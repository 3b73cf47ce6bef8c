"""The annotations browser's work off the GUI thread: collecting a library's marks (the notes
files and the index's stored fields) and answering its search box through the index. One
thread with its own ``LibraryIndex`` (Whoosh searchers are one per thread); answers reach the
window through queued signals, and a search older than the newest request is dropped."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from reader.annotations import LibraryMarks, Mark, collect_marks
from reader.annotations.quoting import attribute_old_highlights
from reader.annotations.search import matching_marks
from reader.notes import NotesStore
from reader.search.index import IndexNotReady, LibraryIndex

log = logging.getLogger(__name__)


class MarksWorker(QObject):
    collected = Signal(int, object)  # request, LibraryMarks
    found = Signal(int, object)  # request, frozenset of (episode id, key)

    def __init__(self, cache_dir: Path, data_dir: Path) -> None:
        super().__init__()
        self.cache_dir = cache_dir
        self.data_dir = data_dir
        self.latest_search = 0  # set from the GUI thread
        self._ix: LibraryIndex | None = None
        self._stems: dict[str, set[str]] = {}

    def _index(self, library: Path) -> LibraryIndex:
        if self._ix is None or self._ix.library != library:
            self.close()
            self._ix = LibraryIndex(library, self.cache_dir, create=False)
        else:
            self._ix.refresh()
        return self._ix

    @Slot(int, object)
    def collect(self, request: int, library: Path) -> None:
        try:
            documents = self._index(library).stored_documents()
        except IndexNotReady:  # the first sync has not made it yet: collected again after it
            documents = []
        except Exception:  # no index yet, or a damaged one: the highlights still list
            log.exception("cannot read the index of %s for its pull quotes", library)
            documents = []
        try:
            notes = NotesStore(self.data_dir, library).all_notes()
        except OSError as exc:
            log.warning("cannot read the notes of %s: %s", library, exc)
            notes = []
        found = collect_marks(documents, notes)
        found.marks = attribute_old_highlights(found.marks, library)
        self.collected.emit(request, found.prepare())

    @Slot(int, object, str, object)
    def search(self, request: int, library: Path, query: str, marks: list[Mark]) -> None:
        if request < self.latest_search:
            return
        try:
            found = matching_marks(self._index(library), query, marks, self._stems)
        except Exception:
            log.exception("searching the marks for %r failed", query)
            found = frozenset()
        if request >= self.latest_search:
            self.found.emit(request, found)

    @Slot()
    def close(self) -> None:
        if self._ix is not None:
            self._ix.close()
            self._ix = None


class MarksThread(QObject):
    """Starts the worker's thread, numbers requests, and stops it when the window closes."""

    request_collect = Signal(int, object)
    request_search = Signal(int, object, str, object)
    request_close = Signal()

    def __init__(self, cache_dir: Path, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker_thread = QThread(self)
        self.worker_thread.setObjectName("annotations")
        self.worker = MarksWorker(cache_dir, data_dir)
        self.worker.moveToThread(self.worker_thread)
        self.request_collect.connect(self.worker.collect)
        self.request_search.connect(self.worker.search)
        self.request_close.connect(self.worker.close)
        self.worker_thread.start()
        self._next = 0

    def collect(self, library: Path) -> int:
        self._next += 1
        self.request_collect.emit(self._next, library)
        return self._next

    def search(self, library: Path, query: str, marks: list[Mark]) -> int:
        self._next += 1
        self.worker.latest_search = self._next
        self.request_search.emit(self._next, library, query, marks)
        return self._next

    def stop(self) -> None:
        self.request_close.emit()
        self.worker_thread.quit()
        self.worker_thread.wait()


__all__ = ["LibraryMarks", "MarksThread", "MarksWorker"]
