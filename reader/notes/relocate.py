"""Switch where a library's notes are kept: the data folder, or inside the library.

In the library (``<library>/.episode-reader/notes/``) the notes sync with the folder; in the
data folder they stay on this computer. Switching moves the files safely: every file is
copied (never over another: a different file already there is kept beside it as a conflict
copy), each copy is read back and compared byte for byte, the choice is saved in the
library's ``library.json``, and only then are the originals removed. A failure at any point
before that removes the copies made so far and leaves the originals and the choice as they
were. No Qt here: the Preferences dialog and ``--notes-in-library`` both call ``move_notes``.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from reader.library.identity import library_identity, set_notes_in_library
from reader.notes.location import copy_tree, data_root, in_library_root, locate_notes

log = logging.getLogger(__name__)


class RelocateError(Exception):
    """The notes could not be moved; the message names the folder and the problem."""


def notes_in_library(data_dir: Path, library: Path) -> bool | None:
    """Whether the library keeps its notes inside it; None when it cannot (no id)."""
    location = locate_notes(data_dir, library)
    return location.in_library if location.library_id else None


def move_notes(data_dir: Path, library: Path, in_library: bool) -> str:
    """Move the library's notes to the chosen place; what was done, for the user."""
    library = Path(library).resolve()
    location = locate_notes(data_dir, library)
    if location.library_id is None:
        raise RelocateError(location.notice or f"{library} has no library id")
    if location.in_library == in_library:
        return f"The notes of {library.name} are already kept in {location.root}"
    identity = library_identity(library, create=False)
    assert identity.id is not None
    source = location.root
    target = in_library_root(library) if in_library else data_root(data_dir, library, identity.id)
    try:
        report = copy_tree(source, target, hidden=True) if source.is_dir() else None
    except OSError as exc:
        raise RelocateError(f"cannot copy the notes to {target}: {_why(exc)}") from exc
    try:
        set_notes_in_library(library, in_library)
    except OSError as exc:
        for path in report.created() if report else []:
            with contextlib.suppress(OSError):
                path.unlink()
        raise RelocateError(f"cannot save the choice in {library}: {_why(exc)}") from exc
    moved = report.copied + report.same + report.kept_both if report else []
    left = _remove_originals([src for src, _dst in moved], source)
    log.info("moved %d note file(s) from %s to %s", len(moved), source, target)
    message = f"Moved {len(moved)} note file(s) of {library.name} to {target}"
    if report and report.kept_both:
        differed = len(report.kept_both)
        message += f"; {differed} that differed from files already there kept as conflict copies"
    if left:
        message += f"; {left} original(s) could not be removed from {source} (copied all the same)"
    return message


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _remove_originals(files: list[Path], root: Path) -> int:
    """Remove the copied originals and the folders they leave empty; how many stayed."""
    left = 0
    for path in files:
        try:
            path.unlink()
        except OSError as exc:
            log.warning("cannot remove %s after copying it: %s", path, exc)
            left += 1
    for dirpath, _dirnames, _filenames in sorted(os.walk(root), reverse=True):
        with contextlib.suppress(OSError):
            Path(dirpath).rmdir()  # only empty ones go
    return left
