"""Index work off the GUI thread: syncing a library, searching it, loading an episode.

Two threads, each with its own ``LibraryIndex`` (Whoosh searchers are one per thread): the
sync thread imports changed files and commits, the search thread answers searches and loads
episodes. Requests carry an id; a search whose id is older than the newest request is dropped
unanswered, so typing fast never queues up stale work. Widgets are only touched by the GUI
thread, through queued signals.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from reader.importers import import_file
from reader.library.moved_index import open_following_moves
from reader.library.repair import sync_or_rebuild
from reader.library.speakers import as_known
from reader.library.sync_run import Progress, SyncReport
from reader.model import ImportFailure
from reader.notes import IndexedNotes
from reader.search.failed_commit import write_problem
from reader.search.filters import Filters
from reader.search.health import IndexDamaged
from reader.search.index import LibraryIndex
from reader.search.lock import IndexBusy
from reader.ui.rows import EpisodeRow, LoadedEpisode, SearchAnswer
from reader.util.pathnames import library_file

log = logging.getLogger(__name__)

#: Results listed for a search at first ("Show more" asks for more); the total is always exact.
SEARCH_LIMIT = 200
#: Hits whose snippets a search makes at once: more than a window as tall as a 4K screen
#: shows (a searching row is six lines, over 110 px); the other rows ask for theirs when
#: they come into view (``EpisodeListModel.snippets_wanted``).
FIRST_SNIPPETS = 20
#: Snippets made per hit: a row shows one (``EpisodeRow.snippet``), the densest passage.
ROW_SNIPPETS = 1


class SearchWorker(QObject):
    answered = Signal(object)  # SearchAnswer
    loaded = Signal(object)  # LoadedEpisode
    snippets_made = Signal(int, object)  # search request, {path: SearchHit | None}

    def __init__(self, cache_dir: Path) -> None:
        super().__init__()
        self.cache_dir = cache_dir
        self.latest = 0  # set from the GUI thread: newest search request id
        self._ix: LibraryIndex | None = None

    def _index(self, library: Path) -> LibraryIndex:
        if self._ix is None or self._ix.library != library:
            if self._ix is not None:
                self._ix.close()
            # Only the sync thread creates or rebuilds indexes; two threads doing it at once
            # would delete each other's files. Until it has, searches find nothing.
            self._ix = LibraryIndex(library, self.cache_dir, create=False)
        else:
            self._ix.refresh()
        return self._ix

    @Slot(int, object, str, str, int, object)
    def search(
        self,
        request: int,
        library: Path,
        query: str,
        sort: str,
        limit: int = SEARCH_LIMIT,
        filters: Filters | None = None,
    ) -> None:
        """Answer with the first ``limit`` rows of the search (or of the whole list), among
        the episodes ``filters`` let through."""
        if request < self.latest:
            return  # a newer search is queued behind this one
        try:
            ix = self._index(library)
            if query.strip():
                results = ix.search(
                    query, limit=limit, sort=sort, snippets_for=FIRST_SNIPPETS, filters=filters,
                    snippets_per_hit=ROW_SNIPPETS,
                )  # fmt: skip
                rows = [EpisodeRow.from_hit(hit) for hit in results.hits]
                answer = SearchAnswer(
                    request, query, results.total, results.suggestion, rows,
                    episodes=ix.doc_count(), facets=results.facets,
                )  # fmt: skip
            else:
                episodes = ix.episodes(sort, filters)
                rows = [
                    EpisodeRow(e.path, e.title, e.number, e.show, e.date, audio=e.audio)
                    for e in episodes[:limit]
                ]
                answer = SearchAnswer(
                    request, query, len(episodes), None, rows, episodes=ix.doc_count(),
                    facets=ix.facet_counts(filters),
                )  # fmt: skip
        except IndexDamaged as exc:
            self.close()  # reopened once the sync thread has rebuilt it
            problem = f"The search index is damaged ({exc.problem}); rebuilding it…"
            answer = SearchAnswer(request, query, 0, None, [], problem)
        except Exception:  # a broken index must not kill the thread; say nothing was found
            log.exception("search %r failed", query)
            answer = SearchAnswer(request, query, 0, None, [])
        if request >= self.latest:
            self.answered.emit(answer)

    @Slot(int, object, str, object)
    def snippets(self, request: int, library: Path, query: str, paths: list[str]) -> None:
        """The pending rows' snippets, counts and fields, of the answer to search
        ``request`` for ``paths``."""
        if request < self.latest:
            return  # that answer is being replaced
        try:
            made = self._index(library).details_of(query, paths, ROW_SNIPPETS)
        except Exception:  # a damaged index: the next search says so
            log.exception("snippets of %r failed", query)
            made = {}
        self.snippets_made.emit(request, {path: made.get(path) for path in paths})

    @Slot(int, object, str, str)
    def load(self, request: int, library: Path, path: str, query: str) -> None:
        result = import_file(library_file(library, path), library)
        if isinstance(result, ImportFailure):
            self.loaded.emit(LoadedEpisode(request, path, query, None, [], result.problem))
            return
        spans: list[tuple[int, int]] = []
        try:  # the show and speaker names the library shows it under
            as_known(result, self._index(library).stored(path))
        except Exception:
            log.exception("the library's names for %s failed", path)
        if query.strip():
            try:
                ix = self._index(library)
                # Spans are offsets into the indexed text: only valid if the file is unchanged.
                if ix.text_of(path) == result.text:
                    spans = ix.spans(path, query)
            except Exception:
                log.exception("hit spans for %s failed", path)
        self.loaded.emit(LoadedEpisode(request, path, query, result, spans))

    @Slot()
    def close(self) -> None:
        if self._ix is not None:
            self._ix.close()
            self._ix = None


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


class SyncWorker(QObject):
    opened = Signal(object, object)  # library Path, notice str | None
    progress = Signal(int, int, str)
    finished = Signal(object, object)  # library Path, SyncReport | None
    committed = Signal(object, int)  # library Path, files done so far: list them now
    failed = Signal(object, str)  # library Path, message
    notes_indexed = Signal(object, str)  # library Path, episode id

    def __init__(self, cache_dir: Path, data_dir: Path | None = None) -> None:
        super().__init__()
        self.cache_dir = cache_dir
        self.data_dir = data_dir  # notes live here; None indexes no notes
        self.cancel = threading.Event()
        #: Called on the sync thread after each commit has been announced; tests use it to
        #: hold a first index between rounds and look at the window meanwhile.
        self.after_commit: Callable[[], None] | None = None

    def _open(self, library: Path) -> LibraryIndex:
        ix = open_following_moves(library, self.cache_dir)  # a moved library keeps its index
        if self.data_dir is not None:
            ix.notes_source = IndexedNotes(self.data_dir, library)
        return ix

    @Slot(object)
    def sync(self, library: Path) -> None:
        self.cancel.clear()
        try:
            ix = self._open(library)
        except Exception as exc:
            log.exception("cannot open the index of %s", library)
            self.failed.emit(library, f"Cannot open the search index: {exc}")
            return
        self.opened.emit(library, ix.notice)
        report: SyncReport | None = None
        try:
            ix, report = sync_or_rebuild(
                ix,
                lambda: self._reopen(library),
                progress=lambda p: self._progress(p),
                should_stop=self.cancel.is_set,
                committed=lambda done: self._committed(library, done),
            )
        except IndexBusy as exc:
            self.failed.emit(library, str(exc))
        except OSError as exc:  # a full disk: the failed commit was undone, searches go on
            log.warning("indexing %s failed: %s", library, exc)
            self.failed.emit(library, _sentence(write_problem(exc, ix.folder)))
        except Exception as exc:
            log.exception("indexing %s failed", library)
            self.failed.emit(library, f"Indexing stopped: {exc}")
        self.finished.emit(library, report)
        try:  # after the changes are searchable: merge what one-file updates left behind
            if report is not None and not report.cancelled and not self.cancel.is_set():
                ix.tidy()
        except IndexBusy:
            log.info("not tidying %s's index: another process is writing it", library)
        except OSError as exc:
            log.warning("could not tidy the index of %s: %s", library, exc)
        except Exception:
            log.exception("tidying the index of %s failed", library)
        finally:
            ix.close()

    def _reopen(self, library: Path) -> LibraryIndex:
        """The index again after the sync found it damaged: opening it rebuilds it."""
        ix = self._open(library)
        self.opened.emit(library, ix.notice)
        return ix

    def _committed(self, library: Path, done: int) -> None:
        self.committed.emit(library, done)
        if self.after_commit is not None:
            self.after_commit()

    def _progress(self, progress: Progress) -> None:
        self.progress.emit(progress.done, progress.total, progress.current)

    @Slot(object, str, str)
    def update_notes(self, library: Path, episode_id: str, text: str) -> None:
        """Index a saved note so searches find it (``notes:`` and plain searches)."""
        try:
            ix = LibraryIndex(library, self.cache_dir)
        except Exception:
            log.exception("cannot open the index of %s to add notes", library)
            return
        try:
            ix.update_notes(episode_id, text)
        except Exception:  # busy or broken index: the next full sync indexes the note anyway
            log.exception("could not index the notes of %s", episode_id)
        finally:
            ix.close()
        self.notes_indexed.emit(library, episode_id)


class IndexThreads(QObject):
    """Starts the two worker threads and stops them cleanly when the window closes."""

    request_search = Signal(int, object, str, str, int, object)
    request_load = Signal(int, object, str, str)
    request_snippets = Signal(int, object, str, object)
    request_sync = Signal(object)
    request_notes = Signal(object, str, str)
    request_close = Signal()

    def __init__(
        self, cache_dir: Path, parent: QObject | None = None, data_dir: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.search_thread = QThread(self)
        self.search_thread.setObjectName("search")
        self.sync_thread = QThread(self)
        self.sync_thread.setObjectName("sync")
        self.searcher = SearchWorker(cache_dir)
        self.syncer = SyncWorker(cache_dir, data_dir)
        self.searcher.moveToThread(self.search_thread)
        self.syncer.moveToThread(self.sync_thread)
        self.request_search.connect(self.searcher.search)
        self.request_load.connect(self.searcher.load)
        self.request_snippets.connect(self.searcher.snippets)
        self.request_close.connect(self.searcher.close)
        self.request_sync.connect(self.syncer.sync)
        self.request_notes.connect(self.syncer.update_notes)
        self.search_thread.start()
        self.sync_thread.start()
        self._next = 0

    def next_id(self) -> int:
        self._next += 1
        return self._next

    def search(
        self,
        library: Path,
        query: str,
        sort: str,
        limit: int = SEARCH_LIMIT,
        filters: Filters | None = None,
    ) -> int:
        request = self.next_id()
        self.searcher.latest = request
        self.request_search.emit(request, library, query, sort, limit, filters)
        return request

    def snippets(self, request: int, library: Path, query: str, paths: list[str]) -> None:
        self.request_snippets.emit(request, library, query, paths)

    def load(self, library: Path, path: str, query: str) -> int:
        request = self.next_id()
        self.request_load.emit(request, library, path, query)
        return request

    def sync(self, library: Path) -> None:
        self.request_sync.emit(library)

    def index_notes(self, library: Path, episode_id: str, text: str) -> None:
        self.request_notes.emit(library, episode_id, text)

    def stop(self) -> None:
        """Cancel indexing, let both threads finish their current job, and wait for them."""
        self.syncer.cancel.set()
        self.request_close.emit()
        for thread in (self.search_thread, self.sync_thread):
            thread.quit()
            thread.wait()
