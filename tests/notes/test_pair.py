"""A note and its highlights stay one save across crashes (``reader.notes.pair``)."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

from reader.importers import import_file
from reader.model import Episode
from reader.notes import Highlight, NotesStore
from reader.notes import pair as note_pair
from reader.util import atomic

TEXT = (
    "Episode 1: Leaders Who Delegate\n\n"
    "Maya: Good leaders delegate early. Delegation builds trust, and trust builds teams.\n"
)


class Crash(BaseException):
    """Stands for the process dying: nothing after it runs, no handler sees it."""


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    (root / "show").mkdir(parents=True)
    (root / "show" / "ep01-trust.txt").write_text(TEXT, encoding="utf-8")
    return root


def episode(library: Path) -> Episode:
    result = import_file(library / "show" / "ep01-trust.txt", library)
    assert isinstance(result, Episode)
    return result


def save_version(store: NotesStore, ep: Episode, n: int) -> None:
    note = store.load(ep)
    note.body = f"Version {n} of my note."
    note.highlights = [Highlight.create(ep.text, 40, 60, tag=f"v{n}")]
    store.save(note)


def save_cut_short(
    tmp_path: Path, library: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, NotesStore, Episode]:
    """Version 1 saved; the process dies saving version 2, after the note file is replaced
    and before the highlights file is."""
    data = tmp_path / "data"
    store, ep = NotesStore(data, library), episode(library)
    save_version(store, ep, 1)
    real = atomic.atomic_write_bytes

    def write(path: Path, data: bytes, durable: bool = True) -> None:
        if path.name.endswith(".highlights.json"):
            raise Crash
        real(path, data, durable)

    monkeypatch.setattr(note_pair, "atomic_write_bytes", write)
    with pytest.raises(Crash):
        save_version(store, ep, 2)
    monkeypatch.undo()
    return data, store, ep


def versions(note) -> tuple[str, list[str]]:
    return note.body, [h.tag for h in note.highlights]


def test_a_save_cut_short_is_finished_by_the_next_open(
    tmp_path: Path, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, store, ep = save_cut_short(tmp_path, library, monkeypatch)
    md, js = store.note_path(ep.id), store.highlights_path(ep.id)
    assert "Version 2" in md.read_text(encoding="utf-8")  # the crash left half a save...
    assert '"v1"' in js.read_text(encoding="utf-8")
    # ...which a reader that must not write (the indexer, export) sees whole, without writing
    assert versions(NotesStore(data, library).peek(ep)) == ("Version 2 of my note.", ["v2"])
    assert '"v1"' in js.read_text(encoding="utf-8")
    # and the window's next open finishes on disk
    assert versions(NotesStore(data, library).load(ep)) == ("Version 2 of my note.", ["v2"])
    assert '"v2"' in js.read_text(encoding="utf-8")
    assert not note_pair.pending_path(md).exists()
    assert sorted(p.name for p in md.parent.iterdir()) == [js.name, md.name]


def test_an_edit_made_after_the_crash_is_kept_and_so_is_the_cut_short_save(
    tmp_path: Path, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, store, ep = save_cut_short(tmp_path, library, monkeypatch)
    md = store.note_path(ep.id)
    edited = md.read_text(encoding="utf-8").replace("Version 2", "Fixed by hand in vim")
    md.write_text(edited, encoding="utf-8")
    note = NotesStore(data, library).load(ep)
    assert note.body == "Fixed by hand in vim of my note."  # the newer edit wins on disk
    copies = sorted(p.name for p in md.parent.glob("*.conflict-*"))
    assert len(copies) == 2, copies  # the interrupted save's note and highlights, beside it
    kept = next(md.parent.glob("*.conflict-*.md")).read_text(encoding="utf-8")
    assert "Version 2 of my note." in kept
    assert not note_pair.pending_path(md).exists()


def fail_writing_highlights(monkeypatch: pytest.MonkeyPatch) -> None:
    """An I/O error while the new highlights file is flushed (the disk, not a crash)."""
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        name = Path(f"/proc/self/fd/{fd}").readlink().name
        if ".highlights.json." in name and name.endswith(".tmp"):
            raise OSError(5, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", fsync)


@pytest.mark.parametrize("body_changes", [True, False], ids=["note-and-highlights", "highlights"])
def test_a_disk_error_writing_the_highlights_puts_the_old_pair_back(
    tmp_path: Path, library: Path, monkeypatch: pytest.MonkeyPatch, body_changes: bool
) -> None:
    store, ep = NotesStore(tmp_path / "data", library), episode(library)
    save_version(store, ep, 1)
    md, js = store.note_path(ep.id), store.highlights_path(ep.id)
    before = md.read_bytes(), js.read_bytes()
    fail_writing_highlights(monkeypatch)
    note = store.load(ep)
    if body_changes:
        note.body = "A new version that never makes it to disk."
    note.highlights.append(Highlight.create(ep.text, 10, 20))
    with pytest.raises(OSError, match="Input/output"):
        store.save(note)
    monkeypatch.undo()
    assert (md.read_bytes(), js.read_bytes()) == before
    assert sorted(p.name for p in md.parent.iterdir()) == [js.name, md.name]  # no temp files
    save_version(store, ep, 3)  # the retry saves normally, with no conflict copy
    assert versions(NotesStore(tmp_path / "data", library).peek(ep))[1] == ["v3"]
    assert store.last_conflict is None


def test_typing_alone_rewrites_only_the_note_file(tmp_path: Path, library: Path) -> None:
    store, ep = NotesStore(tmp_path / "data", library), episode(library)
    save_version(store, ep, 1)
    js = store.highlights_path(ep.id)
    stat = js.stat()
    note = store.load(ep)
    note.body += " And more."
    store.save(note)
    assert (js.stat().st_mtime_ns, js.stat().st_ino) == (stat.st_mtime_ns, stat.st_ino)


OLD_NOTE = (
    "---\n"
    "episode: Leaders Who Delegate\n"
    "path: show/ep01-trust.txt\n"
    "fingerprint: b2:0123456789abcdef0123456789abcdef\n"
    "mood: curious\n"
    "---\n\n"
    "Written by an earlier version.\n"
)
OLD_HIGHLIGHTS = {
    "version": 1,
    "highlights": [
        {
            "id": "a" * 32,
            "text": "Delegation builds trust",
            "before": "Good leaders delegate early. ",
            "after": ", and trust builds teams.",
            "start": 62,
            "end": 85,
            "created": "2025-01-01T00:00:00Z",
            "color": "green",
            "tag": "trust",
        }
    ],
}


def test_note_files_of_earlier_versions_load_and_are_left_as_they_are(
    tmp_path: Path, library: Path
) -> None:
    data = tmp_path / "data"
    store, ep = NotesStore(data, library), episode(library)
    md, js = store.note_path(ep.id), store.highlights_path(ep.id)
    md.parent.mkdir(parents=True)
    md.write_text(OLD_NOTE, encoding="utf-8")
    js.write_text(json.dumps(OLD_HIGHLIGHTS, indent=2) + "\n", encoding="utf-8")
    js_bytes = js.read_bytes()
    note = store.load(ep)
    assert note.body == "Written by an earlier version.\n"
    assert note.header_extra == {"mood": "curious"}
    assert [(h.text, h.color, h.tag, h.start) for h in note.highlights] == [
        ("Delegation builds trust", "green", "trust", ep.text.index("Delegation builds trust"))
    ]
    assert js.read_bytes() == js_bytes  # loading rewrites nothing but a stale header
    note.body += "And a line from today.\n"
    store.save(note)
    text = md.read_text(encoding="utf-8")
    assert text.startswith(f"---\nepisode: {ep.title}\npath: show/ep01-trust.txt\n")
    assert "mood: curious\n---\n\nWritten by an earlier version.\nAnd a line" in text
    saved = json.loads(js.read_text(encoding="utf-8"))
    assert saved["version"] == 2  # moved to format 2 on its first save, its tag kept
    assert [(h["text"], h["tags"]) for h in saved["highlights"]] == [
        ("Delegation builds trust", ["trust"])
    ]
    assert sorted(p.name for p in md.parent.iterdir()) == [js.name, md.name]


def _kill_case():
    path = Path(__file__).parents[1] / "stress" / "cases_notes.py"
    spec = importlib.util.spec_from_file_location("cases_notes", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.kill_during_saves


@pytest.mark.slow
def test_kill_9_during_saves_never_splits_a_note_from_its_highlights() -> None:
    """Real processes: SIGKILL a saver at random moments; after each kill the note and its
    highlights are from one save, and no older than the last save that finished."""
    assert _kill_case()(runs=20) == []
