"""In the window: a library moved or copied to another path opens with its notes and
highlights, and a read-only library says where its notes are kept."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.ui.main_window import MainWindow
from reader.ui.preferences import PreferencesDialog
from tests.readonly import read_only

from .test_notes_ui import EP1, open_episode, select, type_note

if TYPE_CHECKING:
    from .conftest import DialogLog, Driver

PHRASE = "delegate"


def write_note_and_highlight(ui: Driver, qtbot: QtBot, window: MainWindow) -> tuple[int, int]:
    open_episode(ui, window, EP1)
    type_note(qtbot, window, "Notes that travel with the folder.")
    select(window, PHRASE)
    qtbot.keyClick(window.transcript.view, Qt.Key.Key_H)
    qtbot.keyClick(window.side.notes.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.notes.save()
    (_id, start, end, _colour) = window.transcript.view.user_highlights[0]
    return start, end


def test_a_moved_and_a_copied_library_open_with_their_notes_and_highlights(
    ui: Driver, qtbot: QtBot, tmp_path: Path, search_library: Path
) -> None:
    window = ui.start(search_library)
    span = write_note_and_highlight(ui, qtbot, window)
    window.close()
    moved = Path(shutil.move(search_library, tmp_path / "new disk" / "Renamed Library"))
    copied = Path(shutil.copytree(moved, tmp_path / "copy"))
    for folder in (moved, copied):
        again = ui.start(folder)
        open_episode(ui, again, EP1)
        assert again.side.notes.editor.toPlainText() == "Notes that travel with the folder."
        marks = again.transcript.view.user_highlights
        assert [(start, end) for _id, start, end, _c in marks] == [span]
        assert again.transcript.view.episode.text[span[0] : span[1]] == PHRASE
        assert again.side.highlights.count() == 1
        again.close()


def test_a_read_only_library_opens_keeps_its_notes_and_says_where(
    ui: Driver, qtbot: QtBot, search_library: Path, dialogs: DialogLog
) -> None:
    with read_only(search_library):
        window = ui.start(search_library)
        assert any("read-only" in text for _kind, text in dialogs.shown)
        span = write_note_and_highlight(ui, qtbot, window)
        window.close()
        again = ui.start(search_library)
        open_episode(ui, again, EP1)
        assert again.side.notes.editor.toPlainText() == "Notes that travel with the folder."
        assert [(s, e) for _i, s, e, _c in again.transcript.view.user_highlights] == [span]
        again.close()
    assert not (search_library / ".episode-reader").exists()


def set_notes_in_library_in_preferences(qtbot: QtBot, window: MainWindow, wanted: bool) -> None:
    """Edit › Preferences, tick or untick the box with the mouse, OK (always closing it: an
    open modal dialog would block the test)."""
    ticked: list[bool] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PreferencesDialog)
        try:
            box = dialog.notes_in_library
            if box.isEnabled() and box.isChecked() != wanted:
                qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
            ticked.append(box.isChecked())
        finally:
            dialog.accept()

    QTimer.singleShot(0, answer)
    window.show_preferences()
    assert ticked == [wanted]


def test_preferences_move_the_notes_into_the_library_and_back(
    ui: Driver, qtbot: QtBot, search_library: Path, dialogs: DialogLog
) -> None:
    window = ui.start(search_library)
    span = write_note_and_highlight(ui, qtbot, window)
    data_folder = window.notes.store.folder
    before = {p.name: p.read_bytes() for p in data_folder.rglob("*") if p.is_file()}
    set_notes_in_library_in_preferences(qtbot, window, True)
    inside = search_library / ".episode-reader" / "notes"
    assert {p.name: p.read_bytes() for p in inside.rglob("*") if p.is_file()} == before
    assert not data_folder.exists()
    assert "Moved 2 note file(s)" in window.statusBar().currentMessage()
    # The note on screen now lives in the library: typing goes on saving there.
    type_note(qtbot, window, " More.")
    assert window.notes.save()
    assert "More." in (inside / "show-a" / "ep01-leaders-who-delegate.md").read_text("utf-8")
    window.close()

    again = ui.start(search_library)
    open_episode(ui, again, EP1)
    assert again.side.notes.editor.toPlainText() == "Notes that travel with the folder. More."
    assert [(s, e) for _i, s, e, _c in again.transcript.view.user_highlights] == [span]
    set_notes_in_library_in_preferences(qtbot, again, False)
    assert not inside.exists()
    assert again.notes.store is not None
    assert again.notes.store.folder.parent == again.paths.data / "notes"
    assert again.side.notes.editor.toPlainText() == "Notes that travel with the folder. More."
    again.close()
    assert dialogs.shown == []
