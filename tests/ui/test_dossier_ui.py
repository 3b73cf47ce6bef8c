"""The topic dossier in the window, driven as a user does: the search box, Ctrl+Shift+D,
clicks on moments, the grouping box, Copy as Briefing and Export…"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from reader.ui import dossier_view
from reader.ui.dossier_view import DossierView
from reader.ui.main_window import MainWindow
from tests.readonly import read_only
from tests.research.library import SILENCE_SENTENCE, write_library

if TYPE_CHECKING:  # the driver comes as the ``ui`` fixture from conftest
    from .conftest import Driver

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
EP1 = "show-a/ep01-silence.vtt"


@pytest.fixture
def research_window(ui: Driver, tmp_path: Path) -> Iterator[MainWindow]:
    win = ui.start(write_library(tmp_path / "research"))
    yield win
    win.close()


def open_dossier(ui: Driver, qtbot: QtBot, window: MainWindow, query: str) -> DossierView:
    """Type ``query`` in the search box, press Ctrl+Shift+D, wait for the moments."""
    ui.type_query(window, query)
    qtbot.keyClick(window.library_pane.search_box, Qt.Key.Key_D, CTRL_SHIFT)
    view = window.research.dossier_view
    qtbot.waitUntil(lambda: view.isVisible() and view.dossier is not None, timeout=10000)
    return view


def click_moment(qtbot: QtBot, view: DossierView, number: int) -> None:
    """Click the link of moment ``number`` in the dossier page."""
    browser = view.browser
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref() == f"moment:{number}":
                cursor = QTextCursor(browser.document())
                cursor.setPosition(fragment.position() + 1)
                browser.ensureCursorVisible()
                browser.setTextCursor(cursor)
                point = browser.cursorRect(cursor).center()
                qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
                return
            it += 1
        block = block.next()
    raise AssertionError(f"no link to moment {number}")


def test_the_search_box_query_becomes_a_dossier_of_every_moment(
    ui: Driver, qtbot: QtBot, research_window: MainWindow
):
    view = open_dossier(ui, qtbot, research_window, "silence")
    assert view.query_box.text() == "silence"
    assert view.status.text() == "3 moments in 1 episode."
    page = view.browser.toPlainText()
    assert "Episode 1: Silence" in page
    assert "1:10 · Tom Becker I learned to wait. " + SILENCE_SENTENCE in page
    assert "2:30 · Maya Okafor So silence is a tool." in page
    bold = QTextCursor(view.browser.document().find("silence in coaching"))
    bold.setPosition(bold.selectionStart() + 1)
    assert bold.charFormat().fontWeight() == QFont.Weight.Bold  # the query's word stands out


def test_clicking_a_moment_opens_the_episode_with_that_passage_selected(
    ui: Driver, qtbot: QtBot, research_window: MainWindow
):
    view = open_dossier(ui, qtbot, research_window, "silence")
    click_moment(qtbot, view, 1)
    ui.wait_for_episode(research_window)
    reader = research_window.transcript.view
    qtbot.waitUntil(lambda: reader.textCursor().selectedText() != "", timeout=5000)
    assert reader.episode.id == EP1
    assert reader.textCursor().selectedText() == "I learned to wait. " + SILENCE_SENTENCE


def test_by_speaker_regroups_the_same_moments_under_each_name(
    ui: Driver, qtbot: QtBot, research_window: MainWindow
):
    view = open_dossier(ui, qtbot, research_window, "silence OR delegation")
    before = view.dossier
    view.grouping.setFocus()
    qtbot.keyClick(view.grouping, Qt.Key.Key_Down)  # By episode -> By speaker
    qtbot.waitUntil(lambda: view.dossier is not before, timeout=10000)
    assert view.dossier.by == "speaker"
    headings = [g.title for g in view.dossier.groups]
    assert headings[0] == "Maya Okafor"
    assert set(headings) == {"Maya Okafor", "Tom Becker", "Grace Obi", "Ben Hollis"}
    page = view.browser.toPlainText()
    assert "0:05 · Silence Welcome back" in page  # a speaker's moment names its episode


def test_a_highlight_made_in_the_reader_shows_inline_in_the_dossier(
    ui: Driver, qtbot: QtBot, research_window: MainWindow
):
    research_window.open_episode(EP1)
    ui.wait_for_episode(research_window)
    reader = research_window.transcript.view
    start = reader.episode.text.index("where the thinking happens")
    reader.jump_to(reader.position_of(start), reader.position_of(start + 26))
    qtbot.keyClick(reader, Qt.Key.Key_H)
    view = open_dossier(ui, qtbot, research_window, "silence")
    (tom,) = [m for m in view.moments if m.speaker == "Tom Becker"]
    assert [tom.text[a:b] for a, b in tom.highlights] == ["where the thinking happens"]
    assert "background-color:#fff04d" in view.browser.toHtml().replace(" ", "")


def test_copy_as_briefing_puts_three_flavours_attributed_like_copy_quote(
    ui: Driver, qtbot: QtBot, research_window: MainWindow
):
    view = open_dossier(ui, qtbot, research_window, "silence")
    qtbot.mouseClick(view.copy_button, Qt.MouseButton.LeftButton)
    mime = QApplication.clipboard().mimeData()
    plain = mime.text()
    assert plain.startswith("Dossier: silence\n3 moments in 1 episode.\n")
    assert (
        "“I learned to wait. The silence is where the thinking happens, and I keep quiet.” "
        "— Tom Becker, Show a, Episode 1: Silence (1:10)"
    ) in plain
    assert "<footer>— Tom Becker, Show a, Episode 1: Silence (1:10)</footer>" in mime.html()
    markdown = bytes(mime.data("text/markdown").data()).decode("utf-8")
    assert "> — Tom Becker, Show a, Episode 1: Silence (1:10)" in markdown
    assert view.status.text() == "Briefing copied: 3 moments in 1 episode."


def test_export_writes_the_markdown_dossier(
    ui: Driver, qtbot: QtBot, research_window: MainWindow, tmp_path: Path, monkeypatch
):
    target = tmp_path / "out" / "silence"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    view = open_dossier(ui, qtbot, research_window, "silence")
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    written = (tmp_path / "out" / "silence.md").read_text(encoding="utf-8")
    assert written.startswith("# Dossier: silence\n\n3 moments in 1 episode.\n")
    assert "The **silence** is where" in written


def test_export_to_a_folder_that_cannot_be_written_says_so(
    ui: Driver, qtbot: QtBot, research_window: MainWindow, tmp_path: Path, monkeypatch, dialogs
):
    folder = tmp_path / "locked"
    folder.mkdir()
    target = folder / "silence.md"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    view = open_dossier(ui, qtbot, research_window, "silence")
    with read_only(folder):
        qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert len(dialogs.shown) == 1
    kind, text = dialogs.shown[0]
    assert kind == "warning"
    assert text.startswith(f"Dossier not exported: {target}: ")


def test_markup_in_a_transcript_is_shown_as_text(ui: Driver, qtbot: QtBot, tmp_path: Path):
    library = write_library(tmp_path / "markup")
    (library / "show-b" / "ep07-tags.txt").write_text(
        "Episode 7: <i>Tags</i>\n\nA <img src='x.png'> claim about <b>silence</b>.\n",
        encoding="utf-8",
    )
    window = ui.start(library)
    try:
        view = open_dossier(ui, qtbot, window, "claim")
        page = view.browser.toPlainText()
        assert "A <img src='x.png'> claim about <b>silence</b>." in page
        assert "Episode 7: <i>Tags</i>" in page
    finally:
        window.close()


def test_with_an_empty_search_box_the_dossier_asks_for_a_topic(
    ui: Driver, qtbot: QtBot, research_window: MainWindow
):
    ui.type_query(research_window, "")
    qtbot.keyClick(research_window.library_pane.search_box, Qt.Key.Key_D, CTRL_SHIFT)
    view = research_window.research.dossier_view
    qtbot.waitUntil(view.isVisible)
    qtbot.waitUntil(view.query_box.hasFocus, timeout=5000)
    assert not view.copy_button.isEnabled()
    qtbot.keyClicks(view.query_box, "advice")
    qtbot.keyClick(view.query_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.dossier is not None, timeout=10000)
    assert view.status.text() == "1 moment in 1 episode."
    assert view.copy_button.isEnabled()


def test_the_best_episodes_come_first_and_show_all_lists_the_rest(
    ui: Driver, qtbot: QtBot, research_window: MainWindow, monkeypatch
):
    monkeypatch.setattr(dossier_view, "FIRST_EPISODES", 1)
    view = open_dossier(ui, qtbot, research_window, "silence OR delegation")
    assert view.status.text().endswith("in 1 episode, the 1 best of 2 matching.")
    assert view.all_button.isVisible()
    assert view.all_button.text() == "Show &All 2 Episodes"
    first = view.dossier
    qtbot.mouseClick(view.all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.dossier is not first, timeout=10000)
    assert view.dossier.complete
    assert view.status.text().endswith("in 2 episodes.")
    assert not view.all_button.isVisible()
