"""Index segments written by worker processes, and the one commit that adds them.

Most of building an index is Python work in Whoosh (analysis, postings), so a large sync
imports in worker processes: each writes its own segment (``SegmentBuilder``) and the parent,
holding the writer lock, adds the workers' segments to the table of contents as they are,
with this commit's deletions and word-list changes (``BulkUpdate``). Whoosh's own
multi-process writer would re-read every posting of its sub-writers' segments in the parent.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from reader.model import Episode
from reader.search.analysis import words_of
from reader.search.commit import Changes
from reader.search.results import FileState
from reader.search.schema import NotesSource, document
from reader.search.text_cache import TextCache
from reader.search.vocabulary import Vocabulary
from reader.search.whoosh_ext.segment_files import MappedStorage
from reader.search.whoosh_ext.writing import (
    buffered_bytes,
    commit_segments,
    finish_segment,
    worker_writer,
)

#: What a builder's postings may take in memory before it writes them out as a segment and
#: starts another: it bounds a worker's memory whatever its share of a round (a few segments
#: more, each a little more work for every search, rather than gigabytes).
POSTINGS_LIMIT = 160 * 1024 * 1024


@dataclass
class BuiltSegment:
    """What a ``SegmentBuilder`` wrote (the segments are Whoosh's, opaque to callers)."""

    segments: list
    documents: int
    added_words: Counter
    removed_words: Counter


class SegmentBuilder:
    """Writes episodes into one new index segment, in a worker process.

    The parent, which holds the writer lock, commits the segments of every worker together
    (``LibraryIndex.bulk``). Made in the worker from plain paths and the notes source.
    """

    def __init__(
        self, folder: Path, notes_source: NotesSource | None, limit: int = POSTINGS_LIMIT
    ) -> None:
        self._ix = MappedStorage(folder / "whoosh").open_index()
        self._writer = worker_writer(self._ix)
        self._written: list = []  # segments finished when the postings reached ``limit``
        self._in_writer = 0  # documents in the segment being written
        self.limit = limit
        self._texts = TextCache(folder)
        self.notes_source = notes_source
        self.documents = 0
        self.added_words: Counter = Counter()
        self.removed_words: Counter = Counter()

    def forget(self, episode_id: str, drop_text: bool) -> None:
        """The indexed version of ``episode_id`` is being replaced (or failed to re-import,
        ``drop_text``): its words leave the word list."""
        text = self._texts.read_if_readable(episode_id)
        if text is None:
            return
        self.removed_words.update(words_of(text))
        if drop_text:
            self._texts.remove(episode_id)

    def add(self, episode: Episode, state: FileState) -> None:
        self.added_words.update(words_of(episode.text))
        self._texts.write(episode)
        self._writer.add_document(**document(episode, state, self.notes_source))
        self.documents += 1
        self._in_writer += 1
        if buffered_bytes(self._writer) >= self.limit:
            self._written.append(finish_segment(self._writer, self._in_writer))
            self._writer = worker_writer(self._ix)
            self._in_writer = 0

    def finish(self) -> BuiltSegment:
        last = finish_segment(self._writer, self._in_writer)
        self._ix.close()
        segments = self._written + ([] if last is None else [last])
        return BuiltSegment(segments, self.documents, self.added_words, self.removed_words)


class BulkUpdate:
    """One commit of segments written by other processes: see ``LibraryIndex.bulk``."""

    def __init__(self, changes: Changes, folder: Path, fresh: bool) -> None:
        self._changes = changes
        self.folder = folder  # the index folder, for the workers' ``SegmentBuilder``
        self.fresh = fresh  # the commit drops every existing segment (a rebuild)
        self._segments: list = []

    @property
    def vocabulary(self) -> Vocabulary:
        return self._changes.vocabulary

    def remove(self, episode_id: str) -> None:
        """An episode whose file is gone: its document, words and cached text go."""
        self._changes.remove(episode_id)

    def replaced(self, episode_id: str) -> None:
        """An episode a builder imported: any document of its path goes (the builder counted
        the words and rewrote the text). Also for a new one: no file is indexed twice."""
        if not self.fresh:
            self._changes.drop_document(episode_id)

    def add(self, built: BuiltSegment) -> None:
        self.vocabulary.remove_counts(built.removed_words)
        self.vocabulary.add_counts(built.added_words)
        self._segments += built.segments

    def commit(self) -> None:
        self._changes.save_vocabulary()
        commit_segments(self._changes.writer, self._segments, self.fresh)
