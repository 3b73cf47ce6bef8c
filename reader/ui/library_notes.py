"""The library's notes as a whole (File › Export Notes… and Orphaned Notes…): exported as
Markdown, one file per episode or all in one, and the notes whose transcript has left the
library, listed and kept, never deleted."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from reader.library import transcripts_by_id
from reader.library.speakers import with_known_names
from reader.notes import NotesStore
from reader.notes.export import export_notes, library_episodes
from reader.ui.dialogs import OrphansDialog
from reader.ui.safe_text import tell

log = logging.getLogger(__name__)


def export_library_notes(
    window: QMainWindow, data_dir: Path, library: Path, cache_dir: Path
) -> None:
    """Ask where and how, write the files, and say in the status bar what was written."""
    folder = QFileDialog.getExistingDirectory(window, "Export Notes To", str(Path.home()))
    if not folder:
        return
    per_episode = ask_per_episode(window, "Export Notes")
    if per_episode is None:
        return
    combined = not per_episode
    try:
        store = NotesStore(data_dir, library)
        episodes = library_episodes(store)
        with_known_names(episodes, cache_dir, library)  # the names the window shows
        written = export_notes(store, episodes, Path(folder), combined)
    except OSError as exc:
        tell(window, "Export failed", f"{folder}: {exc}", QMessageBox.Icon.Warning)
        return
    window.statusBar().showMessage(f"Exported {len(written)} file(s) to {folder}", 8000)


def ask_per_episode(window: QWidget, title: str) -> bool | None:
    """One Markdown file per episode (True) or one combined file (False); None: cancelled."""
    box = QMessageBox(window)
    box.setWindowTitle(title)
    box.setText("Export one Markdown file per episode, or everything in one file?")
    per_episode = box.addButton("One File per Episode", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("One Combined File", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is None or box.buttonRole(clicked) != QMessageBox.ButtonRole.AcceptRole:
        return None
    return clicked is per_episode


def show_orphaned_notes(window: QMainWindow, data_dir: Path, library: Path) -> None:
    store = NotesStore(data_dir, library)
    library_ids = {episode_id for episode_id, _path in transcripts_by_id(library)}
    OrphansDialog(store, store.orphans(library_ids), window).exec()
