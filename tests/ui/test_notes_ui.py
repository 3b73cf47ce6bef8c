"""Notes, highlights and quotes in the window, driven by keys, clicks and the clipboard."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QTextCursor
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from reader.notes import NotesStore
from reader.ui.main_window import MainWindow

if TYPE_CHECKING:  # the driver comes as the ``ui`` fixture from conftest
    from .conftest import Driver

EP1 = "show-a/ep01-leaders-who-delegate.md"
EP2 = "show-a/ep02-feedback-basics.md"
EP6 = "show-b/ep06-calendars.srt"


def open_episode(ui: Driver, window: MainWindow, path: str) -> None:
    window.open_episode(path)
    ui.wait_for_episode(window)
    assert window.transcript.view.episode.id == path


def note_file(window: MainWindow, path: str) -> Path:
    return NotesStore(window.paths.data, window.library).note_path(path)


def type_note(qtbot: QtBot, window: MainWindow, text: str) -> None:
    editor = window.side.notes.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, text)


def select(window: MainWindow, phrase: str) -> None:
    """Select ``phrase`` in the transcript as a user would with the mouse."""
    view = window.transcript.view
    start = view.episode.text.index(phrase)
    cursor = view.textCursor()
    cursor.setPosition(view.position_of(start))
    cursor.setPosition(view.position_of(start + len(phrase)), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.setFocus()


def test_typing_autosaves_and_the_note_survives_a_restart(
    ui: Driver, qtbot: QtBot, window: MainWindow, search_library: Path
):
    open_episode(ui, window, EP1)
    type_note(qtbot, window, "Try the calendar audit with Sam.")
    assert window.side.notes.status.text() == "Saving…"
    path = note_file(window, EP1)
    qtbot.waitUntil(lambda: path.exists(), timeout=3000)  # about a second after typing stops
    assert window.side.notes.status.text().startswith("Saved")
    text = path.read_text(encoding="utf-8")
    assert "Try the calendar audit with Sam." in text
    assert "episode: Leaders Who Delegate" in text
    assert f"path: {EP1}" in text
    window.close()
    again = ui.start(search_library)
    open_episode(ui, again, EP1)
    assert again.side.notes.editor.toPlainText() == "Try the calendar audit with Sam."
    again.close()


def test_switching_episodes_and_ctrl_s_save_at_once(ui: Driver, qtbot: QtBot, window: MainWindow):
    open_episode(ui, window, EP1)
    type_note(qtbot, window, "First thought")
    qtbot.keyClick(window.side.notes.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "First thought" in note_file(window, EP1).read_text(encoding="utf-8")
    type_note(qtbot, window, ", second thought")
    open_episode(ui, window, EP2)  # no waiting for the autosave timer
    assert "First thought, second thought" in note_file(window, EP1).read_text(encoding="utf-8")
    assert window.side.notes.editor.toPlainText() == ""


def test_a_failed_save_keeps_the_text_and_tells_the_user(
    ui: Driver, qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, dialogs
):
    open_episode(ui, window, EP1)

    def refuse(_self, _note):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(NotesStore, "save", refuse)
    type_note(qtbot, window, "Do not lose me")
    assert not window.notes.save()
    assert window.side.notes.status.text() == "Not saved!"
    assert window.side.notes.editor.toPlainText() == "Do not lose me"
    assert [kind for kind, _text in dialogs.shown] == ["information"]
    assert "could not be saved" in dialogs.shown[0][1]
    monkeypatch.undo()
    assert window.notes.save()
    assert "Do not lose me" in note_file(window, EP1).read_text(encoding="utf-8")


def test_outside_edit_is_reloaded_when_nothing_is_unsaved(
    ui: Driver, qtbot: QtBot, window: MainWindow
):
    open_episode(ui, window, EP1)
    type_note(qtbot, window, "Mine")
    assert window.notes.save()
    path = note_file(window, EP1)
    path.write_text(path.read_text(encoding="utf-8").replace("Mine", "Edited in vim"), "utf-8")
    qtbot.waitUntil(lambda: window.side.notes.editor.toPlainText() == "Edited in vim", timeout=5000)


def test_outside_edit_during_unsaved_typing_keeps_both_versions(
    ui: Driver, qtbot: QtBot, window: MainWindow, dialogs
):
    open_episode(ui, window, EP1)
    type_note(qtbot, window, "Mine")
    assert window.notes.save()
    type_note(qtbot, window, " and more")  # unsaved
    path = note_file(window, EP1)
    path.write_text(path.read_text(encoding="utf-8").replace("Mine", "Theirs"), "utf-8")
    qtbot.waitUntil(lambda: bool(dialogs.shown), timeout=5000)
    assert "Both versions are kept" in dialogs.shown[0][1]
    copies = list(path.parent.glob("*.conflict-*.md"))
    assert len(copies) == 1
    assert "Theirs" in copies[0].read_text(encoding="utf-8")
    assert "Mine and more" in path.read_text(encoding="utf-8")
    assert window.side.notes.editor.toPlainText() == "Mine and more"


def test_h_highlights_the_selection_and_delete_removes_it(
    ui: Driver, qtbot: QtBot, window: MainWindow, search_library: Path
):
    open_episode(ui, window, EP1)
    select(window, "Good leaders delegate early.")
    qtbot.keyClick(window.transcript.view, Qt.Key.Key_H)
    listed = window.side.highlights
    assert listed.count() == 1
    assert listed.item(0).text() == "“Good leaders delegate early.”"
    marks = window.transcript.view.user_highlights
    text = window.transcript.view.episode.text
    assert [text[s:e] for _id, s, e, _c in marks] == ["Good leaders delegate early."]
    wavy = [
        s for s in window.transcript.view.extraSelections()
        if s.format.underlineStyle() == s.format.UnderlineStyle.WaveUnderline
    ]  # fmt: skip
    assert [s.cursor.selectedText() for s in wavy] == ["Good leaders delegate early."]
    stored = json.loads(note_file(window, EP1).with_suffix(".highlights.json").read_text("utf-8"))
    assert [h["text"] for h in stored["highlights"]] == ["Good leaders delegate early."]
    assert stored["highlights"][0]["created"].endswith("Z")
    # It survives a restart and anchors again; Delete in the list removes it.
    window.close()
    again = ui.start(search_library)
    open_episode(ui, again, EP1)
    listed = again.side.highlights
    assert listed.count() == 1
    listed.setCurrentRow(0)
    listed.setFocus()
    qtbot.keyClick(listed, Qt.Key.Key_Delete)
    assert again.transcript.view.user_highlights == []
    assert not note_file(again, EP1).with_suffix(".highlights.json").exists()
    again.close()


def test_clicking_a_highlight_jumps_to_its_passage(ui: Driver, qtbot: QtBot, window: MainWindow):
    open_episode(ui, window, EP1)
    select(window, "Psychological safety came up too.")
    qtbot.keyClick(window.transcript.view, Qt.Key.Key_H)
    window.transcript.view.moveCursor(QTextCursor.MoveOperation.Start)
    window.side.setCurrentWidget(window.side.highlights)
    listed = window.side.highlights
    rect = listed.visualItemRect(listed.item(0))
    qtbot.mouseClick(listed.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.transcript.view.textCursor().selectedText() == "Psychological safety came up too."


def test_copy_quote_puts_plain_html_and_markdown_on_the_clipboard(
    ui: Driver, qtbot: QtBot, window: MainWindow
):
    open_episode(ui, window, EP6)
    select(window, "Delegating the audit was the best choice we made.")
    qtbot.keyClick(
        window.transcript.view,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    mime = QApplication.clipboard().mimeData()
    expected = (
        "“Delegating the audit was the best choice we made.” — Grace Obi, "
        "Middle Managers Unite, Episode 6: Calendars (0:08)"
    )
    assert mime.text() == expected
    assert mime.html() == (
        "<blockquote><p>“Delegating the audit was the best choice we made.”</p>"
        "<footer>— Grace Obi, Middle Managers Unite, Episode 6: Calendars (0:08)</footer>"
        "</blockquote>"
    )
    assert bytes(mime.data("text/markdown")).decode() == (
        "> “Delegating the audit was the best choice we made.”\n>\n"
        "> — Grace Obi, Middle Managers Unite, Episode 6: Calendars (0:08)"
    )


def test_copy_quote_on_a_pull_quote_uses_its_attribution(
    ui: Driver, qtbot: QtBot, window: MainWindow
):
    open_episode(ui, window, EP1)
    view = window.transcript.view
    start, _end, _index = view._pull_quotes[0]
    cursor = view.textCursor()
    cursor.setPosition(start + 3)
    view.setTextCursor(cursor)
    assert window.copy_quote()
    assert QApplication.clipboard().text() == (
        "“Delegation builds trust, and trust builds teams.” — Maya Okafor, "
        "Harbour Leadership, Episode 1: Leaders Who Delegate"
    )


def test_add_quote_to_notes_inserts_a_blockquote_at_the_cursor(
    ui: Driver, qtbot: QtBot, window: MainWindow
):
    open_episode(ui, window, EP6)
    type_note(qtbot, window, "Why this matters:")
    select(window, "Delegating the audit was the best choice we made.")
    window.add_quote_to_notes()
    note = window.side.notes.editor.toPlainText()
    url = note.partition("](")[2].partition(")\n")[0]
    assert url.startswith("episode-reader://passage?path=show-b/ep06-calendars.srt&")
    assert note == (
        "Why this matters:\n\n"
        "> “Delegating the audit was the best choice we made.”\n>\n"
        f"> — [Grace Obi, Middle Managers Unite, Episode 6: Calendars (0:08)]({url})\n\n"
    )


def test_save_quote_as_image(
    ui: Driver, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    open_episode(ui, window, EP6)
    select(window, "Delegating the audit was the best choice we made.")
    target = tmp_path / "card"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "PNG image (*.png)")
    )
    window.save_quote_card("landscape")
    image = QImage(str(tmp_path / "card.png"))
    assert (image.width(), image.height()) == (1200, 675)


def test_saved_notes_are_searchable_and_marked_in_the_list(
    ui: Driver, qtbot: QtBot, window: MainWindow
):
    open_episode(ui, window, EP2)
    type_note(qtbot, window, "Use the kanban board for one-on-ones")
    assert window.notes.save()
    qtbot.waitUntil(lambda: _search_finds(ui, window, "notes:kanban", EP2), timeout=10000)
    ui.type_query(window, "kanban")
    (row,) = window.library_pane.model.rows()
    assert (row.path, row.in_notes) == (EP2, True)


def _search_finds(ui: Driver, window: MainWindow, query: str, path: str) -> bool:
    ui.type_query(window, query)
    return [r.path for r in window.library_pane.model.rows()] == [path]


def test_export_notes_from_the_file_menu(
    ui: Driver, qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    open_episode(ui, window, EP1)
    type_note(qtbot, window, "Exported thought")
    out = tmp_path / "export"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(out))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: box.buttons()[0].click() or 0)
    window.export_notes()
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert files == ["show-a/1 - Leaders Who Delegate.md"]
    exported = (out / files[0]).read_text(encoding="utf-8")
    assert exported.startswith("---\ntitle: Leaders Who Delegate\n")
    assert "\n---\n\n# Leaders Who Delegate\n" in exported
    assert "Exported thought" in exported
