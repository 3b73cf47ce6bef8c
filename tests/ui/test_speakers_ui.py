"""Speaker names in the window: the reader shows the library's names (reconciled, corrected),
and File › Speakers… renames, merges and splits them, by clicks and keys, saved to
speakers.json and applied without a re-import; a hand edit applies while the app runs, and a
broken file is named, listed as a problem and left as it is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from reader.notes.speakers_file import speakers_file
from reader.ui.main_window import MainWindow
from reader.ui.speakers_dialog import SpeakersDialog
from tests.library.speaker_library import write_coaching_hour, write_speakers_episode

from .conftest import Driver

EP1 = "the-coaching-hour/ep-1.md"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_coaching_hour(tmp_path / "lib")


@pytest.fixture(autouse=True)
def modeless(monkeypatch: pytest.MonkeyPatch) -> None:
    """The dialog opens as the menu opens it, but without blocking the test in exec()."""
    monkeypatch.setattr(SpeakersDialog, "exec", lambda self: self.show())


def _open(ui: Driver, window: MainWindow, path: str) -> None:
    window.open_episode(path)
    ui.wait_for_episode(window)


def _labels(window: MainWindow) -> str:
    return window.transcript.view.toPlainText()


def _dialog(qtbot: QtBot, window: MainWindow) -> SpeakersDialog:
    window.menu_actions["speakers"].trigger()
    dialog = window.speaker_names.dialog
    assert isinstance(dialog, SpeakersDialog)
    qtbot.waitExposed(dialog)
    return dialog


def _item(tree: QTreeWidget, text: str) -> QTreeWidgetItem:
    found = tree.findItems(text, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 0)
    assert found, [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    return found[0]


def _click(qtbot: QtBot, tree: QTreeWidget, text: str, ctrl: bool = False) -> None:
    rect = tree.visualItemRect(_item(tree, text))
    modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def _people(dialog: SpeakersDialog) -> dict[str, str]:
    tree = dialog.tree
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    return {item.text(0): item.text(1) for item in items if item is not None}


def _count_syncs(window: MainWindow) -> list[object]:
    """The reports of the syncs that finish from now on (call it once the window is idle)."""
    finished: list[object] = []
    window.libraries.synced.connect(finished.append)
    return finished


def _settled(ui: Driver, window: MainWindow, finished: list[object], count: int) -> None:
    """Wait for the ``count``-th sync since ``_count_syncs`` to finish and the open episode
    to be shown again. Syncs are counted, not caught while ``indexing``: on a quick machine
    a sync of four files can start and finish between two polls."""
    ui.qtbot.waitUntil(lambda: len(finished) >= count, timeout=10000)
    ui.wait_for_index(window)
    ui.wait_for_episode(window)


def test_the_reader_shows_and_the_dialog_corrects_the_librarys_names(
    ui: Driver, qtbot: QtBot, library: Path
) -> None:
    write_speakers_episode(library / "a-first-show" / "ep-1.md", "Ana")  # listed first
    window = ui.start(library)
    _open(ui, window, EP1)
    ui.wait_for_index(window)
    finished = _count_syncs(window)
    assert "Priya Raman" in window.transcript.meta.text()  # the header: reconciled
    assert "Priya Raman: We talked about delegation today." in _labels(window)
    assert "Tom Okafor: We talked" in _labels(window)

    dialog = _dialog(qtbot, window)
    assert dialog.shows.currentText() == "The Coaching Hour (4 speakers)"  # the open episode's
    assert dialog.shows.itemText(0) == "A First Show (1 speaker)"
    assert _people(dialog) == {"Priya Raman": "2", "Tom Okafor": "2", "S. Ortiz": "1", "Sam": "1"}
    # Split the wrong automatic merge: "Priya" is someone else.
    _click(qtbot, dialog.tree, "as “Priya” in files")
    assert dialog.split_button.isEnabled()
    qtbot.mouseClick(dialog.split_button, Qt.MouseButton.LeftButton)
    assert _people(dialog)["Priya"] == "1"
    _settled(ui, window, finished, 1)  # saved, synced, and the open episode shown again
    assert "Priya: We talked about delegation today." in _labels(window)
    assert "Priya Raman" not in window.transcript.meta.text()

    # Merge two selected speakers under a name typed in.
    _click(qtbot, dialog.tree, "Sam")
    _click(qtbot, dialog.tree, "S. Ortiz", ctrl=True)
    assert dialog.rename_button.text() == "Merge"
    dialog.new_name.clear()
    qtbot.keyClicks(dialog.new_name, "Sam Ortiz")
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    assert _people(dialog)["Sam Ortiz"] == "1"
    _settled(ui, window, finished, 2)
    # Rename one with Enter.
    _click(qtbot, dialog.tree, "Tom Okafor")
    assert dialog.new_name.text() == "Tom Okafor"
    dialog.new_name.setFocus()
    dialog.new_name.selectAll()
    qtbot.keyClicks(dialog.new_name, "Tommy Okafor")
    qtbot.keyClick(dialog.new_name, Qt.Key.Key_Return)
    _settled(ui, window, finished, 3)
    assert "Tommy Okafor: We talked" in _labels(window)
    speakers = window.library_pane.filter_bar.boxes["speaker"]
    items = [speakers.itemText(i) for i in range(speakers.count())]
    assert {"Sam Ortiz (1)", "Tommy Okafor (2)", "Priya (1)"} <= set(items)
    ui.type_query(window, 'speaker:"sam ortiz"')
    assert [row.path for row in window.library_pane.model.rows()] == ["the-coaching-hour/ep-3.md"]
    saved = json.loads(speakers_file(ui.paths.data, library).read_text("utf-8"))
    assert saved == {"shows": {"The Coaching Hour": {
        "rename": {"Sam": "Sam Ortiz", "S. Ortiz": "Sam Ortiz", "Tom Okafor": "Tommy Okafor"},
        "apart": ["Priya"],
    }}}  # fmt: skip
    dialog.close()
    window.close()


def test_a_hand_edit_applies_while_the_app_runs_and_a_broken_file_is_left_alone(
    ui: Driver, qtbot: QtBot, library: Path
) -> None:
    window = ui.start(library)
    _open(ui, window, EP1)
    ui.wait_for_index(window)
    finished = _count_syncs(window)
    path = speakers_file(ui.paths.data, library)
    assert not path.parent.exists()  # no notes yet: the file goes in a new folder
    path.parent.mkdir(parents=True)
    edit = {"shows": {"The Coaching Hour": {"rename": {"Tom Okafor": "Thomas Okafor"}}}}
    path.write_text(json.dumps(edit), encoding="utf-8")
    _settled(ui, window, finished, 1)
    assert "Thomas Okafor: We talked" in _labels(window)

    broken = b'{"shows": {"The Coaching Hour": {"rename": {"Tom Okafor": }}}}'
    path.write_bytes(broken)
    _settled(ui, window, finished, 2)
    assert window.problems_button.isVisible()
    assert [f.source for f in window.libraries.failures] == [path]
    assert "Thomas Okafor: We talked" in _labels(window)  # the last good names stay
    dialog = _dialog(qtbot, window)
    assert dialog.problem.isVisible()
    assert dialog.problem.text().startswith(f"{path}: not valid JSON")
    _click(qtbot, dialog.tree, "Priya Raman")
    assert not dialog.rename_button.isEnabled()
    assert not dialog.new_name.isEnabled()
    assert path.read_bytes() == broken
    dialog.close()
    window.close()


def test_a_rename_applied_while_reading_keeps_the_place_and_the_selection(
    ui: Driver, qtbot: QtBot, library: Path
) -> None:
    long_episode = library / "the-coaching-hour" / "ep-4.md"
    turns = [
        f"**{'Tom Okafor' if n % 2 else 'Priya Raman'}:** Point {n} of the talk on delegation."
        for n in range(120)
    ]
    long_episode.write_text("\n\n".join(turns) + "\n", encoding="utf-8")
    window = ui.start(library)
    _open(ui, window, "the-coaching-hour/ep-4.md")
    ui.wait_for_index(window)
    ui.wait_for_episode(window)  # a reload the first sync asked for lands before the scroll
    finished = _count_syncs(window)
    view = window.transcript.view
    passage = "Point 61 of the talk"
    start = view.episode.text.index(passage)
    view.jump_to(view.position_of(start), view.position_of(start + len(passage)))
    bar = view.verticalScrollBar()
    bar.setValue(bar.value() + 2 * view.viewport().height())  # read on past the selection
    qtbot.wait(20)  # the scroll is laid out
    top = view.top_offset(view.cursorForPosition(QPoint(0, 0)).position())
    assert top is not None
    assert top > start + len(passage)
    path = speakers_file(ui.paths.data, library)
    path.parent.mkdir(parents=True)
    edit = {"shows": {"The Coaching Hour": {"rename": {"Tom Okafor": "Thomas Okafor"}}}}
    path.write_text(json.dumps(edit), encoding="utf-8")
    _settled(ui, window, finished, 1)
    assert "Thomas Okafor: Point 61 of the talk" in _labels(window)  # the new name is shown
    span = view.selected_span()
    assert span is not None
    assert view.episode.text[span[0] : span[1]] == passage  # still selected, to quote
    assert view.top_offset(view.cursorForPosition(QPoint(0, 0)).position()) == top  # same lines
