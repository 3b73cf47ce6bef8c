"""The main window driven as a user would: typing, keys, clicks, the file system."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QFileDialog,
    QLineEdit,
    QMenu,
    QTextEdit,
)
from pytestqt.qtbot import QtBot

from reader.paths import AppPaths
from reader.ui.actions import BY_ID, help_rows
from reader.ui.dialogs import ProblemsDialog, ShortcutsDialog
from reader.ui.episode_model import ROW_ROLE
from reader.ui.main_window import MainWindow
from reader.ui.settings import open_settings
from reader.ui.transcript_view import TranscriptView

if TYPE_CHECKING:  # the driver comes as the ``ui`` fixture from conftest
    from .conftest import Driver

EP1 = "show-a/ep01-leaders-who-delegate.md"


def rows(window: MainWindow):
    return window.library_pane.model.rows()


def test_empty_query_lists_every_episode_by_number(window: MainWindow):
    assert [r.number for r in rows(window)] == [1, 2, 6, 7]
    assert window.library_pane.count_label.text() == "4 episodes"
    assert window.windowTitle() == "lib — Episode Reader"


def test_the_list_is_a_well_behaved_item_model(ui: Driver, qtbot: QtBot, window: MainWindow):
    QAbstractItemModelTester(
        window.library_pane.model, QAbstractItemModelTester.FailureReportingMode.Fatal
    )
    ui.type_query(window, "calendar")
    ui.type_query(window, "")


def test_typing_a_query_shows_ranked_rows_with_counts_and_snippets(
    ui: Driver, qtbot: QtBot, window: MainWindow
):
    ui.type_query(window, "calendar")
    found = rows(window)
    assert [r.path for r in found] == ["show-b/ep06-calendars.srt", EP1]
    assert window.library_pane.count_label.text() == "2 episodes match"
    # Episode 6 also has the word in its title ("Calendars"): counted, and the row says so.
    assert [r.matches for r in found] == [2, 2]
    assert [r.fields for r in found] == [("transcript", "title"), ("transcript",)]
    snippet = found[1].snippet
    assert snippet is not None
    assert [snippet.text[s:e] for s, e in snippet.highlights] == ["calendar", "calendar"]


def test_opening_from_a_search_marks_every_hit_and_goes_to_the_first(
    ui: Driver, qtbot: QtBot, window: MainWindow
):
    ui.type_query(window, "trust OR delegation")
    first = window.library_pane.model.index(0).data(ROW_ROLE)
    ui.open_first(window)
    view = window.transcript.view
    assert view.episode is not None
    assert view.episode.id == first.path
    # The row also counts the title ("Delegate") and the pull quote (three words): the
    # reader steps through the transcript's.
    assert first.fields == ("transcript", "title", "quotes")
    assert len(view.hits) == first.matches - 4
    assert window.transcript.hit_label.text() == f"hit 1 of {first.matches - 4}"
    assert window.windowTitle() == f"{view.episode.title} — Episode Reader"


def test_f3_and_shift_f3_step_through_hits(ui: Driver, qtbot: QtBot, window: MainWindow):
    ui.type_query(window, "trust OR delegation")
    ui.open_first(window)
    view = window.transcript.view
    total = len(view.hits)
    assert total >= 3
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F3)
    assert window.transcript.hit_label.text() == f"hit 2 of {total}"
    qtbot.keyClick(view, Qt.Key.Key_F3)
    qtbot.keyClick(view, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.transcript.hit_label.text() == f"hit 2 of {total}"
    qtbot.keyClick(view, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.transcript.hit_label.text() == f"hit {total} of {total}"  # wraps around
    assert window.statusBar().currentMessage() == "Wrapped to the last hit"  # and says so
    cursor = view.textCursor()
    assert view.offset_of(cursor.position()) == view.hits[-1][0]
    qtbot.keyClick(view, Qt.Key.Key_F3)
    assert window.transcript.hit_label.text() == f"hit 1 of {total}"
    assert window.statusBar().currentMessage() == "Wrapped to the first hit"


def test_enter_in_the_search_box_goes_to_the_next_hit(ui: Driver, qtbot: QtBot, window: MainWindow):
    ui.type_query(window, "trust")
    ui.open_first(window)
    box = window.library_pane.search_box
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.transcript.hit_label.text().startswith("hit 2 of ")


def test_phrase_hits_mark_the_phrase(ui: Driver, qtbot: QtBot, window: MainWindow):
    ui.type_query(window, '"calendar audit"')
    ui.open_first(window)
    assert window.transcript.view.highlighted_text() == ["calendar audit", "calendar audit"]


def test_find_in_episode_is_independent_of_the_search(ui: Driver, qtbot: QtBot, window: MainWindow):
    ui.type_query(window, "trust")
    ui.open_first(window)
    search_hits = list(window.transcript.view.hits)
    window.transcript.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.transcript.find_bar
    assert bar.isVisible()
    assert bar.edit.hasFocus()
    qtbot.keyClicks(bar.edit, "twelve hours")
    assert window.transcript.view.highlighted_text() == ["twelve hours"]
    assert window.transcript.hit_label.text() == "match 1 of 1"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert window.transcript.view.hits == search_hits
    assert window.library_pane.query() == "trust"


def test_escape_clears_and_ctrl_k_focuses_the_search(ui: Driver, qtbot: QtBot, window: MainWindow):
    ui.type_query(window, "feedback")
    assert len(rows(window)) == 2
    window.transcript.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.library_pane.search_box.hasFocus()
    qtbot.keyClick(window.library_pane.search_box, Qt.Key.Key_Escape)
    ui.wait_for_list(window)
    assert window.library_pane.query() == ""
    assert len(rows(window)) == 4


def test_did_you_mean_appears_and_applies_on_click(ui: Driver, qtbot: QtBot, window: MainWindow):
    ui.type_query(window, "feedbak")
    assert rows(window) == []
    button = window.library_pane.suggestion
    assert button.isVisible()
    assert button.text() == "Did you mean: feedback?"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    ui.wait_for_list(window)
    assert window.library_pane.query() == "feedback"
    assert len(rows(window)) == 2
    assert not button.isVisible()


def test_sort_menu_orders_the_list(ui: Driver, qtbot: QtBot, window: MainWindow):
    window.set_sort("title")
    ui.wait_for_list(window)
    titles = [r.title for r in rows(window)]
    assert titles == sorted(titles, key=str.casefold)
    window.set_sort("number")
    ui.type_query(window, "welcome")
    assert [r.number for r in rows(window)] == [1, 2, 6, 7]


def test_a_file_added_to_the_folder_appears(qtbot: QtBot, window: MainWindow, search_library: Path):
    (search_library / "show-a" / "ep09-skip-levels.md").write_text(
        "# Episode 9: Skip Levels\n\n**Kenji Watanabe:** Skip-level meetings need an agenda.\n",
        encoding="utf-8",
    )
    qtbot.waitUntil(lambda: any(r.number == 9 for r in rows(window)), timeout=15000)
    assert [r.title for r in rows(window) if r.number == 9] == ["Skip Levels"]


def test_a_broken_file_is_listed_in_library_problems(
    qtbot: QtBot, window: MainWindow, search_library: Path, monkeypatch: pytest.MonkeyPatch
):
    (search_library / "broken.json").write_text('{"segments": [', encoding="utf-8")
    qtbot.waitUntil(lambda: window.problems_button.isVisible(), timeout=15000)
    assert window.problems_button.text() == "⚠ 1 problem"
    assert len(rows(window)) == 4  # the rest of the library is still there
    shown: list[ProblemsDialog] = []
    monkeypatch.setattr(ProblemsDialog, "exec", lambda self: shown.append(self) or 0)
    qtbot.mouseClick(window.problems_button, Qt.MouseButton.LeftButton)
    (dialog,) = shown
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == "broken.json"
    assert "truncated or invalid JSON" in dialog.table.item(0, 1).text()


def test_transcript_markup_is_shown_as_text_and_nothing_is_fetched(
    ui: Driver, qtbot: QtBot, app_paths: AppPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    library = tmp_path / "evil"
    library.mkdir()
    (library / "ep01-evil.txt").write_text(
        "Mallory  0:00\nLook <script>alert(1)</script> and "
        '<img src="http://example.invalid/x.png"> here.\n\nBob  0:05\nWhat was <b>that</b>?\n',
        encoding="utf-8",
    )
    fetched: list[object] = []
    monkeypatch.setattr(TranscriptView, "loadResource", lambda _s, _t, url: fetched.append(url))
    window = ui.start(library)
    window.open_episode("ep01-evil.txt")
    ui.wait_for_episode(window)
    text = window.transcript.view.toPlainText()
    assert "<script>alert(1)</script>" in text
    assert '<img src="http://example.invalid/x.png">' in text
    assert "What was <b>that</b>?" in text
    assert fetched == []
    window.close()


def test_pull_quotes_are_quote_blocks_and_their_passage_is_marked(
    ui: Driver, qtbot: QtBot, window: MainWindow
):
    window.open_episode(EP1)
    ui.wait_for_episode(window)
    view = window.transcript.view
    doc = view.document()
    blocks = [doc.findBlockByNumber(i) for i in range(doc.blockCount())]
    quote_blocks = [b.text() for b in blocks if b.blockFormat().property(0x100000) == "pull-quote"]
    assert quote_blocks == ["“Delegation builds trust, and trust builds teams.”  — Maya Okafor"]
    marked = [s for s in view.extraSelections() if s.format.fontItalic()]
    assert [s.cursor.selectedText() for s in marked] == [
        "Delegation builds trust, and trust builds teams"
    ]


def test_outline_jumps_to_a_section(ui: Driver, qtbot: QtBot, window: MainWindow):
    window.open_episode(EP1)
    ui.wait_for_episode(window)
    outline = window.side.outline
    assert [outline.item(i).text() for i in range(outline.count())] == [
        "Why delegation matters",
        "“Delegation builds trust, and trust builds teams.”",
    ]
    rect = outline.visualItemRect(outline.item(0))
    qtbot.mouseClick(outline.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    view = window.transcript.view
    assert view.offset_of(view.textCursor().position()) == 0


def test_zoom_keys_and_state_survive_a_restart(
    ui: Driver, qtbot: QtBot, window: MainWindow, app_paths: AppPaths, search_library: Path
):
    ui.type_query(window, "feedback")
    ui.open_first(window)
    opened = window.transcript.view.episode.id
    window.transcript.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.transcript.view.zoom == 2
    window.set_sort("title")
    window.resize(780, 560)  # within the offscreen screen, so geometry is restored as it was
    window.splitter.setSizes([250, 330, 200])
    window.splitter.fit()  # as on any resize: the side panels give the transcript room
    sizes = window.splitter.sizes()
    window.close()

    again = ui.start(search_library)
    ui.wait_for_episode(again)
    assert again.transcript.view.zoom == 2
    assert again.sort == "title"
    assert again.library_pane.query() == "feedback"
    assert again.transcript.view.episode.id == opened
    assert again.splitter.sizes() == sizes
    qtbot.keyClick(again, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert again.transcript.view.zoom == 0
    again.close()


def test_empty_library_shows_a_friendly_state(
    ui: Driver, qtbot: QtBot, app_paths: AppPaths, tmp_path: Path
):
    empty = tmp_path / "empty"
    empty.mkdir()
    window = ui.start(empty)
    label = window.library_pane.empty_label
    assert label.isVisible()
    assert label.text().startswith(f"No transcripts in {empty} yet.")
    assert not window.library_pane.list.isVisible()
    window.close()


def test_open_library_from_the_file_menu_and_recent_list(
    ui: Driver,
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    search_library: Path,
    monkeypatch: pytest.MonkeyPatch,
):
    other = tmp_path / "other"
    other.mkdir()
    (other / "ep05-solo.md").write_text("# Episode 5: Solo\n\nA short talk.\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(other))
    window.open_action.trigger()
    ui.wait_for_index(window)
    ui.wait_for_list(window)
    assert [r.title for r in rows(window)] == ["Solo"]
    assert (
        window.recent_libraries()[:2]
        == [str(other.resolve()), str(window.library_pane and rows and other.resolve())][:1]
        + window.recent_libraries()[1:2]
    )


def test_missing_library_warns_and_keeps_the_current_one(
    window: MainWindow, tmp_path: Path, dialogs
):
    before = window.library
    assert not window.open_library(tmp_path / "gone")
    assert dialogs.shown == [
        ("warning", f"Cannot open library: {tmp_path / 'gone'}: no such folder")
    ]
    assert window.library == before


def test_keyboard_shortcuts_dialog_and_readme_list_the_same_keys(window: MainWindow):
    dialog = ShortcutsDialog(window)
    table = dialog.table
    assert [
        (table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())
    ] == help_rows()
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for keys, action in help_rows():
        assert f"| {keys} | {action} |" in readme


def _menu_actions(menu: QMenu) -> list[QAction]:
    """The commands of a menu; submenus filled from settings (recent, sort, theme) left out."""
    return [a for a in menu.actions() if not a.isSeparator() and a.menu() is None]


def test_every_menu_action_has_the_keys_the_help_dialog_lists(window: MainWindow):
    table = ShortcutsDialog(window).table
    listed = [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]
    menus = [a.menu() for a in window.menuBar().actions()]
    commands = [a for menu in menus if isinstance(menu, QMenu) for a in _menu_actions(menu)]
    in_menus = {spec.id for spec in BY_ID.values() if spec.label}
    assert sorted(a.objectName() for a in commands) == sorted(in_menus)  # each once
    for action in commands:
        spec = BY_ID[action.objectName()]  # every menu command comes from the table
        assert action.text() == spec.menu_text()
        assert action.shortcuts() == spec.key_sequences()
        if spec.keys or spec.widget_keys:  # it has keys: Help names them
            assert (spec.keys_text(), spec.help) in listed
    bound = {spec.id for spec in BY_ID.values() if spec.keys}
    assert bound <= {a.objectName() for a in commands}  # no key left without its menu entry


def test_every_control_has_an_accessible_name(window: MainWindow):
    kinds = (QAbstractButton, QLineEdit, QAbstractItemView, QTextEdit)
    unnamed = [
        w.objectName() or type(w).__name__
        for kind in kinds
        for w in window.findChildren(kind)
        if not w.accessibleName()
        and not (isinstance(w, QAbstractButton) and w.text())
        and w.isVisibleTo(window)
    ]
    assert unnamed == []


def test_theme_toggle_switches_every_pane(qtbot: QtBot, window: MainWindow):
    """Not just the application palette: the list, transcript and labels must follow."""
    widgets = [window.library_pane.list, window.transcript.view, window.side.outline]

    def lightness() -> list[int]:
        return [w.palette().base().color().lightness() for w in widgets] + [
            window.transcript.title.palette().windowText().color().lightness()
        ]

    window.set_theme("dark")
    qtbot.waitUntil(lambda: max(lightness()[:3]) < 80)  # palette changes arrive as events
    assert lightness()[3] > 180
    window.set_theme("light")
    qtbot.waitUntil(lambda: min(lightness()[:3]) > 200)
    assert lightness()[3] < 80


def test_cancel_stops_indexing_and_keeps_what_was_done(
    ui: Driver, qtbot: QtBot, app_paths: AppPaths, tmp_path: Path
):
    library = tmp_path / "big"
    library.mkdir()
    for n in range(1, 401):
        (library / f"ep{n:03d}.md").write_text(
            f"# Episode {n}: Talk {n}\n\n**Host:** " + "We talk about delegation. " * 200,
            encoding="utf-8",
        )
    window = MainWindow(open_settings(app_paths), app_paths)
    qtbot.addWidget(window)
    window.show()
    window.open_library(library)
    assert window.cancel_button.isVisible()
    qtbot.waitUntil(lambda: window.progress.value() > 0, timeout=20000)
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    ui.wait_for_index(window)
    assert window.statusBar().currentMessage() == "Indexing cancelled."
    assert not window.cancel_button.isVisible()
    ui.wait_for_list(window)
    assert 0 < window.library_pane.model.rowCount() < 400
    window.close()
