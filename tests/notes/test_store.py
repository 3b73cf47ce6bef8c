"""The notes store: crashes mid-save, renamed and copied transcripts, orphans, peeking."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from reader.model import Episode, Section, Segment
from reader.notes import (
    Highlight,
    Note,
    NotesStore,
    fingerprint,
    format_note,
    parse_note,
)
from reader.util import atomic

from .sample import EP1, episode, files_in, saved_note


def test_fsync_failure_mid_write_keeps_the_old_note(
    library: Path, store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    ep, note, old_md, old_js = saved_note(library, store)

    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(atomic.os, "fsync", broken_fsync)
    note.body = "A new version that never makes it to disk."
    with pytest.raises(OSError, match="Input/output"):
        store.save(note)
    monkeypatch.undo()
    assert store.note_path(ep.id).read_bytes() == old_md
    assert store.highlights_path(ep.id).read_bytes() == old_js
    assert files_in(store.folder) == ["show/ep01-trust.highlights.json", "show/ep01-trust.md"]


def test_disk_full_half_way_through_the_write_keeps_the_old_note(
    library: Path, store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    ep, note, old_md, _ = saved_note(library, store)
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, handle) -> None:
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fdopen", lambda fd, mode: HalfWriter(real_fdopen(fd, mode)))
    note.body = "x" * 10_000
    with pytest.raises(OSError, match="No space"):
        store.save(note)
    monkeypatch.undo()
    assert store.note_path(ep.id).read_bytes() == old_md
    assert files_in(store.folder) == ["show/ep01-trust.highlights.json", "show/ep01-trust.md"]
    restarted = NotesStore(store.folder.parent.parent, library)
    assert restarted.load(ep).body == "The old note, which must survive.\n"


STRESS_CHILD = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from reader.model import Episode, Section, Segment
    from reader.notes import Highlight, Note, NotesStore

    data, library, versions_file = (Path(a) for a in sys.argv[1:4])
    versions = json.loads(versions_file.read_text(encoding="utf-8"))
    text = versions["text"]
    episode = Episode(
        id="show/ep01-stress.txt", source=library / "show/ep01-stress.txt", format="text",
        title="Stress", sections=[Section(segments=[Segment(text)])],
    )
    store = NotesStore(data, library)
    store.load(episode)
    notes = [
        Note(episode.id, "Stress", versions["fingerprint"], v["body"],
             [Highlight.from_json(h) for h in v["highlights"]])
        for v in (versions["a"], versions["b"])
    ]
    print("ready", flush=True)
    i = 0
    while True:
        store.save(notes[i % 2])
        i += 1
    """
)


@pytest.mark.slow
def test_killing_a_real_process_mid_save_never_corrupts_the_note(tmp_path: Path) -> None:
    """SIGKILL a process that saves a 200 KB note over and over, at random moments."""
    library = tmp_path / "lib"
    (library / "show").mkdir(parents=True)
    text = "Segment text about delegation and trust. " * 50
    (library / "show" / "ep01-stress.txt").write_text(text, encoding="utf-8")
    episode = Episode(
        id="show/ep01-stress.txt",
        source=library / "show/ep01-stress.txt",
        format="text",
        title="Stress",
        sections=[Section(segments=[Segment(text)])],
    )
    fp = fingerprint(episode)
    rng = random.Random(20261124)
    versions = {}
    for name, letter in (("a", "A"), ("b", "B")):
        body = "".join(f"{letter} line {i:06d} of version {name}. ✓\n" for i in range(6500))
        highlights = [
            Highlight(
                f"{letter}{i:031d}", text[i : i + 30], "", "", i, i + 30, "2026-01-01T00:00:00Z"
            )
            for i in range(0, 1500, 300 if letter == "A" else 150)
        ]
        versions[name] = {"body": body, "highlights": [h.to_json() for h in highlights]}
    assert len(versions["a"]["body"].encode()) > 200_000
    versions_file = tmp_path / "versions.json"
    versions_file.write_text(
        json.dumps({**versions, "text": text, "fingerprint": fp}), encoding="utf-8"
    )
    data = tmp_path / "data"
    store = NotesStore(data, library)
    notes = {
        name: Note(episode.id, "Stress", fp, v["body"], [_highlight(h) for h in v["highlights"]])
        for name, v in versions.items()
    }
    expected_md, expected_js = set(), set()
    for name in ("b", "a"):
        md = store.save(notes[name])
        js = store.highlights_path(episode.id)
        assert md.read_bytes() == format_note(notes[name]).encode()
        expected_md.add(md.read_bytes())
        expected_js.add(js.read_bytes())
    assert len(expected_md) == len(expected_js) == 2

    seen = set()
    stray = mid_write = 0
    started = time.monotonic()
    for _ in range(30):
        proc = subprocess.Popen(
            [sys.executable, "-c", STRESS_CHILD, str(data), str(library), str(versions_file)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.0, 0.04))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        proc.stdout.close()
        assert proc.returncode == -signal.SIGKILL

        content = md.read_bytes()
        assert content in expected_md, f"note file damaged ({len(content)} bytes)"
        assert js.read_bytes() in expected_js
        seen.add(content)
        fresh = NotesStore(data, library)
        (note,) = fresh.all_notes()  # leftover temp files are never taken for notes
        assert note.body in (versions["a"]["body"], versions["b"]["body"])
        others = [p.name for p in md.parent.iterdir() if p.name not in {md.name, js.name}]
        assert all(
            name.startswith(".") and name.endswith((".tmp", ".md.pending")) for name in others
        ), others
        mid_write += len(others) > stray  # this kill interrupted a write
        stray = len(others)
    assert len(seen) == 2, "the child never got to save the other version"
    assert time.monotonic() - started < 60
    print(f"{mid_write} of 30 kills interrupted a write")


def test_stale_temp_files_from_a_crash_are_cleaned_up(
    library: Path, store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    ep, note, _, _ = saved_note(library, store)
    folder = store.note_path(ep.id).parent
    old = folder / ".ep01-trust.md.abc123.tmp"
    new = folder / ".ep01-trust.md.def456.tmp"
    old.write_text("half", encoding="utf-8")
    new.write_text("in progress", encoding="utf-8")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    store.save(note)
    assert not old.exists()
    assert new.exists()  # may belong to a save in progress in another process


def test_damaged_highlights_file_is_kept_aside_before_it_is_replaced(
    library: Path, store: NotesStore
) -> None:
    ep, _, _, _ = saved_note(library, store)
    js = store.highlights_path(ep.id)
    js.write_text('{"version": 1, "highlights": [ {oops', encoding="utf-8")
    note = store.load(ep)
    assert note.highlights == []
    note.highlights.append(Highlight.create(ep.text, 0, 4))
    store.save(note)
    damaged = list(js.parent.glob("ep01-trust.highlights.damaged-*.json"))
    assert [p.read_text(encoding="utf-8") for p in damaged] == [
        '{"version": 1, "highlights": [ {oops'
    ]


def test_note_follows_a_renamed_and_moved_transcript(library: Path, store: NotesStore) -> None:
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    note.body = "Follow me."
    i = ep.text.index("calendar audit")
    note.highlights.append(Highlight.create(ep.text, i, i + 14, tag="audit"))
    old_md = store.save(note)
    old_js = store.highlights_path(ep.id)

    (library / "archive" / "2026").mkdir(parents=True)
    (library / "show" / "ep01-trust.txt").rename(library / "archive" / "2026" / "trust.txt")
    moved = episode(library, "archive/2026/trust.txt")

    restarted = NotesStore(store.folder.parent.parent, library)
    found = restarted.load(moved)
    assert found.body == "Follow me."
    assert [h.tag for h in found.highlights] == ["audit"]
    assert found.episode_id == "archive/2026/trust.txt"
    new_md = restarted.note_path(moved.id)
    assert new_md == restarted.folder / "archive" / "2026" / "trust.md"
    fields, _ = parse_note(new_md.read_text(encoding="utf-8"))
    assert fields is not None
    assert fields["path"] == "archive/2026/trust.txt"
    assert restarted.highlights_path(moved.id).exists()
    assert not old_md.exists()
    assert not old_js.exists()
    assert restarted.orphans({moved.id, "show/ep02-feedback.txt"}) == []


def test_a_copy_of_a_transcript_does_not_take_the_original_note(
    library: Path, store: NotesStore
) -> None:
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    note.body = "Mine."
    store.save(note)
    (library / "show" / "ep01-copy.txt").write_text(EP1, encoding="utf-8")
    copy = episode(library, "show/ep01-copy.txt")
    assert fingerprint(copy) == fingerprint(ep)
    assert store.load(copy).body == ""
    assert store.load(ep).body == "Mine."


def test_deleted_transcript_note_is_an_orphan_and_is_kept(library: Path, store: NotesStore):
    ep1 = episode(library, "show/ep01-trust.txt")
    ep2 = episode(library, "show/ep02-feedback.txt")
    for ep, body in ((ep1, "about trust"), (ep2, "about feedback")):
        note = store.load(ep)
        note.body = body
        store.save(note)
    (library / "show" / "ep01-trust.txt").unlink()
    before = files_in(store.folder)

    orphans = store.orphans({"show/ep02-feedback.txt"})
    assert [(n.episode_id, n.title, n.body) for n in orphans] == [
        ("show/ep01-trust.txt", ep1.title, "about trust")
    ]
    store.load(ep2)  # opening other episodes never touches it
    assert NotesStore(store.folder.parent.parent, library).orphans({ep2.id}) == orphans
    assert files_in(store.folder) == before


def test_edited_then_renamed_transcript_keeps_its_note(library: Path, store: NotesStore) -> None:
    """Opening an edited transcript refreshes the note's fingerprint, so a later rename works."""
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    note.body = "Still mine."
    store.save(note)
    source = library / "show" / "ep01-trust.txt"
    source.write_text(EP1.replace("Twelve hours", "Ten hours"), encoding="utf-8")
    js_before = store.highlights_path(ep.id).exists()
    store.load(episode(library, "show/ep01-trust.txt"))  # the app opens it once
    assert store.highlights_path(ep.id).exists() == js_before
    source.rename(library / "show" / "ep01-renamed.txt")
    assert store.load(episode(library, "show/ep01-renamed.txt")).body == "Still mine."


def test_refreshing_the_header_leaves_a_damaged_highlights_file_alone(
    library: Path, store: NotesStore
) -> None:
    ep, _, _, _ = saved_note(library, store)
    js = store.highlights_path(ep.id)
    js.write_text("{not json", encoding="utf-8")
    (library / "show" / "ep01-trust.txt").write_text(EP1 + "\nA new last line.\n", "utf-8")
    note = store.load(episode(library, "show/ep01-trust.txt"))  # stale header: rewritten
    assert note.highlights == []
    assert js.read_text(encoding="utf-8") == "{not json"
    fields, _ = parse_note(store.note_path(ep.id).read_text(encoding="utf-8"))
    assert fields is not None
    assert fields["fingerprint"] == note.fingerprint


def test_peek_reads_without_side_effects(library: Path, store: NotesStore) -> None:
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    note.body = "Peek at me."
    store.save(note)
    (library / "show" / "ep01-trust.txt").rename(library / "show" / "ep01-moved.txt")
    moved = episode(library, "show/ep01-moved.txt")
    before = {p: p.read_bytes() for p in store.folder.rglob("*") if p.is_file()}
    indexer = NotesStore(store.folder.parent.parent, library)
    assert indexer.peek(moved).body == ""  # not moved: only opening it in the app does that
    assert indexer.peek(ep).body == "Peek at me."
    assert {p: p.read_bytes() for p in store.folder.rglob("*") if p.is_file()} == before
    assert indexer.changed_on_disk(ep.id)  # peeking is not loading


def _highlight(data: dict) -> Highlight:
    found = Highlight.from_json(data)
    assert found is not None
    return found
