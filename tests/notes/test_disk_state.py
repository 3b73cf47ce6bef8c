"""Edits made outside the app are noticed, and kept as conflict copies, never overwritten."""

from __future__ import annotations

import os
import re
from pathlib import Path

from reader.notes import (
    NotesStore,
    fingerprint,
    parse_note,
)

from .sample import EP1, episode, saved_note


def _edit_outside(path: Path, text: str) -> None:
    stat = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_outside_edit_is_detected_and_reloaded(library: Path, store: NotesStore) -> None:
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    note.body = "From the app."
    path = store.save(note)
    assert not store.changed_on_disk(ep.id)
    edited = path.read_text(encoding="utf-8").replace("From the app.", "Edited in vim, longer.")
    _edit_outside(path, edited)
    assert store.changed_on_disk(ep.id)
    assert store.reload(ep).body == "Edited in vim, longer."
    assert not store.changed_on_disk(ep.id)


def test_same_size_edit_is_caught_by_content_and_a_touch_is_not(
    library: Path, store: NotesStore
) -> None:
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    note.body = "abcdef"
    path = store.save(note)
    _edit_outside(path, path.read_text(encoding="utf-8"))  # a touch (or a sync) only
    assert not store.changed_on_disk(ep.id)
    _edit_outside(path, path.read_text(encoding="utf-8").replace("abcdef", "ABCDEF"))
    assert store.changed_on_disk(ep.id)


def test_outside_edit_of_highlights_or_deletion_is_noticed(library: Path, store: NotesStore):
    ep, _, _, _ = saved_note(library, store)
    js = store.highlights_path(ep.id)
    _edit_outside(js, js.read_text(encoding="utf-8").replace('"yellow"', '"green" '))
    assert store.changed_on_disk(ep.id)
    store.reload(ep)
    assert not store.changed_on_disk(ep.id)
    store.note_path(ep.id).unlink()
    assert store.changed_on_disk(ep.id)


def test_conflict_copy_keeps_both_versions(library: Path, store: NotesStore) -> None:
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    note.body = "Saved by the app."
    path = store.save(note)
    outside = path.read_text(encoding="utf-8").replace("Saved by the app.", "Synced from laptop.")
    _edit_outside(path, outside)
    note.body = "Unsaved edits in the app."
    assert store.changed_on_disk(ep.id)

    copy = store.resolve_conflict(note)
    assert re.fullmatch(r"ep01-trust\.conflict-\d{8}-\d{6}\.md", copy.name)
    assert copy.parent == path.parent
    assert copy.read_text(encoding="utf-8") == outside
    assert store.load(ep).body == "Unsaved edits in the app."
    assert not store.changed_on_disk(ep.id)
    assert [n.body for n in store.all_notes()] == ["Unsaved edits in the app."]


def test_save_never_overwrites_an_outside_edit_silently(library: Path, store: NotesStore):
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    note.body = "one"
    path = store.save(note)
    assert store.last_conflict is None
    _edit_outside(path, path.read_text(encoding="utf-8") + "\nadded outside")
    note.body = ""  # even an emptied note: the outside words are kept
    store.save(note)
    assert store.last_conflict is not None
    assert store.last_conflict.read_text(encoding="utf-8").endswith("one\nadded outside")
    assert not path.exists()


def test_two_conflicts_in_the_same_second_get_two_copies(library: Path, store: NotesStore):
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    copies = set()
    for version in ("first", "second"):
        note.body = "app"
        path = store.save(note)
        _edit_outside(path, path.read_text(encoding="utf-8").replace("app", version))
        copies.add(store.resolve_conflict(note))
    assert len(copies) == 2
    assert sorted(c.read_text(encoding="utf-8")[-6:] for c in copies) == ["\nfirst", "second"]


def test_another_store_refreshing_the_header_is_not_an_outside_edit(
    library: Path, store: NotesStore
) -> None:
    """The indexer may load notes through its own store: that must not cause conflicts."""
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    note.body = "Mine."
    path = store.save(note)
    (library / "show" / "ep01-trust.txt").write_text(EP1 + "\nAn added line.\n", "utf-8")
    edited = episode(library, "show/ep01-trust.txt")
    other = NotesStore(store.folder.parent.parent, library)
    other.load(edited)  # rewrites the stale header (new fingerprint)
    assert parse_note(path.read_text(encoding="utf-8"))[0]["fingerprint"] == fingerprint(edited)
    assert not store.changed_on_disk(ep.id)
    note.body = "Mine, edited."
    store.save(note)
    assert store.last_conflict is None
    assert not list(path.parent.glob("*.conflict-*"))
