"""What the annotations browser does, and the marks beside the episode list: collecting the
library's marks off the GUI thread, the search box through the index, opening the episode at
a mark's passage in the main window, Copy Quote, Save Quote as Image and Markdown export."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, SignalInstance
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from reader.annotations import HIGHLIGHT, LibraryMarks, Mark
from reader.annotations.export import export_marks
from reader.annotations.quoting import load_episode, passage_of, quote_of
from reader.model import Episode
from reader.paths import AppPaths
from reader.ui.annotations_view import AnnotationsWindow
from reader.ui.annotations_worker import MarksThread
from reader.ui.episode_model import EpisodeListModel
from reader.ui.library_notes import ask_per_episode
from reader.ui.notes_controller import NotesController
from reader.ui.quote_actions import put_on_clipboard, quote_flavours, save_card_as
from reader.ui.rows import LoadedEpisode
from reader.ui.safe_text import for_title, tell
from reader.util.plural import counted

log = logging.getLogger(__name__)

#: After a note is saved, the open browser collects the marks again this much later.
RECOLLECT_MS = 400


class AnnotationsController(QObject):
    def __init__(
        self,
        window: QMainWindow,
        paths: AppPaths,
        library: Callable[[], Path | None],
        open_episode: Callable[[str], None],
        notes: NotesController,
        episodes: EpisodeListModel,
        loaded: SignalInstance,
        template: Callable[[], str],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.library = library
        self.open_episode = open_episode
        self.notes = notes
        self.episodes = episodes
        self.template = template
        self.marks = LibraryMarks()
        self.browser: AnnotationsWindow | None = None
        self.pending: Mark | None = None  # opened from the browser, to jump to once loaded
        self._to_front = True
        self._collect_request = 0
        self._search_request = 0
        self.marks_thread = MarksThread(paths.cache, paths.data, self)
        self.marks_thread.worker.collected.connect(self._collected)
        self.marks_thread.worker.found.connect(self._found)
        self._recollect = QTimer(self, singleShot=True, interval=RECOLLECT_MS)
        self._recollect.timeout.connect(self.collect)
        notes.saved.connect(self._note_saved)
        loaded.connect(self._loaded)

    # -- collecting ---------------------------------------------------------------------------
    def collect(self) -> None:
        library = self.library()
        if library is not None:
            self._collect_request = self.marks_thread.collect(library)

    def library_opened(self, _folder: Path) -> None:
        self.marks = LibraryMarks()
        self.episodes.set_noted(set())
        if self.browser is not None:
            self.browser.set_marks(self.marks)
            self._retitle()
        self.collect()

    def _collected(self, request: int, marks: LibraryMarks) -> None:
        if request != self._collect_request:
            return
        self.marks = marks
        self.episodes.set_noted(marks.noted)
        if self.browser is None:  # made while the window is idle: opening it is then quick
            QTimer.singleShot(0, lambda: self._prebuild())
        else:
            self.browser.set_marks(marks)
            if self.browser.search_box.text().strip():
                self._search(self.browser.search_box.text().strip())

    def _note_saved(self, episode_id: str, text: str) -> None:
        noted = set(self.marks.noted)
        if text.strip():
            noted.add(episode_id)
        else:
            noted.discard(episode_id)
        self.marks.noted = noted
        self.episodes.set_noted(noted)
        if self.browser is not None and self.browser.isVisible():
            self._recollect.start()

    # -- the browser ----------------------------------------------------------------------------
    def _prebuild(self) -> None:
        """Make the hidden browser, fill it, and style and lay out its widgets now, so the
        menu command only shows it."""
        if self.browser is None:
            browser = self._make_browser()
            browser.set_marks(self.marks)
            for widget in [browser, *browser.findChildren(QWidget)]:
                widget.ensurePolished()
            layout = browser.layout()
            if layout is not None:
                layout.activate()

    def _make_browser(self) -> AnnotationsWindow:
        if self.browser is None:
            browser = AnnotationsWindow(self.window)
            browser.open_requested.connect(self.open_mark)
            browser.copy_requested.connect(self.copy)
            browser.card_requested.connect(self.save_card)
            browser.export_requested.connect(self.export)
            browser.search_requested.connect(self._search)
            self.browser = browser
        return self.browser

    def show_browser(self) -> AnnotationsWindow:
        self._make_browser()
        assert self.browser is not None
        self.notes.save()  # what was just typed is listed too
        self.browser.set_marks(self.marks)
        self._retitle()
        self.browser.show()
        self.browser.raise_()
        self.browser.activateWindow()
        self.collect()
        return self.browser

    def _retitle(self) -> None:
        library = self.library()
        if self.browser is not None:
            name = f" — {library.name}" if library is not None else ""
            self.browser.setWindowTitle(for_title(f"Annotations{name}"))

    def _search(self, query: str) -> None:
        library = self.library()
        if library is not None:
            self._search_request = self.marks_thread.search(library, query, self.marks.marks)

    def _found(self, request: int, found: frozenset[tuple[str, str]]) -> None:
        if request == self._search_request and self.browser is not None:
            self.browser.set_found(found)

    # -- acting on marks ------------------------------------------------------------------------
    def open_mark(self, mark: Mark, to_front: bool = True) -> None:
        """Open the mark's episode in the main window at its passage (and go there)."""
        self.pending, self._to_front = mark, to_front
        self.open_episode(mark.episode_id)

    def _loaded(self, loaded: LoadedEpisode) -> None:
        mark = self.pending
        if mark is None or loaded.path != mark.episode_id:
            return
        if getattr(self.window, "loaded_request", loaded.request) != loaded.request:
            return  # the window dropped this load for a newer one
        self.pending = None
        if loaded.episode is None:
            return
        view = self.notes.view
        if mark.kind == HIGHLIGHT and self.notes.highlight(mark.key) is not None:
            self.notes.jump_to(mark.key)
        else:
            span = passage_of(mark, loaded.episode) if mark.kind == HIGHLIGHT else None
            if mark.kind != HIGHLIGHT and mark.start is not None and mark.end is not None:
                span = (mark.start, mark.end)
            if span is not None:
                view.jump_to(view.position_of(span[0]), view.position_of(span[1]))
        if self._to_front:
            self.window.raise_()
            self.window.activateWindow()
            view.setFocus()

    def _episodes(self, marks: list[Mark]) -> dict[str, Episode | None]:
        library = self.library()
        ids = dict.fromkeys(m.episode_id for m in marks)
        return {i: load_episode(library, i) if library else None for i in ids}

    def _say(self, message: str) -> None:
        if self.browser is not None:
            self.browser.say(message)

    def copy(self, marks: list[Mark]) -> None:
        episodes = self._episodes(marks)
        template = self.template()
        put_on_clipboard(
            [quote_flavours(quote_of(m, episodes[m.episode_id]), template) for m in marks]
        )
        self._say(f"Copied {counted(len(marks), 'quote')} with their attribution.")

    def save_card(self, mark: Mark) -> None:
        if self.browser is None:
            return
        info = quote_of(mark, self._episodes([mark])[mark.episode_id])
        path = save_card_as(self.browser, info, "square", self.template())
        if path is not None:
            self._say(f"Quote card saved to {path}")

    def export(self, marks: list[Mark]) -> None:
        browser = self.browser
        if browser is None:
            return
        folder = QFileDialog.getExistingDirectory(
            browser, "Export Annotations To", str(Path.home())
        )
        if not folder:
            return
        per_episode = ask_per_episode(browser, "Export Annotations")
        if per_episode is None:
            return
        try:
            written = export_marks(marks, Path(folder), per_episode=per_episode)
        except OSError as exc:
            tell(browser, "Export failed", f"{folder}: {exc}", QMessageBox.Icon.Warning)
            return
        self._say(
            f"Exported {counted(len(marks), 'mark')} to {counted(len(written), 'file')} in {folder}"
        )

    def stop(self) -> None:
        self.marks_thread.stop()
