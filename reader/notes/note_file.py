"""The two files of a note: ``ep12-title.md`` (a small header naming the episode, then the
body exactly as the user wrote it) and ``ep12-title.highlights.json``.

Reading is tolerant of hand edits (CRLF, a BOM, extra header fields, another encoding, a bare
list of highlights); writing is always the same canonical form.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.notes.model import Highlight, Note

log = logging.getLogger(__name__)

NOTE_SUFFIX = ".md"
HIGHLIGHTS_SUFFIX = ".highlights.json"
#: 1: one ``tag``. 2: ``tags``, ``comment``, ``speaker``, ``time``; unknown keys are kept.
HIGHLIGHTS_VERSION = 2
#: Header fields the app writes and keeps up to date; any others a user adds are kept as-is.
HEADER_KEYS = ("episode", "path", "fingerprint")
#: A header longer than this is not a header but the start of the user's own text.
MAX_HEADER_LINES = 40

_FIELD_RE = re.compile(r"^\s*([A-Za-z][\w-]*)\s*:\s?(.*)$")


def highlights_path(note_path: Path) -> Path:
    """The highlights file beside a note file: ``ep12.md`` -> ``ep12.highlights.json``."""
    return note_path.with_name(note_path.name.removesuffix(NOTE_SUFFIX) + HIGHLIGHTS_SUFFIX)


def _one_line(value: str) -> str:
    return " ".join(value.split())


def format_note(note: Note) -> str:
    """The ``.md`` file: header, one blank line, then the body exactly as written."""
    lines = [
        "---",
        f"episode: {_one_line(note.title)}",
        f"path: {_one_line(note.episode_id)}",
        f"fingerprint: {_one_line(note.fingerprint)}",
    ]
    for key, value in note.header_extra.items():
        if key.lower() not in HEADER_KEYS and _FIELD_RE.match(f"{key}: x"):
            lines.append(f"{key}: {_one_line(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + note.body


def parse_note(text: str) -> tuple[dict[str, str] | None, str]:
    """Split a note file into its header fields (None when it has no header) and the body.

    Tolerant of hand edits: CRLF line ends, a BOM, extra fields, spaces around keys, a missing
    blank line. A ``---`` block that is not ``key: value`` lines naming at least one of our
    fields is the user's own text, so a note without our header is all body.
    """
    text = text.removeprefix("\ufeff")
    first, newline, _ = text.partition("\n")
    if first.rstrip("\r").strip() != "---" or not newline:
        return None, text
    fields: dict[str, str] = {}
    pos = len(first) + 1
    for _ in range(MAX_HEADER_LINES):
        nl = text.find("\n", pos)
        line_end = len(text) if nl < 0 else nl
        line = text[pos:line_end].rstrip("\r")
        after_line = len(text) if nl < 0 else nl + 1
        if line.strip() == "---":
            if not any(key in HEADER_KEYS for key in (k.lower() for k in fields)):
                return None, text
            body = text[after_line:]
            if body.startswith("\r\n"):
                body = body[2:]
            elif body.startswith("\n"):
                body = body[1:]
            return fields, body
        if line.strip():
            match = _FIELD_RE.match(line)
            if match is None:
                return None, text
            fields[match.group(1)] = match.group(2).strip()
        if nl < 0:
            break
        pos = after_line
    return None, text


def header_field(fields: dict[str, str], key: str) -> str | None:
    """A header field by name, whatever its case."""
    for name, value in fields.items():
        if name.lower() == key:
            return value
    return None


@dataclass
class HighlightsFile:
    """What a highlights file holds: the highlights, the version it was written in, its
    top-level keys this version does not know, and entries that are not highlights we can
    show (no text): the last two are written back unchanged, so nothing is lost."""

    highlights: list[Highlight]
    version: int = HIGHLIGHTS_VERSION
    extra: dict[str, Any] = field(default_factory=dict)
    kept: list[Any] = field(default_factory=list)


def format_highlights(
    highlights: list[Highlight],
    extra: dict[str, Any] | None = None,
    kept: list[Any] | None = None,
) -> str:
    data: dict[str, Any] = dict(extra or {})
    data["version"] = HIGHLIGHTS_VERSION
    data["highlights"] = [h.to_json() for h in highlights] + list(kept or [])
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def read_highlights_file(data: bytes) -> HighlightsFile | None:
    """A ``.highlights.json`` file of any version (1, 2, a newer one, a bare list), or None
    if it is damaged. Format 1's ``tag`` becomes the first of ``tags``."""
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return None
    extra: dict[str, Any] = {}
    version = 1
    if isinstance(parsed, list):  # a hand-written bare list is still a list of highlights
        items = parsed
    elif isinstance(parsed, dict) and isinstance(parsed.get("highlights"), list):
        items = parsed["highlights"]
        extra = {k: v for k, v in parsed.items() if k not in ("version", "highlights")}
        found_version = parsed.get("version")
        if isinstance(found_version, int) and not isinstance(found_version, bool):
            version = found_version
    else:
        return None
    if version > HIGHLIGHTS_VERSION:
        log.info("highlights written by a newer version (%s): unknown keys are kept", version)
    highlights: list[Highlight] = []
    kept: list[Any] = []
    for item in items:
        highlight = Highlight.from_json(item)
        if highlight is None:
            kept.append(item)
        else:
            highlights.append(highlight)
    return HighlightsFile(highlights, version, extra, kept)


def parse_highlights(data: bytes) -> list[Highlight] | None:
    """The highlights in a ``.highlights.json`` file, or None if it is damaged."""
    found = read_highlights_file(data)
    return found.highlights if found is not None else None


def decode_note(data: bytes) -> tuple[str, bool]:
    """Note text, and whether it decoded cleanly (a user may save in another encoding)."""
    try:
        return data.decode("utf-8-sig"), True
    except UnicodeDecodeError:
        pass
    from reader.util.decoding import (
        DecodeError,
        decode_bytes,  # heavy imports, rarely needed
    )

    try:
        return decode_bytes(data), True
    except DecodeError:
        log.warning("a note is not readable text; showing it with replacement characters")
        return data.decode("utf-8", errors="replace"), False
