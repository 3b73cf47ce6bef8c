"""Fixtures of the notes tests: a library of two transcripts and a store on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.notes import NotesStore

from .sample import EP1, EP2


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "My Library"
    (root / "show").mkdir(parents=True)
    (root / "show" / "ep01-trust.txt").write_text(EP1, encoding="utf-8")
    (root / "show" / "ep02-feedback.txt").write_text(EP2, encoding="utf-8")
    return root


@pytest.fixture
def store(tmp_path: Path, library: Path) -> NotesStore:
    return NotesStore(tmp_path / "data", library)
