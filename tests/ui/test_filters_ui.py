"""Filters beside the search, in the window: picking a show, speaker or year shrinks the list,
each value names its count, they combine with the search box, and a restart remembers them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from reader.ui.main_window import MainWindow
from tests.search.filter_library import write_filter_library

if TYPE_CHECKING:
    from .conftest import Driver


def _listed(window: MainWindow) -> list[str]:
    return sorted(row.path for row in window.library_pane.model.rows())


def _items(box: QComboBox) -> list[str]:
    return [box.itemText(i) for i in range(box.count())]


def _pick(ui: Driver, qtbot: QtBot, window: MainWindow, box: QComboBox, text: str) -> None:
    """Open the drop-down and click the item that says ``text``, as a user would."""
    box.showPopup()
    view = box.view()
    qtbot.waitUntil(view.isVisible)
    index = view.model().index(_items(box).index(text), 0)
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    ui.wait_for_list(window)


def test_filters_shrink_the_list_count_it_and_survive_a_restart(
    ui: Driver, qtbot: QtBot, tmp_path: Path
) -> None:
    library = write_filter_library(tmp_path / "lib")
    window = ui.start(library)
    bar = window.library_pane.filter_bar
    shows, speakers, years = bar.boxes["show"], bar.boxes["speaker"], bar.boxes["year"]
    assert len(_listed(window)) == 4
    assert _items(shows) == ["All shows", "The Coaching Hour (3)", "Leaders Lab (1)"]
    assert _items(years) == ["Any year", "2024 (2)", "2023 (2)"]

    _pick(ui, qtbot, window, shows, "The Coaching Hour (3)")
    assert _listed(window) == [
        "the-coaching-hour/ep-101.md", "the-coaching-hour/ep-102.md", "the-coaching-hour/ep-103.md"
    ]  # fmt: skip
    assert window.library_pane.count_label.text() == "3 episodes"
    assert "Ana Lima (2)" in _items(speakers)  # counted among the listed episodes only
    assert "Sam Reyes (1)" not in _items(speakers)

    _pick(ui, qtbot, window, speakers, "Priya Raman (2)")
    _pick(ui, qtbot, window, years, "2023 (2)")
    assert len(_listed(window)) == 2
    ui.type_query(window, "specific")  # the search box and the filters together
    assert len(_listed(window)) == 2
    assert window.library_pane.count_label.text() == "2 episodes match"
    window.close()

    again = ui.start(library)
    assert again.library_pane.filter_bar.filters().as_dict() == {
        "show": "The Coaching Hour", "speaker": "Priya Raman", "year": "2023"
    }  # fmt: skip
    assert len(_listed(again)) == 2
    _pick(ui, qtbot, again, again.library_pane.filter_bar.boxes["show"], "All shows")
    _pick(ui, qtbot, again, again.library_pane.filter_bar.boxes["speaker"], "Any speaker")
    _pick(ui, qtbot, again, again.library_pane.filter_bar.boxes["year"], "Any year")
    assert len(_listed(again)) == 4
    again.close()


LONG_SHOW = "The Remarkably Long-Named Podcast About Leadership and Delegation"
VERY_LONG_SHOW = "An Endless Show Name " * 30


def test_long_show_names_fit_the_drop_down_or_are_cut_in_the_middle_with_a_tooltip(
    ui: Driver, qtbot: QtBot, tmp_path: Path
) -> None:
    library = tmp_path / "lib"
    library.mkdir()
    for i, show in enumerate((LONG_SHOW, VERY_LONG_SHOW, "Short")):
        text = f"---\ntitle: Talk {i}\nshow: {show.strip()}\n---\n\n**Ana:** Hello there.\n"
        (library / f"talk-{i}.md").write_text(text, encoding="utf-8")
    window = ui.start(library)
    box = window.library_pane.filter_bar.boxes["show"]
    box.showPopup()
    view = box.view()
    qtbot.waitUntil(view.isVisible)
    text_width = view.fontMetrics().horizontalAdvance(f"{LONG_SHOW} (1)")
    assert box.width() < text_width  # the box itself is narrow: its list is what grows
    assert view.width() > text_width  # the whole name fits
    screen = box.screen().availableGeometry().width()
    assert view.width() <= screen  # the very long one does not, and the list stays on screen
    assert view.textElideMode() == Qt.TextElideMode.ElideMiddle  # keeps its "(1)"
    very_long = next(i for i, text in enumerate(_items(box)) if text.startswith("An Endless"))
    assert view.width() < view.fontMetrics().horizontalAdvance(box.itemText(very_long))
    tip = box.itemData(very_long, Qt.ItemDataRole.ToolTipRole)
    assert box.itemText(very_long) in tip  # the full name, as a tooltip
    _pick(ui, qtbot, window, box, f"{LONG_SHOW} (1)")
    assert box.currentText() == f"{LONG_SHOW} (1)"
    assert LONG_SHOW in box.toolTip()  # the chosen value, in full, on the closed box
    window.close()
