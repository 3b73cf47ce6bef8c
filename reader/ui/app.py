"""Start the Qt application and its main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from reader import APP_ID, APP_NAME, __version__
from reader.bundled import resource
from reader.paths import AppPaths
from reader.state import default_library
from reader.ui.main_window import MainWindow
from reader.ui.settings import open_settings

log = logging.getLogger(__name__)


def configure_app(app: QApplication) -> None:
    """Names, icon and stylesheet shared by every window."""
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(QIcon(str(resource("icons/episode-reader.svg"))))
    app.setStyleSheet(resource("style.qss").read_text(encoding="utf-8"))


def create_main_window(paths: AppPaths, library: Path | None = None) -> MainWindow:
    """Build the window on ``library``, else the last library, else the bundled samples."""
    window = MainWindow(open_settings(paths), paths)
    notice = None
    if library is None:
        library, notice = default_library(paths)
    window.open_library(library)
    if notice:
        window.statusBar().showMessage(notice, 15000)
    return window


def run_app(library: Path | None, paths: AppPaths) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    configure_app(app)
    window = create_main_window(paths, library)
    window.show()
    return app.exec()
