"""A library is a folder of transcript files; this module finds and checks them."""

from __future__ import annotations

import logging
import os
from pathlib import Path

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
    """``list_transcripts`` with each file's episode id (its path below ``root``, with
    forward slashes). Plain strings until the end: a sync of an unchanged library of
    thousands of files spent most of its time in pathlib."""
    found: list[tuple[str, str, str]] = []  # sort key, episode id, full path
    prefix = len(os.path.join(str(root), ""))  # noqa: PTH118 (strings on purpose, see above)

    def on_error(exc: OSError) -> None:
        log.warning("skipping %s: %s", exc.filename, exc.strerror or exc)

    for dirpath, dirnames, filenames in os.walk(root, onerror=on_error):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            suffix = os.path.splitext(name)[1].lower()  # noqa: PTH122
            if name.startswith(".") or suffix not in TRANSCRIPT_SUFFIXES:
                continue
            full = os.path.join(dirpath, name)  # noqa: PTH118
            episode_id = full[prefix:].replace(os.sep, "/")
            found.append((episode_id.casefold(), episode_id, full))
    found.sort()
    return [(episode_id, Path(full)) for _key, episode_id, full in found]
