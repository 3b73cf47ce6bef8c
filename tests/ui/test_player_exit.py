"""The app quits cleanly after playing audio, in a real process as a user's ``episode-reader``
ends: a QMediaPlayer that outlives the QApplication crashes the process at exit (SIGSEGV, in
about half the runs of a script that kept one), so the window deletes its player on closing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .audio_library import TIMED, write_audio_library

ROOT = Path(__file__).resolve().parents[2]

APP = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from reader.paths import AppPaths
from reader.ui.app import configure_app, create_main_window

app = QApplication([])
configure_app(app)
window = create_main_window(AppPaths.resolve(sys.argv[1]).ensure(), Path(sys.argv[2]))
window.show()
QTimer.singleShot(1500, lambda: window.open_episode(sys.argv[3]))
QTimer.singleShot(3000, window.player.toggle)
QTimer.singleShot(3800, lambda: print("played", round(window.player.position() or 0, 1)))
QTimer.singleShot(3900, window.close)
sys.exit(app.exec())
"""


@pytest.mark.slow
def test_the_app_exits_cleanly_after_playing(tmp_path: Path):
    library = write_audio_library(tmp_path / "lib")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    for run in range(2):
        done = subprocess.run(
            [sys.executable, "-c", APP, str(tmp_path / f"data{run}"), str(library), TIMED],
            capture_output=True, text=True, timeout=120, env=env,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-2000:]
        assert done.stdout.startswith("played ")
        assert float(done.stdout.split()[1]) > 0.3  # it did play before quitting
