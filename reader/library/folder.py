"""A library is a folder of transcript files; this module finds and checks them."""

from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

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
    are not followed. Plain strings until the end: a sync of an unchanged library of thousands
    of files spent most of its time in pathlib.
    """
    found: list[tuple[str, str, str]] = []  # sort key, episode id, full path
    scan = LibraryScan()
    top = str(root)
    inside = os.path.join(os.path.realpath(top), "")  # noqa: PTH118
    prefix = len(os.path.join(top, ""))  # noqa: PTH118 (strings on purpose, see above)
    seen: set[str] = set()
    folders = [top]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            log.warning("skipping %s: %s", for_display(folder), exc.strerror or exc)
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if _is_folder(entry):
                folders.append(entry.path)
                continue
            if os.path.splitext(name)[1].lower() not in TRANSCRIPT_SUFFIXES:  # noqa: PTH122
                if is_audio_name(name) and _why_skipped(entry, inside) is None:
                    scan.audio.append(text_name(entry.path[prefix:].replace(os.sep, "/")))
                continue
            episode_id = text_name(entry.path[prefix:].replace(os.sep, "/"))
            problem = _why_skipped(entry, inside)
            if problem is None and not is_storable(episode_id):
                problem = "its name cannot be read as text; rename it"
            if problem is None and episode_id in seen:  # a name holding our stand-ins itself
                problem = "its name clashes with another file's; rename it"
            if problem is not None:
                log.warning("skipping %s: %s", for_display(entry.path), problem)
                scan.skipped.append(ImportFailure(Path(entry.path), problem))
                continue
            seen.add(episode_id)
            found.append((episode_id.casefold(), episode_id, entry.path))
    found.sort()
    scan.files = [(episode_id, Path(full)) for _key, episode_id, full in found]
    scan.skipped.sort(key=lambda failure: str(failure.source))
    return scan


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _why_skipped(entry: os.DirEntry[str], inside: str) -> str | None:
    """None for a regular file (or a link to one inside the library), else why it is not read."""
    try:
        if entry.is_file(follow_symlinks=False):
            return None  # the common case, known from the folder listing without a stat
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
