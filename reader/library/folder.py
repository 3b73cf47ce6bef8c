"""A library is a folder of transcript files; this module finds and checks them."""

from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import cast

from reader.audio.pairing import is_audio_name
from reader.model import ImportFailure
from reader.util.pathnames import for_display, is_storable, text_name
from reader.util.regular_files import not_regular

log = logging.getLogger(__name__)

#: Suffixes the importers understand; files with other suffixes are ignored when scanning.
TRANSCRIPT_SUFFIXES = frozenset(
    {".txt", ".md", ".markdown", ".html", ".htm", ".srt", ".vtt", ".json"}
)


class LibraryError(Exception):
    """A library folder cannot be used; the message names the folder and the problem."""

    def __init__(self, folder: Path, problem: str) -> None:
        super().__init__(f"{folder}: {problem}")
        self.folder = folder
        self.problem = problem


def check_library(folder: str | os.PathLike[str]) -> Path:
    """Return the absolute library folder, or raise ``LibraryError`` saying what is wrong."""
    path = Path(folder).expanduser()
    try:
        path = path.resolve()
    except OSError as exc:  # pragma: no cover - resolve() rarely fails (symlink loops)
        raise LibraryError(path, exc.strerror or str(exc)) from exc
    if not path.exists():
        raise LibraryError(path, "no such folder")
    if not path.is_dir():
        raise LibraryError(path, "not a folder")
    try:
        with os.scandir(path) as entries:
            next(entries, None)
    except PermissionError as exc:
        raise LibraryError(path, "permission denied: the folder cannot be read") from exc
    except OSError as exc:
        raise LibraryError(path, exc.strerror or str(exc)) from exc
    return path


def list_transcripts(root: Path) -> list[Path]:
    """All transcript files below ``root``, sorted, skipping hidden files and folders.

    Sub-folders that cannot be read are logged and skipped so the rest of the library loads.
    """
    return [path for _episode_id, path in transcripts_by_id(root)]


def transcripts_by_id(root: Path) -> list[tuple[str, Path]]:
    """``list_transcripts`` with each file's episode id (``scan_library``'s files)."""
    return scan_library(root).files


@dataclass
class LibraryScan:
    """The transcripts of a library, and the files that look like transcripts but are
    skipped (FIFOs, sockets, devices, links leading out of the library), with the reason;
    and its audio files (regular ones, as for transcripts)."""

    files: list[tuple[str, Path]] = field(default_factory=list)
    skipped: list[ImportFailure] = field(default_factory=list)
    audio: list[str] = field(default_factory=list)  # audio files' ids, for the pairing


def scan_library(root: Path) -> LibraryScan:
    """Every transcript file below ``root`` with its episode id (its path below ``root`` with
    forward slashes, as text: see ``reader.util.pathnames``), sorted by id.

    Only regular files are listed: anything else would hang or never end when read. A link is
    followed when its target is a regular file inside the library; a link that leads out of
    the library is skipped (a library copied from elsewhere must not make us read, index and
    show other files of this computer, e.g. ``/dev/zero`` or a private key). Links to folders
    are not followed.
    """
    found, skipped, audio = _walk(root, stat_files=False)
    files = [(episode_id, Path(full)) for episode_id, full, _ in found]
    return LibraryScan(files, skipped, audio)


#: A file's stat (following a link), or why it could not be taken.
FileStat = os.stat_result | OSError


@dataclass
class StatedScan:
    """``scan_library``'s files as plain strings, each with its stat: what a sync compares
    with the index. No ``Path`` per file: building 10,000 of them was most of a no-op sync."""

    files: list[tuple[str, str, FileStat]]  # episode id, full path, stat
    skipped: list[ImportFailure]
    audio: list[str] = field(default_factory=list)  # audio files' ids, for the pairing


def scan_with_stats(root: Path) -> StatedScan:
    """``scan_library`` with each file's size and time, taken in the same walk."""
    found, skipped, audio = _walk(root, stat_files=True)
    return StatedScan(cast(list[tuple[str, str, FileStat]], found), skipped, audio)  # stated


def _walk(
    root: Path, stat_files: bool
) -> tuple[list[tuple[str, str, FileStat | None]], list[ImportFailure], list[str]]:
    """The walk behind both scans; plain strings until the end (pathlib per file dominated
    the sync of an unchanged library of thousands of files)."""
    found: list[tuple[str, str, str, FileStat | None]] = []  # sort key, id, full path, stat
    skipped: list[ImportFailure] = []
    audio: list[str] = []
    top = str(root)
    inside = os.path.join(os.path.realpath(top), "")  # noqa: PTH118
    prefix = len(os.path.join(top, ""))  # noqa: PTH118 (strings on purpose, see above)
    seen: set[str] = set()
    folders = [top]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=_BY_NAME)
        except OSError as exc:
            log.warning("skipping %s: %s", for_display(folder), exc.strerror or exc)
            continue
        base = "" if folder == top else folder[prefix:].replace(os.sep, "/") + "/"
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            regular = _is_regular(entry)  # from the listing, no stat: the common case
            if not regular and _is_folder(entry):
                folders.append(entry.path)
                continue
            dot = name.rfind(".")
            if dot < 0 or name[dot:].lower() not in TRANSCRIPT_SUFFIXES:
                if is_audio_name(name) and (regular or _why_skipped(entry, inside) is None):
                    audio.append(text_name(base + name))
                continue
            relative = base + name
            plain = relative.isascii()  # then it is its own id, and storable
            episode_id = relative if plain else text_name(relative)
            problem = None if regular else _why_skipped(entry, inside)
            if problem is None and not plain and not is_storable(episode_id):
                problem = "its name cannot be read as text; rename it"
            if problem is None and not plain and episode_id in seen:  # a name holding our
                problem = "its name clashes with another file's; rename it"  # stand-ins itself
            if problem is not None:
                log.warning("skipping %s: %s", for_display(entry.path), problem)
                skipped.append(ImportFailure(Path(entry.path), problem))
                continue
            if not plain:
                seen.add(episode_id)  # only such ids can clash: an ASCII name is its own id
            found.append((episode_id.casefold(), episode_id, entry.path,
                          _stat(entry) if stat_files else None))  # fmt: skip
    found.sort(key=_BY_KEY_AND_ID)
    skipped.sort(key=lambda failure: str(failure.source))
    audio.sort()
    return [(episode_id, full, stat) for _key, episode_id, full, stat in found], skipped, audio


_BY_NAME = attrgetter("name")
_BY_KEY_AND_ID = itemgetter(0, 1)


def _stat(entry: os.DirEntry[str]) -> FileStat:
    try:
        return entry.stat()
    except OSError as exc:
        return exc


def _is_regular(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file(follow_symlinks=False)
    except OSError:
        return False


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _why_skipped(entry: os.DirEntry[str], inside: str) -> str | None:
    """None for a regular file (or a link to one inside the library), else why it is not read."""
    try:
        if entry.is_file(follow_symlinks=False):
            return None
        if entry.is_symlink():
            target = os.path.realpath(entry.path)
            if not target.startswith(inside):
                return f"a link to {for_display(target)}, outside the library; not read"
        mode = os.stat(entry.path).st_mode  # noqa: PTH116
    except FileNotFoundError:
        return "a link to a file that does not exist"
    except OSError as exc:
        return f"cannot read the file: {exc.strerror or exc}"
    return None if stat.S_ISREG(mode) else not_regular(mode)
