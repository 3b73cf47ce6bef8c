"""Write a note and its highlights so that after a crash both are from the same save.

Each file is replaced atomically (``reader.util.atomic``), but a save changes two files, and a crash
between the two replaces left a note one save newer than its highlights. So when a save
changes both, it first writes one hidden journal beside them (``.ep12-title.md.pending``:
the new content of both, and a digest of what each held before), then replaces the two files,
then deletes the journal. Whoever next opens the note and finds a journal finishes that save
(``recover``); a reader that must not write sees the journal's pair (``pending_view``). A file
changed by someone else since the crash (neither the old nor the new content) is never
overwritten: the journal's version is kept as conflict copies beside it.

Why a journal rather than the alternatives: the note and highlights stay the same two plain
files, in the same formats, that users open, edit, sync and back up, and that older versions
of the app read unchanged. A revision number written into both files would only detect a
mismatch, not repair it (the other half of the newer save is gone), and would add a field users
see and can break by hand. An atomic swap of a folder per note would change the layout users
know and is not one atomic step on every file system. The journal is short-lived (it exists for
the milliseconds of a save, or until the next open after a crash), and a save that changes only
one of the files (typing, the common case) needs none: one atomic replace keeps the pair whole.

No Qt here.
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from reader.util import digests
from reader.util.atomic import atomic_write_bytes

log = logging.getLogger(__name__)

PENDING_VERSION = 1


@dataclass(frozen=True)
class _Pending:
    """One save in progress: the new content of both files and a digest of the old."""

    note: bytes | None
    highlights: bytes | None
    note_before: str | None
    highlights_before: str | None


def pending_path(md: Path) -> Path:
    return md.with_name(f".{md.name}.pending")


def stamp() -> str:
    """The time in a conflict copy's name, ``20261124-010203`` (UTC)."""
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S")


def free_name(path: Path) -> Path:
    """``path``, or ``name-2.ext``, ``name-3.ext``… whichever does not exist yet."""
    candidate, n = path, 2
    while candidate.exists():
        head, dot, ext = path.name.rpartition(".")
        candidate = path.with_name(f"{head}-{n}{dot}{ext}")
        n += 1
    return candidate


def keep_copy(md: Path, data: bytes, highlights: bool = False) -> Path:
    """Keep ``data`` beside the note ``md`` as a conflict copy of the note or its highlights:
    ``ep12.conflict-20261124-010203.md``, ``ep12.highlights.conflict-20261124-010203.json``."""
    stem = md.name.removesuffix(".md")
    kind, ext = (".highlights", ".json") if highlights else ("", ".md")
    copy = free_name(md.with_name(f"{stem}{kind}.conflict-{stamp()}{ext}"))
    atomic_write_bytes(copy, data)
    return copy


def _digest(data: bytes | None) -> str | None:
    return None if data is None else digests.blake2b(data, digest_size=16).hexdigest()


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _put(path: Path, data: bytes | None, old: bytes | None) -> None:
    """Replace ``path`` (holding ``old``) with ``data`` atomically; None removes it."""
    if data is None:
        path.unlink(missing_ok=True)
    elif data != old:
        atomic_write_bytes(path, data)


def write_pair(md: Path, note: bytes | None, js: Path, highlights: bytes | None) -> None:
    """Replace the note file and its highlights file (None removes one) as one save."""
    old_note, old_highlights = _read(md), _read(js)
    journal = pending_path(md)
    if old_note == note or old_highlights == highlights:
        _put(md, note, old_note)  # one file changes: its atomic replace keeps the pair whole
        _put(js, highlights, old_highlights)
        journal.unlink(missing_ok=True)  # recovered before this save (see ``recover``)
        return
    record = {
        "version": PENDING_VERSION,
        "note": None if note is None else note.decode("utf-8"),
        "highlights": None if highlights is None else highlights.decode("utf-8"),
        "note_before": _digest(old_note),
        "highlights_before": _digest(old_highlights),
    }
    atomic_write_bytes(journal, json.dumps(record, ensure_ascii=False).encode("utf-8"))
    try:
        _put(md, note, old_note)
        _put(js, highlights, old_highlights)
    except OSError:  # a full disk, an I/O error: put the old pair back if we can
        with contextlib.suppress(OSError):
            _put(md, old_note, _read(md))
            _put(js, old_highlights, _read(js))
            journal.unlink()  # only once both are back; else the next open finishes the save
        raise
    journal.unlink(missing_ok=True)


def _pending(md: Path) -> _Pending | None:
    data = _read(pending_path(md))
    if data is None:
        return None
    try:
        record = json.loads(data.decode("utf-8"))
        if not isinstance(record, dict) or record.get("version") != PENDING_VERSION:
            raise ValueError("not a pending save we know")
        note, highlights = record["note"], record["highlights"]
        return _Pending(
            None if note is None else note.encode("utf-8"),
            None if highlights is None else highlights.encode("utf-8"),
            record["note_before"],
            record["highlights_before"],
        )
    except (KeyError, AttributeError, UnicodeError, ValueError) as exc:
        # Written atomically, so it is never half-written: this is someone else's file.
        log.warning("ignoring %s: %s", pending_path(md), exc)
        return None


def _state(pending: _Pending, note: bytes | None, highlights: bytes | None) -> str:
    """Whether the save is "done", "todo" (each file holds its old or its new content) or
    "changed" (someone else wrote one since)."""
    if note == pending.note and highlights == pending.highlights:
        return "done"
    ours_note = note == pending.note or _digest(note) == pending.note_before
    ours_highlights = (
        highlights == pending.highlights or _digest(highlights) == pending.highlights_before
    )
    return "todo" if ours_note and ours_highlights else "changed"


def pending_view(md: Path, js: Path) -> tuple[bytes | None, bytes | None] | None:
    """The note and highlights of a save in progress or cut short, without writing anything;
    None when the files on disk are the pair to read."""
    pending = _pending(md)
    if pending is None or _state(pending, _read(md), _read(js)) == "changed":
        return None
    return pending.note, pending.highlights


def recover(md: Path, js: Path) -> list[Path]:
    """Finish a save a crash cut short; returns conflict copies made (if the files changed
    since, they are left as they are and the cut-short save is kept beside them)."""
    pending = _pending(md)
    if pending is None:
        return []
    note, highlights = _read(md), _read(js)
    copies: list[Path] = []
    state = _state(pending, note, highlights)
    if state == "todo":
        log.warning("finishing the save of %s that was interrupted", md)
        _put(md, pending.note, note)
        _put(js, pending.highlights, highlights)
    elif state == "changed":
        if pending.highlights is not None and pending.highlights != highlights:
            copies.append(keep_copy(md, pending.highlights, highlights=True))
        if pending.note is not None and pending.note != note:
            copies.append(keep_copy(md, pending.note))
        log.warning("%s changed after an interrupted save; kept that save as %s", md, copies)
    with contextlib.suppress(FileNotFoundError):
        pending_path(md).unlink()
    return copies
