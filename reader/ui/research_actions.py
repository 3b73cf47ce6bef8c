"""Go › Topic Dossier… and Go › Who Said This?: their windows, their worker thread, and
opening the episode at the passage they point to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from reader.research.dossier import Dossier
from reader.research.who_said import Passage
from reader.ui.dossier_view import DossierView
from reader.ui.research_worker import ResearchThread
from reader.ui.rows import LoadedEpisode
from reader.ui.who_said_dialog import WhoSaidDialog

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


class ResearchActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.jobs = ResearchThread(window.paths.cache, window.paths.data, self)
        self.jobs.worker.dossier_ready.connect(self._dossier_ready)
        self.jobs.worker.passages_ready.connect(self._passages_ready)
        self._requests = {"dossier": 0, "who_said": 0}
        self._dossier: DossierView | None = None
        self._who_said: WhoSaidDialog | None = None
        #: The passage to select once its episode has loaded: (path, start, end).
        self._pending: tuple[str, int, int] | None = None
        window.threads.searcher.loaded.connect(self._loaded)  # after the window's own slot

    # -- the windows ------------------------------------------------------------------------
    @property
    def dossier_view(self) -> DossierView:
        if self._dossier is None:
            self._dossier = DossierView(self.window.quotes.template, self.window)
            self._dossier.wanted.connect(self._ask_dossier)
            self._dossier.open_requested.connect(self.open_at)
        return self._dossier

    @property
    def who_said_dialog(self) -> WhoSaidDialog:
        if self._who_said is None:
            self._who_said = WhoSaidDialog(self.window.quotes.template, self.window)
            self._who_said.wanted.connect(self._ask_who_said)
            self._who_said.open_requested.connect(self.open_at)
        return self._who_said

    def show_dossier(self) -> None:
        """The dossier of what the search box holds (or an empty one asking for a topic)."""
        self.dossier_view.start(self.window.library_pane.query())

    def show_who_said(self) -> None:
        """The who-said dialog, with the reader's selection in it if there is one."""
        view = self.window.transcript.view
        self.who_said_dialog.start(view.textCursor().selectedText().replace("\u2029", "\n"))

    # -- asking -----------------------------------------------------------------------------
    def _ask_dossier(self, query: str, by: str, episodes: int) -> None:
        library = self.window.library
        if library is None:
            self.dossier_view.show_dossier(None, "Open a library first.")
            return
        self.window.notes.save()  # the highlights and notes just made count too
        self._requests["dossier"] = self.jobs.dossier(library, query, by, episodes)

    def _ask_who_said(self, quote: str) -> None:
        library = self.window.library
        if library is None:
            self.who_said_dialog.show_passages(None, "Open a library first.")
            return
        self._requests["who_said"] = self.jobs.who_said(library, quote)

    def _dossier_ready(self, request: int, dossier: Dossier | None, problem: str) -> None:
        if request == self._requests["dossier"] and self._dossier is not None:
            self._dossier.show_dossier(dossier, problem)

    def _passages_ready(self, request: int, passages: list[Passage] | None, problem: str) -> None:
        if request == self._requests["who_said"] and self._who_said is not None:
            self._who_said.show_passages(passages, problem)

    # -- opening ----------------------------------------------------------------------------
    def open_at(self, path: str, start: int, end: int) -> None:
        """Open the episode with ``[start, end)`` of its transcript text selected."""
        self._pending = (path, start, end)
        self.window.open_episode(path, go_to_first_hit=False)
        self.window.raise_()
        self.window.activateWindow()

    def _loaded(self, loaded: LoadedEpisode) -> None:
        pending, view = self._pending, self.window.transcript.view
        if pending is None or loaded.path != pending[0] or view.episode is None:
            return
        if loaded.request != self.window.loaded_request or view.episode.id != pending[0]:
            return
        self._pending = None
        _path, start, end = pending
        if end <= len(view.episode.text):  # the file may have changed since the answer
            view.jump_to(view.position_of(start), view.position_of(end))
        view.setFocus()

    def stop(self) -> None:
        self.jobs.stop()
