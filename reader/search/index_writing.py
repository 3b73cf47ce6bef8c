"""Writing the library's index: every commit ``LibraryIndex`` makes, and what it keeps in
step after one (the word list, the indexed files' states, the searcher).

A mixin of ``LibraryIndex`` (in ``index``), kept apart so each module stays readable; it
uses the index's own attributes, declared below for the type checker.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import index
from whoosh.searching import Searcher
from whoosh.writing import MERGE_SMALL, SegmentWriter

from reader.model import Episode
from reader.search.bulk import BulkUpdate
from reader.search.commit import Changes, open_locked, writing
from reader.search.file_manifest import FileManifests
from reader.search.file_states import indexed_state
from reader.search.results import FileState
from reader.search.schema import NotesSource, derived
from reader.search.text_cache import TextCache
from reader.search.vocabulary import Vocabulary, WordLists
from reader.search.whoosh_ext.codec import fold_tiny_segments, tiny_segments
from reader.search.whoosh_ext.writing import abandon

WRITER_TIMEOUT = 5.0


class IndexWriting:
    """The writing half of ``LibraryIndex``."""

    _ix: index.Index
    _searcher: Searcher
    folder: Path
    text_cache: TextCache
    vocabulary: Vocabulary
    notes_source: NotesSource | None
    _word_lists: WordLists
    _manifests: FileManifests
    _files: tuple[int, dict[str, FileState]] | None

    def refresh(self) -> bool:
        raise NotImplementedError  # LibraryIndex's

    def files(self) -> dict[str, FileState]:
        raise NotImplementedError  # LibraryIndex's

    def text_of(self, episode_id: str) -> str:
        raise NotImplementedError  # LibraryIndex's

    def _is_indexed(self, episode_id: str) -> bool:
        raise NotImplementedError  # LibraryIndex's

    def _changes(self, writer: SegmentWriter, vocabulary: Vocabulary) -> Changes:
        return Changes(
            writer,
            vocabulary,
            self.text_cache,
            self._word_lists,
            self._is_indexed,
            self.notes_source,
        )

    def tidy(self, timeout: float = WRITER_TIMEOUT) -> bool:
        """Merge the small segments one-file updates leave behind (each costs every search a
        little). A separate commit, run after a sync, so a change is searchable without
        waiting for it (merging costs about 30 ms per episode). True if it merged.

        Then it collects the garbage a sync left (when the collector runs): otherwise the
        next search, not the sync, pays the full collection (40 ms at 10,000 episodes)."""
        try:
            if len(tiny_segments(self._ix)) < 2:
                return False
            with self._same_episodes(timeout, mergetype=fold_tiny_segments):
                pass  # the merge happens as the writer commits
            return True
        finally:
            if gc.isenabled():
                gc.collect()

    @contextmanager
    def _same_episodes(
        self, timeout: float, mergetype: Callable = MERGE_SMALL, states_change: bool = False
    ) -> Iterator[SegmentWriter]:
        """A commit that changes no transcript (notes, merging): the word list and (unless
        ``states_change``: audio) the indexed files' states carry over to it unchanged."""
        with writing(self._ix, timeout, mergetype) as writer:
            self.refresh()
            files, vocabulary = self.files(), self.vocabulary.copy()
            yield writer
            self._word_lists.save(vocabulary, writer.generation)
        self._committed(vocabulary, writer.generation, None if states_change else files)

    def _committed(
        self, vocabulary: Vocabulary, generation: int, files: dict[str, FileState] | None = None
    ) -> None:
        """After a commit; ``files``: the indexed files' states it holds, if known."""
        if files is not None:  # what the commit holds, without reading it back
            self._files = (generation, files)
            self._manifests.save(generation, files)
        self.vocabulary = vocabulary
        self._word_lists.forget_older(generation)
        self.refresh()

    def update(
        self,
        episodes: Iterable[tuple[Episode, FileState]] = (),
        removed: Iterable[str] = (),
        timeout: float = WRITER_TIMEOUT,
    ) -> None:
        """Add or replace ``episodes`` and delete ``removed`` paths, in one commit."""
        with writing(self._ix, timeout) as writer:
            self.refresh()  # another process may have committed since we last looked
            files = self.files()
            changes = self._changes(writer, self.vocabulary.copy())
            for episode_id in removed:
                changes.remove(episode_id)
                files.pop(episode_id, None)
            for episode, state in episodes:
                changes.put(episode, state)
                files[episode.id] = indexed_state(episode, state)
            changes.save_vocabulary()
        self._committed(changes.vocabulary, writer.generation, files)

    @contextmanager
    def bulk(self, timeout: float = WRITER_TIMEOUT, fresh: bool = False) -> Iterator[BulkUpdate]:
        """Hold the writer lock while worker processes write new segments
        (``SegmentBuilder``), then commit them, with the deletions, as one change.
        ``fresh``: the new segments replace the whole index in that one commit (a rebuild:
        until then searches get the old index's complete answers)."""
        writer = open_locked(self._ix, timeout)
        try:
            self.refresh()
            vocabulary = Vocabulary() if fresh else self.vocabulary.copy()
            bulk = BulkUpdate(self._changes(writer, vocabulary), self.folder, fresh)
            yield bulk
            bulk.commit()
        except BaseException:
            abandon(writer)
            raise
        self._committed(bulk.vocabulary, writer.generation)

    def update_notes(self, episode_id: str, notes: str, timeout: float = WRITER_TIMEOUT) -> bool:
        """Re-index an episode with the user's notes and highlights (after each save).

        Whoosh cannot change one field in place, so the document is written again from its
        stored fields and the cached transcript text; the transcript is not re-imported.
        Returns False if the episode is not in the index.
        """
        return self.restamp({episode_id: {"notes": notes}}, timeout) == 1

    def restamp(self, changes: dict[str, dict], timeout: float = WRITER_TIMEOUT) -> int:
        """Re-index episodes with some stored fields changed (notes, speakers), in one commit,
        from their other stored fields and cached text; how many were in the index."""
        docs = [(dict(found), fields) for path, fields in changes.items()
                if (found := self._searcher.document(path=path)) is not None]  # fmt: skip
        if not docs:
            return 0
        audio = any("audio" in fields for _doc, fields in docs)
        with self._same_episodes(timeout, states_change=audio) as writer:
            for doc, fields in docs:
                doc.update(fields)
                text = self.text_of(doc["path"])
                writer.update_document(**doc, **derived(doc["title"], doc.get("number"), text))
        return len(docs)
