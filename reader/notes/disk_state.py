"""What a note's files looked like when a store last read or wrote them, so that an edit
made outside the app (another editor, a sync tool, another copy of the app) is noticed.

Size and mtime are checked first; when they differ, a hash of what a person wrote decides, so a
touch, a sync or another store refreshing a stale header is not taken for an edit.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from reader.notes.note_file import HEADER_KEYS, NOTE_SUFFIX, decode_note, parse_note
from reader.util import digests


@dataclass(frozen=True)
class DiskState:
    """A file as a store last saw it."""

    size: int
    mtime_ns: int
    digest: str  # of what a person wrote: see content_digest


def content_digest(path: Path, data: bytes) -> str:
    """A hash of the file's content that matters: for a note, its body and any header fields a
    person added, not the three fields the app maintains (so another store updating a stale
    header is not an "outside edit"); for a highlights file, all of it."""
    if not path.name.endswith(NOTE_SUFFIX):
        return digests.blake2b(data, digest_size=16).hexdigest()
    fields, body = parse_note(decode_note(data)[0])
    extra = sorted((k, v) for k, v in (fields or {}).items() if k.lower() not in HEADER_KEYS)
    kept = json.dumps([body, extra], ensure_ascii=False).encode("utf-8")
    return digests.blake2b(kept, digest_size=16).hexdigest()


def read_with_state(path: Path) -> tuple[bytes | None, DiskState | None]:
    """The file's bytes and state, read from one open handle (so they belong together)."""
    try:
        with path.open("rb") as handle:
            stat = os.fstat(handle.fileno())
            data = handle.read()
    except FileNotFoundError:
        return None, None
    return data, DiskState(stat.st_size, stat.st_mtime_ns, content_digest(path, data))


def unchanged(seen: DiskState | None, path: Path) -> bool:
    """Size and mtime first; the content hash when they differ (a touch, a sync, a header)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return seen is None
    if seen is None:
        return False
    if (stat.st_size, stat.st_mtime_ns) == (seen.size, seen.mtime_ns):
        return True
    _, now = read_with_state(path)
    return now is not None and now.digest == seen.digest
