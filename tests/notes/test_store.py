"""Notes and highlights on disk: round trips, crashes, outside edits, renames and anchoring."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from reader import atomic
from reader.importers import import_file
from reader.model import Episode, Section, Segment
from reader.notes import (
    CONTEXT_CHARS,
    Highlight,
    Note,
    NotesStore,
    anchor,
    fingerprint,
    format_note,
    parse_note,
)

EP1 = (
    "Episode 1: Leaders Who Delegate\n\n"
    "Maya: Good leaders delegate early. Delegation builds trust, and trust builds teams.\n\n"
    "Renée: I ran a calendar audit with a client. Twelve hours came back to her.\n"
)
EP2 = (
    "Episode 2: Feedback\n\n"
    "Grace: Feedback is a gift when it is specific.\n\n"
    "Daniel: Specific feedback, delivered soon, changes behaviour.\n"
)


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


def episode(library: Path, rel: str) -> Episode:
    result = import_file(library / rel, library)
    assert isinstance(result, Episode), result
    return result


def files_in(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


# -- layout and round trips -----------------------------------------------------------------


def test_notes_folder_is_per_library_and_mirrors_the_library(
    tmp_path: Path, library: Path, store: NotesStore
) -> None:
    assert store.folder.parent == tmp_path / "data" / "notes"
    assert re.fullmatch(r"My-Library-[0-9a-f]{12}", store.folder.name)
    other = NotesStore(tmp_path / "data", tmp_path)
    assert other.folder != store.folder
    ep = episode(library, "show/ep01-trust.txt")
    assert store.note_path(ep.id) == store.folder / "show" / "ep01-trust.md"
    note = store.load(ep)
    note.body = "Mine."
    note.highlights.append(Highlight.create(ep.text, 0, 10))
    store.save(note)
    assert files_in(store.folder) == ["show/ep01-trust.highlights.json", "show/ep01-trust.md"]


def test_note_file_has_the_documented_header(library: Path, store: NotesStore) -> None:
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    note.body = "First thought.\n"
    path = store.save(note)
    assert path.read_text(encoding="utf-8") == (
        "---\n"
        f"episode: {ep.title}\n"
        "path: show/ep01-trust.txt\n"
        f"fingerprint: {fingerprint(ep)}\n"
        "---\n"
        "\n"
        "First thought.\n"
    )


@pytest.mark.parametrize(
    "body",
    [
        "Plain words.",
        "Ünïcödé ✓ — “quotes” 日本語 😀\n",
        "---\nA body that starts with a rule\n---\n",
        "---\nepisode: not the header\npath: x.txt\n---\n\nstill body\n",
        "\n\nLeading blank lines, trailing ones too\n\n\n",
        "Windows\r\nline ends\r\n",
        "  indented first line\n",
    ],
)
def test_body_round_trips_exactly_across_a_restart(
    tmp_path: Path, library: Path, store: NotesStore, body: str
) -> None:
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    note.body = body
    i = ep.text.index("Delegation builds trust")
    note.highlights.append(Highlight.create(ep.text, i, i + 23, color="green", tag="tëst"))
    store.save(note)

    restarted = NotesStore(tmp_path / "data", library)  # a new app run
    again = restarted.load(ep)
    assert again.body == body
    assert again == note
    assert again.highlights[0].text == "Delegation builds trust"


def test_highlights_file_is_versioned_pretty_json(library: Path, store: NotesStore) -> None:
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    highlight = Highlight.create(ep.text, 5, 15, color="pink", tag="idea")
    note.highlights.append(highlight)
    store.save(note)
    raw = store.highlights_path(ep.id).read_text(encoding="utf-8")
    assert raw.startswith('{\n  "version": 1,\n  "highlights": [\n')
    data = json.loads(raw)
    assert data == {"version": 1, "highlights": [highlight.to_json()]}
    assert set(data["highlights"][0]) == {
        "id", "text", "before", "after", "start", "end", "created", "color", "tag",
    }  # fmt: skip


def test_highlight_create_keeps_context_and_validates() -> None:
    text = "x" * 100 + "PASSAGE" + "y" * 100
    h = Highlight.create(text, 100, 107, color="blue", tag="t")
    assert (h.text, h.start, h.end, h.color, h.tag) == ("PASSAGE", 100, 107, "blue", "t")
    assert h.before == "x" * CONTEXT_CHARS
    assert h.after == "y" * CONTEXT_CHARS
    assert re.fullmatch(r"[0-9a-f]{32}", h.id)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", h.created)
    assert Highlight.create(text, 0, 3).before == ""
    with pytest.raises(ValueError, match="colour"):
        Highlight.create(text, 0, 3, color="purple")
    with pytest.raises(ValueError, match="no passage"):
        Highlight.create(text, 5, 5)


def test_empty_note_leaves_no_files(library: Path, store: NotesStore) -> None:
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    store.save(note)
    assert not store.folder.exists() or files_in(store.folder) == []
    note.body = "Something."
    note.highlights.append(Highlight.create(ep.text, 0, 5))
    store.save(note)
    note.body = "  \n"
    note.highlights.clear()
    store.save(note)
    assert files_in(store.folder) == []
    assert not (store.folder / "show").exists()  # no empty folders left behind


def test_highlights_without_text_still_have_a_header_file(library: Path, store: NotesStore):
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    note.highlights.append(Highlight.create(ep.text, 0, 5))
    path = store.save(note)
    fields, body = parse_note(path.read_text(encoding="utf-8"))
    assert fields is not None
    assert fields["path"] == ep.id
    assert body == ""


def test_header_parses_tolerantly_and_keeps_user_fields(library: Path, store: NotesStore):
    ep = episode(library, "show/ep01-trust.txt")
    path = store.note_path(ep.id)
    path.parent.mkdir(parents=True)
    path.write_bytes(
        b"\xef\xbb\xbf---\r\n Episode : Old title\r\ntags: leadership, trust\r\n"
        b"path: show/ep01-trust.txt\r\n---\r\nMy words.\r\n"
    )
    note = store.load(ep)
    assert note.body == "My words.\r\n"
    assert note.header_extra == {"tags": "leadership, trust"}
    assert note.title == ep.title != "Old title"  # the header is brought up to date on load
    fields, body = parse_note(path.read_bytes().decode("utf-8"))
    assert fields is not None
    assert fields["episode"] == ep.title
    assert fields["fingerprint"] == fingerprint(ep)
    assert fields["tags"] == "leadership, trust"
    assert body == "My words.\r\n"


def test_a_note_without_header_is_all_body(library: Path, store: NotesStore) -> None:
    ep = episode(library, "show/ep01-trust.txt")
    path = store.note_path(ep.id)
    path.parent.mkdir(parents=True)
    text = "---\n\nJust a rule and my notes, written by hand.\n"
    path.write_text(text, encoding="utf-8")
    assert parse_note(text) == (None, text)
    (listed,) = store.all_notes()
    assert (listed.episode_id, listed.body) == (ep.id, text)  # found by its file name
    assert store.load(ep).body == text
    fields, body = parse_note(path.read_text(encoding="utf-8"))  # now with a header
    assert fields is not None
    assert body == text


# -- crashes --------------------------------------------------------------------------------


def _saved_note(library: Path, store: NotesStore) -> tuple[Episode, Note, bytes, bytes]:
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    note.body = "The old note, which must survive.\n"
    note.highlights.append(Highlight.create(ep.text, 0, 7))
    md = store.save(note)
    return ep, note, md.read_bytes(), store.highlights_path(ep.id).read_bytes()


def test_fsync_failure_mid_write_keeps_the_old_note(
    library: Path, store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    ep, note, old_md, old_js = _saved_note(library, store)

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
    ep, note, old_md, _ = _saved_note(library, store)
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
             [Highlight(**h) for h in v["highlights"]])
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
        name: Note(episode.id, "Stress", fp, v["body"], [Highlight(**h) for h in v["highlights"]])
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
    ep, note, _, _ = _saved_note(library, store)
    folder = store.note_path(ep.id).parent
    old = folder / ".ep01-trust.md.abc123.tmp"
    new = folder / ".ep01-trust.md.def456.tmp"
    old.write_text("half", encoding="utf-8")
    new.write_text("in progress", encoding="utf-8")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    store.save(note)
    assert not old.exists()
    assert new.exists()  # may belong to a save in progress in another process


# -- outside edits ----------------------------------------------------------------------------


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
    ep, _, _, _ = _saved_note(library, store)
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


def test_damaged_highlights_file_is_kept_aside_before_it_is_replaced(
    library: Path, store: NotesStore
) -> None:
    ep, _, _, _ = _saved_note(library, store)
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


# -- renames, copies, orphans, collisions ------------------------------------------------------


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


def test_text_for_index_has_body_passages_and_tags(library: Path, store: NotesStore) -> None:
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    note.body = "  My summary.\n"
    i = ep.text.index("calendar audit")
    note.highlights.append(Highlight.create(ep.text, i, i + 14, tag="follow-up"))
    assert store.text_for_index(note) == "My summary.\n\ncalendar audit\n\nfollow-up"


# -- fingerprints and anchoring -----------------------------------------------------------------


def test_fingerprint_ignores_whitespace_but_not_words(library: Path) -> None:
    ep = episode(library, "show/ep01-trust.txt")
    assert re.fullmatch(r"b2:[0-9a-f]{32}", fingerprint(ep))
    (library / "show" / "spaced.txt").write_text(
        EP1.replace("Good leaders", "Good   leaders").replace("\n\n", "\n\n\n"), encoding="utf-8"
    )
    assert fingerprint(episode(library, "show/spaced.txt")) == fingerprint(ep)
    assert fingerprint(episode(library, "show/ep02-feedback.txt")) != fingerprint(ep)


def _highlight(text: str, passage: str, occurrence: int = 0) -> Highlight:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(passage, start + 1)
    return Highlight.create(text, start, start + len(passage))


def test_anchor_keeps_exact_offsets_when_nothing_changed() -> None:
    text = "One. Trust builds teams. Two."
    h = _highlight(text, "Trust builds teams.")
    assert anchor(h, text) == (h.start, h.end)


def test_anchor_follows_text_inserted_before_the_passage() -> None:
    old = "Intro.\n\nMaya: Delegation builds trust, and trust builds teams. Then more."
    h = _highlight(old, "Delegation builds trust")
    new = "A new introduction was added by the editor.\n\n" + old.replace("Then", "And then")
    span = anchor(h, new)
    assert span is not None
    assert new[span[0] : span[1]] == "Delegation builds trust"
    assert span[0] == h.start + len("A new introduction was added by the editor.\n\n")


def test_anchor_picks_the_occurrence_with_the_matching_context() -> None:
    old = (
        "Maya said: trust builds teams, every single time. "
        "Later Grace said: trust builds teams, but only slowly."
    )
    h = _highlight(old, "trust builds teams", occurrence=1)  # Grace's
    new = "Cold open. " + old.replace("every single time", "always")
    span = anchor(h, new)
    assert span is not None
    assert new[span[0] : span[1]] == "trust builds teams"
    assert new[span[0] - len("Grace said: ") : span[0]] == "Grace said: "


def test_anchor_does_not_trust_old_offsets_that_now_hold_the_other_occurrence() -> None:
    old = "A: we hire slowly. B: we hire slowly."
    h = _highlight(old, "we hire slowly", occurrence=1)  # B's, at offset 22
    shift = h.start - old.index("we hire slowly")
    new = "x" * shift + old  # A's occurrence now sits exactly at B's old offsets
    assert new[h.start : h.end] == "we hire slowly"
    span = anchor(h, new)
    assert span == (h.start + shift, h.end + shift)


def test_anchor_tolerates_whitespace_and_case_changes_in_the_passage() -> None:
    old = "Before. Psychological Safety came up too. After."
    h = _highlight(old, "Psychological Safety came up")
    new = "Before.  psychological\nsafety   came up too. After."
    span = anchor(h, new)
    assert span is not None
    assert new[span[0] : span[1]] == "psychological\nsafety   came up"


def test_anchor_returns_none_when_the_passage_is_gone() -> None:
    old = "Maya: Delegation builds trust. Grace: Hiring is hard."
    h = _highlight(old, "Delegation builds trust")
    assert anchor(h, "Maya: Something else entirely. Grace: Hiring is hard.") is None


def test_load_reanchors_and_keeps_highlights_that_are_not_found(
    library: Path, store: NotesStore
) -> None:
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    a = _highlight(ep.text, "trust builds teams")
    b = _highlight(ep.text, "Twelve hours came back to her.")
    note.highlights = [a, b]
    store.save(note)
    (library / "show" / "ep01-trust.txt").write_text(
        EP1.replace("Maya: Good", "Maya: Welcome back. Good").replace(
            "Twelve hours came back to her.", "She got her evenings back."
        ),
        encoding="utf-8",
    )
    reimported = episode(library, "show/ep01-trust.txt")
    again = store.load(reimported)
    moved, gone = again.highlights
    assert reimported.text[moved.start : moved.end] == "trust builds teams"
    assert moved.start == a.start + len("Welcome back. ")
    assert moved.anchored
    assert not gone.anchored
    assert (gone.start, gone.end) == (b.start, b.end)  # kept as it was
    store.save(again)
    assert len(NotesStore(store.folder.parent.parent, library).load(reimported).highlights) == 2


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
    ep, _, _, _ = _saved_note(library, store)
    js = store.highlights_path(ep.id)
    js.write_text("{not json", encoding="utf-8")
    (library / "show" / "ep01-trust.txt").write_text(EP1 + "\nA new last line.\n", "utf-8")
    note = store.load(episode(library, "show/ep01-trust.txt"))  # stale header: rewritten
    assert note.highlights == []
    assert js.read_text(encoding="utf-8") == "{not json"
    fields, _ = parse_note(store.note_path(ep.id).read_text(encoding="utf-8"))
    assert fields is not None
    assert fields["fingerprint"] == note.fingerprint


def test_highlights_whose_note_file_was_deleted_are_still_listed(
    library: Path, store: NotesStore
) -> None:
    ep, note, _, _ = _saved_note(library, store)
    store.note_path(ep.id).unlink()
    (listed,) = store.all_notes()
    assert listed.episode_id == ep.id
    assert listed.highlights == note.highlights
    assert store.load(ep).highlights == note.highlights


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
