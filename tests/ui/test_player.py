"""The audio player in the window, driving real playback offscreen (QtMultimedia's clock runs
without an audio device): click a timestamp or "Play from Here" and it plays from that moment,
the line being said is marked and followed, speed, the remembered position, and what happens
with no times, a missing or corrupt file, and no audio extra."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from reader.ui import player_support
from reader.ui.episode_model import PATH_ROLE
from reader.ui.main_window import MainWindow
from reader.ui.player_results import PLAY_FIRST_HIT

from .audio_library import SILENT, TIMED, UNTIMED, write_audio_library
from .test_transcript_menu import right_click

if TYPE_CHECKING:
    from .conftest import Driver


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_audio_library(tmp_path / "lib")


@pytest.fixture
def player_window(ui: Driver, library: Path):
    window = ui.start(library)
    yield window
    window.close()


def open_episode(ui: Driver, qtbot: QtBot, window: MainWindow, path: str, loaded=True) -> None:
    window.open_episode(path)
    ui.wait_for_episode(window)
    assert window.transcript.view.episode.id == path
    if loaded:
        qtbot.waitUntil(lambda: window.player.engine is not None and window.player.engine.loaded)


def spoken(window: MainWindow) -> str | None:
    view = window.transcript.view
    return view.episode.text[slice(*view.spoken)] if view.spoken else None


def position(window: MainWindow) -> float:
    assert window.player.engine is not None
    return window.player.engine.position()


def started(qtbot: QtBot, window: MainWindow) -> float:
    """Once it plays: where it stands, paused there so that the marked line can be checked
    against it on a busy machine too (then it plays on)."""
    engine = window.player.engine
    qtbot.waitUntil(lambda: engine.playing())
    engine.pause()
    seconds = engine.position()
    qtbot.waitUntil(lambda: window.player.bar.play_button.accessibleName() == "Play")
    return seconds


def label_point(window: MainWindow, words: str) -> QPoint:
    """A point on the ``[0:02]`` label of the paragraph holding ``words``."""
    view = window.transcript.view
    block = view.document().findBlock(view.position_of(view.episode.text.index(words)))
    cursor = QTextCursor(view.document())
    cursor.setPosition(block.position() + 2)
    return view.cursorRect(cursor).center()


def test_clicking_a_timestamp_plays_from_it_and_marks_each_cue_as_it_is_said(
    ui: Driver, qtbot: QtBot, player_window: MainWindow
):
    window = player_window
    open_episode(ui, qtbot, window, TIMED)
    assert window.player.bar.isVisible()
    view = window.transcript.view
    assert spoken(window) is None  # nothing plays yet: nothing is marked
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=label_point(window, "Thanks"))
    assert window.statusBar().currentMessage() == "Playing from 0:02"
    assert 2.5 <= started(qtbot, window) < 3.5  # Ben's turn: 0:02.5, his next cue 0:03.5
    assert spoken(window) == "Thanks for having me here."
    window.player.toggle()
    # It plays on: the next cue of the same turn is marked when its time comes.
    qtbot.waitUntil(lambda: spoken(window) == "Pitch matters more than volume.", timeout=5000)
    assert position(window) >= 3.5
    assert window.player.bar.play_button.accessibleName() == "Pause"


def test_a_click_on_the_words_does_not_play(ui: Driver, qtbot: QtBot, player_window: MainWindow):
    window = player_window
    open_episode(ui, qtbot, window, TIMED)
    view = window.transcript.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.position_of(view.episode.text.index("closely")))
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect(cursor).center()
    )
    qtbot.wait(300)
    assert not window.player.engine.playing()


def test_play_from_here_on_a_selection_plays_from_its_own_cue(
    ui: Driver, qtbot: QtBot, player_window: MainWindow
):
    window = player_window
    open_episode(ui, qtbot, window, TIMED)
    view = window.transcript.view
    assert view.find("listen closely")  # the second cue (0:01.5) of a turn starting at 0:00.5
    start = view.episode.text.index("listen closely")
    entries = right_click(qtbot, window, start, ["▶ &Play from Here (0:01)"])
    assert entries["▶ &Play from Here (0:01)"]
    assert 1.5 <= started(qtbot, window) < 2.5
    assert spoken(window) == "Today we listen closely."


def test_space_in_the_transcript_and_ctrl_space_play_and_pause_but_typing_is_left_alone(
    ui: Driver, qtbot: QtBot, player_window: MainWindow
):
    window = player_window
    open_episode(ui, qtbot, window, TIMED)
    view = window.transcript.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.player.engine.playing())
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not window.player.engine.playing())
    box = window.library_pane.search_box
    box.setFocus()
    qtbot.keyClicks(box, "a b")
    assert box.text() == "a b"
    assert not window.player.engine.playing()
    action = window.menu_actions["play_pause"]
    assert action.isEnabled()
    assert action.shortcut().toString() == "Ctrl+Space"
    action.trigger()
    qtbot.waitUntil(lambda: window.player.engine.playing())


def test_the_view_follows_the_line_until_the_reader_scrolls_away(
    ui: Driver, qtbot: QtBot, player_window: MainWindow
):
    window = player_window
    window.resize(900, 320)  # a short view, so that the transcript scrolls
    open_episode(ui, qtbot, window, TIMED)
    view = window.transcript.view
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    window.player.play_from(view.episode.text.index("That was"))  # the last line (0:06)
    qtbot.waitUntil(lambda: spoken(window) == "That was four hundred forty hertz.")
    assert bar.value() > 0  # scrolled down to it
    # The reader scrolls back up (a wheel turn on the view): following stops.
    bar.triggerAction(bar.SliderAction.SliderToMinimum)
    assert bar.value() == 0
    assert not window.player.bar.follow.isChecked()
    assert not window.menu_actions["follow_playback"].isChecked()
    window.player.seek(4.6)
    qtbot.waitUntil(lambda: spoken(window) == "Let us hear the middle A together.")
    assert bar.value() == 0  # not followed
    window.menu_actions["follow_playback"].trigger()  # Audio › Follow Playback brings it back
    assert window.player.bar.follow.isChecked()
    assert bar.value() > 0


def test_speed_plays_faster(ui: Driver, qtbot: QtBot, player_window: MainWindow):
    window = player_window
    open_episode(ui, qtbot, window, TIMED)
    bar = window.player.bar
    bar.speed.setCurrentIndex(bar.speed.findData(2.0))
    assert window.player.engine.rate() == 2.0
    window.player.toggle()
    qtbot.waitUntil(lambda: position(window) > 0.2)
    start, began = position(window), time.monotonic()
    qtbot.waitUntil(lambda: position(window) - start >= 2.0, timeout=5000)
    # Two seconds of audio in clearly less than two seconds of wall time.
    assert time.monotonic() - began < 1.6


def test_the_position_is_remembered_with_the_reading_place(ui: Driver, qtbot: QtBot, library: Path):
    window = ui.start(library)
    open_episode(ui, qtbot, window, TIMED)
    window.player.seek(5.0)
    qtbot.waitUntil(lambda: abs(position(window) - 5.0) < 0.05)
    open_episode(ui, qtbot, window, UNTIMED)
    assert position(window) < 0.5  # another episode, its own position
    open_episode(ui, qtbot, window, TIMED)
    qtbot.waitUntil(lambda: abs(position(window) - 5.0) < 0.05)
    assert not window.player.engine.playing()  # reopening never starts playback
    assert window.player.bar.time_label.text().startswith("0:05 /")
    window.close()

    again = ui.start(library)  # after a restart too
    ui.wait_for_episode(again)
    assert again.transcript.view.episode.id == TIMED
    qtbot.waitUntil(lambda: again.player.engine is not None and again.player.engine.loaded)
    qtbot.waitUntil(lambda: abs(position(again) - 5.0) < 0.05)
    again.close()


def test_without_times_it_plays_but_claims_no_moment(
    ui: Driver, qtbot: QtBot, player_window: MainWindow
):
    window = player_window
    open_episode(ui, qtbot, window, UNTIMED)
    bar = window.player.bar
    assert bar.isVisible()
    assert bar.play_button.isEnabled()
    assert "no times" in bar.message.text()
    view = window.transcript.view
    offset = view.episode.text.index("second paragraph")
    entries = right_click(qtbot, window, offset, [])
    assert entries["▶ &Play from Here (this line has no time)"] is False
    bar.play_button.click()
    qtbot.waitUntil(lambda: position(window) > 0.5, timeout=5000)
    assert spoken(window) is None
    assert "[" not in view.toPlainText().split("\n")[0]  # no timestamp labels either


def test_an_episode_without_audio_has_no_player(
    ui: Driver, qtbot: QtBot, player_window: MainWindow
):
    window = player_window
    open_episode(ui, qtbot, window, TIMED)
    open_episode(ui, qtbot, window, SILENT, loaded=False)
    assert not window.player.bar.isVisible()
    assert not window.menu_actions["play_pause"].isEnabled()
    entries = right_click(qtbot, window, 5, [])
    assert not any("Play" in label for label in entries)


def test_a_missing_audio_file_is_named_and_the_transcript_still_reads(
    ui: Driver, qtbot: QtBot, tmp_path: Path
):
    library = write_audio_library(tmp_path / "lib")
    named = "tone/ep04-named.md"  # its front matter names a recording that is not there
    (library / named).write_text(
        "---\ntitle: Named\naudio: gone/ep04.m4a\n---\n\n"
        "**Ana:** Pitch matters more than volume.\n",
        "utf-8",
    )
    window = ui.start(library)
    open_episode(ui, qtbot, window, named, loaded=False)
    bar = window.player.bar
    assert bar.message.text() == "Cannot play gone/ep04.m4a: the file is missing"
    assert not bar.play_button.isEnabled()
    assert "Pitch matters more than volume." in window.transcript.view.toPlainText()
    window.close()


def test_a_corrupt_audio_file_is_named_and_the_transcript_still_reads(
    ui: Driver, qtbot: QtBot, library: Path
):
    (library / "tone" / "ep01-tuning.wav").write_bytes(b"RIFF\x00\x01junk" + bytes(range(256)) * 8)
    window = ui.start(library)
    open_episode(ui, qtbot, window, TIMED, loaded=False)
    bar = window.player.bar
    qtbot.waitUntil(lambda: bar.message.text().startswith("Cannot play ep01-tuning.wav: "))
    assert not bar.play_button.isEnabled()
    window.player.toggle()
    assert not window.player.engine.playing()
    assert "Pitch matters more than volume." in window.transcript.view.toPlainText()
    window.close()


def test_without_the_audio_extra_one_line_says_how_to_enable_it(
    ui: Driver, qtbot: QtBot, library: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)  # the import fails
    monkeypatch.delitem(sys.modules, "reader.ui.player_engine", raising=False)
    player_support.engine_module.cache_clear()
    try:
        window = ui.start(library)
        open_episode(ui, qtbot, window, TIMED, loaded=False)
        bar = window.player.bar
        assert bar.message.text() == (
            "This episode has audio (ep01-tuning.wav). To play it here, install the audio "
            'extra: pip install "episode-reader[audio]"'
        )
        assert bar.isVisible()
        assert not bar.play_button.isVisible()
        assert window.player.engine is None
        assert "Pitch matters more than volume." in window.transcript.view.toPlainText()
        window.close()
    finally:
        player_support.engine_module.cache_clear()


def test_a_missing_system_library_is_named_with_its_package():
    problem = ImportError(
        "libpulse.so.0: cannot open shared object file: No such file or directory"
    )
    assert "libpulse0" in player_support.why_not(problem)
    assert player_support.why_not(ImportError("No module named 'PySide6.QtMultimedia'")) == (
        player_support.INSTALL_HINT
    )


def test_the_hit_navigation_plays_the_current_hit_from_its_own_cue(
    ui: Driver, qtbot: QtBot, player_window: MainWindow
):
    window = player_window
    ui.type_query(window, "tuning pitch")  # only ep01 has both
    ui.open_first(window)
    assert window.transcript.view.episode.id == TIMED
    button = window.player.play_hit_button
    qtbot.waitUntil(button.isVisible)
    window.next_hit()  # F3: from "tuning" (0:00.5) to "Pitch"
    assert window.transcript.view.highlighted_text()[window.transcript.view.current] == "Pitch"
    button.click()
    # The hit is in Ben's second cue (0:03.5), not at his turn's start (0:02.5).
    assert 3.5 <= started(qtbot, window) < 4.5
    assert spoken(window) == "Pitch matters more than volume."


def test_a_search_result_offers_play_first_hit(ui: Driver, qtbot: QtBot, player_window: MainWindow):
    window = player_window
    ui.type_query(window, "hertz")
    results = window.library_pane.list
    row = next(
        r
        for r in range(window.library_pane.model.rowCount())
        if window.library_pane.model.index(r).data(PATH_ROLE) == TIMED
    )
    point = results.visualRect(window.library_pane.model.index(row)).center()
    chosen: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        action = menu.actions()[0]
        chosen.append(action.text())
        action.trigger()
        menu.close()

    QTimer.singleShot(0, pick)
    results.customContextMenuRequested.emit(point)
    assert chosen == [PLAY_FIRST_HIT]
    ui.wait_for_episode(window)
    assert window.transcript.view.episode.id == TIMED
    qtbot.waitUntil(lambda: window.player.engine is not None)
    assert 6.0 <= started(qtbot, window) < 7.5
    assert spoken(window) == "That was four hundred forty hertz."


def test_a_wheel_turn_or_page_up_on_the_transcript_stops_following(
    ui: Driver, qtbot: QtBot, player_window: MainWindow
):
    window = player_window
    window.resize(900, 320)
    open_episode(ui, qtbot, window, TIMED)
    view = window.transcript.view
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)
    window.player.play_from(view.episode.text.index("That was"))
    qtbot.waitUntil(lambda: spoken(window) == "That was four hundred forty hertz.")
    assert window.player.bar.follow.isChecked()
    centre = QPointF(view.viewport().rect().center())
    wheel = QWheelEvent(
        centre,
        QPointF(view.viewport().mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 240),  # two notches up
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), wheel)
    assert not window.player.bar.follow.isChecked()
    window.player.set_follow(True)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_PageUp)  # and so does a key that scrolls
    assert not window.player.bar.follow.isChecked()


def test_skip_keys_and_volume(ui: Driver, qtbot: QtBot, player_window: MainWindow):
    window = player_window
    open_episode(ui, qtbot, window, TIMED)
    window.player.seek(4.0)
    window.menu_actions["skip_back"].trigger()  # Alt+Left
    assert position(window) == pytest.approx(0.0, abs=0.05)  # not before the start
    window.menu_actions["skip_forward"].trigger()  # Alt+Right: 30 s, past the 8 s end
    qtbot.waitUntil(lambda: position(window) == pytest.approx(8.0, abs=0.1))
    assert [
        window.menu_actions[k].shortcut().toString() for k in ("skip_back", "skip_forward")
    ] == [
        "Alt+Left",
        "Alt+Right",
    ]
    window.player.bar.volume.setValue(40)
    assert window.player.engine.volume() == pytest.approx(0.4)


def test_a_timestamp_shows_a_pointing_hand_and_the_words_keep_their_cursor(
    ui: Driver, qtbot: QtBot, player_window: MainWindow
):
    window = player_window
    open_episode(ui, qtbot, window, TIMED)
    view = window.transcript.view
    viewport = view.viewport()
    usual = viewport.cursor().shape()
    assert usual != Qt.CursorShape.PointingHandCursor
    qtbot.mouseMove(viewport, label_point(window, "Thanks"))
    qtbot.waitUntil(lambda: viewport.cursor().shape() == Qt.CursorShape.PointingHandCursor)
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.position_of(view.episode.text.index("closely")))
    qtbot.mouseMove(viewport, view.cursorRect(cursor).center())
    qtbot.waitUntil(lambda: viewport.cursor().shape() == usual)


def test_a_quote_from_a_line_with_audio_carries_its_own_cue_time(
    ui: Driver, qtbot: QtBot, player_window: MainWindow, qapp: QApplication
):
    """Copy Quote already gives each passage its cue's time (reader/quotes); with audio it is
    the moment Play from Here plays from, so the quote can be found in the recording."""
    window = player_window
    open_episode(ui, qtbot, window, TIMED)
    view = window.transcript.view
    assert view.find("listen closely")
    assert window.copy_quote()
    text = qapp.clipboard().text()
    assert text.startswith("“listen closely”")
    assert text.endswith("(0:01)")
    window.player.play_from(view.selected_span()[0])
    assert 1.5 <= position(window) < 2.0
