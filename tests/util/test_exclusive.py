"""Creating a file only if it does not exist: never over another one, with or without hard
links (FAT and exFAT sticks have none)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from reader.util.exclusive import create_new_file


@pytest.mark.parametrize("hard_links", [True, False], ids=["links", "no-links"])
def test_a_new_file_is_written_whole_and_an_existing_one_never_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hard_links: bool
) -> None:
    if not hard_links:

        def no_link(*_args: object) -> None:
            raise OSError(errno.EPERM, "Operation not permitted")

        monkeypatch.setattr(os, "link", no_link)
    folder = tmp_path / "lib"
    folder.mkdir()
    target = folder / "library.json"
    assert create_new_file(target, b'{"id": "first"}')
    assert not create_new_file(target, b'{"id": "second"}')
    assert target.read_bytes() == b'{"id": "first"}'
    assert [p.name for p in folder.iterdir()] == ["library.json"]  # no temp file left
