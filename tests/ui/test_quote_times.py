"""Times inside merged caption paragraphs, in the window (issue 11, item 9): hovering a
sentence shows when it was said, and Copy Quote from the middle of a paragraph carries the
time of that sentence's own cue, not the paragraph's first one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from reader.ui.main_window import MainWindow

if TYPE_CHECKING:  # the driver comes as the ``ui`` fixture from conftest
    from .conftest import Driver

#: Two cues merged into Daniel Reyes's first paragraph: 0:01 "Welcome ..." and 0:04 "We keep".
EP6 = "show-b/ep06-calendars.srt"
MIDDLE = "We keep a calendar for the team"


def open_ep6(ui: Driver, window: MainWindow) -> None:
    window.open_episode(EP6)
    ui.wait_for_episode(window)
    view = window.transcript.view
    assert view.episode.segments()[0].text.startswith("Welcome to Middle Managers Unite. " + MIDDLE)


def hover(qtbot: QtBot, window: MainWindow, phrase: str) -> str:
    """Rest the mouse on ``phrase`` (a tooltip event, as Qt sends after a pause)."""
    view = window.transcript.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.position_of(view.episode.text.index(phrase) + 3))
    point = view.cursorRect(cursor).center()
    QToolTip.hideText()
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    return QToolTip.text()


def test_hovering_a_sentence_shows_the_time_it_was_said(
    ui: Driver, qtbot: QtBot, window: MainWindow
):
    open_ep6(ui, window)
    assert hover(qtbot, window, "Welcome to Middle") == "Said at 0:01"
    assert hover(qtbot, window, MIDDLE) == "Said at 0:04"  # same paragraph, its own cue
    assert hover(qtbot, window, "Delegating the audit") == "Said at 0:08"
    QToolTip.hideText()


def test_copy_quote_from_the_middle_of_a_paragraph_carries_its_own_time(
    ui: Driver, qtbot: QtBot, window: MainWindow
):
    open_ep6(ui, window)
    view = window.transcript.view
    start = view.episode.text.index(MIDDLE)
    cursor = view.textCursor()
    cursor.setPosition(view.position_of(start))
    cursor.setPosition(view.position_of(start + len(MIDDLE)), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.setFocus()
    qtbot.keyClick(
        view,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert QApplication.clipboard().text() == (
        f"“{MIDDLE}” — Daniel Reyes, Middle Managers Unite, Episode 6: Calendars (0:04)"
    )
