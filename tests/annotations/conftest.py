"""A library of our own four episodes with highlights in two of them, indexed with its notes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.importers import import_file
from reader.library.sync import sync_library
from reader.model import Episode
from reader.notes import Highlight, IndexedNotes, NotesStore
from reader.search.index import LibraryIndex

EP1 = "show-a/ep01-leaders-who-delegate.md"
EP6 = "show-b/ep06-calendars.srt"


def episode(library: Path, episode_id: str) -> Episode:
    result = import_file(library / episode_id, library)
    assert isinstance(result, Episode), result
    return result


def highlight(
    store: NotesStore, ep: Episode, words: str, created: str, **fields: object
) -> Highlight:
    """Highlight ``words`` in ``ep`` (saved), made at ``created``, with ``fields`` set."""
    note = store.load(ep)
    start = ep.text.index(words)
    made = Highlight.create(ep.text, start, start + len(words))
    made.created = created
    for name, value in fields.items():
        setattr(made, name, value)
    note.highlights.append(made)
    store.save(note)
    return made


@pytest.fixture
def marked_library(search_library: Path, data_dir: Path) -> Path:
    store = NotesStore(data_dir, search_library)
    ep1, ep6 = episode(search_library, EP1), episode(search_library, EP6)
    highlight(
        store,
        ep1,
        "calendar audit with a client",
        "2026-01-05T09:00:00Z",
        color="green",
        tags=["clients", "time"],
        comment="Try this\nwith the Tuesday group.",
    )
    highlight(
        store,
        ep1,
        "Psychological safety came up too",
        "2026-02-01T09:00:00Z",
        color="pink",
        speaker="Maya Okafor",
        time=30.0,
    )
    highlight(store, ep6, "Delegating the audit was the best choice", "2025-12-24T09:00:00Z",
              tags=["delegation"])  # fmt: skip
    return search_library


@pytest.fixture
def marked_index(marked_library: Path, data_dir: Path, tmp_path: Path) -> Iterator[LibraryIndex]:
    ix = LibraryIndex(marked_library, tmp_path / "cache")
    ix.notes_source = IndexedNotes(data_dir, marked_library)
    sync_library(ix)
    yield ix
    ix.close()
