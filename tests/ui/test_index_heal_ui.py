"""The window heals a damaged index by itself: it says so, rebuilds it in the background
and then shows the results (issue 10, item 3)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pytestqt.qtbot import QtBot

from reader.paths import AppPaths
from reader.search.index import index_folder

if TYPE_CHECKING:  # the driver comes as the ``ui`` fixture from conftest
    from .conftest import Driver

sys.path.insert(0, str(Path(__file__).parents[1] / "stress"))
from damage import damage

CALENDAR = ["show-b/ep06-calendars.srt", "show-a/ep01-leaders-who-delegate.md"]


def test_a_search_that_finds_the_index_damaged_rebuilds_it_and_shows_results(
    ui: Driver, qtbot: QtBot, app_paths: AppPaths, search_library: Path
):
    first = ui.start(search_library)
    first.close()
    damage(index_folder(app_paths.cache, search_library), "postings", "truncated")

    window = ui.start(search_library)  # opening reads no postings: the list still fills
    assert len(window.library_pane.model.rows()) == 4
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    ui.type_query(window, "calendar")  # the search reads the damaged postings
    assert any("The search index is damaged" in m for m in messages), messages
    qtbot.waitUntil(
        lambda: [r.path for r in window.library_pane.model.rows()] == CALENDAR, timeout=20000
    )
    assert any(m.startswith("Rebuilding the search index: it was found damaged") for m in messages)
    assert window.library_pane.count_label.text() == "2 episodes match"
    window.close()
