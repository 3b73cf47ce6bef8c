"""FIFOs, sockets, devices, links and huge files in a library: skipped with a reason, never
read, and indexing always finishes (real ``episode-reader index`` processes with a timeout)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.importers import MAX_FILE_BYTES, import_file
from reader.model import ImportFailure

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")

FIFO = "not a regular file (a FIFO (named pipe)); not read"
HUGE_MB = 25


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """A real process; a hang fails the test (``TimeoutExpired``) instead of blocking it."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip


@pytest.fixture
def unix_socket(search_library: Path) -> Iterator[Path]:
    path = search_library / "show-b" / "listening.srt"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)
    yield path
    server.close()


def test_index_skips_special_files_names_them_and_finishes(
    search_library: Path, tmp_path: Path, unix_socket: Path
):
    outside = tmp_path / "private.txt"
    outside.write_text("Host: A private file outside the library.\n", encoding="utf-8")
    os.mkfifo(search_library / "stuck.txt")
    (search_library / "zero.txt").symlink_to("/dev/zero")
    (search_library / "outside.md").symlink_to(outside)
    (search_library / "latest.md").symlink_to(
        search_library / "show-a" / "ep01-leaders-who-delegate.md"
    )
    (search_library / "pipe-link.txt").symlink_to(search_library / "stuck.txt")
    (search_library / "gone.txt").symlink_to(search_library / "no-such-file.txt")
    with (search_library / "huge.txt").open("wb") as huge:
        huge.truncate(HUGE_MB * 1024 * 1024)  # sparse: costs no disk space

    result = run("index", str(search_library))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("5 added, 0 updated, 0 removed, 0 unchanged, 7 failed"), lines
    assert sorted(lines[1:]) == sorted([
        f"  failed: stuck.txt: {FIFO}",
        f"  failed: pipe-link.txt: {FIFO}",
        "  failed: show-b/listening.srt: not a regular file (a socket); not read",
        "  failed: zero.txt: a link to /dev/zero, outside the library; not read",
        f"  failed: outside.md: a link to {outside}, outside the library; not read",
        "  failed: gone.txt: a link to a file that does not exist",
        f"  failed: huge.txt: file is too large ({HUGE_MB * 1.048576:.1f} MB; the limit is "
        f"{MAX_FILE_BYTES // (1024 * 1024)} MB)",
    ])  # fmt: skip
    found = run("search", "--library", str(search_library), "delegate", timeout=60)
    assert found.returncode == 0, found.stderr
    assert "    latest.md" in found.stdout.splitlines()  # a link inside the library is read
    private = run("search", "--library", str(search_library), "private")
    assert private.stdout.startswith("0 episodes match")  # nothing from outside is read


def test_a_file_that_became_a_fifo_after_the_listing_is_not_waited_for(tmp_path: Path):
    fifo = tmp_path / "ep1.txt"
    os.mkfifo(fifo)
    outcome: list[object] = []
    reader = threading.Thread(target=lambda: outcome.append(import_file(fifo)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert outcome, "import_file blocked on a FIFO"
    assert outcome[0] == ImportFailure(fifo, FIFO)
