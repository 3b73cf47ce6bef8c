"""Atomic writes give files the permissions the user expects, not mkstemp's private 0600."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reader.util.atomic import atomic_write_text


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
@pytest.mark.parametrize(("umask", "expected"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_gets_the_users_umask(tmp_path: Path, umask: int, expected: int):
    target = tmp_path / "exported" / "note.md"
    code = (
        "import os, sys; from pathlib import Path;"
        "from reader.util.atomic import atomic_write_text;"
        f"os.umask({umask}); atomic_write_text(Path(sys.argv[1]), 'hello')"
    )
    subprocess.run([sys.executable, "-c", code, str(target)], check=True)
    assert target.read_text() == "hello"
    assert stat.S_IMODE(target.stat().st_mode) == expected


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_a_replaced_file_keeps_its_permissions(tmp_path: Path):
    target = tmp_path / "shared-note.md"
    target.write_text("old")
    target.chmod(0o640)
    atomic_write_text(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
