"""The main window: library list and search on the left, transcript in the middle, outline
on the right. Index work runs on worker threads (``reader.ui.workers``); this class only
reacts to their answers on the GUI thread.

It wires the panes to the controllers that do the work: ``LibraryController`` (the open
library, its folder watch and syncs), ``NotesController`` (the open episode's notes and
highlights) and ``QuoteActions`` (copy, add to notes, quote cards); the menus come from the
table in ``reader.ui.actions`` (wired in ``window_menus``), what it remembers between runs is
in ``window_state``, what the reading panes show in ``episode_display``."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMenu,
    QMessageBox,
)

from reader import APP_NAME, __version__
from reader.library.sync_run import SyncReport
from reader.paths import AppPaths
from reader.quotes import QuoteInfo
from reader.quotes.dialogue import Dialogue
from reader.ui import settings as keys
from reader.ui import window_state
from reader.ui.annotations_controller import AnnotationsController
from reader.ui.dialogs import ShortcutsDialog
from reader.ui.episode_display import show_empty_library, show_loaded
from reader.ui.episode_model import PATH_ROLE
from reader.ui.highlight_edits import HighlightEdits
from reader.ui.lazy_snippets import SnippetFiller
from reader.ui.library_controller import LibraryController
from reader.ui.library_notes import export_library_notes, show_orphaned_notes
from reader.ui.library_pane import LibraryPane
from reader.ui.notes_controller import NotesController
from reader.ui.notes_place import notes_in_library, switch_notes_place
from reader.ui.passage_opener import PassageOpener
from reader.ui.player_controller import PlayerController
from reader.ui.player_results import offer_play_in_results
from reader.ui.preferences import PreferencesDialog
from reader.ui.quote_actions import QuoteActions
from reader.ui.reading_place import ReadingPlace
from reader.ui.reading_splitter import ReadingSplitter
from reader.ui.research_actions import ResearchActions
from reader.ui.result_steps import ResultStepper
from reader.ui.rows import LoadedEpisode, SearchAnswer
from reader.ui.safe_text import tell
from reader.ui.side_panel import SidePanel
from reader.ui.speakers_dialog import SpeakerNames
from reader.ui.theme import apply_theme
from reader.ui.transcript_pane import TranscriptPane
from reader.ui.window_menus import build_menus
from reader.ui.window_state import remembered_episode, restore_state
from reader.ui.workers import IndexThreads

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    # Set by ``window_menus.build_menus`` and ``window_state.restore_state``.
    menu_actions: dict[str, QAction]
    open_action: QAction
    recent_menu: QMenu
    sort_group: QActionGroup
    theme_group: QActionGroup
    sort: str
    theme: str

    def __init__(self, settings: QSettings, paths: AppPaths) -> None:
        super().__init__()
        self.settings = settings
        self.paths = paths
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

        self.library_pane = LibraryPane()
        self.snippets = SnippetFiller(self.threads, self.library_pane.model, self)
        self.transcript = TranscriptPane()
        self.side = SidePanel()
        self.library_pane.query_changed.connect(self._query_changed)
        self.library_pane.open_requested.connect(self.open_episode)
        self.library_pane.next_hit_requested.connect(self._next_hit_from_search_box)
        self.library_pane.more_requested.connect(self._search)
        self.side.jump_requested.connect(self._jump_to_offset)
        self.steps = ResultStepper(self.library_pane, self._say, self.open_episode, self)
        self.transcript.wrapped.connect(self._say)
        self.transcript.next_episode_requested.connect(lambda: self.step_episode(1))

        self.notes = NotesController(
            paths.data, self.side.notes, self.side.highlights, self.transcript.view, self
        )
        self.notes.notice.connect(self._tell)
        self.notes.saved.connect(self._index_notes)
        app = QApplication.instance()
        if isinstance(app, QApplication):  # quitting (or logging out) without closing us
            app.aboutToQuit.connect(self.notes.save)
        view = self.transcript.view
        self.player = PlayerController(self.transcript, self._say, self.open_episode, self)
        offer_play_in_results(
            self.library_pane.list, self.library_pane.model, self.player.play_hit_of
        )
        self.place = ReadingPlace(paths.data, view, self.side, audio=self.player)
        self.quotes = QuoteActions(settings, view, self.notes, self.side, self)
        self.passages = PassageOpener(self)  # links in the notes preview
        view.highlight_requested.connect(self.notes.add_highlight)
        view.copy_quote_requested.connect(self.quotes.copy)
        view.quote_to_notes_requested.connect(self.quotes.add_to_notes)
        view.quote_card_requested.connect(self.quotes.save_card)
        self.research = ResearchActions(self)  # Go › Topic Dossier…, Who Said This?
        self.highlight_edits = HighlightEdits(self, self.notes, view, self.side.highlights)
        self.annotations = AnnotationsController(
            self, paths, lambda: self.library, lambda path: self.open_episode(path, False),
            self.notes, self.library_pane.model, self.threads.searcher.loaded, self.quotes.template,
        )  # fmt: skip

        self.splitter = ReadingSplitter(self.transcript.view)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.library_pane)
        self.splitter.addWidget(self.transcript)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([340, 760, 260])
        self.splitter.setCollapsible(1, False)
        self.setCentralWidget(self.splitter)

        self.libraries = LibraryController(settings, paths, self.threads, self)
        self.libraries.opened.connect(self._library_opened)
        self.libraries.opened.connect(self.annotations.library_opened)
        self.libraries.synced.connect(lambda _report: self.annotations.collect())
        self.libraries.search_needed.connect(self._search)
        self.libraries.synced.connect(self._library_synced)
        # A method of this window, not a lambda: Qt then calls it on the GUI thread (a
        # lambda ran on the sync thread and touched widgets there, which aborts Qt at times).
        self.threads.syncer.progress.connect(self._sync_progress)
        # The status bar's library widgets, under the names tests and scripts know.
        self.progress = self.libraries.progress
        self.cancel_button = self.libraries.cancel_button
        self.problems_button = self.libraries.problems_button
        self.count_label = self.libraries.count_label
        self.speaker_names = SpeakerNames(self)
        self.libraries.opened.connect(self.speaker_names.watch)
        build_menus(self)

        self.resize(1360, 820)
        restore_state(self)

    def save_state(self) -> None:
        window_state.save_state(self, self._open_path)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.place.remember()
        self.player.shutdown()
        self.notes.save()
        self.save_state()
        self.annotations.stop()
        self.threads.stop()
        self.research.stop()
        super().closeEvent(event)

    # -- library ------------------------------------------------------------------------------
    @property
    def library(self) -> Path | None:
        return self.libraries.library

    @property
    def indexing(self) -> bool:
        return self.libraries.indexing

    def open_library(self, folder: Path) -> bool:
        """Show ``folder``'s episodes; on failure keep the current library and say why."""
        return self.libraries.open_library(folder)

    def reindex(self) -> None:
        self.libraries.reindex()

    def recent_libraries(self) -> list[str]:
        return self.libraries.recent_libraries()

    def _fill_recent(self) -> None:
        self.libraries.fill_recent(self.recent_menu)

    def _library_opened(self, folder: Path) -> None:
        """Empty panes for a newly opened library, until its index answers."""
        self.notes.set_library(folder)
        self._index_empty = True
        self._open_path = None
        self._restore_episode = remembered_episode(self.settings, folder)
        show_empty_library(self, folder)

    def _sync_progress(self, _done: int, _total: int, _current: str) -> None:
        self.library_pane.show_progress(self.libraries.live_progress())

    def _library_synced(self, report: SyncReport) -> None:
        self._search()
        if self._open_path in report.updated + report.removed + report.renamed:
            self.open_episode(self._open_path, go_to_first_hit=False)

    # -- searching ----------------------------------------------------------------------------
    def _query_changed(self, _query: str) -> None:
        self.library_pane.reset_limit()
        self._search()
        if self._open_path:
            self.open_episode(self._open_path)

    def _search(self) -> None:
        if self.library is None:
            return
        query = self.library_pane.query()
        limit = self.library_pane.limit
        filters = self.library_pane.filter_bar.filters()
        self._search_request = self.threads.search(self.library, query, self.sort, limit, filters)

    def _on_answer(self, answer: SearchAnswer) -> None:
        if answer.request != self._search_request:
            return  # an older search; a newer one is on its way
        self.answered_request = answer.request
        self.snippets.answered(self.library, answer)
        if answer.problem:
            self.statusBar().showMessage(answer.problem, 15000)
            self.libraries.reindex()  # the sync rebuilds a damaged index, then searches again
        if not answer.query.strip():  # a filter that lists nothing leaves the library as it is
            self._index_empty = (answer.total if answer.episodes is None else answer.episodes) == 0
        empty = self._index_empty and not self.indexing and not answer.query.strip()
        progress = self.libraries.live_progress()
        if progress is None and self.indexing and not answer.episodes:
            progress = (0, 0)  # a first index that has not counted its files yet
        self.library_pane.show_answer(answer, library_empty=empty, indexing=progress)
        if answer.problem:
            self.library_pane.count_label.setText("Rebuilding the search index…")
        if answer.episodes is not None:
            self.libraries.show_episode_count(answer.episodes)
        if self._restore_episode and self.library_pane.select_path(self._restore_episode):
            path, self._restore_episode = self._restore_episode, None
            self.open_episode(path)
        self.steps.answered()

    def set_sort(self, sort: str) -> None:
        self.sort = sort
        self.library_pane.reset_limit()
        for action in self.sort_group.actions():
            action.setChecked(action.data() == sort)
        self._search()

    # -- reading ------------------------------------------------------------------------------
    def open_episode(self, path: str, go_to_first_hit: bool = True) -> None:
        if self.library is None:
            return
        self.place.remember()
        self._open_path = path
        self._go_to_first_hit = go_to_first_hit
        query = self.library_pane.query()
        self._load_request = self.threads.load(self.library, path, query)

    def _on_loaded(self, loaded: LoadedEpisode) -> None:
        if loaded.request != self._load_request:
            return
        self.loaded_request = loaded.request
        show_loaded(self, loaded, self._go_to_first_hit)

    def next_hit(self) -> None:
        self.transcript.step_hit(1)

    def previous_hit(self) -> None:
        self.transcript.step_hit(-1)

    def step_episode(self, delta: int) -> None:
        """Open the next (previous) search result at its first hit."""
        self.steps.step(self._open_path, delta)

    def _say(self, message: str) -> None:
        self.statusBar().showMessage(message, 5000)

    def _next_hit_from_search_box(self) -> None:
        if self.transcript.view.hits:
            self.next_hit()
        elif self.library_pane.model.rowCount():
            first = self.library_pane.model.index(0)
            self.library_pane.list.setCurrentIndex(first)
            self.open_episode(first.data(PATH_ROLE))

    def _jump_to_offset(self, offset: int) -> None:
        view = self.transcript.view
        view.jump_to(view.position_of(offset))
        view.setFocus()

    # -- notes and quotes -------------------------------------------------------------------
    def _tell(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)
        tell(self, APP_NAME, message)

    def _index_notes(self, episode_id: str, text: str) -> None:
        if self.library is not None:
            self.threads.index_notes(self.library, episode_id, text)

    def current_quote(self) -> QuoteInfo | Dialogue | None:
        return self.quotes.current()

    def copy_quote(self) -> bool:
        return self.quotes.copy()

    def add_quote_to_notes(self) -> None:
        self.quotes.add_to_notes()

    def save_quote_card(self, preset: str = "square") -> None:
        self.quotes.save_card(preset)

    def show_preferences(self) -> None:
        library = self.library
        in_library = notes_in_library(self.paths.data, library) if library else None
        dialog = PreferencesDialog(self.quotes.template(), self, notes_in_library=in_library)
        if dialog.exec():
            self.settings.setValue(keys.QUOTE_TEMPLATE, dialog.value())
            wanted = dialog.notes_in_library.isChecked()
            if library is not None and in_library is not None and wanted != in_library:
                switch_notes_place(self, self.notes, library, wanted)

    def export_notes(self) -> None:
        if self.library is not None:
            self.notes.save()  # what was just typed goes out too
            export_library_notes(self, self.paths.data, self.library, self.paths.cache)

    def show_orphans(self) -> None:
        if self.library is not None:
            show_orphaned_notes(self, self.paths.data, self.library)

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
