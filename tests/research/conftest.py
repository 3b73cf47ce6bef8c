"""Fixtures of the research tests: the library of ``library.py``, indexed, and its notes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.library.sync import sync_library
from reader.notes import NotesStore
from reader.search.index import LibraryIndex
from tests.research.library import write_library


@pytest.fixture
def research_library(tmp_path: Path) -> Path:
    return write_library(tmp_path / "library")


@pytest.fixture
def research_index(research_library: Path, tmp_path: Path) -> Iterator[LibraryIndex]:
    ix = LibraryIndex(research_library, tmp_path / "cache")
    sync_library(ix)
    yield ix
    ix.close()


@pytest.fixture
def notes(research_library: Path, data_dir: Path) -> NotesStore:
    return NotesStore(data_dir, research_library)
