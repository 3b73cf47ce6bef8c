"""Where one library's notes live, and which file is whose.

The notes folder (``reader.notes.location``) mirrors the library: ``show/ep12-title.txt`` has its
note in ``show/ep12-title.md``, or ``show/ep12-title.txt.md`` when another transcript with the
same stem (``ep12-title.srt``) already owns the first name. Which transcript owns a note file
is read from its header (cached: a scan reads many). Listing skips hidden files, temp files
and conflict copies; tidying removes a crash's old temp files and folders left empty.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from pathlib import Path, PurePosixPath

from reader.library import TRANSCRIPT_SUFFIXES
from reader.notes.location import locate_notes
from reader.notes.note_file import (
    HIGHLIGHTS_SUFFIX,
    NOTE_SUFFIX,
    decode_note,
    header_field,
    parse_note,
)
from reader.util.pathnames import library_file

#: Our temp files older than this are left over from a crash and are removed on the next save
#: (a live write takes milliseconds, so this never races another process's save).
STALE_TEMP_SECONDS = 600

_CONFLICT_RE = re.compile(r"\.conflict-\d{8}-\d{6}(?:-\d+)?\.md$")


def notes_folder(data_dir: Path, library: Path) -> Path:
    """Where ``library``'s notes live: found by the library's id (``reader.notes.location``)."""
    return locate_notes(data_dir, Path(library).resolve()).root


class NotesFolder:
    """The notes folder of one library: note file names, owners, listing and tidying.

    Not thread-safe on its own: ``NotesStore`` calls it under its lock.
    """

    def __init__(self, data_dir: Path, library: Path) -> None:
        self.library = Path(library).resolve()
        self.location = locate_notes(Path(data_dir), self.library)
        self.root = self.location.root
        self._headers: dict[Path, tuple[tuple[int, int], dict[str, str] | None]] = {}

    # -- names -----------------------------------------------------------------------------
    def relative(self, episode_id: str) -> PurePosixPath:
        """``episode_id`` as a path inside the library; ValueError if it is not one."""
        rel = PurePosixPath(episode_id)
        windows_separator = os.sep == "\\" and "\\" in episode_id  # elsewhere: part of a name
        if rel.is_absolute() or ".." in rel.parts or not rel.name or windows_separator:
            raise ValueError(f"not a library-relative path: {episode_id!r}")
        return rel

    def primary(self, episode_id: str) -> Path:
        rel = self.relative(episode_id)
        stem = rel.stem if rel.suffix else rel.name
        return self.root.joinpath(*rel.parent.parts, stem + NOTE_SUFFIX)

    def alternate(self, episode_id: str) -> Path:
        """For a second transcript with the same stem (``ep1.txt`` and ``ep1.srt``)."""
        rel = self.relative(episode_id)
        return self.root.joinpath(*rel.parent.parts, rel.name + NOTE_SUFFIX)

    def note_path(self, episode_id: str) -> Path:
        """``show/ep12-title.txt`` -> ``<folder>/show/ep12-title.md``.

        If that file already belongs to another transcript with the same stem (its header names
        another path), the note is ``show/ep12-title.txt.md`` instead, so no note overwrites
        another one.
        """
        primary, alternate = self.primary(episode_id), self.alternate(episode_id)
        if alternate != primary and alternate.exists():
            return alternate
        owner = self.owner(primary)
        if owner is None or owner.casefold() == episode_id.casefold():
            return primary
        return alternate

    # -- owners ----------------------------------------------------------------------------
    def header(self, md: Path) -> dict[str, str] | None:
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
            fields = parse_note(decode_note(md.read_bytes())[0])[0]
        except OSError:
            return None
        self._headers[md] = (key, fields)
        return fields

    def owner(self, md: Path) -> str | None:
        """The episode id a note file's header names, if it has a header."""
        fields = self.header(md)
        return header_field(fields, "path") if fields else None

    def transcript_exists(self, episode_id: str) -> bool:
        try:
            return library_file(self.library, str(self.relative(episode_id))).is_file()
        except (ValueError, OSError):
            return False

    def id_from_location(self, md: Path) -> str:
        """A headerless note belongs to the transcript its file name mirrors, if there is one."""
        rel = md.relative_to(self.root).as_posix().removesuffix(NOTE_SUFFIX)
        if self.transcript_exists(rel):
            return rel  # an alternate name, "ep1.srt.md"
        for suffix in sorted(TRANSCRIPT_SUFFIXES):
            if self.transcript_exists(rel + suffix):
                return rel + suffix
        return rel

    # -- listing ---------------------------------------------------------------------------
    def _files(self, suffix: str) -> list[Path]:
        """Files ending in ``suffix`` below the notes folder (no hidden ones), sorted."""
        found: list[Path] = []
        if not self.root.is_dir():
            return found
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            found += [
                Path(dirpath, name)
                for name in sorted(filenames)
                if not name.startswith(".") and name.endswith(suffix)
            ]
        return found

    def note_files(self) -> list[Path]:
        """Every note ``.md`` file (not conflict copies, hidden or temp files), sorted."""
        return [p for p in self._files(NOTE_SUFFIX) if not _CONFLICT_RE.search(p.name)]

    def orphan_highlight_files(self) -> list[Path]:
        """Highlights files without a note file beside them (the note file was deleted), as
        the note file they would have."""
        notes = (
            p.with_name(p.name.removesuffix(HIGHLIGHTS_SUFFIX) + NOTE_SUFFIX)
            for p in self._files(HIGHLIGHTS_SUFFIX)
        )
        return [md for md in notes if not md.exists()]

    # -- tidying ---------------------------------------------------------------------------
    def remove_stale_temp_files(self, folder: Path) -> None:
        """Temp files a killed process left behind (hidden ``.name.xxxx.tmp``), once old."""
        cutoff = time.time() - STALE_TEMP_SECONDS
        with contextlib.suppress(OSError):
            for path in folder.glob(".*.tmp"):
                with contextlib.suppress(OSError):
                    if path.stat().st_mtime < cutoff:
                        path.unlink()

    def prune_empty_folders(self, folder: Path) -> None:
        """No clutter: drop folders that held only notes we removed (never the store root)."""
        while folder != self.root and folder.is_relative_to(self.root):
            try:
                folder.rmdir()
            except OSError:
                return
            folder = folder.parent
