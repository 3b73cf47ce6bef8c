"""The episode list past 200 results, stepping through hits and results, the count and the
status bar while and after indexing: driven in the window as a user meets them."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.paths import AppPaths
from reader.ui import settings as keys
from reader.ui.actions import BY_ID
from reader.ui.episode_model import PATH_ROLE
from reader.ui.library_pane import count_text
from reader.ui.main_window import MainWindow
from reader.ui.rows import SearchAnswer
from reader.ui.settings import open_settings

if TYPE_CHECKING:  # the driver comes as the ``ui`` fixture from conftest
    from .conftest import Driver

BIG = 260


def write_library(folder: Path, count: int) -> Path:
    """``count`` short episodes of our own, each about delegation."""
    folder.mkdir()
    for n in range(1, count + 1):
        (folder / f"ep{n:03d}.md").write_text(
            f"# Episode {n}: Talk {n}\n\n**Host:** We talk about delegation in week {n}.\n",
            encoding="utf-8",
        )
    return folder


@pytest.fixture
def big_library(tmp_path: Path) -> Path:
    return write_library(tmp_path / "big", BIG)


def paths_of_rows(window: MainWindow) -> list[str]:
    return [row.path for row in window.library_pane.model.rows()]


def test_show_more_lists_every_result_and_the_count_says_the_true_total(
    ui: Driver, qtbot: QtBot, big_library: Path
):
    window = ui.start(big_library)
    pane = window.library_pane
    assert pane.model.rowCount() == 200
    assert pane.count_label.text() == f"200 of {BIG} episodes shown"
    assert window.count_label.text() == f"{BIG} episodes · {big_library}"
    assert pane.show_more.isVisible()
    assert pane.show_more.text() == f"Show {BIG - 200} more"
    qtbot.mouseClick(pane.show_more, Qt.MouseButton.LeftButton)
    ui.wait_for_list(window)
    assert pane.model.rowCount() == BIG
    assert pane.count_label.text() == f"{BIG} episodes"
    assert not pane.show_more.isVisible()

    ui.type_query(window, "delegation")
    assert pane.model.rowCount() == 200  # a new search starts at 200 again
    assert pane.count_label.text() == f"200 of {BIG} matching episodes shown"
    qtbot.mouseClick(pane.show_more, Qt.MouseButton.LeftButton)
    ui.wait_for_list(window)
    transcripts = (p.name for p in big_library.iterdir() if not p.name.startswith("."))
    assert sorted(paths_of_rows(window)) == sorted(transcripts)  # not our .episode-reader/
    assert pane.count_label.text() == f"{BIG} episodes match"
    assert window.count_label.text() == f"{BIG} episodes · {big_library}"  # not the matches
    window.close()


def test_next_episode_with_hits_by_key_and_button(ui: Driver, qtbot: QtBot, window: MainWindow):
    assert BY_ID["next_episode"].keys == ("Ctrl+F3",)
    ui.type_query(window, "trust OR delegation OR feedback")
    results = paths_of_rows(window)
    assert len(results) >= 3
    ui.open_first(window)
    assert window._open_path == results[0]
    view = window.transcript.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F3, Qt.KeyboardModifier.ControlModifier)
    ui.wait_for_episode(window)
    assert window._open_path == results[1]
    assert window.library_pane.list.currentIndex().data(PATH_ROLE) == results[1]
    assert window.transcript.hit_label.text().startswith("hit 1 of ")  # at its first hit
    button = window.transcript.next_episode
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    ui.wait_for_episode(window)
    assert window._open_path == results[2]
    assert window.transcript.hit_label.text().startswith("hit 1 of ")
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.transcript.view, Qt.Key.Key_F3, modifiers)
    ui.wait_for_episode(window)
    assert window._open_path == results[1]


def test_next_episode_past_the_last_row_shown_lists_more_instead_of_wrapping(
    ui: Driver, qtbot: QtBot, big_library: Path
):
    window = ui.start(big_library)
    ui.type_query(window, "delegation")
    pane = window.library_pane
    last = pane.model.index(199)
    pane.list.setCurrentIndex(last)
    window.open_episode(last.data(PATH_ROLE))
    ui.wait_for_episode(window)
    window.menu_actions["next_episode"].trigger()
    qtbot.waitUntil(lambda: pane.model.rowCount() == BIG, timeout=10000)
    ui.wait_for_episode(window)
    assert window._open_path == pane.model.index(200).data(PATH_ROLE)
    assert "Wrapped" not in window.statusBar().currentMessage()
    window.close()


def test_a_first_index_lists_episodes_as_they_come_and_says_it_is_still_indexing(
    ui: Driver, qtbot: QtBot, app_paths: AppPaths, big_library: Path
):
    window = MainWindow(open_settings(app_paths), app_paths)
    qtbot.addWidget(window)
    window.show()
    window.library_pane.set_query("delegation")
    held, release = threading.Event(), threading.Event()

    def hold_after_the_first_round() -> None:  # on the sync thread, between two commits
        if not held.is_set():
            held.set()
            release.wait(30)

    window.threads.syncer.after_commit = hold_after_the_first_round
    try:
        assert window.open_library(big_library)
        qtbot.waitUntil(held.is_set, timeout=30000)
        ui.wait_for_list(window)
        # Only committed episodes are listed, and the count says these are results so far.
        qtbot.waitUntil(lambda: window.library_pane.model.rowCount() > 0, timeout=10000)
        assert window.indexing
        shown = window.library_pane.model.rowCount()
        assert 0 < shown < BIG
        label = window.library_pane.count_label.text()
        assert label.startswith("Indexing ")
        assert "/260 — results so far: " in label
        assert f"{shown} episodes match" in label
    finally:
        release.set()
    ui.wait_for_index(window, timeout=60000)
    ui.wait_for_list(window)
    assert window.library_pane.count_label.text() == f"200 of {BIG} matching episodes shown"
    assert window.count_label.text() == f"{BIG} episodes · {big_library}"
    window.close()


def test_a_search_before_the_first_index_counted_its_files_says_it_is_indexing():
    nothing_yet = SearchAnswer(1, "delegation", 0, None, [], episodes=0)
    assert count_text(nothing_yet, (0, 0)) == "Indexing… — results so far: 0 episodes match"
    assert count_text(nothing_yet, (109, 316)) == (
        "Indexing 109/316 — results so far: 0 episodes match"
    )
    assert count_text(nothing_yet) == "0 episodes match"  # once the index is complete


def test_the_status_count_is_right_with_a_restored_query_and_after_the_watcher_adds_a_file(
    ui: Driver, qtbot: QtBot, app_paths: AppPaths, search_library: Path
):
    settings = open_settings(app_paths)
    settings.setValue(keys.QUERY, "calendar")  # the query the last session ended with
    settings.sync()
    window = ui.start(search_library)
    assert window.library_pane.query() == "calendar"
    assert window.count_label.text() == f"4 episodes · {search_library}"
    (search_library / "ep09-skip-levels.md").write_text(
        "# Episode 9: Skip Levels\n\n**Kenji Watanabe:** Skip-level meetings need an agenda.\n",
        encoding="utf-8",
    )
    qtbot.waitUntil(
        lambda: window.count_label.text() == f"5 episodes · {search_library}", timeout=15000
    )
    window.close()


def test_counts_say_one_hit_one_match_one_episode(
    ui: Driver, qtbot: QtBot, tmp_path: Path, qapp: QApplication
):
    library = tmp_path / "lib"
    library.mkdir()
    (library / "ep1.md").write_text(
        "# Episode 1: Zebras\n\n**Host:** Once we saw a zebra near the river.\n", encoding="utf-8"
    )
    (library / "ep2.md").write_text(
        "# Episode 2: Lions\n\n**Host:** Lions sleep most of the day.\n", encoding="utf-8"
    )
    window = ui.start(library)
    assert window.count_label.text() == f"2 episodes · {library}"
    ui.type_query(window, "river")  # once, in the transcript only (not in the title)
    assert window.library_pane.count_label.text() == "1 episode matches"
    first = window.library_pane.model.index(0)
    assert "1 match" in first.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "1 matches" not in first.data(Qt.ItemDataRole.AccessibleTextRole)
    ui.open_first(window)
    transcript = window.transcript
    assert transcript.hit_label.text() == "hit 1 of 1"
    transcript.find_bar.open_bar()
    qtbot.keyClicks(transcript.find_bar.edit, "river")
    transcript.find_bar.close_bar()  # back to the search's hits, none current
    assert transcript.hit_label.text() == "1 hit"
    ui.type_query(window, "lions OR zebra")
    assert window.library_pane.count_label.text() == "2 episodes match"
    window.close()
