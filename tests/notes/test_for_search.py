"""What the search index reads of a note."""

from __future__ import annotations

from pathlib import Path

from reader.notes import (
    Highlight,
    NotesStore,
    text_for_index,
)

from .sample import commented_note, episode


def test_text_for_index_has_body_passages_and_tags(library: Path, store: NotesStore) -> None:
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    note.body = "  My summary.\n"
    i = ep.text.index("calendar audit")
    note.highlights.append(Highlight.create(ep.text, i, i + 14, tag="follow-up"))
    assert text_for_index(note) == "My summary.\n\ncalendar audit\n\nfollow-up"


def test_comments_and_every_tag_are_indexed(library: Path, store: NotesStore) -> None:
    note = commented_note(library, store)
    indexed = text_for_index(note)
    assert "Try this with\nthe Tuesday group." in indexed
    assert "time" in indexed.split("\n\n")
    assert "clients" in indexed.split("\n\n")
