"""Starting the app: which library opens, and that the choice survives a restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.cli import main
from reader.paths import AppPaths
from reader.ui.app import create_main_window
from reader.ui.main_window import MainWindow


def open_window(qtbot: QtBot, paths: AppPaths, library: Path | None = None) -> MainWindow:
    window = create_main_window(paths, library)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.indexing, timeout=20000)
    qtbot.waitUntil(lambda: window.answered_request == window._search_request, timeout=10000)
    return window


def test_first_start_opens_bundled_library(qtbot: QtBot, app_paths: AppPaths, sample_library):
    window = open_window(qtbot, app_paths)
    assert window.library == sample_library.resolve()
    assert window.library_pane.model.rowCount() >= 12
    assert not window.problems_button.isVisible()  # every bundled sample imports


def test_last_library_reopens_after_restart(qtbot: QtBot, app_paths: AppPaths, search_library):
    open_window(qtbot, app_paths, search_library).close()
    second = open_window(qtbot, app_paths)
    assert second.library == search_library.resolve()
    assert second.library_pane.model.rowCount() == 4


def test_vanished_last_library_falls_back_to_samples_with_a_notice(
    qtbot: QtBot, app_paths: AppPaths, search_library: Path, sample_library: Path
):
    open_window(qtbot, app_paths, search_library).close()
    search_library.rename(search_library.with_name("moved"))
    window = create_main_window(app_paths)
    qtbot.addWidget(window)
    assert window.library == sample_library.resolve()
    message = window.statusBar().currentMessage()
    assert "Last library unavailable" in message
    assert str(search_library) in message


def test_main_without_command_shows_window(
    qapp: QApplication, search_library: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    """``episode-reader --library DIR`` in-process: a visible window titled for the library.

    The event loop itself is replaced: once a real ``exec()`` has quit, Qt refuses to run
    nested event loops in the same process, which every later test needs.
    """
    seen: list[str] = []

    def fake_exec(app: QApplication) -> int:
        windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
        seen.extend(w.windowTitle() for w in windows if w.isVisible())
        for window in windows:
            window.close()
            window.deleteLater()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert main(["--library", str(search_library), "--data-dir", str(data_dir)]) == 0
    assert seen == ["lib — Episode Reader"]
    assert (data_dir / "config" / "state.json").is_file()
