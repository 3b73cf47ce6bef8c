"""One commit of the index: its writer, and what changes beside the documents.

A commit that adds, replaces or removes episodes also changes the word list (a word goes
when its last episode does) and the text cache. ``Changes`` does both, for
``LibraryIndex.update`` and for the segments worker processes wrote (``bulk.BulkUpdate``)
alike, so neither reaches into the other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from whoosh.index import LockError
from whoosh.writing import MERGE_SMALL, SegmentWriter

from reader.model import Episode
from reader.search.analysis import words_of
from reader.search.lock import IndexBusy
from reader.search.results import FileState
from reader.search.schema import NotesSource, document
from reader.search.text_cache import TextCache
from reader.search.vocabulary import Vocabulary, WordLists
from reader.search.whoosh_ext.writing import abandon, open_writer


def open_locked(ix, timeout: float) -> SegmentWriter:
    """The index's writer, or ``IndexBusy`` when another writer keeps it past ``timeout``."""
    try:
        return open_writer(ix, timeout)
    except LockError as exc:
        raise IndexBusy(
            "another Episode Reader is updating this library's index; try again shortly"
        ) from exc


@contextmanager
def writing(ix, timeout: float, mergetype: Callable = MERGE_SMALL) -> Iterator[SegmentWriter]:
    """A writer committed when the block ends; abandoned if it raises."""
    writer = open_locked(ix, timeout)
    try:
        yield writer
        writer.commit(mergetype=mergetype)
    except BaseException:
        abandon(writer)  # e.g. a full disk: no lock held, no half-written segment left
        raise


class Changes:
    """The episodes one commit adds, replaces and removes, with their words and texts."""

    def __init__(
        self,
        writer: SegmentWriter,
        vocabulary: Vocabulary,
        texts: TextCache,
        word_lists: WordLists,
        is_indexed: Callable[[str], bool],
        notes_source: NotesSource | None,
    ) -> None:
        self.writer = writer
        self.vocabulary = vocabulary  # a copy, the commit's own
        self._texts = texts
        self._word_lists = word_lists
        self._is_indexed = is_indexed
        self._notes_source = notes_source

    def put(self, episode: Episode, state: FileState) -> None:
        """Add an episode, or replace the indexed one of its path."""
        self.forget_words(episode.id)
        self.vocabulary.add(words_of(episode.text))
        self._texts.write(episode)
        self.writer.update_document(**document(episode, state, self._notes_source))

    def remove(self, episode_id: str) -> None:
        """An episode whose file is gone: its document, words and cached text go."""
        self.writer.delete_by_term("path", episode_id)
        self.forget_words(episode_id)
        self._texts.remove(episode_id)

    def drop_document(self, episode_id: str) -> None:
        """Delete the indexed document of a path (its words and text are seen to elsewhere)."""
        self.writer.delete_by_term("path", episode_id)

    def forget_words(self, episode_id: str) -> None:
        """Take an indexed episode's words out of the list (before it is replaced or goes)."""
        if self._is_indexed(episode_id):
            self.vocabulary.remove(words_of(self._texts.read(episode_id)))

    def save_vocabulary(self) -> None:
        """Written just before the commit, inside the lock, named after the commit: a crash
        in between leaves no list for the commit it did not make."""
        self._word_lists.save(self.vocabulary, self.writer.generation)
