"""Preferences › "Keep this library's notes inside its folder": save what is typed, move the
files (``reader.notes.relocate``: copy, verify, then remove), and reopen the note on screen
from its new place. A move that fails leaves everything where it was and says why."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QMainWindow, QMessageBox

from reader.notes.relocate import RelocateError, move_notes, notes_in_library
from reader.ui.notes_controller import NotesController
from reader.ui.safe_text import tell

__all__ = ["notes_in_library", "switch_notes_place"]

log = logging.getLogger(__name__)


def switch_notes_place(
    window: QMainWindow, notes: NotesController, library: Path, in_library: bool
) -> bool:
    """Move the library's notes; whether they moved."""
    episode = notes.episode
    if not notes.save():
        tell(window, "Notes Not Moved", "Your notes could not be saved first; nothing moved.")
        return False
    try:
        message = move_notes(notes.data_dir, library, in_library)
    except RelocateError as exc:
        log.warning("%s", exc)
        tell(window, "Notes Not Moved", f"{exc}. Your notes stay where they were.",
             QMessageBox.Icon.Warning)  # fmt: skip
        return False
    notes.set_library(library)
    notes.show(episode)
    window.statusBar().showMessage(message, 15000)
    return True
