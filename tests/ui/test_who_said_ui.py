""" "Who Said This?" in the window, driven as a user does: Ctrl+Shift+W, typing or pasting a
quote, Ctrl+Enter, the result list, Copy with Attribution, Enter to open the passage."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.ui.main_window import MainWindow
from reader.ui.who_said_dialog import WhoSaidDialog
from tests.research.library import write_library

if TYPE_CHECKING:  # the driver comes as the ``ui`` fixture from conftest
    from .conftest import Driver

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def research_window(ui: Driver, tmp_path: Path) -> Iterator[MainWindow]:
    win = ui.start(write_library(tmp_path / "research"))
    yield win
    win.close()


def ask(qtbot: QtBot, window: MainWindow, quote: str, paste: bool = False) -> WhoSaidDialog:
    """Ctrl+Shift+W, the quote typed (or pasted) into the box, Ctrl+Enter; the answer."""
    qtbot.keyClick(window.library_pane.search_box, Qt.Key.Key_W, CTRL_SHIFT)
    dialog = window.research.who_said_dialog
    qtbot.waitUntil(dialog.isVisible)
    box = dialog.quote_box
    box.setFocus()
    box.clear()
    if paste:
        QApplication.clipboard().setText(quote)
        qtbot.keyClick(box, Qt.Key.Key_V, CTRL)
    else:
        qtbot.keyClicks(box, quote)
    before = dialog.status.text()
    qtbot.keyClick(box, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: dialog.status.text() not in (before, "Looking…"), timeout=10000)
    return dialog


def test_a_half_remembered_quote_lists_who_said_it_when_and_where(
    qtbot: QtBot, research_window: MainWindow
):
    dialog = ask(qtbot, research_window, "“the silence is where thinking happens”", paste=True)
    assert dialog.results.count() >= 1
    first = dialog.results.item(0).text()
    assert first.startswith("Tom Becker at 1:10 — Episode 1: Silence (")
    assert first.endswith("close)\n“The silence is where the thinking happens”")
    assert dialog.status.text().endswith("(no exact match; closest first).")


def test_the_exact_words_say_so(qtbot: QtBot, research_window: MainWindow):
    dialog = ask(qtbot, research_window, "Most managers rush to fill it with advice")
    assert dialog.results.item(0).text() == (
        "Maya Okafor at 2:30 — Episode 1: Silence (exact words)\n"
        "“Most managers rush to fill it with advice”"
    )


def test_copy_with_attribution_uses_the_copy_quote_template(
    qtbot: QtBot, research_window: MainWindow
):
    dialog = ask(qtbot, research_window, "the silence is where the thinking starts")
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    mime = QApplication.clipboard().mimeData()
    assert mime.text() == (
        "“The silence is where the thinking happens” — Tom Becker, Show a, Episode 1: "
        "Silence (1:10)"
    )
    assert "<footer>— Tom Becker, Show a, Episode 1: Silence (1:10)</footer>" in mime.html()
    assert (
        bytes(mime.data("text/markdown").data())
        .decode()
        .startswith("> “The silence is where the thinking happens”")
    )


def test_enter_on_a_result_opens_the_episode_with_the_passage_selected(
    ui: Driver, qtbot: QtBot, research_window: MainWindow
):
    dialog = ask(qtbot, research_window, "don't delegate what you cant undo")
    qtbot.waitUntil(dialog.results.hasFocus, timeout=5000)
    qtbot.keyClick(dialog.results, Qt.Key.Key_Return)
    ui.wait_for_episode(research_window)
    reader = research_window.transcript.view
    qtbot.waitUntil(lambda: reader.textCursor().selectedText() != "", timeout=5000)
    assert reader.episode.id == "show-b/ep02-handing-over.md"
    assert reader.textCursor().selectedText() == "don't delegate what you can't undo"


def test_nothing_close_is_said_plainly_with_nothing_to_copy_or_open(
    qtbot: QtBot, research_window: MainWindow
):
    dialog = ask(qtbot, research_window, "purple elephants dance across the frozen moon")
    assert dialog.results.count() == 0
    assert dialog.status.text() == (
        "Nothing in the library is close to “purple elephants dance across the frozen moon”."
    )
    assert not dialog.copy_button.isEnabled()
    assert not dialog.open_button.isEnabled()


def test_the_readers_selection_is_the_quote_to_look_for(
    ui: Driver, qtbot: QtBot, research_window: MainWindow
):
    research_window.open_episode("show-a/ep01-silence.vtt")
    ui.wait_for_episode(research_window)
    reader = research_window.transcript.view
    start = reader.episode.text.index("So silence is a tool")
    reader.jump_to(reader.position_of(start), reader.position_of(start + 20))
    qtbot.keyClick(reader, Qt.Key.Key_W, CTRL_SHIFT)
    dialog = research_window.research.who_said_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.quote_box.toPlainText() == "So silence is a tool"


def test_a_quote_with_markup_is_listed_as_text(qtbot: QtBot, ui: Driver, tmp_path: Path):
    library = write_library(tmp_path / "markup")
    (library / "show-b" / "ep08-tags.txt").write_text(
        "Episode 8: Tags\n\nShe said <b>never</b> hand over a decision blind.\n", encoding="utf-8"
    )
    window = ui.start(library)
    try:
        dialog = ask(qtbot, window, "she said never hand over a decision blind")
        assert (
            dialog.results.item(0)
            .text()
            .endswith("“She said <b>never</b> hand over a decision blind”")
        )
    finally:
        window.close()
