"""Fixtures of the search tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.library.sync import sync_library
from reader.search.index import LibraryIndex

IndexOf = Callable[[dict[str, str]], LibraryIndex]


@pytest.fixture
def index_of(tmp_path: Path) -> Iterator[IndexOf]:
    """Write a library of the given files (name -> text) and give its synced index."""
    opened: list[LibraryIndex] = []

    def make(files: dict[str, str]) -> LibraryIndex:
        root = tmp_path / f"lib{len(opened)}"
        root.mkdir()
        for name, text in files.items():
            (root / name).write_text(text, encoding="utf-8")
        ix = LibraryIndex(root, tmp_path / f"cache{len(opened)}")
        opened.append(ix)
        sync_library(ix)
        return ix

    yield make
    for ix in opened:
        ix.close()
