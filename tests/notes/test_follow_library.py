"""Notes and highlights follow the library folder: moved, renamed, copied or synced, it keeps
them (found by the id in ``.episode-reader/library.json``, never by the folder's path)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from reader.notes import Highlight, Note, NotesStore
from reader.notes.note_file import format_highlights, format_note
from reader.reading_places import Place, ReadingPlaces
from reader.util.folders import per_library_folder
from tests.readonly import read_only

from .sample import episode, files_in, saved_note


def identity_path(library: Path) -> Path:
    """The library's identity file, which travels with the folder."""
    return library / ".episode-reader" / "library.json"


def test_a_moved_renamed_or_copied_library_keeps_every_note_and_highlight(
    tmp_path: Path, library: Path, store: NotesStore
) -> None:
    ep, note, _, _ = saved_note(library, store)
    ep2 = episode(library, "show/ep02-feedback.txt")
    second = store.load(ep2)
    second.body = "Second note."
    store.save(second)
    data = tmp_path / "data"

    moved = Path(shutil.move(library, tmp_path / "disk2" / "Renamed Podcasts"))
    copied = Path(shutil.copytree(moved, tmp_path / "elsewhere" / "Copy"))
    for folder in (moved, copied):
        fresh = NotesStore(data, folder)
        assert fresh.notice is None
        found = fresh.load(episode(folder, ep.id))
        assert found.body == note.body
        assert [(h.text, h.start, h.end) for h in found.highlights] == [
            (h.text, h.start, h.end) for h in note.highlights
        ]
        assert found.highlights[0].anchored
        assert fresh.load(episode(folder, ep2.id)).body == "Second note."
        assert fresh.folder == store.folder  # no second, empty notes folder


def test_an_episode_renamed_in_the_moved_library_keeps_its_note(
    tmp_path: Path, library: Path, store: NotesStore
) -> None:
    ep, note, _, _ = saved_note(library, store)
    moved = Path(shutil.move(library, tmp_path / "Moved"))
    (moved / ep.id).rename(moved / "show" / "renamed-episode.txt")
    found = NotesStore(tmp_path / "data", moved).load(episode(moved, "show/renamed-episode.txt"))
    assert found.body == note.body
    assert [h.text for h in found.highlights] == [note.highlights[0].text]


def test_another_machine_with_its_own_path_finds_the_same_notes(
    tmp_path: Path, library: Path, store: NotesStore
) -> None:
    ep, note, _, _ = saved_note(library, store)
    other_data = Path(shutil.copytree(tmp_path / "data", tmp_path / "laptop-data"))
    synced = Path(shutil.copytree(library, tmp_path / "laptop" / "Sync" / "Podcasts"))
    assert NotesStore(other_data, synced).load(episode(synced, ep.id)).body == note.body


def old_layout(data: Path, library: Path, rel: str, body: str) -> tuple[Path, bytes, bytes]:
    """A note and a highlight as the app wrote them before ids: a folder named by path."""
    ep = episode(library, rel)

    old = Note(ep.id, ep.title, "", body, [Highlight.create(ep.text, 0, 7)])
    md = per_library_folder(data / "notes", library) / Path(rel).with_suffix(".md")
    md.parent.mkdir(parents=True, exist_ok=True)
    md_bytes = format_note(old).encode("utf-8")
    js_bytes = format_highlights(old.highlights).encode("utf-8")
    md.write_bytes(md_bytes)
    md.with_name(md.stem + ".highlights.json").write_bytes(js_bytes)
    return md, md_bytes, js_bytes


def test_notes_in_the_old_layout_are_copied_over_and_left_in_place(
    tmp_path: Path, library: Path
) -> None:
    data = tmp_path / "data"
    md, md_bytes, js_bytes = old_layout(data, library, "show/ep01-trust.txt", "Old words.\n")
    store = NotesStore(data, library)
    assert store.folder != md.parent.parent
    note = store.load(episode(library, "show/ep01-trust.txt"))
    assert note.body == "Old words.\n"
    assert [h.text for h in note.highlights] == ["Good le"]
    assert md.read_bytes() == md_bytes  # the old files are never removed or changed
    assert md.with_name("ep01-trust.highlights.json").read_bytes() == js_bytes
    # After the move, the library finds them by its id.
    moved = Path(shutil.move(library, tmp_path / "Moved"))
    again = NotesStore(data, moved).load(episode(moved, "show/ep01-trust.txt"))
    assert again.body == "Old words.\n"


def test_migration_keeps_both_versions_when_both_places_hold_one(
    tmp_path: Path, library: Path, store: NotesStore
) -> None:
    """A synced new-layout note and this machine's old one: neither overwrites the other."""
    ep, note, _, _ = saved_note(library, store)
    data = tmp_path / "data"
    old_md, old_bytes, _ = old_layout(data, library, ep.id, "This machine's old note.\n")
    (old_md.parent.parent / ".migrated.json").unlink(missing_ok=True)
    reopened = NotesStore(data, library)
    assert "both versions are kept" in (reopened.notice or "")
    assert reopened.load(ep).body == note.body
    copies = [p for p in files_in(reopened.folder) if ".conflict-" in p]
    assert len(copies) == 2  # the old note and the old highlights, both kept
    kept = (reopened.folder / next(p for p in copies if p.endswith(".md"))).read_bytes()
    assert kept == old_bytes
    assert reopened.all_notes()[0].body == note.body  # the copies are not read as notes
    assert old_md.read_bytes() == old_bytes
    # Opening again neither copies again nor complains again.
    edited = reopened.load(ep)
    edited.body = "Edited after the migration."
    reopened.save(edited)
    third = NotesStore(data, library)
    assert third.notice is None
    assert [p for p in files_in(third.folder) if ".conflict-" in p] == copies
    assert third.load(ep).body == "Edited after the migration."


def test_a_read_only_library_still_opens_its_notes_and_says_why_they_stay(
    tmp_path: Path, library: Path
) -> None:
    data = tmp_path / "data"
    old_layout(data, library, "show/ep01-trust.txt", "Kept by path.\n")
    with read_only(library):
        store = NotesStore(data, library)
        assert "read-only" in (store.notice or "")
        assert str(identity_path(library)) in (store.notice or "")
        ep = episode(library, "show/ep01-trust.txt")
        note = store.load(ep)
        assert note.body == "Kept by path.\n"
        note.body = "Edited in a read-only library."
        store.save(note)  # the notes are in the data folder: saving works
        assert NotesStore(data, library).load(ep).body == "Edited in a read-only library."
    assert not identity_path(library).exists()


def test_a_damaged_identity_file_is_kept_and_notes_fall_back_to_the_path(
    tmp_path: Path, library: Path
) -> None:
    identity_path(library).parent.mkdir()
    identity_path(library).write_bytes(b"\x00not json")
    store = NotesStore(tmp_path / "data", library)
    assert "cannot be read" in (store.notice or "")
    assert identity_path(library).read_bytes() == b"\x00not json"


def test_reading_places_follow_the_moved_library(tmp_path: Path, library: Path) -> None:
    data = tmp_path / "data"
    old = ReadingPlaces(data)
    old.put(library, "show/ep01-trust.txt", Place(120, 1))  # before the library had an id
    NotesStore(data, library)  # first open: the library gets its id
    ReadingPlaces(data).put(library, "show/ep02-feedback.txt", Place(40, 0))
    moved = Path(shutil.move(library, tmp_path / "Moved"))
    places = ReadingPlaces(data)
    assert places.get(moved, "show/ep01-trust.txt") == Place(120, 1)
    assert places.get(moved, "show/ep02-feedback.txt") == Place(40, 0)
    raw = json.loads((data / "reading-places.json").read_text("utf-8"))["places"]
    assert not any(key.startswith(str(library)) for key in raw)
