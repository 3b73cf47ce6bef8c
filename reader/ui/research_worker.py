"""Dossiers and who-said answers off the GUI thread.

A dossier of a common word reads hundreds of episodes' texts and notes (a few hundred
milliseconds at a thousand episodes), so it runs on a thread of its own, with its own
``LibraryIndex`` (a Whoosh searcher serves one thread). Requests carry an id and only the
newest is answered: typing a new query never queues stale work.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from reader.notes import NotesStore
from reader.research.dossier import build_dossier
from reader.research.who_said import who_said
from reader.search.health import IndexDamaged
from reader.search.index import IndexNotReady, LibraryIndex

log = logging.getLogger(__name__)

NOT_READY = "The library is still being indexed; try again in a moment."


class ResearchWorker(QObject):
    dossier_ready = Signal(int, object, str)  # request, Dossier | None, problem
    passages_ready = Signal(int, object, str)  # request, list[Passage] | None, problem

    def __init__(self, cache_dir: Path, data_dir: Path) -> None:
        super().__init__()
        self.cache_dir = cache_dir
        self.data_dir = data_dir
        #: Set from the GUI thread: the newest request of each kind ("dossier", "who_said").
        self.latest = {"dossier": 0, "who_said": 0}
        self._ix: LibraryIndex | None = None
        self._notes: NotesStore | None = None

    def _index(self, library: Path) -> LibraryIndex:
        if self._ix is None or self._ix.library != library.resolve():
            self.close()
            # Only the sync thread creates indexes (see workers.SearchWorker).
            self._ix = LibraryIndex(library, self.cache_dir, create=False)
            self._notes = NotesStore(self.data_dir, library)
        else:
            self._ix.refresh()
        return self._ix

    def _problem(self, exc: Exception, what: str) -> str:
        if isinstance(exc, IndexNotReady):
            return NOT_READY
        self.close()  # reopened on the next request, after the sync thread has healed it
        if isinstance(exc, IndexDamaged):
            return f"The search index is damaged ({exc.problem}); it is being rebuilt."
        log.error("%s failed", what, exc_info=exc)
        return f"The {what} could not be made: {exc}"

    @Slot(int, object, str, str, int)
    def dossier(self, request: int, library: Path, query: str, by: str, episodes: int) -> None:
        """The dossier of ``query`` in its ``episodes`` best episodes (0: all of them)."""
        if request < self.latest["dossier"]:
            return
        try:
            ix = self._index(library)
            limit = episodes or None
            found, problem = build_dossier(ix, query, self._notes, by, limit), ""
        except Exception as exc:  # a broken index must not kill the thread
            found, problem = None, self._problem(exc, "dossier")
        if request >= self.latest["dossier"]:
            self.dossier_ready.emit(request, found, problem)

    @Slot(int, object, str)
    def who_said(self, request: int, library: Path, quote: str) -> None:
        if request < self.latest["who_said"]:
            return
        try:
            found, problem = who_said(self._index(library), quote), ""
        except Exception as exc:
            found, problem = None, self._problem(exc, "search for the quote")
        if request >= self.latest["who_said"]:
            self.passages_ready.emit(request, found, problem)

    @Slot()
    def close(self) -> None:
        if self._ix is not None:
            self._ix.close()
        self._ix = None


class ResearchThread(QObject):
    """The worker's thread, and requests to it by id."""

    request_dossier = Signal(int, object, str, str, int)
    request_who_said = Signal(int, object, str)
    request_close = Signal()

    def __init__(self, cache_dir: Path, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.qthread = QThread(self)
        self.qthread.setObjectName("research")
        self.worker = ResearchWorker(cache_dir, data_dir)
        self.worker.moveToThread(self.qthread)
        self.request_dossier.connect(self.worker.dossier)
        self.request_who_said.connect(self.worker.who_said)
        self.request_close.connect(self.worker.close)
        self.qthread.start()
        self._next = 0

    def _request(self, kind: str) -> int:
        self._next += 1
        self.worker.latest[kind] = self._next
        return self._next

    def dossier(self, library: Path, query: str, by: str, episodes: int) -> int:
        request = self._request("dossier")
        self.request_dossier.emit(request, library, query, by, episodes)
        return request

    def who_said(self, library: Path, quote: str) -> int:
        request = self._request("who_said")
        self.request_who_said.emit(request, library, quote)
        return request

    def stop(self) -> None:
        self.request_close.emit()
        self.qthread.quit()
        self.qthread.wait()
