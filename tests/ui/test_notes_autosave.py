"""Notes typed in the window reach the disk while typing goes on, and at once on focus loss."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from reader.notes import NotesStore, parse_note
from reader.ui import notes_controller
from reader.ui.main_window import MainWindow

if TYPE_CHECKING:
    from .conftest import Driver

EP1 = "show-a/ep01-leaders-who-delegate.md"
#: Milliseconds between keys: steady typing, never the one-second pause the idle save waits for.
CADENCE_MS = 40


def open_note(ui: Driver, window: MainWindow) -> Path:
    window.open_episode(EP1)
    ui.wait_for_episode(window)
    editor = window.side.notes.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    assert editor.hasFocus()
    return NotesStore(window.paths.data, window.library).note_path(EP1)


def saved_body(path: Path) -> str | None:
    return parse_note(path.read_text(encoding="utf-8"))[1] if path.exists() else None


def test_steady_typing_is_saved_before_it_stops(ui: Driver, qtbot: QtBot, window: MainWindow):
    # The real idle delay (1 s); the maximum wait shortened from 3 s so the test is quick.
    assert window.notes._timer.interval() == notes_controller.AUTOSAVE_MS == 1000
    window.notes._max_wait.setInterval(500)
    path = open_note(ui, window)
    editor = window.side.notes.editor
    words = ["steady", "typing", "without", "a", "pause", "loses", "nothing"]
    typed, saved = "", []
    for word in words * 2:  # about 3.5 s of keys, 40 ms apart
        qtbot.keyClicks(editor, word + " ", delay=CADENCE_MS)
        typed += word + " "
        body = saved_body(path)  # read between two keys: typing has not stopped
        if body is not None:
            assert typed.startswith(body), (body, typed)
            saved.append(len(body))
    assert editor.toPlainText() == typed
    assert saved, "nothing reached the disk while typing went on"
    assert len(set(saved)) >= 3  # saved again and again, not once
    assert saved[-1] >= len(typed) - 40  # at most about a second of typing behind


def test_losing_focus_saves_at_once(ui: Driver, qtbot: QtBot, window: MainWindow):
    path = open_note(ui, window)
    editor = window.side.notes.editor
    qtbot.keyClicks(editor, "Saved when I click away")
    assert window.notes._timer.isActive()
    assert not path.exists()
    qtbot.mouseClick(window.library_pane.search_box, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert window.library_pane.search_box.hasFocus()
    assert saved_body(path) == "Saved when I click away"  # no waiting for the idle timer
    assert window.side.notes.status.text().startswith("Saved")


def test_switching_to_another_window_saves_at_once(ui: Driver, qtbot: QtBot, window: MainWindow):
    path = open_note(ui, window)
    qtbot.keyClicks(window.side.notes.editor, "Saved when I switch to another window")
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is other, timeout=2000)
    assert saved_body(path) == "Saved when I switch to another window"


def test_quitting_saves_at_once(ui: Driver, qtbot: QtBot, window: MainWindow, qapp: QApplication):
    path = open_note(ui, window)
    qtbot.keyClicks(window.side.notes.editor, "Saved when the app quits")
    qapp.aboutToQuit.emit()  # what QApplication.quit() sends before the event loop ends
    assert saved_body(path) == "Saved when the app quits"
