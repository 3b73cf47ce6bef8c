"""The main window: library list and search on the left, transcript in the middle, outline
on the right. Index work runs on worker threads (``reader.ui.workers``); this class only
reacts to their answers on the GUI thread.

It wires the panes to the controllers that do the work: ``LibraryController`` (the open
library, its folder watch and syncs), ``NotesController`` (the open episode's notes and
highlights) and ``QuoteActions`` (copy, add to notes, quote cards); the menus come from the
table in ``reader.ui.actions``."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QActionGroup, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMenu,
    QMessageBox,
)

from reader import APP_NAME, __version__
from reader.library.speakers import names_of
from reader.library.sync_run import SyncReport
from reader.paths import AppPaths
from reader.quotes import QuoteInfo
from reader.quotes.dialogue import Dialogue
from reader.search.results import SORTS
from reader.ui import filter_bar
from reader.ui import settings as keys
from reader.ui.actions import THEME_LABELS, build_menu_bar
from reader.ui.annotations_controller import AnnotationsController
from reader.ui.dialogs import ShortcutsDialog
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
from reader.ui.safe_text import for_title, tell
from reader.ui.side_panel import SidePanel
from reader.ui.speakers_dialog import SpeakerNames
from reader.ui.theme import THEMES, apply_theme
from reader.ui.transcript_pane import TranscriptPane
from reader.ui.workers import IndexThreads
from reader.util.pathnames import for_display

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
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
        self.threads.syncer.progress.connect(
            lambda *_: self.library_pane.show_progress(self.libraries.live_progress())
        )
        # The status bar's library widgets, under the names tests and scripts know.
        self.progress = self.libraries.progress
        self.cancel_button = self.libraries.cancel_button
        self.problems_button = self.libraries.problems_button
        self.count_label = self.libraries.count_label
        self.speaker_names = SpeakerNames(self)
        self.libraries.opened.connect(self.speaker_names.watch)
        self._build_menus()

        self.resize(1360, 820)
        self._restore_state()

    # -- construction -------------------------------------------------------------------------
    def _build_menus(self) -> None:
        slots: dict[str, Callable[..., object]] = {
            "open_library": self.libraries.choose_library,
            "reindex": self.reindex,
            "problems": self.libraries.show_problems,
            "export_notes": self.export_notes,
            "orphans": self.show_orphans,
            "speakers": self.speaker_names.show_dialog,
            "quit": self.close,
            "highlight": lambda: self.notes.add_highlight("yellow"),
            "undo_delete_highlight": self.highlight_edits.undo,
            "copy_quote": self.quotes.copy,
            "quote_to_notes": self.quotes.add_to_notes,
            "quote_card_square": lambda: self.quotes.save_card("square"),
            "quote_card_landscape": lambda: self.quotes.save_card("landscape"),
            "save_notes": self.notes.save,
            "preferences": self.show_preferences,
            "search": self.library_pane.focus_search,
            "dossier": self.research.show_dossier,
            "who_said": self.research.show_who_said,
            "find": self.transcript.find_bar.open_bar,
            "next_hit": self.next_hit,
            "previous_hit": self.previous_hit,
            "next_episode": lambda: self.step_episode(1),
            "previous_episode": lambda: self.step_episode(-1),
            "zoom_in": lambda: self.set_zoom(self.transcript.view.zoom + 1),
            "zoom_out": lambda: self.set_zoom(self.transcript.view.zoom - 1),
            "actual_size": lambda: self.set_zoom(0),
            "side_panel": self.toggle_side_panel,
            "annotations": self.annotations.show_browser,
            "shortcuts": self.show_shortcuts,
            "about": self._about,
            **self.player.slots(),
        }
        self.menu_actions, submenus = build_menu_bar(self.menuBar(), self, slots)
        self.player.set_actions(self.menu_actions)
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
        zoom = self.settings.value(keys.ZOOM, 0)  # an int, or its text from the INI file
        self.transcript.view.set_zoom(int(zoom) if isinstance(zoom, int | str) else 0)
        query = str(self.settings.value(keys.QUERY, ""))
        self.library_pane.search_box.blockSignals(True)
        self.library_pane.search_box.setText(query)
        self.library_pane.search_box.blockSignals(False)
        self.library_pane.filter_bar.set_filters(filter_bar.remembered(self.settings))

    def save_state(self) -> None:
        s = self.settings
        s.setValue(keys.GEOMETRY, self.saveGeometry())
        s.setValue(keys.SPLITTER, self.splitter.saveState())
        s.setValue(keys.SORT, self.sort)
        s.setValue(keys.THEME, self.theme)
        s.setValue(keys.ZOOM, self.transcript.view.zoom)
        s.setValue(keys.QUERY, self.library_pane.query())
        filter_bar.remember(s, self.library_pane.filter_bar.filters())
        if self.library is not None and self._open_path:
            s.setValue(keys.LAST_EPISODE, f"{self.library}\n{self._open_path}")
        s.sync()

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
        self._restore_episode = self._remembered_episode(folder)
        self.transcript.show_episode(None, "Choose an episode on the left to read it.")
        self.side.show_episode(None)
        self.library_pane.model.set_rows([], False)
        self.library_pane.reset_limit()
        self.library_pane.show_empty_library(
            f"No transcripts in {folder} yet.\n\nAdd .txt, .md, .html, .srt, .vtt or .json "
            "transcripts to this folder (they appear here by themselves) or choose another "
            "folder with File › Open Library…"
        )
        self.setWindowTitle(for_title(f"{folder.name} — {APP_NAME}"))

    def _remembered_episode(self, folder: Path) -> str | None:
        value = str(self.settings.value(keys.LAST_EPISODE, ""))
        library, _sep, path = value.partition("\n")
        return path if library == str(folder) and path else None

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
            and names_of(self.transcript.view.episode) == names_of(episode)
        )
        if not same:
            self.transcript.show_episode(episode)
            self.side.show_episode(episode)
        self.notes.show(episode)
        if self._go_to_first_hit or not same:
            self.transcript.set_search_hits(loaded.spans)
        if not same and self.library is not None:  # a search's first hit wins over the place
            self.place.shown(self.library, episode.id, restore=not loaded.spans)
        self.setWindowTitle(for_title(f"{episode.title} — {APP_NAME}"))
        self.transcript.show_next_episode_button(
            bool(loaded.query.strip()) and self.library_pane.model.rowCount() > 1
        )

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
            export_library_notes(self, self.paths.data, self.library)

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
