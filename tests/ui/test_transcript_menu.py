"""The transcript's right-click menu, opened with a real context-menu event and chosen from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtGui import QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from reader.ui.main_window import MainWindow

if TYPE_CHECKING:  # the driver comes as the ``ui`` fixture from conftest
    from .conftest import Driver

EP1 = "show-a/ep01-leaders-who-delegate.md"
PHRASE = "Delegation builds trust"


def pick_from_menu(choose: list[str], seen: dict[str, bool]) -> None:
    """In the open popup menu, choose the entry reached through the labels in ``choose``;
    ``seen`` gets every entry of the menu (label: enabled)."""
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    seen.update({a.text(): a.isEnabled() for a in menu.actions() if a.text()})
    entry: QMenu = menu
    for label in choose:
        action = next(a for a in entry.actions() if a.text() == label)
        if action.menu() is not None:
            entry = action.menu()
        else:
            action.trigger()
    menu.close()


def right_click(
    qtbot: QtBot, window: MainWindow, offset: int, choose: list[str]
) -> dict[str, bool]:
    """Right-click the transcript at text ``offset`` and choose the entry reached through the
    labels in ``choose``; returns every entry of the menu (label: enabled)."""
    view = window.transcript.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.position_of(offset))
    point = view.cursorRect(cursor).center() + QPoint(1, 0)
    seen: dict[str, bool] = {}
    QTimer.singleShot(0, lambda: pick_from_menu(choose, seen))
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, view.mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    qtbot.waitUntil(lambda: bool(seen))
    return seen


def test_highlight_a_selection_in_a_colour_and_delete_it_from_the_menu(
    ui: Driver, qtbot: QtBot, window: MainWindow
):
    window.open_episode(EP1)
    ui.wait_for_episode(window)
    view = window.transcript.view
    start = view.episode.text.index(PHRASE)
    assert view.find(PHRASE)  # selects it, as Find would

    entries = right_click(qtbot, window, start + 3, ["&Highlight", "Green"])
    assert entries["&Highlight"]
    assert entries["Copy &Quote\tCtrl+Shift+C"]
    assert [(h.text, h.color) for h in window.notes.note.highlights] == [(PHRASE, "green")]

    view.moveCursor(QTextCursor.MoveOperation.Start)  # no selection: a click on the highlight
    entries = right_click(qtbot, window, start + 3, ["&Delete Highlight\tDel"])
    assert not entries["&Highlight"]
    assert not entries["Copy &Quote\tCtrl+Shift+C"]
    assert window.notes.note.highlights == []
