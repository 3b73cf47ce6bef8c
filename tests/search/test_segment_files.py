"""Segment files are read through memory maps; one that cannot be mapped (an empty column:
no episode of the segment has a common pair side by side) is read without an open file
left behind, which a reader's close would not close."""

from __future__ import annotations

import gc
from pathlib import Path

from reader.search.whoosh_ext.segment_files import MappedFile, MappedStorage


def _open_descriptors() -> int:
    return len(list(Path("/proc/self/fd").iterdir()))


def test_an_empty_file_is_read_with_no_file_kept_open(tmp_path: Path):
    (tmp_path / "empty.col").write_bytes(b"")
    (tmp_path / "some.col").write_bytes(b"abc")
    storage = MappedStorage(str(tmp_path))
    before = _open_descriptors()
    empty = storage.open_file("empty.col")
    assert empty.get(0, 0) == b""
    assert _open_descriptors() == before  # nothing to close, nothing leaked if not closed
    some = storage.open_file("some.col")
    assert isinstance(some, MappedFile)
    assert some.get(1, 2) == b"bc"
    some.close()
    del empty
    gc.collect()
    assert _open_descriptors() == before
