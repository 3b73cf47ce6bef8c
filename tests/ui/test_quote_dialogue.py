"""Quotes credited to who said them, the way a user meets it (issue 13): a selection made with
the keys across Daniel Reyes's turn and Grace Obi's is copied (Ctrl+Shift+C) and added to the
notes (Ctrl+Shift+N) as a dialogue, each part with its speaker and the time it starts; the
quote card refuses it with a plain-text reason; selections snap to whole words."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

import reader.ui.quote_actions as quote_actions
from reader.notes.passage_links import parse_link
from reader.quotes import QuoteInfo
from reader.ui.main_window import MainWindow
from reader.ui.quote_card import quote_card_layout

if TYPE_CHECKING:  # the driver and the dialog log come as fixtures from conftest
    from .conftest import DialogLog, Driver

#: Daniel Reyes: 0:01 "Welcome ..." and 0:04 "We keep a calendar ...", then Grace Obi at 0:08.
EP6 = "show-b/ep06-calendars.srt"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
PLAIN = (
    "Daniel Reyes (0:04): “run an audit of spending each year.”\n"
    "Grace Obi (0:08): “Delegating the audit”\n"
    "— Middle Managers Unite, Episode 6: Calendars"
)
MARKDOWN = (
    "> **Daniel Reyes** (0:04): “run an audit of spending each year.”\n"
    ">\n"
    "> **Grace Obi** (0:08): “Delegating the audit”\n"
    ">\n"
    "> — Middle Managers Unite, Episode 6: Calendars"
)
HTML = (
    "<blockquote><p><strong>Daniel Reyes</strong> (0:04): “run an audit of spending each "
    "year.”</p><p><strong>Grace Obi</strong> (0:08): “Delegating the audit”</p>"
    "<footer>— Middle Managers Unite, Episode 6: Calendars</footer></blockquote>"
)


def open_ep6(ui: Driver, window: MainWindow) -> None:
    window.open_episode(EP6)
    ui.wait_for_episode(window)
    assert window.transcript.view.episode.id == EP6


def select_with_keys(qtbot: QtBot, window: MainWindow, start: int, end: int) -> None:
    """Put the cursor at transcript offset ``start`` and hold Shift+Right up to ``end``."""
    view = window.transcript.view
    cursor = view.textCursor()
    cursor.setPosition(view.position_of(start))
    view.setTextCursor(cursor)
    view.setFocus()
    for _ in range(view.position_of(end) - view.position_of(start)):
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.textCursor().position() == view.position_of(end)


def across_the_turn(ui: Driver, qtbot: QtBot, window: MainWindow) -> None:
    """From the middle of "run" (Daniel, second cue) into the middle of "audit" (Grace)."""
    open_ep6(ui, window)
    text = window.transcript.view.episode.text
    start = text.index("run an audit of spending") + 1
    end = text.index("Delegating the audit") + len("Delegating the au")
    select_with_keys(qtbot, window, start, end)


def test_copy_quote_across_two_speakers_copies_a_dialogue(
    ui: Driver, qtbot: QtBot, window: MainWindow
):
    across_the_turn(ui, qtbot, window)
    qtbot.keyClick(window.transcript.view, Qt.Key.Key_C, CTRL_SHIFT)
    mime = QApplication.clipboard().mimeData()
    assert mime.text() == PLAIN
    assert bytes(mime.data("text/markdown")).decode() == MARKDOWN
    assert mime.html() == HTML
    assert "Daniel Reyes and Grace Obi" in window.statusBar().currentMessage()


def test_add_quote_to_notes_across_two_speakers_adds_a_dialogue(
    ui: Driver, qtbot: QtBot, window: MainWindow
):
    across_the_turn(ui, qtbot, window)
    qtbot.keyClick(window.transcript.view, Qt.Key.Key_N, CTRL_SHIFT)
    note = window.side.notes.editor.toPlainText().strip()
    # Each turn's time links to that turn, the source line to the whole passage.
    links = re.findall(r"\[([^\]]*)\]\((episode-reader://[^)]*)\)", note)
    assert re.sub(r"\[([^\]]*)\]\(episode-reader://[^)]*\)", r"\1", note) == MARKDOWN
    assert [label for label, _url in links] == [
        "0:04",
        "0:08",
        "Middle Managers Unite, Episode 6: Calendars",
    ]
    text = window.transcript.view.episode.text
    passages = []
    for _label, url in links:
        link = parse_link(url)
        assert link is not None
        assert link.path == EP6
        passages.append(text[link.start : link.end])
    assert passages == [
        "run an audit of spending each year.",
        "Delegating the audit",
        text[text.index("run an audit") : text.index("Delegating the audit") + 20],
    ]


def test_the_quote_card_refuses_a_dialogue_with_a_plain_reason(
    ui: Driver,
    qtbot: QtBot,
    window: MainWindow,
    dialogs: DialogLog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
):
    target = tmp_path / "card.png"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "PNG image (*.png)")
    )
    across_the_turn(ui, qtbot, window)
    window.save_quote_card("square")
    assert not target.exists()
    ((kind, message),) = dialogs.shown
    assert kind == "information"
    assert "Daniel Reyes and Grace Obi" in message
    assert "one speaker" in message
    assert dialogs.formats == [Qt.TextFormat.PlainText]


def test_a_card_from_mid_word_mid_paragraph_has_whole_words_and_its_own_time(
    ui: Driver,
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
):
    drawn: list[QuoteInfo] = []
    real = quote_actions.render_quote_card

    def record(info: QuoteInfo, **kwargs: object):
        drawn.append(info)
        return real(info, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(quote_actions, "render_quote_card", record)
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *_a, **_k: (str(tmp_path / "card.png"), "PNG image (*.png)"),
    )
    open_ep6(ui, window)
    text = window.transcript.view.episode.text
    start = text.index("keep a calendar") + 2  # "…ep a calendar for the te"
    select_with_keys(qtbot, window, start, text.index("for the team") + len("for the te"))
    window.save_quote_card("square")
    (info,) = drawn
    assert (info.quote, info.speaker, info.timestamp) == (
        "keep a calendar for the team",
        "Daniel Reyes",
        4.5,  # the cue it starts in, not the paragraph's 0:01
    )
    details = quote_card_layout(info).block("details")
    assert details is not None
    assert details.text == "Episode 6: Calendars (0:04)"  # what the card prints under the name
    assert (tmp_path / "card.png").exists()


def test_copy_and_highlight_snap_to_whole_words(ui: Driver, qtbot: QtBot, window: MainWindow):
    open_ep6(ui, window)
    view = window.transcript.view
    text = view.episode.text
    start = text.index("Delegating") + 3
    select_with_keys(qtbot, window, start, text.index("best choice") + 2)
    qtbot.keyClick(view, Qt.Key.Key_C, CTRL_SHIFT)
    assert QApplication.clipboard().text() == (
        "“Delegating the audit was the best” — Grace Obi, Middle Managers Unite, "
        "Episode 6: Calendars (0:08)"
    )
    qtbot.keyClick(view, Qt.Key.Key_H)
    assert window.notes.note is not None
    assert [h.text for h in window.notes.note.highlights] == ["Delegating the audit was the best"]


def test_a_selection_within_one_speakers_turn_stays_one_quote(
    ui: Driver, qtbot: QtBot, window: MainWindow
):
    open_ep6(ui, window)
    text = window.transcript.view.episode.text
    start = text.index("Managers Unite.")
    select_with_keys(qtbot, window, start, text.index("for the team") + len("for the team"))
    qtbot.keyClick(window.transcript.view, Qt.Key.Key_C, CTRL_SHIFT)
    assert QApplication.clipboard().text() == (
        "“Managers Unite. We keep a calendar for the team” — Daniel Reyes, "
        "Middle Managers Unite, Episode 6: Calendars (0:01)"
    )


def test_a_quote_inside_the_quote_curls_the_same_in_every_flavour(
    ui: Driver, qtbot: QtBot, tmp_path: Path
):
    library = tmp_path / "nested"
    library.mkdir()
    (library / "ep03-monkeys.srt").write_text(
        "1\n00:00:02,000 --> 00:00:05,000\n"
        'Priya Raman: My coach said "stop taking the monkey back" and I\'d agree.\n',
        encoding="utf-8",
    )
    window = ui.start(library)
    try:
        window.open_episode("ep03-monkeys.srt")
        ui.wait_for_episode(window)
        text = window.transcript.view.episode.text
        select_with_keys(qtbot, window, text.index("said"), text.index("agree") + 2)
        qtbot.keyClick(window.transcript.view, Qt.Key.Key_C, CTRL_SHIFT)
        mime = QApplication.clipboard().mimeData()
        quoted = "“said ‘stop taking the monkey back’ and I’d agree”"
        assert mime.text().startswith(f"{quoted} — Priya Raman")
        assert bytes(mime.data("text/markdown")).decode().startswith(f"> {quoted}\n>\n> — Priya")
        assert mime.html().startswith(f"<blockquote><p>{quoted}</p><footer>— Priya Raman")
    finally:
        window.close()
