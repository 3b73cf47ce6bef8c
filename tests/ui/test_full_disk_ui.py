"""The window when a sync fails because the disk holding the index is full (a real tmpfs)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from pytestqt.qtbot import QtBot

from reader.paths import AppPaths

from .conftest import Driver


def test_a_sync_on_a_full_disk_shows_a_clear_status_and_the_old_list(
    qtbot: QtBot,
    search_library: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    edge_cases: ModuleType,
):
    cases = edge_cases
    try:
        disk_context = cases.small_disk(tmp_path / "disk")
        disk = disk_context.__enter__()
    except cases.MountRefused as exc:
        pytest.skip(f"cannot mount a tmpfs here: {exc}")
    try:
        ui = Driver(qtbot, AppPaths.resolve(disk).ensure())
        window = ui.start(search_library)
        assert window.library_pane.model.rowCount() == 4
        ui.type_query(window, "calendar")
        before = [row.path for row in window.library_pane.model.rows()]
        assert before
        ui.type_query(window, "")
        for n in range(20):
            (search_library / f"new-{n}.txt").write_text(
                f"Host: zanzibar {n} " + "delegation and trust " * 400, encoding="utf-8"
            )
        cases.fill(disk)
        caplog.clear()
        window.reindex()
        ui.wait_for_index(window)
        message = window.statusBar().currentMessage()
        assert message.startswith("The disk is full: cannot save the search index in ")
        assert str(disk) in message
        assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"
        ui.type_query(window, "calendar")  # the old index still answers
        assert [row.path for row in window.library_pane.model.rows()] == before
        window.close()
    finally:
        disk_context.__exit__(None, None, None)
