"""The window on a library that was moved since it was last open finds its index: nothing is
imported again, every episode is listed and searchable."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.library.sync_run import SyncReport
from reader.search.index import index_folder


def test_the_window_on_a_moved_library_imports_nothing_again(ui, tmp_path: Path, search_library):
    window = ui.start(search_library)
    episodes = window.library_pane.model.rowCount()
    assert episodes > 3
    window.close()
    moved = Path(shutil.move(search_library, tmp_path / "elsewhere" / "Renamed"))

    reports: list[SyncReport] = []
    window = ui.start_without_waiting(moved, reports.append)
    ui.wait_for_index(window)
    ui.wait_for_list(window)
    ui.qtbot.waitUntil(lambda: bool(reports))
    assert (len(reports[0].added), reports[0].unchanged) == (0, episodes)
    assert window.library_pane.model.rowCount() == episodes
    assert not index_folder(ui.paths.cache, search_library).exists()
    ui.type_query(window, "delegate")
    assert window.library_pane.model.rowCount() >= 1
    window.close()
