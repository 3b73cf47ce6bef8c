"""Notes and highlights: the user's own words, kept as plain files the user owns.

One library's notes live in ``<data>/notes/<library-name>-<12 hex>/``, mirroring the library:
``show/ep12-title.txt`` has its note in ``show/ep12-title.md`` (Markdown with a small header
naming the episode) and its highlights in ``show/ep12-title.highlights.json``. Every write is
atomic (temp file, fsync, replace), so a crash leaves either the old or the new file, never a
half-written or empty one. An outside edit is detected and never silently overwritten (a
conflict copy keeps it), and notes follow their transcript when it is renamed or moved inside
the library, matched by a fingerprint of its text. Nothing here deletes a note that has text.

No Qt here: the window, the CLI (``export-notes``) and the tests all use this module directly.
"""

from __future__ import annotations

import bisect
import contextlib
import difflib
import functools
import hashlib
import json
import logging
import os
import re
import threading
import time
import unicodedata
import uuid
from array import array
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from reader.atomic import atomic_write_bytes
from reader.library import TRANSCRIPT_SUFFIXES
from reader.model import Episode
from reader.notes import pair as note_pair
from reader.notes.pair import free_name, keep_copy, stamp
from reader.pathnames import library_file

log = logging.getLogger(__name__)

HIGHLIGHT_COLORS = ("yellow", "green", "blue", "pink")
#: Characters of transcript text kept on each side of a highlight, to find it again later.
CONTEXT_CHARS = 40
HIGHLIGHTS_VERSION = 1
NOTE_SUFFIX = ".md"
HIGHLIGHTS_SUFFIX = ".highlights.json"
#: Header fields the app writes and keeps up to date; any others a user adds are kept as-is.
HEADER_KEYS = ("episode", "path", "fingerprint")
#: A header longer than this is not a header but the start of the user's own text.
MAX_HEADER_LINES = 40
#: Our temp files older than this are left over from a crash and are removed on the next save
#: (a live write takes milliseconds, so this never races another process's save).
STALE_TEMP_SECONDS = 600
#: Occurrences of a passage compared closely by context (short passages can occur thousands
#: of times; the rest are ranked by a cheap exact-context score first).
_SHORTLIST = 64

_FIELD_RE = re.compile(r"^\s*([A-Za-z][\w-]*)\s*:\s?(.*)$")
_CONFLICT_RE = re.compile(r"\.conflict-\d{8}-\d{6}(?:-\d+)?\.md$")
_FOLD_CHARS = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"}
)


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _iso_now() -> str:
    return _utc_now().strftime("%Y-%m-%dT%H:%M:%SZ")


# -- highlights ---------------------------------------------------------------------------


@dataclass
class Highlight:
    """A passage the user marked; ``before``/``after`` let us find it again after edits."""

    id: str
    text: str
    before: str
    after: str
    start: int
    end: int
    created: str
    color: str = "yellow"
    tag: str = ""
    #: False when the last ``anchor()`` could not find the passage (kept, shown as not found).
    #: Runtime state only: not saved, not compared.
    anchored: bool = field(default=True, compare=False)

    @classmethod
    def create(
        cls,
        text_of_episode: str,
        start: int,
        end: int,
        color: str = "yellow",
        tag: str = "",
    ) -> Highlight:
        """A new highlight of ``text_of_episode[start:end]`` with its surrounding context."""
        if not 0 <= start < end <= len(text_of_episode):
            raise ValueError(f"no passage at [{start}, {end}) in a text of {len(text_of_episode)}")
        if color not in HIGHLIGHT_COLORS:
            raise ValueError(f"unknown colour {color!r}; choose one of {HIGHLIGHT_COLORS}")
        return cls(
            id=uuid.uuid4().hex,
            text=text_of_episode[start:end],
            before=text_of_episode[max(0, start - CONTEXT_CHARS) : start],
            after=text_of_episode[end : end + CONTEXT_CHARS],
            start=start,
            end=end,
            created=_iso_now(),
            color=color,
            tag=tag,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "before": self.before,
            "after": self.after,
            "start": self.start,
            "end": self.end,
            "created": self.created,
            "color": self.color,
            "tag": self.tag,
        }

    @classmethod
    def from_json(cls, data: object) -> Highlight | None:
        """Tolerant: a hand-edited entry with odd fields still loads; one without text does not."""
        if not isinstance(data, dict) or not isinstance(data.get("text"), str) or not data["text"]:
            return None

        def text_field(name: str, default: str = "") -> str:
            value = data.get(name)
            return value if isinstance(value, str) else default

        def int_field(name: str, default: int) -> int:
            value = data.get(name)
            return value if isinstance(value, int) and not isinstance(value, bool) else default

        start = max(0, int_field("start", 0))
        color = text_field("color", "yellow")
        return cls(
            id=text_field("id") or uuid.uuid4().hex,
            text=data["text"],
            before=text_field("before"),
            after=text_field("after"),
            start=start,
            end=max(start, int_field("end", start + len(data["text"]))),
            created=text_field("created"),
            color=color if color in HIGHLIGHT_COLORS else "yellow",
            tag=text_field("tag"),
        )


@dataclass
class Note:
    """One episode's note: the Markdown body the user wrote, and its highlights."""

    episode_id: str
    title: str
    fingerprint: str
    body: str = ""
    highlights: list[Highlight] = field(default_factory=list)
    #: Header fields a user added by hand (kept and written back, in order).
    header_extra: dict[str, str] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        """Nothing worth a file: no text, no highlights, no fields the user added."""
        return not self.body.strip() and not self.highlights and not self.header_extra


# -- fingerprints and anchoring ------------------------------------------------------------


def text_fingerprint(text: str) -> str:
    """A hash of ``text`` that ignores whitespace changes and Unicode normal forms."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return "b2:" + hashlib.blake2b(normal.encode("utf-8"), digest_size=16).hexdigest()


def fingerprint(episode: Episode) -> str:
    """What identifies a transcript across renames and moves: its text, not its file name."""
    return text_fingerprint(episode.text)


def _find_all(haystack: str, needle: str) -> list[int]:
    found, pos = [], haystack.find(needle)
    while pos >= 0:
        found.append(pos)
        pos = haystack.find(needle, pos + 1)
    return found


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _matched_chars(a: str, b: str) -> int:
    if not a or not b:
        return 0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def _best_occurrence(
    text: str, starts: list[int], length: int, before: str, after: str, old_start: int
) -> int:
    """The occurrence whose surroundings best match ``before``/``after``; ties: nearest."""

    def around(start: int) -> tuple[str, str]:
        return text[max(0, start - len(before)) : start], text[start + length :][: len(after)]

    def cheap(start: int) -> tuple[int, int]:
        b, a = around(start)
        return _common_suffix(before, b) + _common_prefix(after, a), -abs(start - old_start)

    shortlist = sorted(starts, key=cheap, reverse=True)[:_SHORTLIST]

    def close(start: int) -> tuple[int, int, int]:
        b, a = around(start)
        return _matched_chars(before, b) + _matched_chars(after, a), *cheap(start)

    return max(shortlist, key=close)


@functools.lru_cache(maxsize=4)
def _fold(text: str) -> tuple[str, array[int]]:
    """``text`` with whitespace runs as one space, case folded and typographic quotes and dashes
    made plain, and for each character of the result the index it came from in ``text``
    (an array: a transcript of a million characters must not cost a million int objects)."""
    out: list[str] = []
    origin = array("q")
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space:
                out.append(" ")
                origin.append(i)
            in_space = True
            continue
        in_space = False
        for folded in ch.casefold().translate(_FOLD_CHARS):
            out.append(folded)
            origin.append(i)
    return "".join(out), origin


def anchor(highlight: Highlight, text: str) -> tuple[int, int] | None:
    """Where ``highlight`` stands in ``text`` (maybe a re-imported, slightly edited transcript).

    In order: the old offsets when the passage and its context are still there; else, of every
    exact occurrence of the passage, the one whose surroundings best match the saved context
    (ties: the one nearest the old position; the old offsets win a tie); else the same with
    whitespace, case, curly quotes and dashes ignored; else None (the caller keeps the
    highlight and reports it as not found).
    """
    passage, before, after = highlight.text, highlight.before, highlight.after
    start, end = highlight.start, highlight.end
    if not passage:
        return None
    if 0 <= start <= end <= len(text) and text[start:end] == passage:
        b = text[max(0, start - len(before)) : start]
        a = text[end : end + len(after)]
        if b == before and a == after:
            return start, end  # the usual case: nothing moved
    starts = _find_all(text, passage)
    if starts:
        best = _best_occurrence(text, starts, len(passage), before, after, start)
        return best, best + len(passage)
    folded_text, origin = _fold(text)
    folded_passage = _fold(passage)[0].strip()
    if not folded_passage:
        return None
    starts = _find_all(folded_text, folded_passage)
    if not starts:
        return None
    folded_before, folded_after = _fold(before)[0], _fold(after)[0]
    near = bisect.bisect_left(origin, start)  # the old start, in folded positions
    best = _best_occurrence(
        folded_text, starts, len(folded_passage), folded_before, folded_after, near
    )
    return origin[best], origin[best + len(folded_passage) - 1] + 1


# -- the note file -------------------------------------------------------------------------


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


def _field(fields: dict[str, str], key: str) -> str | None:
    for name, value in fields.items():
        if name.lower() == key:
            return value
    return None


def format_highlights(highlights: list[Highlight]) -> str:
    data = {"version": HIGHLIGHTS_VERSION, "highlights": [h.to_json() for h in highlights]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def parse_highlights(data: bytes) -> list[Highlight] | None:
    """The highlights in a ``.highlights.json`` file, or None if it is damaged."""
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return None
    if isinstance(parsed, list):  # a hand-written bare list is still a list of highlights
        items = parsed
    elif isinstance(parsed, dict) and isinstance(parsed.get("highlights"), list):
        items = parsed["highlights"]
    else:
        return None
    found = [Highlight.from_json(item) for item in items]
    return [h for h in found if h is not None]


def _decode(data: bytes) -> tuple[str, bool]:
    """Note text, and whether it decoded cleanly (a user may save in another encoding)."""
    try:
        return data.decode("utf-8-sig"), True
    except UnicodeDecodeError:
        pass
    from reader.decoding import DecodeError, decode_bytes  # heavy imports, rarely needed

    try:
        return decode_bytes(data), True
    except DecodeError:
        log.warning("a note is not readable text; showing it with replacement characters")
        return data.decode("utf-8", errors="replace"), False


# -- on-disk state, to notice outside edits ------------------------------------------------


@dataclass(frozen=True)
class _FileState:
    size: int
    mtime_ns: int
    digest: str  # of what a person wrote: see _content_digest


def _content_digest(path: Path, data: bytes) -> str:
    """A hash of the file's content that matters: for a note, its body and any header fields a
    person added, not the three fields the app maintains (so another store updating a stale
    header is not an "outside edit"); for a highlights file, all of it."""
    if not path.name.endswith(NOTE_SUFFIX):
        return hashlib.blake2b(data, digest_size=16).hexdigest()
    fields, body = parse_note(_decode(data)[0])
    extra = sorted((k, v) for k, v in (fields or {}).items() if k.lower() not in HEADER_KEYS)
    kept = json.dumps([body, extra], ensure_ascii=False).encode("utf-8")
    return hashlib.blake2b(kept, digest_size=16).hexdigest()


def _read(path: Path) -> tuple[bytes | None, _FileState | None]:
    """The file's bytes and state, read from one open handle (so they belong together)."""
    try:
        with path.open("rb") as handle:
            stat = os.fstat(handle.fileno())
            data = handle.read()
    except FileNotFoundError:
        return None, None
    return data, _FileState(stat.st_size, stat.st_mtime_ns, _content_digest(path, data))


def _unchanged(seen: _FileState | None, path: Path) -> bool:
    """Size and mtime first; the content hash when they differ (a touch, a sync, a header)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return seen is None
    if seen is None:
        return False
    if (stat.st_size, stat.st_mtime_ns) == (seen.size, seen.mtime_ns):
        return True
    _, now = _read(path)
    return now is not None and now.digest == seen.digest


# -- the store -----------------------------------------------------------------------------


def notes_folder(data_dir: Path, library: Path) -> Path:
    """Where ``library``'s notes live: one folder per library, named so people can tell."""
    resolved = library.resolve()
    key = hashlib.sha1(str(resolved).encode("utf-8", "surrogateescape")).hexdigest()[:12]
    slug = re.sub(r"[^\w-]+", "-", resolved.name).strip("-")[:40] or "library"
    return data_dir / "notes" / f"{slug}-{key}"


def _highlights_path(note_path: Path) -> Path:
    return note_path.with_name(note_path.name.removesuffix(NOTE_SUFFIX) + HIGHLIGHTS_SUFFIX)


class IndexedNotes:
    """What the search index holds of each episode's note: ``LibraryIndex.notes_source``.

    A class rather than a closure so indexing processes can be given it: each makes its own
    read-only store on first use.
    """

    def __init__(self, data_dir: Path, library: Path) -> None:
        self.data_dir = Path(data_dir)
        self.library = Path(library)
        self._store: NotesStore | None = None

    def __getstate__(self) -> dict:
        return {"data_dir": self.data_dir, "library": self.library}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["data_dir"], state["library"])

    def __call__(self, episode: Episode) -> str:
        if self._store is None:
            self._store = NotesStore(self.data_dir, self.library)
        try:
            return self._store.text_for_index(self._store.peek(episode))
        except (OSError, ValueError):  # one episode's notes must not stop the whole sync
            log.exception("cannot read the notes of %s", episode.id)
            return ""


class NotesStore:
    """The notes and highlights of one library, as plain files in the user data folder.

    The store remembers what each note file looked like when it last read or wrote it, so an
    edit made outside the app is noticed (``changed_on_disk``) and never overwritten: ``save``
    keeps such an edit as a conflict copy (and sets ``last_conflict``) rather than lose it.
    """

    def __init__(self, data_dir: Path, library: Path) -> None:
        self.library = Path(library).resolve()
        self.folder = notes_folder(Path(data_dir), self.library)
        #: The conflict copy the last ``save`` had to make, or None (tell the user).
        self.last_conflict: Path | None = None
        self._seen: dict[Path, tuple[_FileState | None, _FileState | None]] = {}
        self._headers: dict[Path, tuple[tuple[int, int], dict[str, str] | None]] = {}
        self._lock = threading.RLock()

    # -- where notes live ------------------------------------------------------------------
    def _relative(self, episode_id: str) -> PurePosixPath:
        rel = PurePosixPath(episode_id)
        windows_separator = os.sep == "\\" and "\\" in episode_id  # elsewhere: part of a name
        if rel.is_absolute() or ".." in rel.parts or not rel.name or windows_separator:
            raise ValueError(f"not a library-relative path: {episode_id!r}")
        return rel

    def _primary(self, episode_id: str) -> Path:
        rel = self._relative(episode_id)
        stem = rel.stem if rel.suffix else rel.name
        return self.folder.joinpath(*rel.parent.parts, stem + NOTE_SUFFIX)

    def _alternate(self, episode_id: str) -> Path:
        """For a second transcript with the same stem (``ep1.txt`` and ``ep1.srt``)."""
        rel = self._relative(episode_id)
        return self.folder.joinpath(*rel.parent.parts, rel.name + NOTE_SUFFIX)

    def note_path(self, episode_id: str) -> Path:
        """``show/ep12-title.txt`` -> ``<folder>/show/ep12-title.md``.

        If that file already belongs to another transcript with the same stem (its header names
        another path), the note is ``show/ep12-title.txt.md`` instead, so no note overwrites
        another one.
        """
        primary, alternate = self._primary(episode_id), self._alternate(episode_id)
        if alternate != primary and alternate.exists():
            return alternate
        owner = self._owner(primary)
        if owner is None or owner.casefold() == episode_id.casefold():
            return primary
        return alternate

    def highlights_path(self, episode_id: str) -> Path:
        return _highlights_path(self.note_path(episode_id))

    def _header(self, md: Path) -> dict[str, str] | None:
        """The header of a note file (cached by size and mtime; scans read many of them)."""
        try:
            stat = md.stat()
        except OSError:
            return None
        key = (stat.st_size, stat.st_mtime_ns)
        cached = self._headers.get(md)
        if cached is not None and cached[0] == key:
            return cached[1]
        try:
            fields = parse_note(_decode(md.read_bytes())[0])[0]
        except OSError:
            return None
        self._headers[md] = (key, fields)
        return fields

    def _owner(self, md: Path) -> str | None:
        fields = self._header(md)
        return _field(fields, "path") if fields else None

    def _transcript_exists(self, episode_id: str) -> bool:
        try:
            return library_file(self.library, str(self._relative(episode_id))).is_file()
        except (ValueError, OSError):
            return False

    def _id_from_location(self, md: Path) -> str:
        """A headerless note belongs to the transcript its file name mirrors, if there is one."""
        rel = md.relative_to(self.folder).as_posix().removesuffix(NOTE_SUFFIX)
        if self._transcript_exists(rel):
            return rel  # an alternate name, "ep1.srt.md"
        for suffix in sorted(TRANSCRIPT_SUFFIXES):
            if self._transcript_exists(rel + suffix):
                return rel + suffix
        return rel

    # -- reading ---------------------------------------------------------------------------
    def _read_note(self, md: Path, episode_id: str | None, record: bool) -> tuple[Note, bool]:
        """The note in ``md`` (and its highlights file); also whether it decoded cleanly."""
        md_data, md_state = _read(md)
        js = _highlights_path(md)
        js_data, js_state = _read(js)
        if not record:  # a save in progress elsewhere, or cut short: its pair, not half of it
            md_data, js_data = note_pair.pending_view(md, js) or (md_data, js_data)
        clean = True
        fields: dict[str, str] | None = None
        body = ""
        if md_data is not None:
            text, clean = _decode(md_data)
            fields, body = parse_note(text)
        fields = fields or {}
        highlights: list[Highlight] = []
        if js_data is not None:
            parsed = parse_highlights(js_data)
            if parsed is None:
                log.warning("%s is damaged; its highlights are not shown (kept on save)", js)
            else:
                highlights = parsed
        if episode_id is None:
            episode_id = _field(fields, "path") or self._id_from_location(md)
        title = _field(fields, "episode") or PurePosixPath(episode_id).stem
        extra = {k: v for k, v in fields.items() if k.lower() not in HEADER_KEYS}
        note = Note(
            episode_id=episode_id,
            title=title,
            fingerprint=_field(fields, "fingerprint") or "",
            body=body,
            highlights=highlights,
            header_extra=extra,
        )
        if record:
            self._seen[md] = (md_state, js_state)
        return note, clean

    def load(self, episode: Episode) -> Note:
        """The note for ``episode`` (an empty one if none), re-anchored to its current text.

        A note whose transcript was renamed or moved inside the library is found by its
        fingerprint and moved along. A stale header (new title, path or fingerprint) is brought
        up to date on disk, so later renames are still recognised.
        """
        return self._load(episode, adopt=True)

    def peek(self, episode: Episode) -> Note:
        """The note as it is on disk, with no side effects: nothing is moved or rewritten, and
        it does not count as loading it. For the search indexer (another thread, another
        store); highlight offsets are as saved."""
        with self._lock:
            md = self.note_path(episode.id)
            if md.exists() or _highlights_path(md).exists() or note_pair.pending_path(md).exists():
                return self._read_note(md, episode.id, record=False)[0]
            return Note(episode.id, episode.title, fingerprint(episode))

    def reload(self, episode: Episode) -> Note:
        """Read the note again after an outside edit (when the app has no unsaved edits)."""
        return self._load(episode, adopt=False)

    def _load(self, episode: Episode, adopt: bool) -> Note:
        with self._lock:
            md = self.note_path(episode.id)
            note_pair.recover(md, _highlights_path(md))
            current = fingerprint(episode)
            if md.exists() or _highlights_path(md).exists():
                note, clean = self._read_note(md, episode.id, record=True)
                stale = (self._owner(md), note.title, note.fingerprint) != (
                    episode.id,
                    episode.title,
                    current,
                )
                note.title, note.fingerprint = episode.title, current
                if clean and stale and not note.is_empty and md.exists():
                    self._refresh_header(note, md)
            else:
                found = self._adopt(episode, current) if adopt else None
                if found is None:
                    self._seen[md] = (None, None)
                    found = Note(episode.id, episode.title, current)
                note = found
            self.reanchor(note, episode.text)
            return note

    def _refresh_header(self, note: Note, md: Path) -> None:
        """Keep the header naming the episode as it is now (its highlights file untouched)."""
        atomic_write_bytes(md, format_note(note).encode("utf-8"))
        seen = self._seen.get(md)
        self._seen[md] = (_read(md)[1], seen[1] if seen else _read(_highlights_path(md))[1])

    def reanchor(self, note: Note, text: str) -> list[Highlight]:
        """Update each highlight's offsets for ``text``; returns those not found (kept)."""
        missing = []
        for highlight in note.highlights:
            span = anchor(highlight, text)
            highlight.anchored = span is not None
            if span is None:
                missing.append(highlight)
            else:
                highlight.start, highlight.end = span
        if missing:
            log.info("%d highlight(s) of %s not found in its text", len(missing), note.episode_id)
        return missing

    def _adopt(self, episode: Episode, current: str) -> Note | None:
        """Move the note of a transcript that was renamed or moved here (same fingerprint).

        Only a note whose own transcript is gone: a copy of a transcript must not take the
        original's note away.
        """
        if not episode.text.strip():
            return None
        candidates = []
        for md in self._note_files():
            fields = self._header(md)
            if not fields or _field(fields, "fingerprint") != current:
                continue
            old_id = _field(fields, "path")
            if not old_id or old_id == episode.id or self._transcript_exists(old_id):
                continue
            with contextlib.suppress(OSError):
                candidates.append((md.stat().st_mtime_ns, md))
        if not candidates:
            return None
        old_md = max(candidates)[1]
        note, _ = self._read_note(old_md, None, record=False)
        old_id = note.episode_id
        note.episode_id, note.title, note.fingerprint = episode.id, episode.title, current
        primary = self._primary(episode.id)
        target = primary if old_md == primary else self.note_path(episode.id)
        self._write(note, target)  # the new copy first: a crash now leaves two, never none
        if target != old_md:
            for path in (_highlights_path(old_md), old_md):
                path.unlink(missing_ok=True)
            self._seen.pop(old_md, None)
            self._prune_empty_folders(old_md.parent)
        log.info("note of %s follows its transcript to %s", old_id, episode.id)
        return note

    def _files(self, suffix: str) -> list[Path]:
        """Files ending in ``suffix`` below the notes folder (no hidden ones), sorted."""
        found: list[Path] = []
        if not self.folder.is_dir():
            return found
        for dirpath, dirnames, filenames in os.walk(self.folder):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            found += [
                Path(dirpath, name)
                for name in sorted(filenames)
                if not name.startswith(".") and name.endswith(suffix)
            ]
        return found

    def _note_files(self) -> list[Path]:
        """Every note ``.md`` file (not conflict copies, hidden or temp files), sorted."""
        return [p for p in self._files(NOTE_SUFFIX) if not _CONFLICT_RE.search(p.name)]

    def _orphan_highlight_files(self) -> list[Path]:
        """Highlights files without a note file beside them (the note file was deleted)."""
        notes = (
            p.with_name(p.name.removesuffix(HIGHLIGHTS_SUFFIX) + NOTE_SUFFIX)
            for p in self._files(HIGHLIGHTS_SUFFIX)
        )
        return [md for md in notes if not md.exists()]

    def all_notes(self) -> list[Note]:
        """Every note of this library, by path. Reading them does not count as "loading"."""
        with self._lock:
            notes = []
            for md in sorted(self._note_files() + self._orphan_highlight_files()):
                try:
                    note, _ = self._read_note(md, None, record=False)
                except OSError as exc:
                    log.warning("skipping note %s: %s", md, exc.strerror or exc)
                    continue
                notes.append(note)
            return sorted(notes, key=lambda n: n.episode_id.casefold())

    def orphans(self, library_ids: set[str]) -> list[Note]:
        """Notes whose transcript is not in the library any more. Listed, never deleted."""
        return [note for note in self.all_notes() if note.episode_id not in library_ids]

    def text_for_index(self, note: Note) -> str:
        """What the search index holds for a note: the body, highlighted passages and tags."""
        parts = [note.body.strip()]
        parts += [h.text for h in note.highlights]
        parts += [h.tag for h in note.highlights if h.tag]
        return "\n\n".join(part for part in parts if part)

    # -- writing ---------------------------------------------------------------------------
    def changed_on_disk(self, episode_id: str) -> bool:
        """Whether the note's files changed since this store last read or wrote them.

        A note file this store never read counts as changed if it exists.
        """
        with self._lock:
            md = self.note_path(episode_id)
            seen = self._seen.get(md)
            if seen is None:
                return md.exists() or _highlights_path(md).exists()
            return not (_unchanged(seen[0], md) and _unchanged(seen[1], _highlights_path(md)))

    def save(self, note: Note) -> Path:
        """Write the note and its highlights atomically; returns the note file's path.

        An empty note (no text, no highlights) removes both files. If the files were changed
        outside the app since we read them, that version is kept as a conflict copy first
        (``last_conflict``), so no one's words are lost.
        """
        with self._lock:
            self.last_conflict = None
            md = self.note_path(note.episode_id)
            note_pair.recover(md, _highlights_path(md))  # a crash's save counts as on disk
            if self.changed_on_disk(note.episode_id):
                self.last_conflict = self._keep_disk_version(note, md)
                if self.last_conflict is not None:
                    log.warning(
                        "%s was changed outside the app; kept that version as %s",
                        md,
                        self.last_conflict,
                    )
            self._write(note, md)
            return md

    def resolve_conflict(self, note: Note) -> Path:
        """Keep both: copy the outside version to a conflict copy, then save ``note``.

        Returns the conflict copy (``ep12-title.conflict-20261124-010203.md``), or the note's
        own path when the files on disk hold nothing different to keep.
        """
        with self._lock:
            self.last_conflict = None
            md = self.note_path(note.episode_id)
            note_pair.recover(md, _highlights_path(md))
            copy = self._keep_disk_version(note, md)
            self._write(note, md)
            self.last_conflict = copy
            return copy or md

    def _keep_disk_version(self, note: Note, md: Path) -> Path | None:
        """Copy whatever on disk differs from ``note`` to conflict copies; the ``.md`` copy's
        path (or the highlights copy's, if only they differ)."""
        js = _highlights_path(md)
        md_data, _ = _read(md)
        js_data, _ = _read(js)
        empty = note.is_empty
        want_md = None if empty else format_note(note).encode("utf-8")
        want_js = None if empty or not note.highlights else format_highlights(note.highlights)
        want_js_bytes = want_js.encode("utf-8") if want_js is not None else None
        kept: Path | None = None
        if js_data is not None and js_data != want_js_bytes:
            kept = keep_copy(md, js_data, highlights=True)
        if md_data is not None and md_data != want_md:
            kept = keep_copy(md, md_data)
        return kept

    def _write(self, note: Note, md: Path) -> None:
        """Both files as one save (``reader.notes.pair``); an empty note removes both."""
        js = _highlights_path(md)
        self._keep_if_damaged(js)
        empty = note.is_empty
        md_data = None if empty else format_note(note).encode("utf-8")
        js_text = format_highlights(note.highlights) if note.highlights and not empty else None
        note_pair.write_pair(md, md_data, js, js_text.encode("utf-8") if js_text else None)
        self._seen[md] = (_read(md)[1], _read(js)[1])
        if empty:
            self._prune_empty_folders(md.parent)
        else:
            self._remove_stale_temp_files(md.parent)

    def _keep_if_damaged(self, js: Path) -> None:
        """A highlights file we could not read is copied aside before it is replaced."""
        data, _ = _read(js)
        if data is None or parse_highlights(data) is not None:
            return
        stem = js.name.removesuffix(HIGHLIGHTS_SUFFIX)
        copy = free_name(js.with_name(f"{stem}.highlights.damaged-{stamp()}.json"))
        atomic_write_bytes(copy, data)
        log.warning("%s could not be read; kept it as %s", js, copy)

    def _remove_stale_temp_files(self, folder: Path) -> None:
        """Temp files a killed process left behind (hidden ``.name.xxxx.tmp``), once old."""
        cutoff = time.time() - STALE_TEMP_SECONDS
        with contextlib.suppress(OSError):
            for path in folder.glob(".*.tmp"):
                with contextlib.suppress(OSError):
                    if path.stat().st_mtime < cutoff:
                        path.unlink()

    def _prune_empty_folders(self, folder: Path) -> None:
        """No clutter: drop folders that held only notes we removed (never the store root)."""
        while folder != self.folder and folder.is_relative_to(self.folder):
            try:
                folder.rmdir()
            except OSError:
                return
            folder = folder.parent
