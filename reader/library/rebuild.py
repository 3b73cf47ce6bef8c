"""Rebuilding an index beside the old one: every file into new segments, swapped in by one
commit (``LibraryIndex.bulk(fresh=True)``), so searches meanwhile get the old index's
complete answers and a cancelled or failed rebuild leaves it as it was."""

from __future__ import annotations

from collections.abc import Iterable

from reader.importers import import_file
from reader.library.sync_run import Cancelled, Progress, SyncRun
from reader.model import ImportFailure
from reader.search.bulk import SegmentBuilder
from reader.search.index import LibraryIndex

#: Episodes per segment when a rebuild imports in this process (its postings stay in memory).
SEGMENT_SIZE = 1000


def rebuild_here(run: SyncRun) -> None:
    """Import every file of ``run`` in this process into new segments, committed at once."""
    ix, report = run.ix, run.report
    forget = run.rollback()
    try:
        with ix.bulk(fresh=True) as bulk:
            builder = SegmentBuilder(bulk.folder, ix.notes_source)
            try:
                for done, (episode_id, path, state, _is_new) in enumerate(run.work):
                    if run.stopped():
                        raise Cancelled
                    if run.progress is not None:
                        run.progress(Progress(done, len(run.work), episode_id))
                    result = import_file(path, ix.library)
                    if isinstance(result, ImportFailure):
                        run.failed(episode_id, result, state)
                        continue
                    builder.add(result, state)
                    report.added.append(episode_id)
                    if builder.documents >= SEGMENT_SIZE:
                        bulk.add(builder.finish())
                        builder = SegmentBuilder(bulk.folder, ix.notes_source)
            finally:
                built = builder.finish()  # closes its files (if cancelled: never committed)
            bulk.add(built)
    except Cancelled:
        forget()
        report.cancelled = True


def drop_texts_not_indexed(ix: LibraryIndex, before: Iterable[str]) -> None:
    """After a rebuild: the cached texts of episodes it did not index again go."""
    now = ix.files()
    for episode_id in before:
        if episode_id not in now:
            ix.text_cache.remove(episode_id)
