"""``--notes-in-library`` / ``--notes-in-data-folder``: move a library's notes before the
command runs. The choice is saved in the library's ``library.json``, which every later
command and the window read, so the flag is needed once, not on every call."""

from __future__ import annotations

import argparse

from reader.cli.common import EXIT_FAILED, CommandError, library_folder, tell
from reader.paths import AppPaths, DataDirError


def apply_notes_layout(args: argparse.Namespace, paths: AppPaths) -> int:
    """Move the notes of the command's library; 0, or 1 with one line on stderr."""
    from reader.notes.relocate import RelocateError, move_notes

    library = getattr(args, "library", None) or getattr(args, "library_arg", None)
    try:
        folder = library_folder(paths, library)
        paths.ensure()
        message = move_notes(paths.data, folder, args.notes_in_library)
    except (CommandError, DataDirError, RelocateError) as exc:
        tell(f"cannot move the notes: {exc}")
        return EXIT_FAILED
    tell(message)  # stderr: stdout belongs to the command (``search --json``)
    return 0
