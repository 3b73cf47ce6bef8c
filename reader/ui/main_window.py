"""The main window: library list and search on the left, transcript in the middle, outline
on the right. Index work runs on worker threads (``reader.ui.workers``); this class only
reacts to their answers on the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QByteArray, QFileSystemWatcher, QMimeData, QSettings, Qt, QTimer
from PySide6.QtGui import QActionGroup, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
)

from reader import APP_NAME, __version__
from reader.export import export_notes, library_episodes
from reader.index import SORTS
from reader.indexer import SyncReport
from reader.library import LibraryError, check_library, transcripts_by_id
from reader.model import ImportFailure
from reader.notes import NotesStore
from reader.pathnames import for_display
from reader.paths import AppPaths
from reader.quote_format import DEFAULT_TEMPLATE, QuoteInfo, plain_text, pull_quote_info, quote_info
from reader.quote_format import html as quote_html
from reader.quote_format import markdown as quote_markdown
from reader.state import remember_library
from reader.ui import settings as keys
from reader.ui.actions import THEME_LABELS, build_menu_bar
from reader.ui.dialogs import OrphansDialog, ProblemsDialog, ShortcutsDialog
from reader.ui.episode_model import PATH_ROLE
from reader.ui.library_pane import LibraryPane
from reader.ui.notes_controller import NotesController
from reader.ui.preferences import PreferencesDialog
from reader.ui.quote_card import render_quote_card, save_quote_card
from reader.ui.rows import LoadedEpisode, SearchAnswer
from reader.ui.safe_text import for_button, for_title, tell
from reader.ui.side_panel import SidePanel
from reader.ui.theme import THEMES, apply_theme
from reader.ui.transcript_pane import TranscriptPane
from reader.ui.workers import IndexThreads

log = logging.getLogger(__name__)

RECENT_MAX = 8
#: Wait this long after the last change in the library folder before re-indexing.
WATCH_DELAY_MS = 700
#: While a first index is built, refresh the list this often so episodes appear as they come.
LIVE_REFRESH_MS = 1500
#: Watching every file catches edits in place; beyond this many, folders only.
MAX_WATCHED_FILES = 4000


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings, paths: AppPaths) -> None:
        super().__init__()
        self.settings = settings
        self.paths = paths
        self.library: Path | None = None
        self.failures: list[ImportFailure] = []
        self.indexing = False
        self._sync_again = False
        self._search_request = 0
        self._load_request = 0
        self.answered_request = 0  # the search whose answer the list shows
        self.loaded_request = 0  # the load whose episode the transcript shows
        self._open_path: str | None = None
        self._restore_episode: str | None = None
        self._index_empty = True
        self._go_to_first_hit = True

        self.threads = IndexThreads(paths.cache, self, data_dir=paths.data)
        self.threads.searcher.answered.connect(self._on_answer)
        self.threads.searcher.loaded.connect(self._on_loaded)
        self.threads.syncer.opened.connect(self._on_index_opened)
        self.threads.syncer.progress.connect(self._on_progress)
        self.threads.syncer.finished.connect(self._on_synced)
        self.threads.syncer.failed.connect(self._on_sync_failed)

        self.library_pane = LibraryPane()
        self.transcript = TranscriptPane()
        self.side = SidePanel()
        self.library_pane.query_changed.connect(self._query_changed)
        self.library_pane.open_requested.connect(self.open_episode)
        self.library_pane.next_hit_requested.connect(self._next_hit_from_search_box)
        self.side.jump_requested.connect(self._jump_to_offset)

        self.notes = NotesController(
            paths.data, self.side.notes, self.side.highlights, self.transcript.view, self
        )
        self.notes.notice.connect(self._tell)
        self.notes.saved.connect(self._index_notes)
        app = QApplication.instance()
        if isinstance(app, QApplication):  # quitting (or logging out) without closing us
            app.aboutToQuit.connect(self.notes.save)
        view = self.transcript.view
        view.highlight_requested.connect(self.notes.add_highlight)
        view.copy_quote_requested.connect(self.copy_quote)
        view.quote_to_notes_requested.connect(self.add_quote_to_notes)
        view.quote_card_requested.connect(self.save_quote_card)
        self.side.highlights.tag_requested.connect(self._ask_tag)

        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.library_pane)
        self.splitter.addWidget(self.transcript)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([340, 760, 260])
        self.splitter.setCollapsible(1, False)
        self.setCentralWidget(self.splitter)

        self._build_status_bar()
        self._build_menus()

        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._library_changed)
        self.watcher.fileChanged.connect(self._library_changed)
        self._watch_timer = QTimer(self, singleShot=True, interval=WATCH_DELAY_MS)
        self._watch_timer.timeout.connect(self.reindex)
        self._live_timer = QTimer(self, interval=LIVE_REFRESH_MS)
        self._live_timer.timeout.connect(self._search)

        self.resize(1360, 820)
        self._restore_state()

    # -- construction -------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
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

    def _build_menus(self) -> None:
        slots: dict[str, Callable[..., object]] = {
            "open_library": self.choose_library,
            "reindex": self.reindex,
            "problems": self.show_problems,
            "export_notes": self.export_notes,
            "orphans": self.show_orphans,
            "quit": self.close,
            "highlight": lambda: self.notes.add_highlight("yellow"),
            "copy_quote": self.copy_quote,
            "quote_to_notes": self.add_quote_to_notes,
            "quote_card_square": lambda: self.save_quote_card("square"),
            "quote_card_landscape": lambda: self.save_quote_card("landscape"),
            "save_notes": self.notes.save,
            "preferences": self.show_preferences,
            "search": self.library_pane.focus_search,
            "find": self.transcript.find_bar.open_bar,
            "next_hit": self.next_hit,
            "previous_hit": self.previous_hit,
            "zoom_in": lambda: self.set_zoom(self.transcript.view.zoom + 1),
            "zoom_out": lambda: self.set_zoom(self.transcript.view.zoom - 1),
            "actual_size": lambda: self.set_zoom(0),
            "side_panel": self.toggle_side_panel,
            "shortcuts": self.show_shortcuts,
            "about": self._about,
        }
        self.menu_actions, submenus = build_menu_bar(self.menuBar(), self, slots)
        self.open_action = self.menu_actions["open_library"]
        self.menu_actions["side_panel"].setChecked(True)
        self.recent_menu = submenus["recent"]
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        sorts = {sort: sort.capitalize() for sort in SORTS}
        self.sort_group = self._choices(submenus["sort"], sorts, self.set_sort)
        self.theme_group = self._choices(submenus["theme"], THEME_LABELS, self.set_theme)

    def _choices(
        self, menu: QMenu, choices: Mapping[str, str], choose: Callable[[str], None]
    ) -> QActionGroup:
        """One checkable action per choice (label by value), of which one is checked."""
        group = QActionGroup(self)
        for value, label in choices.items():
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setData(value)
            action.triggered.connect(lambda _c=False, v=value: choose(v))
            group.addAction(action)
        return group

    # -- state --------------------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.settings.value(keys.GEOMETRY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = self.settings.value(keys.SPLITTER)
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        self.sort = str(self.settings.value(keys.SORT, "relevance"))
        if self.sort not in SORTS:
            self.sort = "relevance"
        for action in self.sort_group.actions():
            action.setChecked(action.data() == self.sort)
        self.theme = str(self.settings.value(keys.THEME, "system"))
        self.set_theme(self.theme if self.theme in THEMES else "system")
        self.transcript.view.set_zoom(int(self.settings.value(keys.ZOOM, 0)))
        query = str(self.settings.value(keys.QUERY, ""))
        self.library_pane.search_box.blockSignals(True)
        self.library_pane.search_box.setText(query)
        self.library_pane.search_box.blockSignals(False)

    def save_state(self) -> None:
        s = self.settings
        s.setValue(keys.GEOMETRY, self.saveGeometry())
        s.setValue(keys.SPLITTER, self.splitter.saveState())
        s.setValue(keys.SORT, self.sort)
        s.setValue(keys.THEME, self.theme)
        s.setValue(keys.ZOOM, self.transcript.view.zoom)
        s.setValue(keys.QUERY, self.library_pane.query())
        if self.library is not None and self._open_path:
            s.setValue(keys.LAST_EPISODE, f"{self.library}\n{self._open_path}")
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.notes.save()
        self.save_state()
        self.threads.stop()
        super().closeEvent(event)

    # -- library ------------------------------------------------------------------------------
    def open_library(self, folder: Path) -> bool:
        """Show ``folder``'s episodes; on failure keep the current library and say why."""
        try:
            folder = check_library(folder)
        except LibraryError as exc:
            tell(self, "Cannot open library", str(exc), QMessageBox.Icon.Warning)
            return False
        self.library = folder
        self.notes.set_library(folder)
        remember_library(self.paths, folder)
        self._remember_recent(folder)
        self.failures = []
        self._index_empty = True
        self._open_path = None
        self._restore_episode = self._remembered_episode(folder)
        self.transcript.show_episode(None, "Choose an episode on the left to read it.")
        self.side.show_episode(None)
        self.library_pane.model.set_rows([], False)
        self.library_pane.show_empty_library(
            f"No transcripts in {folder} yet.\n\nAdd .txt, .md, .html, .srt, .vtt or .json "
            "transcripts to this folder (they appear here by themselves) or choose another "
            "folder with File › Open Library…"
        )
        self.count_label.setText(str(folder))
        self._update_problems()
        self.setWindowTitle(for_title(f"{folder.name} — {APP_NAME}"))
        self._watch(folder)
        self.reindex()
        return True

    def _remembered_episode(self, folder: Path) -> str | None:
        value = str(self.settings.value(keys.LAST_EPISODE, ""))
        library, _sep, path = value.partition("\n")
        return path if library == str(folder) and path else None

    def _remember_recent(self, folder: Path) -> None:
        recent = [str(folder)] + [p for p in self.recent_libraries() if p != str(folder)]
        self.settings.setValue(keys.RECENT, recent[:RECENT_MAX])

    def recent_libraries(self) -> list[str]:
        value = self.settings.value(keys.RECENT, [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value or []]

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for folder in self.recent_libraries():
            action = self.recent_menu.addAction(for_button(folder))
            action.triggered.connect(lambda _c=False, f=folder: self.open_library(Path(f)))
        if not self.recent_menu.actions():
            self.recent_menu.addAction("No recent libraries").setEnabled(False)

    def choose_library(self) -> None:
        start = str(self.library or Path.home())
        folder = QFileDialog.getExistingDirectory(self, "Open Library", start)
        if folder:
            self.open_library(Path(folder))

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
        self.progress.setRange(0, 0)
        self.progress.setFormat("Indexing…")
        self.progress.show()
        self.cancel_button.show()
        self.statusBar().showMessage("Checking the library for new and changed transcripts…")
        self.threads.sync(self.library)

    def cancel_indexing(self) -> None:
        self.threads.syncer.cancel.set()
        self.statusBar().showMessage("Cancelling indexing…")

    def _on_index_opened(self, library: Path, notice: str | None) -> None:
        if library != self.library:
            return
        if notice:
            self.statusBar().showMessage(notice, 10000)
        self._search()

    def _on_progress(self, done: int, total: int, current: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"Indexing {done}/{total}")
        if current:
            self.statusBar().showMessage(f"Indexing {for_display(current)}")
        if total > 20 and not self._live_timer.isActive():
            self._live_timer.start()

    def _on_synced(self, library: Path, report: SyncReport | None) -> None:
        self.indexing = False
        self._live_timer.stop()
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
            self.statusBar().showMessage(message, 8000)
            self._search()
            if self._open_path and self._open_path in report.updated + report.removed:
                self.open_episode(self._open_path, go_to_first_hit=False)
            self._watch(library)
        if self._sync_again:
            self._sync_again = False
            self.reindex()

    def _on_sync_failed(self, library: Path, message: str) -> None:
        if library == self.library:
            self.statusBar().showMessage(message, 15000)

    def _update_problems(self) -> None:
        count = len(self.failures)
        self.problems_button.setText(f"⚠ {count} problem{'s' if count != 1 else ''}")
        self.problems_button.setVisible(bool(count))

    def show_problems(self) -> None:
        if self.library is not None:
            ProblemsDialog(self.library, self.failures, self).exec()

    # -- searching ----------------------------------------------------------------------------
    def _query_changed(self, _query: str) -> None:
        self._search()
        if self._open_path:
            self.open_episode(self._open_path)

    def _search(self) -> None:
        if self.library is None:
            return
        query = self.library_pane.query()
        self._search_request = self.threads.search(self.library, query, self.sort)

    def _on_answer(self, answer: SearchAnswer) -> None:
        if answer.request != self._search_request:
            return  # an older search; a newer one is on its way
        self.answered_request = answer.request
        if answer.problem:
            self.statusBar().showMessage(answer.problem, 15000)
            self.reindex()  # the sync rebuilds a damaged index, then searches again
        if not answer.query.strip():
            self._index_empty = answer.total == 0
        empty = self._index_empty and not self.indexing and not answer.query.strip()
        self.library_pane.show_answer(answer, library_empty=empty)
        if answer.problem:
            self.library_pane.count_label.setText("Rebuilding the search index…")
        total = self.library_pane.model.rowCount() if not answer.query.strip() else None
        if total is not None and self.library is not None:
            self.count_label.setText(f"{total} episode{'s' if total != 1 else ''} · {self.library}")
        if self._restore_episode and self.library_pane.select_path(self._restore_episode):
            path, self._restore_episode = self._restore_episode, None
            self.open_episode(path)

    def set_sort(self, sort: str) -> None:
        self.sort = sort
        for action in self.sort_group.actions():
            action.setChecked(action.data() == sort)
        self._search()

    # -- reading ------------------------------------------------------------------------------
    def open_episode(self, path: str, go_to_first_hit: bool = True) -> None:
        if self.library is None:
            return
        self._open_path = path
        self._go_to_first_hit = go_to_first_hit
        query = self.library_pane.query()
        self._load_request = self.threads.load(self.library, path, query)

    def _on_loaded(self, loaded: LoadedEpisode) -> None:
        if loaded.request != self._load_request:
            return
        self.loaded_request = loaded.request
        if loaded.episode is None:
            self.notes.show(None)
            self.transcript.show_episode(
                None, f"Could not read {for_display(loaded.path)}: {loaded.problem}"
            )
            self.side.show_episode(None)
            return
        episode = loaded.episode
        same = self.transcript.view.episode is not None and (
            self.transcript.view.episode.id == episode.id
            and self.transcript.view.episode.text == episode.text
        )
        if not same:
            self.transcript.show_episode(episode)
            self.side.show_episode(episode)
        self.notes.show(episode)
        if self._go_to_first_hit or not same:
            self.transcript.set_search_hits(loaded.spans)
        self.setWindowTitle(for_title(f"{episode.title} — {APP_NAME}"))

    def next_hit(self) -> None:
        self.transcript.view.next_hit()

    def previous_hit(self) -> None:
        self.transcript.view.previous_hit()

    def _next_hit_from_search_box(self) -> None:
        if self.transcript.view.hits:
            self.next_hit()
        elif self.library_pane.model.rowCount():
            first = self.library_pane.model.index(0)
            self.library_pane.list.setCurrentIndex(first)
            self.open_episode(first.data(PATH_ROLE))

    def _jump_to_offset(self, offset: int) -> None:
        view = self.transcript.view
        cursor = view.textCursor()
        cursor.setPosition(view.position_of(offset))
        view.setTextCursor(cursor)
        view.ensureCursorVisible()
        view.setFocus()

    # -- notes and quotes -------------------------------------------------------------------
    def _tell(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)
        tell(self, APP_NAME, message)

    def _index_notes(self, episode_id: str, text: str) -> None:
        if self.library is not None:
            self.threads.index_notes(self.library, episode_id, text)

    def _ask_tag(self, highlight_id: str) -> None:
        highlight = self.notes.highlight(highlight_id)
        if highlight is None:
            return
        tag, ok = QInputDialog.getText(self, "Tag Highlight", "Tag:", text=highlight.tag)
        if ok:
            self.notes.set_tag(highlight_id, tag)

    def quote_template(self) -> str:
        return str(self.settings.value(keys.QUOTE_TEMPLATE, DEFAULT_TEMPLATE)) or DEFAULT_TEMPLATE

    def current_quote(self) -> QuoteInfo | None:
        """The quote the user means: the selection, else the pull quote or highlight under the
        cursor (or where the context menu was opened)."""
        view = self.transcript.view
        episode = view.episode
        if episode is None:
            return None
        target = view.quote_target()
        if target is not None and target[0] == "span":
            return quote_info(episode, target[1], target[2])
        if target is not None and target[0] == "pull":
            return pull_quote_info(episode, target[1])
        span = view.highlight_span(view.action_position())
        return quote_info(episode, *span) if span is not None else None

    def copy_quote(self) -> bool:
        info = self.current_quote()
        if info is None:
            self.statusBar().showMessage(
                "Select a passage (or click a pull quote or highlight) to copy a quote.", 5000
            )
            return False
        template = self.quote_template()
        mime = QMimeData()
        mime.setText(plain_text(info, template))
        mime.setHtml(quote_html(info, template))
        mime.setData("text/markdown", QByteArray(quote_markdown(info, template).encode("utf-8")))
        QApplication.clipboard().setMimeData(mime)
        self.statusBar().showMessage("Quote copied with its attribution.", 5000)
        return True

    def add_quote_to_notes(self) -> None:
        info = self.current_quote()
        if info is None or self.notes.note is None:
            self.statusBar().showMessage("Select a passage to add it to your notes.", 5000)
            return
        self.side.setCurrentWidget(self.side.notes)
        self.side.notes.insert_markdown(quote_markdown(info, self.quote_template()))

    def save_quote_card(self, preset: str = "square") -> None:
        info = self.current_quote()
        if info is None:
            self.statusBar().showMessage("Select a passage to make a quote card.", 5000)
            return
        default = Path.home() / f"quote-{preset}.png"
        name, _filter = QFileDialog.getSaveFileName(
            self, "Save Quote as Image", str(default), "PNG image (*.png)"
        )
        if not name:
            return
        path = Path(name if name.lower().endswith(".png") else f"{name}.png")
        dark = self.palette().base().color().lightness() < 128
        image = render_quote_card(info, preset=preset, dark=dark, template=self.quote_template())
        try:
            save_quote_card(image, path)
        except OSError as exc:
            tell(self, "Quote card not saved", f"{path}: {exc}", QMessageBox.Icon.Warning)
            return
        self.statusBar().showMessage(f"Quote card saved to {path}", 8000)

    def show_preferences(self) -> None:
        dialog = PreferencesDialog(self.quote_template(), self)
        if dialog.exec():
            self.settings.setValue(keys.QUOTE_TEMPLATE, dialog.value())

    def export_notes(self) -> None:
        if self.library is None:
            return
        self.notes.save()
        folder = QFileDialog.getExistingDirectory(self, "Export Notes To", str(Path.home()))
        if not folder:
            return
        box = QMessageBox(self)
        box.setWindowTitle("Export Notes")
        box.setText("Export one Markdown file per episode, or everything in one file?")
        per_episode = box.addButton("One File per Episode", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("One Combined File", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is None or box.buttonRole(clicked) != QMessageBox.ButtonRole.AcceptRole:
            return
        combined = clicked is not per_episode
        try:
            store = NotesStore(self.paths.data, self.library)
            written = export_notes(store, library_episodes(store), Path(folder), combined)
        except OSError as exc:
            tell(self, "Export failed", f"{folder}: {exc}", QMessageBox.Icon.Warning)
            return
        self.statusBar().showMessage(f"Exported {len(written)} file(s) to {folder}", 8000)

    def show_orphans(self) -> None:
        if self.library is None:
            return
        store = NotesStore(self.paths.data, self.library)
        library_ids = {episode_id for episode_id, _path in transcripts_by_id(self.library)}
        OrphansDialog(store, store.orphans(library_ids), self).exec()

    # -- view ---------------------------------------------------------------------------------
    def toggle_side_panel(self, visible: bool) -> None:
        self.side.setVisible(visible)

    def set_zoom(self, zoom: int) -> None:
        self.transcript.view.set_zoom(zoom)

    def set_theme(self, theme: str) -> None:
        self.theme = theme
        for action in self.theme_group.actions():
            action.setChecked(action.data() == theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
        self.transcript.view.relayout()  # quote blocks and labels take the palette's colours

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self).exec()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nRead, search, highlight and quote episode "
            "transcripts, offline.",
        )
