"""Keeping notes inside the library and back: every byte arrives, nothing is lost midway."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.notes import Highlight, NotesStore
from reader.notes.relocate import RelocateError, move_notes
from tests.readonly import read_only

from .sample import episode, saved_note

IN_LIBRARY = Path(".episode-reader") / "notes"


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (hidden ones too), by relative path."""
    files = (p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def notes_with_conflict_copy(tmp_path: Path, library: Path, store: NotesStore) -> dict[str, bytes]:
    """Two notes with highlights, and a conflict copy, as the app writes them."""
    saved_note(library, store)
    ep2 = episode(library, "show/ep02-feedback.txt")
    note = store.load(ep2)
    note.body = "Second, with *Markdown*.\n"
    note.highlights.append(Highlight.create(ep2.text, 10, 30, color="blue", tag="gift"))
    store.save(note)
    md = store.note_path(ep2.id)
    md.write_text(md.read_text("utf-8") + "edited outside\n", "utf-8")
    note.body += "and inside"
    store.save(note)  # keeps the outside version as a conflict copy
    assert store.last_conflict is not None
    return tree(store.folder)


def test_notes_move_into_the_library_and_back_without_losing_a_byte(
    tmp_path: Path, library: Path, store: NotesStore
) -> None:
    data = tmp_path / "data"
    before = notes_with_conflict_copy(tmp_path, library, store)
    old_folder = store.folder
    message = move_notes(data, library, in_library=True)
    assert f"Moved {len(before)} note file(s)" in message
    assert tree(library / IN_LIBRARY) == before
    assert not old_folder.exists()
    identity = json.loads((library / ".episode-reader" / "library.json").read_text("utf-8"))
    assert identity["notes"] == "library"
    inside = NotesStore(data, library)
    assert inside.folder == library / IN_LIBRARY
    ep = episode(library, "show/ep01-trust.txt")
    assert inside.load(ep).body == "The old note, which must survive.\n"

    # A synced copy on another machine (its own, empty data folder) has the notes with it.
    synced = Path(shutil.copytree(library, tmp_path / "laptop" / "Podcasts"))
    there = NotesStore(tmp_path / "laptop-data", synced)
    assert there.load(episode(synced, ep.id)).body == "The old note, which must survive.\n"

    move_notes(data, library, in_library=False)
    back = NotesStore(data, library)
    assert back.folder.parent == data / "notes"
    assert tree(back.folder) == before
    assert not (library / IN_LIBRARY).exists()
    assert back.load(ep).highlights[0].text == "Good le"


def test_a_file_already_at_the_new_place_is_kept_beside_the_moved_one(
    tmp_path: Path, library: Path, store: NotesStore
) -> None:
    _, _, md_bytes, _ = saved_note(library, store)
    there = library / IN_LIBRARY / "show" / "ep01-trust.md"
    there.parent.mkdir(parents=True)
    there.write_bytes(b"A note synced from another machine.\n")
    move_notes(tmp_path / "data", library, in_library=True)
    assert there.read_bytes() == b"A note synced from another machine.\n"
    copies = list(there.parent.glob("ep01-trust.conflict-*.md"))
    assert [p.read_bytes() for p in copies] == [md_bytes]


def test_a_move_that_fails_midway_leaves_the_originals_and_the_choice(
    tmp_path: Path, library: Path, store: NotesStore
) -> None:
    data = tmp_path / "data"
    (library / "a-show").mkdir()
    (library / "a-show" / "ep09.txt").write_text("Episode 9: Alpha\n\nAnna: First.\n", "utf-8")
    first = store.load(episode(library, "a-show/ep09.txt"))
    first.body = "Copied first, then taken back."
    store.save(first)
    saved_note(library, store)
    before = tree(store.folder)
    identity = (library / ".episode-reader" / "library.json").read_bytes()
    blocked = library / IN_LIBRARY / "show"
    blocked.mkdir(parents=True)
    with read_only(blocked), pytest.raises(RelocateError, match="cannot copy the notes"):
        move_notes(data, library, in_library=True)
    assert tree(store.folder) == before
    assert (library / ".episode-reader" / "library.json").read_bytes() == identity
    assert tree(library / IN_LIBRARY) == {}  # the copy of a-show/ep09.md was taken back
    assert NotesStore(data, library).load(episode(library, "a-show/ep09.txt")).body == (
        "Copied first, then taken back."
    )


def test_a_read_only_library_cannot_take_the_notes_and_says_so(
    tmp_path: Path, library: Path, store: NotesStore
) -> None:
    saved_note(library, store)
    before = tree(store.folder)
    hidden = library / ".episode-reader"
    with read_only(hidden), pytest.raises(RelocateError):
        move_notes(tmp_path / "data", library, in_library=True)
    assert tree(store.folder) == before
