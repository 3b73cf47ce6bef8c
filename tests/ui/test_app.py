"""Starting the app: which library opens, and that the choice survives a restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.cli import main
from reader.paths import AppPaths
from reader.ui.app import create_main_window
from reader.ui.main_window import MainWindow


@pytest.fixture
def paths(data_dir: Path) -> AppPaths:
    return AppPaths.resolve(data_dir).ensure()


def open_window(qtbot: QtBot, paths: AppPaths, library: Path | None = None) -> MainWindow:
    window = create_main_window(paths, library)
    qtbot.addWidget(window)
    return window


def test_first_start_opens_bundled_library(qtbot: QtBot, paths: AppPaths, sample_library):
    window = open_window(qtbot, paths)
    assert window.library == sample_library.resolve()
    assert window.episode_list.count() >= 12


def test_last_library_reopens_after_restart(qtbot: QtBot, paths: AppPaths, small_library):
    first = open_window(qtbot, paths, small_library)
    first.close()
    second = open_window(qtbot, paths)
    assert second.library == small_library.resolve()
    assert second.episode_list.count() == 3


def test_vanished_last_library_falls_back_to_samples_with_a_notice(
    qtbot: QtBot, paths: AppPaths, small_library: Path, sample_library: Path
):
    open_window(qtbot, paths, small_library).close()
    small_library.rename(small_library.with_name("moved"))
    window = open_window(qtbot, paths)
    assert window.library == sample_library.resolve()
    message = window.statusBar().currentMessage()
    assert "Last library unavailable" in message
    assert str(small_library) in message


def test_main_without_command_shows_window(
    qtbot: QtBot, qapp: QApplication, small_library: Path, data_dir: Path
):
    """``episode-reader --library DIR`` in-process: a visible window titled for the episode."""
    seen: list[str] = []

    def look_and_quit() -> None:
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow)]
        seen.extend(w.windowTitle() for w in windows if w.isVisible())
        for window in windows:
            window.close()
            window.deleteLater()
        qapp.quit()

    QTimer.singleShot(0, look_and_quit)
    assert main(["--library", str(small_library), "--data-dir", str(data_dir)]) == 0
    assert seen == ["Ep03 Captions — Episode Reader"]
    assert (data_dir / "config" / "state.json").is_file()
