"""Every jump (search hit, find match, highlight, outline entry) puts its target about a third
down the transcript view: not on the bottom line, not with its first line cut off."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from reader.ui.main_window import MainWindow

from .long_episode import LONG_PATH, write_long_library

if TYPE_CHECKING:
    from .conftest import Driver


@pytest.fixture
def long_window(ui: Driver, tmp_path: Path):
    window = ui.start(write_long_library(tmp_path / "long"))
    window.resize(1200, 700)
    yield window
    window.close()


def target_fraction(window: MainWindow, offset: int) -> float:
    """How far down the viewport the line holding ``offset`` starts (0 top, 1 bottom)."""
    view = window.transcript.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.position_of(offset))
    rect = view.cursorRect(cursor)
    assert rect.top() >= 0, "the target's first line is cut off"
    assert rect.bottom() <= view.viewport().height(), "the target is below the view"
    return rect.top() / view.viewport().height()


def assert_about_a_third(window: MainWindow, offset: int) -> None:
    assert 0.2 <= target_fraction(window, offset) <= 0.45


def test_search_hits_and_f3_land_a_third_down(ui: Driver, qtbot: QtBot, long_window: MainWindow):
    ui.type_query(long_window, "zebrafish")
    ui.open_first(long_window)
    view = long_window.transcript.view
    assert len(view.hits) == 3
    qtbot.keyClick(view, Qt.Key.Key_F3)
    assert view.current == 1
    assert_about_a_third(long_window, view.hits[1][0])
    qtbot.keyClick(view, Qt.Key.Key_F3)
    assert_about_a_third(long_window, view.hits[2][0])


def test_find_matches_land_a_third_down(ui: Driver, qtbot: QtBot, long_window: MainWindow):
    long_window.open_episode(LONG_PATH)
    ui.wait_for_episode(long_window)
    view = long_window.transcript.view
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(long_window.transcript.find_bar.edit, "Turn 75 ")
    assert len(view.hits) == 1
    assert_about_a_third(long_window, view.hits[0][0])


def test_outline_and_highlight_jumps_land_a_third_down(
    ui: Driver, qtbot: QtBot, long_window: MainWindow
):
    long_window.open_episode(LONG_PATH)
    ui.wait_for_episode(long_window)
    view = long_window.transcript.view
    outline = long_window.side.outline
    long_window.side.setCurrentWidget(outline)
    part3 = next(i for i in range(outline.count()) if outline.item(i).text() == "Part 3")
    outline.scrollToItem(outline.item(part3))
    rect = outline.visualItemRect(outline.item(part3))
    qtbot.mouseClick(outline.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert_about_a_third(long_window, view.episode.text.index("Part 3"))

    phrase = "Turn 100 of the talk"
    start = view.episode.text.index(phrase)
    cursor = view.textCursor()
    cursor.setPosition(view.position_of(start))
    cursor.setPosition(view.position_of(start + len(phrase)), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    long_window.notes.add_highlight("green")
    view.verticalScrollBar().setValue(0)
    highlights = long_window.side.highlights
    long_window.side.setCurrentWidget(highlights)
    rect = highlights.visualItemRect(highlights.item(0))
    qtbot.mouseClick(highlights.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert_about_a_third(long_window, start)
