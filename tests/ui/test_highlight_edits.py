"""A highlight's comment, tags and colour, edited from the transcript's right-click menu and
the Highlights tab, and Ctrl+Z bringing back a deleted highlight: driven as a user does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from reader.notes import NotesStore
from reader.ui.main_window import MainWindow

from .test_transcript_menu import pick_from_menu, right_click

if TYPE_CHECKING:  # the driver comes as the ``ui`` fixture from conftest
    from .conftest import Driver

EP1 = "show-a/ep01-leaders-who-delegate.md"
PHRASE = "Delegation builds trust"


def stored(window: MainWindow) -> list[dict]:
    path = NotesStore(window.paths.data, window.library).highlights_path(EP1)
    return json.loads(path.read_text(encoding="utf-8"))["highlights"] if path.exists() else []


def highlighted(ui: Driver, qtbot: QtBot, window: MainWindow) -> int:
    """Open EP1, select PHRASE and press H; the phrase's offset."""
    window.open_episode(EP1)
    ui.wait_for_episode(window)
    view = window.transcript.view
    assert view.find(PHRASE)
    qtbot.keyClick(view, Qt.Key.Key_H)
    view.moveCursor(QTextCursor.MoveOperation.Start)
    return view.episode.text.index(PHRASE)


def answer(monkeypatch: pytest.MonkeyPatch, name: str, text: str, asked: list[str]) -> None:
    def dialog(_parent, _title, _label, *args, **kwargs):
        asked.append(kwargs.get("text", args[0] if args else ""))
        return text, True

    monkeypatch.setattr(QInputDialog, name, dialog)


def test_comment_tags_and_colour_from_the_transcript_menu(
    ui: Driver, qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = highlighted(ui, qtbot, window)
    asked: list[str] = []
    answer(monkeypatch, "getMultiLineText", "Ask the team <b>why</b>\nbefore Friday.", asked)
    right_click(qtbot, window, at + 3, ["Edit &Comment…"])
    answer(monkeypatch, "getText", "trust, #teams, Trust", asked)
    right_click(qtbot, window, at + 3, ["&Tags…"])
    entries = right_click(qtbot, window, at + 3, ["C&olour", "Blue"])
    assert entries["&Delete Highlight\tDel"]
    [saved] = stored(window)
    assert saved["comment"] == "Ask the team <b>why</b>\nbefore Friday."
    assert saved["tags"] == ["trust", "teams"]
    assert saved["color"] == "blue"
    assert [c for *_rest, c in window.transcript.view.user_highlights] == ["blue"]
    # The list shows the comment and tags as typed, never as markup.
    item = window.side.highlights.item(0)
    assert item.text() == (
        "“Delegation builds trust”  #trust #teams\n✎ Ask the team <b>why</b>\nbefore Friday."
    )
    # Editing again starts from what is there.
    right_click(qtbot, window, at + 3, ["&Tags…"])
    assert asked[-1] == "trust, teams"


def _list_menu(qtbot: QtBot, window: MainWindow, choose: list[str]) -> None:
    listed = window.side.highlights
    window.side.setCurrentWidget(listed)
    point = listed.visualItemRect(listed.item(0)).center()
    seen: dict[str, bool] = {}
    QTimer.singleShot(0, lambda: pick_from_menu(choose, seen))
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, listed.viewport().mapToGlobal(point)
    )
    QApplication.sendEvent(listed.viewport(), event)
    qtbot.waitUntil(lambda: bool(seen))


def test_recolour_and_comment_from_the_highlights_tab(
    ui: Driver, qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    highlighted(ui, qtbot, window)
    _list_menu(qtbot, window, ["C&olour", "Pink"])
    answer(monkeypatch, "getMultiLineText", "One\nTwo", [])
    _list_menu(qtbot, window, ["Edit &Comment…"])
    [saved] = stored(window)
    assert (saved["color"], saved["comment"]) == ("pink", "One\nTwo")


def test_ctrl_z_brings_back_a_deleted_highlight_with_its_comment(
    ui: Driver, qtbot: QtBot, window: MainWindow, search_library: Path
) -> None:
    at = highlighted(ui, qtbot, window)
    window.notes.set_comment(window.notes.note.highlights[0].id, "keep me")
    right_click(qtbot, window, at + 3, ["&Delete Highlight\tDel"])
    assert stored(window) == []
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    window.activateWindow()  # the closed menu stays the active window offscreen
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    view = window.transcript.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    [saved] = stored(window)
    assert (saved["text"], saved["comment"]) == (PHRASE, "keep me")
    assert len(view.user_highlights) == 1
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # nothing more
    assert len(stored(window)) == 1
    assert "No deleted highlight" in window.statusBar().currentMessage()


def test_ctrl_z_in_the_notes_editor_undoes_typing_not_a_deletion(
    ui: Driver, qtbot: QtBot, window: MainWindow
) -> None:
    highlighted(ui, qtbot, window)
    listed = window.side.highlights
    window.side.setCurrentWidget(listed)
    listed.setCurrentRow(0)
    listed.setFocus()
    qtbot.keyClick(listed, Qt.Key.Key_Delete)
    assert stored(window) == []
    window.side.setCurrentWidget(window.side.notes)
    editor = window.side.notes.editor
    editor.setFocus()
    qtbot.keyClicks(editor, "abc")
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() != "abc"
    assert stored(window) == []  # the highlight stays deleted: the editor had the key
    qtbot.keyClick(listed, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(stored(window)) == 1


def test_a_new_highlight_keeps_its_speaker_and_time(
    ui: Driver, qtbot: QtBot, window: MainWindow
) -> None:
    window.open_episode("show-b/ep06-calendars.srt")
    ui.wait_for_episode(window)
    view = window.transcript.view
    assert view.find("Delegating the audit")
    qtbot.keyClick(view, Qt.Key.Key_H)
    path = NotesStore(window.paths.data, window.library).highlights_path(
        "show-b/ep06-calendars.srt"
    )
    [saved] = json.loads(path.read_text(encoding="utf-8"))["highlights"]
    assert (saved["speaker"], saved["time"]) == ("Grace Obi", 8.5)
