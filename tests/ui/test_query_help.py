"""The query language's help popup: from the "?" beside the search box or F1 in it, an
example of every form, shown as plain text; a click on one searches it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.ui.dialogs import ShortcutsDialog
from reader.ui.main_window import MainWindow
from reader.ui.query_help import EXAMPLES, QueryHelp

if TYPE_CHECKING:
    from .conftest import Driver


def _popup(qtbot: QtBot, window: MainWindow) -> QueryHelp:
    qtbot.waitUntil(
        lambda: (
            window.library_pane.query_help is not None
            and window.library_pane.query_help.isVisible()
        )
    )
    popup = window.library_pane.query_help
    assert popup is not None
    return popup


def test_f1_in_the_search_box_explains_the_query_language(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shortcuts: list[object] = []
    monkeypatch.setattr(ShortcutsDialog, "exec", lambda dialog: shortcuts.append(dialog))
    box = window.library_pane.search_box
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_F1)
    popup = _popup(qtbot, window)
    assert shortcuts == []  # F1 elsewhere still lists the keyboard shortcuts
    shown = [button.text().replace("&&", "&") for button in popup.buttons]
    for form in ('"', " OR ", " NOT ", "*", "~", "speaker:", "show:", "title:"):
        assert any(form in text for text in shown), form
    labels = popup.findChildren(type(window.library_pane.count_label))
    assert labels
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)


def test_clicking_an_example_searches_it(ui: Driver, qtbot: QtBot, window: MainWindow) -> None:
    qtbot.mouseClick(window.library_pane.help_button, Qt.MouseButton.LeftButton)
    popup = _popup(qtbot, window)
    example = next(i for i, (query, _) in enumerate(EXAMPLES) if " OR " in query)
    qtbot.mouseClick(popup.buttons[example], Qt.MouseButton.LeftButton)
    ui.wait_for_list(window)
    assert window.library_pane.query() == EXAMPLES[example][0]
    assert not popup.isVisible()
    assert [r.path for r in window.library_pane.model.rows()]  # "feedback" is in the library
