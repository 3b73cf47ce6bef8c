"""The browser's search box, answered through the index (passage words, comment words, tags,
pull quotes; stemmed), and selected marks exported as Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.annotations import HIGHLIGHT, collect_marks
from reader.annotations.export import export_marks
from reader.annotations.search import matching_marks
from reader.notes import NotesStore
from reader.search.index import LibraryIndex

from .conftest import EP1


@pytest.fixture
def marks(marked_index: LibraryIndex, marked_library: Path, data_dir: Path):
    notes = NotesStore(data_dir, marked_library).all_notes()
    return collect_marks(marked_index.stored_documents(), notes).marks


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tuesday", ["calendar audit with a client"]),  # a word of the comment only
        ("clients", ["calendar audit with a client"]),  # a tag (and a stem of "client")
        ("delegating", ["Delegating the audit was the best choice",
                        "Delegation builds trust, and trust builds teams."]),  # stems
        ("psychological safety", ["Psychological safety came up too"]),
        ("trust teams", ["Delegation builds trust, and trust builds teams."]),  # a pull quote
        ("kanban", []),
    ],
)  # fmt: skip
def test_the_search_box_finds_marks_by_their_words(
    marked_index: LibraryIndex, marks, query: str, expected: list[str]
) -> None:
    found = matching_marks(marked_index, query, marks, {})
    assert sorted(m.text for m in marks if (m.episode_id, m.key) in found) == sorted(expected)


def test_the_search_asks_the_index_and_reads_no_note_file(
    marked_index: LibraryIndex, marks, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_reading(*_args, **_kwargs):
        raise AssertionError("a marks search read a notes file")

    monkeypatch.setattr(NotesStore, "all_notes", no_reading)
    monkeypatch.setattr(NotesStore, "peek", no_reading)
    assert matching_marks(marked_index, "tuesday", marks, {})


def test_export_one_file_and_one_per_episode(tmp_path: Path, marks) -> None:
    chosen = [m for m in marks if m.kind == HIGHLIGHT]
    [one] = export_marks(chosen, tmp_path / "one")
    text = one.read_text(encoding="utf-8")
    assert text.startswith("# Annotations\n")
    assert "## Leaders Who Delegate\n" in text
    assert "## Calendars" in text
    assert "> calendar audit with a client\n" in text
    assert "Tags: #clients, #time\n\nTry this\nwith the Tuesday group.\n" in text
    assert "> — Maya Okafor, 0:30" in text
    per = export_marks(chosen, tmp_path / "per", per_episode=True)
    names = sorted(p.relative_to(tmp_path / "per").as_posix() for p in per)
    assert names == ["show-a/1 - Leaders Who Delegate.md", "show-b/6 - Calendars.md"]
    first = (tmp_path / "per" / names[0]).read_text(encoding="utf-8")
    assert first.startswith("# Leaders Who Delegate\n\nHarbour Leadership · Episode 1 · ")
    assert f"`{EP1}`" in first
    assert "Delegating the audit" not in first
    assert export_marks([], tmp_path / "none") == []
