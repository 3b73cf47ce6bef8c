"""Each episode remembers where the reader was (and the side panel's tab): reopening the
episode or the app goes back there; opening from a search still goes to the first hit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot

from reader.reading_places import FILE_NAME, MAX_PLACES, Place, ReadingPlaces
from reader.ui.main_window import MainWindow

from .long_episode import LONG_PATH, write_long_library

if TYPE_CHECKING:
    from .conftest import Driver

EP1 = "show-a/ep01-leaders-who-delegate.md"


def top_text(window: MainWindow) -> str:
    """The transcript text at the top of the view."""
    view = window.transcript.view
    offset = view.top_offset(view.cursorForPosition(QPoint(0, 0)).position())
    assert offset is not None
    return view.episode.text[offset : offset + 40]


def open_and_wait(ui: Driver, window: MainWindow, path: str) -> None:
    window.open_episode(path)
    ui.wait_for_episode(window)
    assert window.transcript.view.episode.id == path


def test_an_episode_reopens_where_it_was_left(ui: Driver, qtbot: QtBot, tmp_path: Path):
    library = write_long_library(tmp_path / "long")
    (library / "show-a").mkdir()
    (library / "show-a" / "ep01-short.md").write_text("# Short\n\nJust a few words.\n", "utf-8")
    window = ui.start(library)
    open_and_wait(ui, window, LONG_PATH)
    view = window.transcript.view
    view.jump_to(view.position_of(view.episode.text.index("Turn 70 ")), fraction=0.0)
    window.side.setCurrentWidget(window.side.outline)
    assert top_text(window).startswith("Turn 70 ")
    open_and_wait(ui, window, "show-a/ep01-short.md")
    assert window.transcript.view.verticalScrollBar().value() == 0
    open_and_wait(ui, window, LONG_PATH)
    assert top_text(window).startswith("Turn 70 ")
    assert window.side.currentWidget() is window.side.outline
    window.close()

    again = ui.start(library)  # the app reopens the last episode, at its place
    ui.wait_for_episode(again)
    assert again.transcript.view.episode.id == LONG_PATH
    assert top_text(again).startswith("Turn 70 ")
    assert again.side.currentWidget() is again.side.outline

    ui.type_query(again, "zebrafish")  # from a search: the first hit, not the place
    ui.open_first(again)
    view = again.transcript.view
    assert view.current == 0
    assert view.episode.text[view.hits[0][0] :].startswith("zebrafish")
    again.close()


def test_places_are_bounded_and_a_damaged_file_is_ignored(tmp_path: Path):
    places = ReadingPlaces(tmp_path)
    for i in range(MAX_PLACES + 20):
        places.put(tmp_path / "lib", f"ep{i}.txt", Place(i, 1))
    stored = json.loads((tmp_path / FILE_NAME).read_text("utf-8"))["places"]
    assert len(stored) == MAX_PLACES
    again = ReadingPlaces(tmp_path)
    assert again.get(tmp_path / "lib", f"ep{MAX_PLACES + 19}.txt") == Place(MAX_PLACES + 19, 1)
    assert again.get(tmp_path / "other", f"ep{MAX_PLACES + 19}.txt") is None  # per library
    (tmp_path / FILE_NAME).write_bytes(b"\x00not json")
    assert ReadingPlaces(tmp_path).get(tmp_path / "lib", "ep1.txt") is None


def test_the_audio_position_is_kept_with_the_place_and_a_bad_one_is_ignored(tmp_path: Path):
    library = tmp_path / "lib"
    places = ReadingPlaces(tmp_path)
    places.put(library, "ep1.vtt", Place(120, 1, 754.25))
    places.put(library, "ep2.txt", Place(0, 0))  # never played: no position is claimed
    again = ReadingPlaces(tmp_path)
    assert again.get(library, "ep1.vtt") == Place(120, 1, 754.25)
    assert again.get(library, "ep2.txt") == Place(0, 0, None)
    raw = json.loads((tmp_path / FILE_NAME).read_text("utf-8"))
    for value in raw["places"].values():
        value["audio"] = "soon"  # damaged by hand
    (tmp_path / FILE_NAME).write_text(json.dumps(raw), "utf-8")
    assert ReadingPlaces(tmp_path).get(library, "ep1.vtt") == Place(120, 1, None)
