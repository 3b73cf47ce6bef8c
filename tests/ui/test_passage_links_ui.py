"""Links back to the passage, as a user meets them: Add Quote to Notes (Ctrl+Shift+N) writes
the quote with its attribution linked to the passage; a click on that link in the notes
preview opens the episode (this one or another) with the passage selected and in view, also
after the transcript was re-imported with its text moved; a lost passage or episode is
named plainly, and no other link is ever opened."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.notes.passage_links import parse_link
from reader.ui.main_window import MainWindow
from reader.ui.notes_panel import OfflineBrowser

from .test_notes_ui import open_episode, select

if TYPE_CHECKING:
    from .conftest import DialogLog, Driver

EP1 = "show-a/ep01-leaders-who-delegate.md"
EP6 = "show-b/ep06-calendars.srt"
PASSAGE = "Delegating the audit was the best choice we made."
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
LINK = re.compile(r"\[([^\]]*)\]\((episode-reader://[^)]*)\)")


def quote_with_the_key(ui: Driver, qtbot: QtBot, window: MainWindow) -> str:
    """Select the passage in episode 6 and press Ctrl+Shift+N; the Markdown it added."""
    open_episode(ui, window, EP6)
    select(window, PASSAGE)
    qtbot.keyClick(window.transcript.view, Qt.Key.Key_N, CTRL_SHIFT)
    return window.side.notes.body()


def paste_into_note(qtbot: QtBot, window: MainWindow, text: str) -> None:
    editor = window.side.notes.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    QApplication.clipboard().setText(text)
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def click_link(qtbot: QtBot, window: MainWindow, label: str) -> None:
    """Show the preview and click the link whose text is ``label``, as a user would."""
    panel = window.side.notes
    if not panel.preview_button.isChecked():
        qtbot.mouseClick(panel.preview_button, Qt.MouseButton.LeftButton)
    browser: OfflineBrowser = panel.preview
    found = browser.document().find(label)
    assert not found.isNull(), (label, browser.toPlainText())
    found.setPosition(found.selectionStart() + len(label) // 2)
    point = browser.cursorRect(found).center() + QPoint(0, 0)
    assert browser.anchorAt(point), f"no link under {label!r}"
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)


def selected_words(window: MainWindow) -> str:
    view = window.transcript.view
    span = view.selected_span()
    assert span is not None
    return view.episode.text[span[0] : span[1]]


def in_view(window: MainWindow) -> bool:
    view = window.transcript.view
    return view.viewport().rect().contains(view.cursorRect())


def test_add_quote_to_notes_links_the_attribution_to_the_passage(
    ui: Driver, qtbot: QtBot, window: MainWindow
):
    body = quote_with_the_key(ui, qtbot, window)
    attribution = "Grace Obi, Middle Managers Unite, Episode 6: Calendars (0:08)"
    # Plain Markdown still reads as the quote and who said it.
    assert body.startswith(f"> “{PASSAGE}”\n>\n> — [{attribution}](episode-reader://passage?")
    ((label, url),) = LINK.findall(body)
    link = parse_link(url)
    assert link is not None
    assert (label, link.path, link.time, link.text) == (attribution, EP6, 8.5, PASSAGE)
    # The preview shows the attribution as a link, the address nowhere as text.
    click_link(qtbot, window, "Grace Obi")
    assert "episode-reader" not in window.side.notes.preview.toPlainText()


def test_a_click_on_the_link_in_another_episodes_note_opens_the_passage(
    ui: Driver, qtbot: QtBot, window: MainWindow
):
    quote = quote_with_the_key(ui, qtbot, window)
    open_episode(ui, window, EP1)
    paste_into_note(qtbot, window, "From the calendars episode:\n\n" + quote)
    click_link(qtbot, window, "Episode 6: Calendars")
    ui.wait_for_episode(window)
    assert window.transcript.view.episode.id == EP6
    assert selected_words(window) == PASSAGE
    assert in_view(window)
    assert "0:08" in window.statusBar().currentMessage()


def test_a_click_in_the_same_episode_selects_the_passage_and_scrolls_to_it(
    ui: Driver, qtbot: QtBot, window: MainWindow, dialogs: DialogLog
):
    quote_with_the_key(ui, qtbot, window)
    view = window.transcript.view
    view.jump_to(0)
    request = window.loaded_request
    click_link(qtbot, window, "Grace Obi")
    assert selected_words(window) == PASSAGE
    assert in_view(window)
    assert window.loaded_request == request  # not loaded again
    assert dialogs.shown == []


def test_the_link_finds_the_passage_after_a_reimport_moved_the_text(
    ui: Driver, qtbot: QtBot, window: MainWindow, search_library: Path
):
    quote = quote_with_the_key(ui, qtbot, window)
    old_start = window.transcript.view.episode.text.index(PASSAGE)
    open_episode(ui, window, EP1)
    paste_into_note(qtbot, window, quote)
    srt = search_library / EP6
    srt.write_text(
        "1\n00:00:00,000 --> 00:00:01,000\nDaniel Reyes: A cold open, added later.\n\n"
        + srt.read_text(encoding="utf-8").replace("1\n00:00:01", "2\n00:00:01", 1),
        encoding="utf-8",
    )
    click_link(qtbot, window, "Grace Obi")
    ui.wait_for_episode(window)
    episode = window.transcript.view.episode
    assert episode.id == EP6
    assert episode.text.startswith("A cold open")
    assert episode.text.index(PASSAGE) != old_start
    assert selected_words(window) == PASSAGE
    assert in_view(window)


def test_a_passage_that_is_gone_is_named_and_its_place_shown(
    ui: Driver, qtbot: QtBot, window: MainWindow, search_library: Path, dialogs: DialogLog
):
    quote = quote_with_the_key(ui, qtbot, window)
    open_episode(ui, window, EP1)
    paste_into_note(qtbot, window, quote)
    srt = search_library / EP6
    srt.write_text(
        srt.read_text(encoding="utf-8").replace(PASSAGE, "We gave the audit away."),
        encoding="utf-8",
    )
    click_link(qtbot, window, "Grace Obi")
    ui.wait_for_episode(window)
    assert window.transcript.view.episode.id == EP6
    ((kind, message),) = dialogs.shown
    assert kind == "information"
    assert message.startswith("Passage not found: The quoted words are no longer in “Calendars”")
    assert "(0:08)" in message
    view = window.transcript.view
    assert view.offset_of(view.textCursor().position()) == view.episode.text.index("We gave")


def test_an_episode_that_is_gone_is_named_and_nothing_else_changes(
    ui: Driver, qtbot: QtBot, window: MainWindow, search_library: Path, dialogs: DialogLog
):
    quote = quote_with_the_key(ui, qtbot, window)
    open_episode(ui, window, EP1)
    paste_into_note(qtbot, window, quote)
    (search_library / EP6).unlink()
    click_link(qtbot, window, "Grace Obi")
    qtbot.wait(300)
    assert window.transcript.view.episode.id == EP1
    ((kind, message),) = dialogs.shown
    assert kind == "information"
    assert message.startswith("Episode not found: ")
    assert EP6 in message
    assert "Your note keeps the quote." in message


def test_a_damaged_passage_link_says_so(
    ui: Driver, qtbot: QtBot, window: MainWindow, dialogs: DialogLog
):
    open_episode(ui, window, EP1)
    paste_into_note(
        qtbot, window, "[broken](episode-reader://passage?path=../../etc/passwd&text=x)"
    )
    click_link(qtbot, window, "broken")
    qtbot.wait(200)
    assert window.transcript.view.episode.id == EP1
    ((_kind, message),) = dialogs.shown
    assert message.startswith("Link not understood: This passage link is damaged")


@pytest.mark.parametrize(
    ("label", "url"),
    [
        ("web page", "https://example.com/tracker"),
        ("local file", "file:///etc/passwd"),
        ("next to it", "notes.md"),
        ("mail", "mailto:someone@example.com"),
    ],
)
def test_other_links_are_never_opened(
    ui: Driver,
    qtbot: QtBot,
    window: MainWindow,
    dialogs: DialogLog,
    monkeypatch: pytest.MonkeyPatch,
    label: str,
    url: str,
):
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda u: opened.append(u) or True)
    open_episode(ui, window, EP1)
    paste_into_note(qtbot, window, f"See the [{label}]({url}).")
    click_link(qtbot, window, label)
    qtbot.wait(200)
    assert opened == []
    assert window.transcript.view.episode.id == EP1
    assert window.side.notes.preview.toPlainText().strip() == f"See the {label}."
    assert dialogs.shown == []
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Not opened: {url}")
    assert "right-click" in message


def test_text_from_the_transcript_stays_text_in_the_quote_and_its_link(
    ui: Driver, qtbot: QtBot, window: MainWindow, search_library: Path
):
    hostile = (
        "**bold** [a link](https://example.com/) ![img](https://example.com/i.png) "
        '<img src="https://example.com/x.png"> <b>tag</b> ) ] > end'
    )
    (search_library / "show-b" / "ep08-odd.txt").write_text(
        f"Episode 8: Odd [Title](x) *here*\n\nGrace Obi: {hostile}\n", encoding="utf-8"
    )
    open_episode(ui, window, "show-b/ep08-odd.txt")
    select(window, hostile)
    qtbot.keyClick(window.transcript.view, Qt.Key.Key_N, CTRL_SHIFT)
    qtbot.mouseClick(window.side.notes.preview_button, Qt.MouseButton.LeftButton)
    preview = window.side.notes.preview
    shown = preview.toPlainText()
    assert hostile.replace("**", "") not in shown  # nothing became emphasis...
    assert "**bold** [a link](https://example.com/)" in shown  # ...or a link or an image
    assert "<img src=" in shown
    assert "<b>tag</b> ) ] > end" in shown
    assert "Odd [Title](x) *here*" in shown
    anchors = re.findall(r'<a href="([^"]*)"', preview.toHtml())
    assert len(anchors) == 1
    assert anchors[0].startswith("episode-reader://passage?path=show-b/ep08-odd.txt")
    assert all("example.com" not in name for name in preview.document().refused)
    view = window.transcript.view
    view.jump_to(0)
    click_link(qtbot, window, "*here*")
    assert selected_words(window) == hostile


def test_hovering_a_link_names_where_it_goes(ui: Driver, qtbot: QtBot, window: MainWindow):
    quote = quote_with_the_key(ui, qtbot, window)
    open_episode(ui, window, EP1)
    paste_into_note(qtbot, window, quote + "\n\n[site](https://example.com/)")
    qtbot.mouseClick(window.side.notes.preview_button, Qt.MouseButton.LeftButton)
    browser = window.side.notes.preview
    for label, said in [
        ("Grace", f"Open the passage in {EP6}"),
        ("site", "https://example.com/ (not opened: Episode Reader stays offline)"),
    ]:
        found = browser.document().find(label)
        found.setPosition(found.selectionStart() + 2)
        qtbot.mouseMove(browser.viewport(), browser.cursorRect(found).center())
        qtbot.waitUntil(lambda said=said: window.statusBar().currentMessage() == said)
