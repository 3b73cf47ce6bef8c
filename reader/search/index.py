"""The library's full-text index: the one object the rest of the app searches through.

One index per library folder lives in the cache folder; it is a rebuildable cache, so a
missing, corrupt or outdated index is simply rebuilt. Transcript text is indexed with
character positions but not stored: the text itself is kept beside the index in a small text
cache, and hit spans come straight from the postings (no re-tokenising).

Spans and snippet offsets are character offsets into ``Episode.text``, the same string the
reader displays, so search results and the reader always agree. The engine's parts live
beside this module: ``schema``, ``analysis``, ``query``, ``spans``, ``snippets``, ``suggest``,
``vocabulary``, ``text_cache``, ``commit`` and ``bulk`` (its commits in
``index_writing``); Whoosh's internals in ``whoosh_ext``.
"""

from __future__ import annotations

import logging
import time
from contextlib import suppress
from pathlib import Path

from whoosh import index, query
from whoosh.searching import Searcher

from reader.search import lifecycle
from reader.search import lock as index_lock
from reader.search.analysis import words_of
from reader.search.facets import FacetTable
from reader.search.field_hits import FieldHits
from reader.search.file_manifest import FileManifests
from reader.search.file_states import file_state
from reader.search.filters import FacetCounts, Filters
from reader.search.health import engine_read, texts_to_refill
from reader.search.hit_making import SNIPPETS_PER_HIT, HitMaker
from reader.search.index_writing import WRITER_TIMEOUT, IndexWriting
from reader.search.lock import IndexBusy
from reader.search.query import make_parser, match_groups, parse
from reader.search.results import (
    UNKNOWN_STATE,
    FileState,
    IndexedEpisode,
    SearchHit,
    SearchResults,
    check_sort,
    in_listing_order,
)
from reader.search.schema import SORT_COLUMNS, NotesSource, indexed_episode
from reader.search.spans import places, spans_of
from reader.search.suggest import suggest
from reader.search.text_cache import TextCache
from reader.search.vocabulary import Vocabulary, VocabularyError, WordLists
from reader.search.whoosh_ext.blocks.collect import block_search
from reader.search.whoosh_ext.blocks.postings import SegmentPostings
from reader.search.whoosh_ext.scoring import WEIGHTING
from reader.util.collector import collection_paused
from reader.util.folders import per_library_folder

log = logging.getLogger(__name__)

#: How often a process waiting to create the index looks whether another made it readable.
CREATE_POLL = 0.5


class IndexNotReady(Exception):
    """The index does not exist yet (or must be rebuilt) and this caller may not create it."""


#: Reading methods: an engine error marks the index damaged (see index_health).
_engine_read = engine_read(IndexBusy, IndexNotReady)


def index_folder(cache_dir: Path, library: Path) -> Path:
    """Where ``library``'s index lives: one folder per library, named so people can tell."""
    return per_library_folder(cache_dir / "index", library)


class LibraryIndex(IndexWriting):
    """Open (creating or rebuilding as needed) the index of one library folder."""

    def __init__(self, library: Path, cache_dir: Path, create: bool = True) -> None:
        self.library = library.resolve()
        self._may_create = create
        self.folder = index_folder(cache_dir, self.library)
        self.text_cache = TextCache(self.folder)
        self.texts = self.text_cache.folder
        self._word_lists = WordLists(self.folder)
        self.notice: str | None = None  # why the index was (re)built, for the user
        #: Gives the notes and highlights text to index with an episode (set by the notes layer).
        self.notes_source: NotesSource | None = None
        self._files: tuple[int, dict[str, FileState]] | None = None  # generation, files
        self._manifests = FileManifests(self.folder)
        self._facets: tuple[int, FacetTable] | None = None  # generation, its facets
        self._ix, self._searcher = self._open_or_rebuild()
        self._vocabulary: Vocabulary | None = None  # read when a query or a commit needs it
        self.parser = make_parser(self._ix.schema)

    # -- opening ----------------------------------------------------------------------------
    @property
    def vocabulary(self) -> Vocabulary:
        """The word list of the commit the searcher reads, read on first use: a search for
        words or a phrase never needs it (prefixes, typos and suggestions do)."""
        if self._vocabulary is None:
            self._vocabulary = self._open_vocabulary()
        return self._vocabulary

    @vocabulary.setter
    def vocabulary(self, vocabulary: Vocabulary) -> None:
        self._vocabulary = vocabulary

    def _open_vocabulary(self) -> Vocabulary:
        """The word list of the commit the searcher reads; remade from the text cache if it
        is missing or damaged (a crash between writing it and committing)."""
        generation = self._reader_generation()
        if generation < 0:  # nothing committed yet
            return Vocabulary(generation=generation)
        try:
            return self._word_lists.load(generation)
        except VocabularyError as exc:
            log.warning("Remaking the word list of %s: %s", self.folder, exc)
        # Saved only under the writer lock: then no writer is rewriting the text cache.
        lock = self._ix.lock("WRITELOCK")
        locked = lock.acquire(blocking=False)
        try:
            vocabulary = Vocabulary(generation=generation)
            for doc in self._searcher.all_stored_fields():
                vocabulary.add(words_of(self.text_of(doc["path"])))
            if locked and self._ix.latest_generation() == generation:
                with suppress(OSError):
                    vocabulary.save(self._word_lists.path(generation))
        finally:
            if locked:
                lock.release()
        return vocabulary

    def _reader_generation(self) -> int:
        generation = self._searcher.reader().generation()  # None or -1 when empty
        return -1 if generation is None else generation

    def generation(self) -> int:
        """The commit this index reads (-1: none yet); it changes with every commit."""
        return self._reader_generation()

    def _open_or_rebuild(self) -> tuple[index.Index, Searcher]:
        problem, opened = lifecycle.open_existing(self.folder)
        if opened is not None:
            return opened
        if not self._may_create:
            raise IndexNotReady(f"{self.folder}: {problem}")
        # Created under the sync lock, after looking again: another process may have just
        # created it, or been committing as we read (then it reads fine now). A long sync of
        # another process holds that lock: while waiting, an index that has become readable
        # (that sync's first commit) is simply used.
        deadline = time.monotonic() + WRITER_TIMEOUT
        while True:
            try:
                with index_lock.exclusive(self.folder, index_lock.CREATE, CREATE_POLL):
                    problem, opened = lifecycle.open_existing(self.folder)
                    if opened is not None:
                        return opened
                    if problem != lifecycle.NO_INDEX:
                        self.notice = f"Rebuilding the search index: {problem}."
                        log.warning("%s (%s)", self.notice, self.folder)
                    ix = lifecycle.create(self.folder, self.library)
                return ix, ix.searcher(weighting=WEIGHTING)
            except IndexBusy:
                problem, opened = lifecycle.open_existing(self.folder)
                if opened is not None:
                    return opened
                if time.monotonic() >= deadline:
                    raise

    def rebuild(self) -> None:
        """Throw the index away and start empty (``sync_library(rebuild=True)`` instead keeps
        the old index searchable until the new one replaces it)."""
        with index_lock.exclusive(self.folder, index_lock.CREATE, WRITER_TIMEOUT):
            self._searcher.close()
            self._ix.close()
            self._ix = lifecycle.create(self.folder, self.library)
        self._searcher = self._ix.searcher(weighting=WEIGHTING)
        self._vocabulary = None

    def close(self) -> None:
        if not self._searcher.is_closed:  # closing twice is harmless (see healing)
            self._searcher.close()
        self._ix.close()

    # -- reading ----------------------------------------------------------------------------
    def refresh(self) -> bool:
        """See the latest commit (ours or another process's); True if there was a newer one.

        A new searcher rather than ``Searcher.refresh()``: whoosh-reloaded's refresh reuses
        segment readers and so keeps showing documents deleted since.
        """
        if self._searcher.up_to_date():
            return False
        old = self._searcher
        self._searcher = self._ix.searcher(weighting=WEIGHTING)
        old.close()
        words = self._vocabulary
        if words is not None and words.generation != self._reader_generation():
            self._vocabulary = None  # the new commit's is read when needed
        return True

    @property
    def searcher(self) -> Searcher:
        """The searcher of the commit this index reads (``concordance``, ``passage_finder``)."""
        return self._searcher

    def doc_count(self) -> int:
        return self._searcher.doc_count()

    @_engine_read
    def files(self) -> dict[str, FileState]:
        """Every indexed file and the state it was indexed in (unknown when its cached text
        is missing or damaged: the sync then imports it again)."""
        generation = self._reader_generation()
        if self._files is None or self._files[0] != generation:
            # Kept per commit, and in a manifest for other processes: reading every stored
            # document was a tenth of a one-file sync, most of a no-op one.
            states = self._manifests.load(generation, self._searcher.doc_count())
            if states is None:
                states = {
                    doc["path"]: file_state(doc) for doc in self._searcher.all_stored_fields()
                }
                self._manifests.save(generation, states)
            self._files = (generation, states)
        names = {episode_id: self.text_cache.name(episode_id) for episode_id in self._files[1]}
        refill = dict.fromkeys(texts_to_refill(self.folder, self.texts, names), UNKNOWN_STATE)
        return {**self._files[1], **refill}

    @_engine_read
    def episodes(
        self, sort: str = "number", filters: Filters | None = None
    ) -> list[IndexedEpisode]:
        """Every episode (that ``filters`` let through), in the order the unsearched episode
        list shows for ``sort``."""
        allowed = self._facet_table().search_filter(filters)
        docs = self._searcher.reader().iter_docs()
        listed = [indexed_episode(doc) for n, doc in docs if allowed is None or n in allowed]
        return in_listing_order(listed, sort)

    @_engine_read
    def facet_counts(self, filters: Filters | None = None) -> FacetCounts:
        """Episodes per show, speaker and year, among those ``filters`` let through."""
        table = self._facet_table()
        return table.counts(table.allowed(filters) if filters else None)

    def _facet_table(self) -> FacetTable:
        generation = self._reader_generation()
        if self._facets is None or self._facets[0] != generation:
            self._facets = (generation, FacetTable(self._searcher))
        return self._facets[1]

    def text_of(self, episode_id: str) -> str:
        return self.text_cache.read(episode_id)

    def _is_indexed(self, episode_id: str) -> bool:
        return self._searcher.document_number(path=episode_id) is not None

    @_engine_read
    def stored(self, episode_id: str) -> dict | None:
        """One episode's stored fields (None if it is not indexed)."""
        found = self._searcher.document(path=episode_id)
        return None if found is None else dict(found)

    @_engine_read
    def kept_documents(self) -> list[dict]:
        """Every episode's path, title, show, speakers and the names its file gave
        (``facets.KEPT``), without reading each stored document (``stored_documents``)."""
        return self._facet_table().kept_documents()

    @_engine_read
    def stored_documents(self) -> list[dict]:
        """Every episode's stored fields."""
        return [dict(doc) for doc in self._searcher.all_stored_fields()]

    # -- searching --------------------------------------------------------------------------
    def parse(self, text: str) -> query.Query:
        """Parse a user's query; a syntax slip gives best-effort results, never an error."""
        return parse(self.parser, text, lambda: self.vocabulary)

    def search(
        self,
        text: str,
        limit: int | None = 20,
        sort: str = "relevance",
        snippets_for: int | None = None,
        filters: Filters | None = None,
        facet_counts: bool = True,
        snippets_per_hit: int = SNIPPETS_PER_HIT,
    ) -> SearchResults:
        """The hits of ``text`` among the episodes ``filters`` let through; only the first
        ``snippets_for`` (all if None) are made whole now (up to ``snippets_per_hit``
        transcript passages each), the others are ``snippets_pending`` (see
        ``details_of``). ``facet_counts`` False leaves ``facets`` empty: a one-shot
        command never shows them."""
        check_sort(sort)
        with collection_paused():
            return self._search(
                text, limit, sort, snippets_for, filters, facet_counts, snippets_per_hit
            )

    @_engine_read
    def _search(
        self,
        text: str,
        limit: int | None,
        sort: str,
        snippets_for: int | None = None,
        filters: Filters | None = None,
        facet_counts: bool = True,
        snippets_per_hit: int = SNIPPETS_PER_HIT,
    ) -> SearchResults:
        q = self.parse(text)
        sortedby = SORT_COLUMNS.get(sort)
        table = self._facet_table() if facet_counts or filters else None
        allowed = table.search_filter(filters) if table else None
        # Postings a block at a time (numpy); Whoosh's matchers for what that does not handle.
        results = block_search(self._searcher, q, sortedby, limit, allowed)
        if results is None:
            results = self._searcher.search(q, limit=None, sortedby=sortedby, filter=allowed)
        groups = match_groups(q)
        total = len(results)
        shown = total if limit is None else min(limit, total)
        top = [results[i] for i in range(shown)]
        eager = [hit.docnum for hit in top[: shown if snippets_for is None else snippets_for]]
        read = getattr(results, "postings", None)  # what a block search read: not again
        all_spans = spans_of(self._searcher, eager, groups, read)
        # Which hits the title, quotes, notes... matched, from the postings, rather than
        # Whoosh recording matched terms for every hit (a fifth of each search).
        field_hits = FieldHits(self._searcher, q, eager, read)
        maker = HitMaker(self.folder, self.text_of, groups, field_hits, snippets_per_hit)
        hits = []
        for rank, hit in enumerate(top):
            score = float(hit.score or 0.0) if sortedby is None else 0.0
            if rank < len(eager):
                hits.append(maker.make(hit.docnum, hit.fields(), all_spans[hit.docnum], score))
            else:  # its title and show from the table: no stored document read
                listed = table.listed(hit.docnum) if table else hit.fields()
                hits.append(maker.pending(listed, score))
        suggestion = self.suggest(text) if total == 0 else None
        matched = getattr(results, "matched", None)  # a block search's: no set to build
        if table and facet_counts:
            facets = table.counts(results.docs() if matched is None else matched)
        else:
            facets = FacetCounts()
        return SearchResults(text, total, suggestion, hits, facets)

    @_engine_read
    def details_of(
        self, text: str, episode_ids: list[str], snippets_per_hit: int = SNIPPETS_PER_HIT
    ) -> dict[str, SearchHit | None]:
        """The hits a search for ``text`` makes of ``episode_ids`` (the pending ones of
        ``search``: their snippets, matches and fields; their score is left 0); None for an
        episode no longer indexed."""
        q = self.parse(text)
        found = {i: self._searcher.document_number(path=i) for i in episode_ids}
        docnums = [docnum for docnum in found.values() if docnum is not None]
        groups = match_groups(q)
        read = SegmentPostings(self._searcher)  # each term's postings read once for both
        all_spans = spans_of(self._searcher, docnums, groups, read)
        field_hits = FieldHits(self._searcher, q, docnums, read)
        maker = HitMaker(self.folder, self.text_of, groups, field_hits, snippets_per_hit)
        return {
            episode_id: None
            if docnum is None
            else maker.make(docnum, self._searcher.stored_fields(docnum), all_spans[docnum], 0.0)
            for episode_id, docnum in found.items()
        }

    @_engine_read
    def spans(self, episode_id: str, text: str) -> list[tuple[int, int]]:
        """Every place the query matched in the episode's transcript text, in document order
        (the hits the reader steps through: words of the query that stand together are one)."""
        q = self.parse(text)
        docnum = self._searcher.document_number(path=episode_id)
        if docnum is None:
            return []
        groups = match_groups(q)
        spans = spans_of(self._searcher, [docnum], groups)[docnum]
        return places(self.text_of(episode_id), spans) if len(groups) > 1 else spans

    def suggest(self, text: str) -> str | None:
        """A corrected query when a word of it is not in the library but a close one is."""
        return suggest(text, self.vocabulary)
