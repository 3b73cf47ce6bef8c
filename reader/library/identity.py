"""A library's identity: a small file inside the folder, so its notes follow it.

``<library>/.episode-reader/library.json`` holds a random id (and the notes layout). It is
made on first open and travels with the folder: moved, renamed, copied or synced to another
machine, the library keeps its id, and its notes (found by the id) come with it. A folder we
cannot write to (or whose file is damaged) has no id: its notes are then kept by its path, as
before, and ``notice`` says so. No Qt here.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from reader.util.atomic import atomic_write_text
from reader.util.exclusive import create_new_file

log = logging.getLogger(__name__)

#: The hidden folder of ours inside a library (the scanner skips hidden folders).
HIDDEN_FOLDER = ".episode-reader"
IDENTITY_FILE = "library.json"
VERSION = 1


@dataclass(frozen=True)
class LibraryIdentity:
    """``id`` is None when the library has none (read-only folder, damaged file)."""

    id: str | None
    notes_in_library: bool = False
    notice: str | None = None


def identity_path(library: Path) -> Path:
    return Path(library) / HIDDEN_FOLDER / IDENTITY_FILE


def _read(path: Path) -> dict | None:
    """The file's contents; None if it does not exist; ValueError if it cannot be used."""
    try:
        raw = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(str(getattr(exc, "strerror", None) or exc)) from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not raw["id"]:
        raise ValueError("it names no library id")
    return raw


def _without_id(problem: str) -> LibraryIdentity:
    notice = f"{problem}; its notes are kept by its path and will not follow it if it moves"
    log.info("%s", notice)  # the callers tell the user (a dialog, a line of export-notes)
    return LibraryIdentity(None, notice=notice)


def library_identity(library: Path, create: bool = True) -> LibraryIdentity:
    """The library's id, made on first open when ``create`` (never replacing a file)."""
    path = identity_path(library)
    try:
        raw = _read(path)
        if raw is None and create:
            new_id = os.urandom(8).hex()  # as secrets.token_hex(8), without its imports
            text = json.dumps({"version": VERSION, "id": new_id}, indent=2)
            path.parent.mkdir(exist_ok=True)  # never the library itself: it must exist
            create_new_file(path, (text + "\n").encode("utf-8"))
            raw = _read(path)
    except ValueError as exc:
        return _without_id(f"{path} cannot be read ({exc})")
    except OSError as exc:
        problem = exc.strerror or str(exc)
        return _without_id(f"cannot write {path} ({problem}): the library folder is read-only")
    if raw is None:
        return LibraryIdentity(None)
    return LibraryIdentity(str(raw["id"]), raw.get("notes") == "library")


def set_notes_in_library(library: Path, in_library: bool) -> None:
    """Remember the notes layout in the identity file (other keys kept); OSError if not."""
    path = identity_path(library)
    try:
        raw = _read(path)
    except ValueError as exc:
        raise OSError(f"{path}: {exc}") from exc
    if raw is None:
        raise OSError(f"{path}: the library has no identity file")
    raw["notes"] = "library" if in_library else "data"
    atomic_write_text(path, json.dumps(raw, indent=2, ensure_ascii=False) + "\n")
