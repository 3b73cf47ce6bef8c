"""One commit of index segments that worker processes wrote (``LibraryIndex.bulk``).

Whoosh's own multi-process writer re-reads every posting of its sub-writers' segments in the
parent; here the parent, holding the writer lock, adds the workers' segments to the table of
contents as they are, with this commit's deletions and word-list changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from whoosh.index import TOC
from whoosh.writing import NO_MERGE

from reader.search.vocabulary import Vocabulary

if TYPE_CHECKING:
    from reader.search.index import BuiltSegment, LibraryIndex


class BulkUpdate:
    """One commit of segments written by other processes: see ``LibraryIndex.bulk``."""

    def __init__(self, ix: LibraryIndex, writer, vocabulary: Vocabulary, fresh: bool) -> None:
        self._ix = ix
        self._writer = writer
        self.vocabulary = vocabulary
        self.folder = ix.folder
        self.fresh = fresh  # the commit drops every existing segment (a rebuild)
        self._segments: list = []

    def remove(self, episode_id: str) -> None:
        """An episode whose file is gone: its document, words and cached text go."""
        self._ix._remove(self._writer, self.vocabulary, episode_id)

    def replaced(self, episode_id: str) -> None:
        """An episode a builder imported: any document of its path goes (the builder counted
        the words and rewrote the text). Also for a new one: no file is indexed twice."""
        if not self.fresh:
            self._writer.delete_by_term("path", episode_id)

    def add(self, built: BuiltSegment) -> None:
        self.vocabulary.remove_counts(built.removed_words)
        self.vocabulary.add_counts(built.added_words)
        if built.segment is not None:
            self._segments.append(built.segment)

    def commit(self) -> None:
        # What Whoosh's MpWriter does with its sub-writers' segments (multisegment=True):
        # keep the existing segments (with this writer's deletions), add the new ones, write
        # one table of contents. No merging: that would rewrite every posting in Python.
        writer = self._writer
        self._ix._save_vocabulary(self.vocabulary, writer.generation)
        segments = [] if self.fresh else writer._merge_segments(NO_MERGE, False, False)
        writer._close_segment()
        if self.fresh:  # the old files stay for readers opening them now; the next commit
            toc = TOC(writer.schema, self._segments, writer.generation)  # deletes them
            toc.write(writer.storage, writer.indexname)
        else:
            writer._commit_toc(segments + self._segments)
        writer._finish()
