"""The open library: opening one (and remembering it among the recent ones), watching its
folder, syncing its index on the sync thread, and what the status bar says about it
(indexing progress with Cancel, the problems button, the episode count).

The window reacts to three signals: ``opened`` (clear the panes for the new library),
``search_needed`` (the index has episodes to list, or new ones) and ``synced`` (a sync of the
open library finished: list again, reload the open episode if its file changed).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
)

from reader.library import LibraryError, check_library
from reader.library.sync_run import SyncReport
from reader.model import ImportFailure
from reader.paths import AppPaths
from reader.state import remember_library
from reader.ui import settings as keys
from reader.ui.dialogs import ProblemsDialog
from reader.ui.safe_text import for_button, tell
from reader.ui.workers import IndexThreads
from reader.util.pathnames import for_display
from reader.util.plural import counted

log = logging.getLogger(__name__)

RECENT_MAX = 8
#: Wait this long after the last change in the library folder before re-indexing.
WATCH_DELAY_MS = 700
#: Syncs of more files than this list their episodes as they are committed.
LIVE_MIN_FILES = 20
#: Watching every file catches edits in place; beyond this many, folders only.
MAX_WATCHED_FILES = 4000


class LibraryController(QObject):
    opened = Signal(object)  # library Path, already checked
    search_needed = Signal()
    synced = Signal(object)  # SyncReport of the open library

    def __init__(
        self, settings: QSettings, paths: AppPaths, threads: IndexThreads, window: QMainWindow
    ) -> None:
        super().__init__(window)
        self.settings = settings
        self.paths = paths
        self.threads = threads
        self.window = window  # the parent of dialogs; its status bar shows the library's state
        self.library: Path | None = None
        self.failures: list[ImportFailure] = []
        self.indexing = False
        self._progress: tuple[int, int] | None = None  # files done, files in all
        self._sync_again = False
        threads.syncer.opened.connect(self._on_index_opened)
        threads.syncer.progress.connect(self._on_progress)
        threads.syncer.finished.connect(self._on_synced)
        threads.syncer.committed.connect(self._on_committed)
        threads.syncer.failed.connect(self._on_sync_failed)
        self._build_status_widgets()

        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._library_changed)
        self.watcher.fileChanged.connect(self._library_changed)
        self._watch_timer = QTimer(self, singleShot=True, interval=WATCH_DELAY_MS)
        self._watch_timer.timeout.connect(self.reindex)

    def _build_status_widgets(self) -> None:
        bar = self.window.statusBar()
        self.progress = QProgressBar()
        self.progress.setObjectName("indexProgress")
        self.progress.setAccessibleName("Indexing progress")
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("cancelIndexing")
        self.cancel_button.setAccessibleName("Cancel indexing")
        self.cancel_button.clicked.connect(self.cancel_indexing)
        self.problems_button = QPushButton()
        self.problems_button.setObjectName("problemsButton")
        self.problems_button.setAccessibleName("Library problems")
        self.problems_button.setFlat(True)
        self.problems_button.clicked.connect(self.show_problems)
        self.count_label = QLabel()
        self.count_label.setObjectName("libraryLabel")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)  # it names the folder
        for widget in (self.progress, self.cancel_button, self.problems_button):
            widget.hide()
            bar.addPermanentWidget(widget)
        bar.addPermanentWidget(self.count_label)

    def _say(self, message: str, timeout_ms: int = 0) -> None:
        self.window.statusBar().showMessage(message, timeout_ms)

    # -- opening ------------------------------------------------------------------------------
    def open_library(self, folder: Path) -> bool:
        """Show ``folder``'s episodes; on failure keep the current library and say why."""
        try:
            folder = check_library(folder)
        except LibraryError as exc:
            tell(self.window, "Cannot open library", str(exc), QMessageBox.Icon.Warning)
            return False
        self.library = folder
        self.opened.emit(folder)
        remember_library(self.paths, folder)
        self._remember_recent(folder)
        self.failures = []
        self.count_label.setText(str(folder))
        self._update_problems()
        self._watch(folder)
        self.reindex()
        return True

    def choose_library(self) -> None:
        start = str(self.library or Path.home())
        folder = QFileDialog.getExistingDirectory(self.window, "Open Library", start)
        if folder:
            self.open_library(Path(folder))

    def _remember_recent(self, folder: Path) -> None:
        recent = [str(folder)] + [p for p in self.recent_libraries() if p != str(folder)]
        self.settings.setValue(keys.RECENT, recent[:RECENT_MAX])

    def recent_libraries(self) -> list[str]:
        value = self.settings.value(keys.RECENT, [])
        if isinstance(value, str):  # an INI file holds a list of one as a plain string
            return [value]
        return [str(v) for v in value] if isinstance(value, list | tuple) else []

    def fill_recent(self, menu: QMenu) -> None:
        menu.clear()
        for folder in self.recent_libraries():
            action = menu.addAction(for_button(folder))
            action.triggered.connect(lambda _c=False, f=folder: self.open_library(Path(f)))
        if not menu.actions():
            menu.addAction("No recent libraries").setEnabled(False)

    # -- watching and syncing -----------------------------------------------------------------
    def _watch(self, folder: Path) -> None:
        old = self.watcher.directories() + self.watcher.files()
        if old:
            self.watcher.removePaths(old)
        folders = [str(folder)] + [
            str(p) for p in folder.rglob("*") if p.is_dir() and not p.name.startswith(".")
        ]
        self.watcher.addPaths(folders)
        files = [str(p) for p in folder.rglob("*") if p.is_file()][:MAX_WATCHED_FILES]
        if files:
            self.watcher.addPaths(files)

    def _library_changed(self, _path: str) -> None:
        self._watch_timer.start()

    def reindex(self) -> None:
        if self.library is None:
            return
        if self.indexing:
            self._sync_again = True
            return
        self.indexing = True
        self._progress = None
        self.progress.setRange(0, 0)
        self.progress.setFormat("Indexing…")
        self.progress.show()
        self.cancel_button.show()
        self._say("Checking the library for new and changed transcripts…")
        self.threads.sync(self.library)

    def cancel_indexing(self) -> None:
        self.threads.syncer.cancel.set()
        self._say("Cancelling indexing…")

    def _on_index_opened(self, library: Path, notice: str | None) -> None:
        if library != self.library:
            return
        if notice:
            self._say(notice, 10000)
        self.search_needed.emit()

    def _on_progress(self, done: int, total: int, current: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"Indexing {done}/{total}")
        self._progress = (done, total)
        if current:
            self._say(f"Indexing {for_display(current)}")

    def _on_committed(self, library: Path, _done: int) -> None:
        """A round of the sync is searchable: list it (a first index grows as it goes)."""
        if library == self.library and self.indexing:
            self.search_needed.emit()

    def _on_synced(self, library: Path, report: SyncReport | None) -> None:
        self.indexing = False
        self._progress = None
        self.progress.hide()
        self.cancel_button.hide()
        if library != self.library:
            return
        if report is not None:
            self.failures = report.failed
            self._update_problems()
            message = (
                "Indexing cancelled."
                if report.cancelled
                else f"Library up to date: {report.summary()}."
            )
            self._say(message, 8000)
            self.synced.emit(report)
            self._watch(library)
        if self._sync_again:
            self._sync_again = False
            self.reindex()

    def _on_sync_failed(self, library: Path, message: str) -> None:
        if library == self.library:
            self._say(message, 15000)

    # -- status -------------------------------------------------------------------------------
    def live_progress(self) -> tuple[int, int] | None:
        """(files done, files in all) while a sync big enough to list as it goes runs: the
        list then shows results so far."""
        if not self.indexing or self._progress is None:
            return None
        return self._progress if self._progress[1] > LIVE_MIN_FILES else None

    def show_episode_count(self, total: int) -> None:
        if self.library is not None:
            self.count_label.setText(f"{counted(total, 'episode')} · {self.library}")

    def _update_problems(self) -> None:
        count = len(self.failures)
        self.problems_button.setText(f"⚠ {counted(count, 'problem')}")
        self.problems_button.setVisible(bool(count))

    def show_problems(self) -> None:
        if self.library is not None:
            ProblemsDialog(self.library, self.failures, self.window).exec()
