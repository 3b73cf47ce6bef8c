"""The annotations browser, driven as a user does: View › Annotations… (Ctrl+Shift+A), the
filters, the search box, a click and Enter opening the passage, Copy Quote on the clipboard,
export, and the episode list marking episodes with notes or highlights."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from reader.ui.annotations_view import AnnotationsWindow
from reader.ui.episode_model import NOTED, row_html
from reader.ui.main_window import MainWindow

if TYPE_CHECKING:  # the driver comes as the ``ui`` fixture from conftest
    from .conftest import Driver

EP1 = "show-a/ep01-leaders-who-delegate.md"
EP6 = "show-b/ep06-calendars.srt"
PULL = "Delegation builds trust, and trust builds teams."


def highlight(ui: Driver, qtbot: QtBot, window: MainWindow, path: str, phrase: str) -> str:
    window.open_episode(path)
    ui.wait_for_episode(window)
    view = window.transcript.view
    assert view.find(phrase)
    qtbot.keyClick(view, Qt.Key.Key_H)
    return window.notes.note.highlights[-1].id


@pytest.fixture
def marked(ui: Driver, qtbot: QtBot, window: MainWindow) -> MainWindow:
    made = highlight(ui, qtbot, window, EP1, "calendar audit with a client")
    window.notes.set_comment(made, "Try this with the <b>Tuesday</b> group.")
    window.notes.set_tags(made, ["clients"])
    window.notes.set_colour(made, "green")
    highlight(ui, qtbot, window, EP6, "Delegating the audit was the best choice")
    return window


def open_browser(qtbot: QtBot, window: MainWindow) -> AnnotationsWindow:
    window.activateWindow()
    qtbot.keyClick(
        window,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    browser = window.annotations.browser
    assert browser is not None
    qtbot.waitUntil(lambda: browser.isVisible() and browser.model.rowCount() >= 3)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is browser)  # it comes to the front
    return browser


def shown(browser: AnnotationsWindow, column: str = "Text") -> list[str]:
    from reader.ui.annotations_model import COLUMNS

    model = browser.model
    return [model.index(r, COLUMNS.index(column)).data() for r in range(model.rowCount())]


def row_of(browser: AnnotationsWindow, text: str) -> int:
    return shown(browser).index(text)


def select_row(qtbot: QtBot, browser: AnnotationsWindow, row: int) -> None:
    """Select a row with the arrow keys, as a user would (Ctrl+Home only moves the cursor)."""
    table = browser.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    keys = [Qt.Key.Key_Down, Qt.Key.Key_Up] if row == 0 else [Qt.Key.Key_Down] * row
    for key in keys:
        qtbot.keyClick(table, key)
    assert browser.selected_marks() == [browser.model.mark(row)]


def choose(qtbot: QtBot, box: QComboBox, label: str) -> None:
    """Pick ``label`` with the keyboard, as a user would: Home, then Down until it is chosen."""
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    for _ in range(box.count()):
        if box.currentText() == label:
            return
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.currentText() == label


def test_every_highlight_and_pull_quote_with_its_details(qtbot: QtBot, marked: MainWindow):
    browser = open_browser(qtbot, marked)
    texts = shown(browser)
    assert texts[:2] == [  # newest first
        "Delegating the audit was the best choice",
        "calendar audit with a client",
    ]
    assert PULL in texts
    r = row_of(browser, "calendar audit with a client")
    row = {
        c: v[r]
        for c in ("Speaker", "Episode", "Show", "Time", "Kind", "Colour", "Tags", "Comment")
        for v in [shown(browser, c)]
    }
    assert row == {
        "Speaker": "Maya Okafor",
        "Episode": "1 · Leaders Who Delegate",
        "Show": "Harbour Leadership",
        "Time": row["Time"],
        "Kind": "Highlight",
        "Colour": "green",
        "Tags": "clients",
        "Comment": "Try this with the <b>Tuesday</b> group.",  # as typed, never markup
    }
    grace = row_of(browser, "Delegating the audit was the best choice")
    assert shown(browser, "Speaker")[grace] == "Grace Obi"
    assert shown(browser, "Time")[grace] == "0:08"
    assert shown(browser, "Kind")[row_of(browser, PULL)] == "Pull quote"
    assert browser.count_label.text().endswith("marks")


def test_filters_narrow_the_list(qtbot: QtBot, marked: MainWindow):
    browser = open_browser(qtbot, marked)
    choose(qtbot, browser.kind_box, "Pull quotes")
    assert set(shown(browser, "Kind")) == {"Pull quote"}
    assert PULL in shown(browser)
    choose(qtbot, browser.kind_box, "Highlights")
    assert sorted(shown(browser)) == [
        "Delegating the audit was the best choice",
        "calendar audit with a client",
    ]
    choose(qtbot, browser.colour_box, "Green")
    assert shown(browser) == ["calendar audit with a client"]
    choose(qtbot, browser.colour_box, "Any colour")
    choose(qtbot, browser.tag_box, "#clients")
    assert shown(browser) == ["calendar audit with a client"]
    choose(qtbot, browser.tag_box, "Any tag")
    choose(qtbot, browser.show_box, "Middle Managers Unite")
    assert shown(browser) == ["Delegating the audit was the best choice"]
    choose(qtbot, browser.show_box, "Any show")
    choose(qtbot, browser.speaker_box, "Grace Obi")
    assert shown(browser) == ["Delegating the audit was the best choice"]
    choose(qtbot, browser.speaker_box, "Any speaker")
    choose(qtbot, browser.episode_box, "1 · Leaders Who Delegate")
    assert shown(browser) == ["calendar audit with a client"]
    choose(qtbot, browser.added_box, "Today")
    assert shown(browser) == ["calendar audit with a client"]
    choose(qtbot, browser.order, "By episode")
    assert browser.count_label.text().startswith("1 of ")


def test_the_search_box_finds_a_comment_word_and_a_pull_quote(qtbot: QtBot, marked: MainWindow):
    browser = open_browser(qtbot, marked)
    qtbot.keyClicks(browser.search_box, "tuesday")
    qtbot.waitUntil(lambda: shown(browser) == ["calendar audit with a client"])
    browser.search_box.clear()
    qtbot.keyClicks(browser.search_box, "trust teams")
    qtbot.waitUntil(lambda: shown(browser) == [PULL])
    browser.search_box.clear()
    qtbot.waitUntil(lambda: len(shown(browser)) >= 3)


def test_click_and_enter_open_the_episode_at_the_passage(
    ui: Driver, qtbot: QtBot, marked: MainWindow
):
    browser = open_browser(qtbot, marked)
    table = browser.table
    r = row_of(browser, "calendar audit with a client")
    rect = table.visualRect(browser.model.index(r, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    view = marked.transcript.view
    qtbot.waitUntil(lambda: view.textCursor().selectedText() == "calendar audit with a client")
    assert view.episode.id == EP1
    marked.open_episode(EP6)
    ui.wait_for_episode(marked)
    assert QApplication.activeWindow() is browser  # a click leaves the browser in front
    select_row(qtbot, browser, row_of(browser, PULL))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    passage = PULL.removesuffix(".")  # the body passage the pull quote repeats
    qtbot.waitUntil(lambda: view.episode.id == EP1 and view.textCursor().selectedText() == passage)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is marked)  # Enter goes to the passage


def test_copy_quote_and_save_as_image_from_the_browser(
    qtbot: QtBot, marked: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    browser = open_browser(qtbot, marked)
    table = browser.table
    select_row(qtbot, browser, row_of(browser, "Delegating the audit was the best choice"))
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QApplication.clipboard().mimeData()
    assert copied.text().startswith("“Delegating the audit was the best choice” — Grace Obi")
    assert "(0:08)" in copied.text()
    assert "Grace Obi" in bytes(copied.data("text/markdown").data()).decode("utf-8")
    out = tmp_path / "card.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    qtbot.mouseClick(browser.card_button, Qt.MouseButton.LeftButton)
    assert out.stat().st_size > 1000
    assert str(out) in browser.message.text()


def test_select_many_and_export_one_file_per_episode(
    qtbot: QtBot, marked: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    browser = open_browser(qtbot, marked)
    choose(qtbot, browser.kind_box, "Highlights")
    table = browser.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    out = tmp_path / "out"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(out))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: box.buttons()[0].click() or 0)
    qtbot.mouseClick(browser.export_button, Qt.MouseButton.LeftButton)
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert names == ["show-a/1 - Leaders Who Delegate.md", "show-b/6 - Calendars.md"]
    text = (out / names[0]).read_text(encoding="utf-8")
    assert "> calendar audit with a client" in text
    assert "Try this with the <b>Tuesday</b> group." in text
    assert "Exported 2 marks to 2 files" in browser.message.text()


def test_episodes_with_notes_or_highlights_are_marked_in_the_list(
    ui: Driver, qtbot: QtBot, window: MainWindow, search_library: Path
):
    def marked_rows(win: MainWindow) -> set[str]:
        model = win.library_pane.model
        return {
            row.path
            for r, row in enumerate(model.rows())
            if NOTED in model.index(r).data(Qt.ItemDataRole.AccessibleTextRole)
        }

    assert marked_rows(window) == set()
    highlight(ui, qtbot, window, EP6, "Delegating the audit")
    qtbot.waitUntil(lambda: marked_rows(window) == {EP6})
    model = window.library_pane.model
    assert NOTED in row_html(model.rows()[model.row_of(EP6)], False, noted=True)
    window.close()
    again = ui.start(search_library)  # a new start finds them from the notes files
    qtbot.waitUntil(lambda: marked_rows(again) == {EP6})
    again.open_episode(EP6)
    ui.wait_for_episode(again)
    again.notes.delete_highlight(again.notes.note.highlights[0].id)
    qtbot.waitUntil(lambda: marked_rows(again) == set())
    again.close()
