"""``NotesStore``: load and save one library's notes and highlights, safely.

Every write is atomic (temp file, fsync, replace), and a save that changes both files is one
save (``reader.notes.pair``), so a crash leaves the old or the new pair, never a half-written
or empty file. An outside edit is detected (``reader.notes.disk_state``) and never silently
overwritten: a conflict copy keeps it. A note follows its transcript when it is renamed or
moved inside the library, matched by a fingerprint of its text. Nothing here deletes a note
that has text.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from pathlib import Path, PurePosixPath

from reader.model import Episode
from reader.notes import pair
from reader.notes.anchoring import fingerprint, reanchor
from reader.notes.disk_state import DiskState, read_with_state, unchanged
from reader.notes.folder import NotesFolder
from reader.notes.model import Highlight, Note
from reader.notes.note_file import (
    HEADER_KEYS,
    HIGHLIGHTS_SUFFIX,
    decode_note,
    format_highlights,
    format_note,
    header_field,
    highlights_path,
    parse_highlights,
    parse_note,
    read_highlights_file,
)
from reader.notes.pair import free_name, keep_copy, stamp
from reader.util.atomic import atomic_write_bytes

log = logging.getLogger(__name__)


class NotesStore:
    """The notes and highlights of one library, as plain files in the user data folder.

    The store remembers what each note file looked like when it last read or wrote it, so an
    edit made outside the app is noticed (``changed_on_disk``) and never overwritten: ``save``
    keeps such an edit as a conflict copy (and sets ``last_conflict``) rather than lose it.
    """

    def __init__(self, data_dir: Path, library: Path) -> None:
        self._where = NotesFolder(data_dir, library)
        self.library = self._where.library
        self.folder = self._where.root
        #: Something to tell the user about where the notes are (read-only library, both
        #: versions of a migrated note kept), or None.
        self.notice = self._where.location.notice
        #: The conflict copy the last ``save`` had to make, or None (tell the user).
        self.last_conflict: Path | None = None
        self._seen: dict[Path, tuple[DiskState | None, DiskState | None]] = {}
        self._lock = threading.RLock()

    def note_path(self, episode_id: str) -> Path:
        """``show/ep12-title.txt`` -> ``<folder>/show/ep12-title.md`` (or ``...txt.md`` when
        another transcript with the same stem owns that name)."""
        return self._where.note_path(episode_id)

    def highlights_path(self, episode_id: str) -> Path:
        return highlights_path(self.note_path(episode_id))

    # -- reading ---------------------------------------------------------------------------
    def _read_note(self, md: Path, episode_id: str | None, record: bool) -> tuple[Note, bool]:
        """The note in ``md`` (and its highlights file); also whether it decoded cleanly."""
        md_data, md_state = read_with_state(md)
        js = highlights_path(md)
        js_data, js_state = read_with_state(js)
        if not record:  # a save in progress elsewhere, or cut short: its pair, not half of it
            md_data, js_data = pair.pending_view(md, js) or (md_data, js_data)
        clean = True
        fields: dict[str, str] | None = None
        body = ""
        if md_data is not None:
            text, clean = decode_note(md_data)
            fields, body = parse_note(text)
        fields = fields or {}
        highlights: list[Highlight] = []
        file = read_highlights_file(js_data) if js_data is not None else None
        if js_data is not None and file is None:
            log.warning("%s is damaged; its highlights are not shown (kept on save)", js)
        elif file is not None:
            highlights = file.highlights
        if episode_id is None:
            episode_id = header_field(fields, "path") or self._where.id_from_location(md)
        title = header_field(fields, "episode") or PurePosixPath(episode_id).stem
        extra = {k: v for k, v in fields.items() if k.lower() not in HEADER_KEYS}
        note = Note(
            episode_id=episode_id,
            title=title,
            fingerprint=header_field(fields, "fingerprint") or "",
            body=body,
            highlights=highlights,
            header_extra=extra,
        )
        if file is not None:
            note.highlights_extra, note.kept_entries = file.extra, file.kept
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
            if md.exists() or highlights_path(md).exists() or pair.pending_path(md).exists():
                return self._read_note(md, episode.id, record=False)[0]
            return Note(episode.id, episode.title, fingerprint(episode))

    def reload(self, episode: Episode) -> Note:
        """Read the note again after an outside edit (when the app has no unsaved edits)."""
        return self._load(episode, adopt=False)

    def _load(self, episode: Episode, adopt: bool) -> Note:
        with self._lock:
            md = self.note_path(episode.id)
            pair.recover(md, highlights_path(md))
            current = fingerprint(episode)
            if md.exists() or highlights_path(md).exists():
                note, clean = self._read_note(md, episode.id, record=True)
                stale = (self._where.owner(md), note.title, note.fingerprint) != (
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
            reanchor(note, episode.text)
            return note

    def _refresh_header(self, note: Note, md: Path) -> None:
        """Keep the header naming the episode as it is now (its highlights file untouched)."""
        atomic_write_bytes(md, format_note(note).encode("utf-8"))
        seen = self._seen.get(md)
        self._seen[md] = (
            read_with_state(md)[1],
            seen[1] if seen else read_with_state(highlights_path(md))[1],
        )

    def _adopt(self, episode: Episode, current: str) -> Note | None:
        """Move the note of a transcript that was renamed or moved here (same fingerprint).

        Only a note whose own transcript is gone: a copy of a transcript must not take the
        original's note away.
        """
        if not episode.text.strip():
            return None
        candidates = []
        for md in self._where.note_files():
            fields = self._where.header(md)
            if not fields or header_field(fields, "fingerprint") != current:
                continue
            old_id = header_field(fields, "path")
            if not old_id or old_id == episode.id or self._where.transcript_exists(old_id):
                continue
            with contextlib.suppress(OSError):
                candidates.append((md.stat().st_mtime_ns, md))
        if not candidates:
            return None
        old_md = max(candidates)[1]
        note, _ = self._read_note(old_md, None, record=False)
        old_id = note.episode_id
        note.episode_id, note.title, note.fingerprint = episode.id, episode.title, current
        primary = self._where.primary(episode.id)
        target = primary if old_md == primary else self.note_path(episode.id)
        self._write(note, target)  # the new copy first: a crash now leaves two, never none
        if target != old_md:
            for path in (highlights_path(old_md), old_md):
                path.unlink(missing_ok=True)
            self._seen.pop(old_md, None)
            self._where.prune_empty_folders(old_md.parent)
        log.info("note of %s follows its transcript to %s", old_id, episode.id)
        return note

    def all_notes(self) -> list[Note]:
        """Every note of this library, by path. Reading them does not count as "loading"."""
        with self._lock:
            notes = []
            for md in sorted(self._where.note_files() + self._where.orphan_highlight_files()):
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

    # -- writing ---------------------------------------------------------------------------
    def changed_on_disk(self, episode_id: str) -> bool:
        """Whether the note's files changed since this store last read or wrote them.

        A note file this store never read counts as changed if it exists.
        """
        with self._lock:
            md = self.note_path(episode_id)
            seen = self._seen.get(md)
            if seen is None:
                return md.exists() or highlights_path(md).exists()
            return not (unchanged(seen[0], md) and unchanged(seen[1], highlights_path(md)))

    def save(self, note: Note) -> Path:
        """Write the note and its highlights atomically; returns the note file's path.

        An empty note (no text, no highlights) removes both files. If the files were changed
        outside the app since we read them, that version is kept as a conflict copy first
        (``last_conflict``), so no one's words are lost.
        """
        with self._lock:
            self.last_conflict = None
            md = self.note_path(note.episode_id)
            pair.recover(md, highlights_path(md))  # a crash's save counts as on disk
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
            pair.recover(md, highlights_path(md))
            copy = self._keep_disk_version(note, md)
            self._write(note, md)
            self.last_conflict = copy
            return copy or md

    def _keep_disk_version(self, note: Note, md: Path) -> Path | None:
        """Copy whatever on disk differs from ``note`` to conflict copies; the ``.md`` copy's
        path (or the highlights copy's, if only they differ)."""
        js = highlights_path(md)
        md_data, _ = read_with_state(md)
        js_data, _ = read_with_state(js)
        empty = note.is_empty
        want_md = None if empty else format_note(note).encode("utf-8")
        want_js = None if empty or not note.has_highlights_file else _highlights_text(note)
        want_js_bytes = want_js.encode("utf-8") if want_js is not None else None
        kept: Path | None = None
        if js_data is not None and js_data != want_js_bytes:
            kept = keep_copy(md, js_data, highlights=True)
        if md_data is not None and md_data != want_md:
            kept = keep_copy(md, md_data)
        return kept

    def _write(self, note: Note, md: Path) -> None:
        """Both files as one save (``reader.notes.pair``); an empty note removes both."""
        js = highlights_path(md)
        self._keep_if_damaged(js)
        empty = note.is_empty
        md_data = None if empty else format_note(note).encode("utf-8")
        js_text = _highlights_text(note) if note.has_highlights_file and not empty else None
        pair.write_pair(md, md_data, js, js_text.encode("utf-8") if js_text else None)
        self._seen[md] = (read_with_state(md)[1], read_with_state(js)[1])
        if empty:
            self._where.prune_empty_folders(md.parent)
        else:
            self._where.remove_stale_temp_files(md.parent)

    def _keep_if_damaged(self, js: Path) -> None:
        """A highlights file we could not read is copied aside before it is replaced."""
        data, _ = read_with_state(js)
        if data is None or parse_highlights(data) is not None:
            return
        stem = js.name.removesuffix(HIGHLIGHTS_SUFFIX)
        copy = free_name(js.with_name(f"{stem}.highlights.damaged-{stamp()}.json"))
        atomic_write_bytes(copy, data)
        log.warning("%s could not be read; kept it as %s", js, copy)


def _highlights_text(note: Note) -> str:
    return format_highlights(note.highlights, note.highlights_extra, note.kept_entries)
