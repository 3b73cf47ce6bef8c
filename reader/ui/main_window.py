"""The main window: the library's episodes on the left, the selected transcript beside them."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
)

from reader import APP_NAME, __version__
from reader.decoding import read_text
from reader.filenames import title_from_filename
from reader.library import LibraryError, check_library, list_transcripts
from reader.paths import AppPaths
from reader.state import remember_library
from reader.ui import settings as keys

log = logging.getLogger(__name__)

PATH_ROLE = Qt.ItemDataRole.UserRole


class MainWindow(QMainWindow):
    """Lists the transcripts of one library folder and shows the one selected."""

    def __init__(self, settings: QSettings, paths: AppPaths) -> None:
        super().__init__()
        self.settings = settings
        self.paths = paths
        self.library: Path | None = None

        self.episode_list = QListWidget()
        self.episode_list.setObjectName("episodeList")
        self.episode_list.setAccessibleName("Episodes")
        self.episode_list.currentItemChanged.connect(self._show_current)

        self.transcript = QPlainTextEdit()
        self.transcript.setObjectName("transcript")
        self.transcript.setAccessibleName("Transcript")
        self.transcript.setReadOnly(True)
        self.transcript.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )

        self.splitter = QSplitter()
        self.splitter.addWidget(self.episode_list)
        self.splitter.addWidget(self.transcript)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([320, 800])
        self.setCentralWidget(self.splitter)

        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self._build_menus()
        self.resize(1180, 760)
        self._restore_state()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.open_action = QAction("&Open Library…", self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.choose_library)
        file_menu.addAction(self.open_action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        help_menu = self.menuBar().addMenu("&Help")
        about = QAction(f"&About {APP_NAME}", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _restore_state(self) -> None:
        geometry = self.settings.value(keys.GEOMETRY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = self.settings.value(keys.SPLITTER)
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue(keys.GEOMETRY, self.saveGeometry())
        self.settings.setValue(keys.SPLITTER, self.splitter.saveState())
        self.settings.sync()
        super().closeEvent(event)

    def open_library(self, folder: Path) -> bool:
        """Show ``folder``'s transcripts; on failure keep the current library and say why."""
        try:
            folder = check_library(folder)
        except LibraryError as exc:
            QMessageBox.warning(self, "Cannot open library", str(exc))
            return False
        self.library = folder
        remember_library(self.paths, folder)
        self.episode_list.clear()
        for path in list_transcripts(folder):
            item = QListWidgetItem(title_from_filename(path))
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(path.relative_to(folder).as_posix())
            self.episode_list.addItem(item)
        count = self.episode_list.count()
        self.setWindowTitle(f"{folder.name} — {APP_NAME}")
        self.count_label.setText(f"{count} transcript{'s' if count != 1 else ''} in {folder}")
        if count:
            self.episode_list.setCurrentRow(0)
        else:
            self.transcript.setPlainText(
                f"No transcripts in {folder}.\n\n"
                "Add .txt, .md, .html, .srt, .vtt or .json transcripts to this folder, "
                "or choose another one with File › Open Library…"
            )
        return True

    def choose_library(self) -> None:
        start = str(self.library or Path.home())
        folder = QFileDialog.getExistingDirectory(self, "Open Library", start)
        if folder:
            self.open_library(Path(folder))

    def _show_current(self, current: QListWidgetItem | None, _previous: object = None) -> None:
        if current is None:
            return
        path = Path(current.data(PATH_ROLE))
        try:
            text = read_text(path)
        except OSError as exc:
            text = f"Could not read {path}: {exc.strerror or exc}"
            log.warning("%s", text)
        self.transcript.setPlainText(text)  # plain text: nothing in a file is ever rendered
        self.setWindowTitle(f"{current.text()} — {APP_NAME}")

    def _about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nRead, search, highlight and quote episode "
            "transcripts, offline.",
        )
