"""Where notes live: one folder per library, mirroring it, one note per transcript."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.notes import (
    Highlight,
    NotesStore,
)

from .sample import episode, files_in, saved_note


def test_notes_folder_is_per_library_and_mirrors_the_library(
    tmp_path: Path, library: Path, store: NotesStore
) -> None:
    assert store.folder.parent == tmp_path / "data" / "notes"
    assert re.fullmatch(r"My-Library-[0-9a-f]{16}", store.folder.name)
    other = NotesStore(tmp_path / "data", tmp_path)
    assert other.folder != store.folder
    ep = episode(library, "show/ep01-trust.txt")
    assert store.note_path(ep.id) == store.folder / "show" / "ep01-trust.md"
    note = store.load(ep)
    note.body = "Mine."
    note.highlights.append(Highlight.create(ep.text, 0, 10))
    store.save(note)
    assert files_in(store.folder) == ["show/ep01-trust.highlights.json", "show/ep01-trust.md"]


def test_two_transcripts_with_the_same_stem_keep_separate_notes(
    library: Path, store: NotesStore
) -> None:
    (library / "show" / "ep01-trust.md").write_text(
        "# Episode 1: Leaders Who Delegate (Markdown)\n\n**Maya:** A different version.\n",
        encoding="utf-8",
    )
    txt = episode(library, "show/ep01-trust.txt")
    md = episode(library, "show/ep01-trust.md")
    for ep in (txt, md):
        note = store.load(ep)
        note.body = f"note of {ep.id}"
        store.save(note)
    assert store.note_path(txt.id) != store.note_path(md.id)
    restarted = NotesStore(store.folder.parent.parent, library)
    assert restarted.load(txt).body == "note of show/ep01-trust.txt"
    assert restarted.load(md).body == "note of show/ep01-trust.md"
    assert sorted(n.episode_id for n in restarted.all_notes()) == [md.id, txt.id]


def test_episode_ids_cannot_escape_the_notes_folder(store: NotesStore) -> None:
    for bad in ("../outside.txt", "/etc/passwd", "a/../../b.txt"):
        with pytest.raises(ValueError, match="library-relative"):
            store.note_path(bad)


def test_highlights_whose_note_file_was_deleted_are_still_listed(
    library: Path, store: NotesStore
) -> None:
    ep, note, _, _ = saved_note(library, store)
    store.note_path(ep.id).unlink()
    (listed,) = store.all_notes()
    assert listed.episode_id == ep.id
    assert listed.highlights == note.highlights
    assert store.load(ep).highlights == note.highlights
