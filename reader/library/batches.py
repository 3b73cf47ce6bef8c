"""Import and index a sync's files in this process, committing them in batches.

Used for small imports (starting worker processes costs more than it saves), where worker
processes cannot run, and for what is left when they fail.
"""

from __future__ import annotations

from reader.importers import import_file
from reader.library.rebuild import rebuild_here
from reader.library.sync_run import Progress, SyncRun, rounds
from reader.model import Episode, ImportFailure
from reader.search.results import FileState

#: Files imported per commit: commits cost 80-280 ms, so group them, but not so many that a
#: cancelled or interrupted first build loses much work.
BATCH_SIZE = 200


def import_here(run: SyncRun) -> None:
    """Import and index in this process, committing in ``rounds`` that grow from
    ``FIRST_ROUND`` files to ``BATCH_SIZE``."""
    if run.fresh:
        rebuild_here(run)
        return
    ix, work, report = run.ix, run.work, run.report
    progress, should_stop = run.progress, run.should_stop
    root = ix.library
    removals = list(report.removed)
    batch: list[tuple[Episode, FileState]] = []
    round_ends = {end for _start, end in rounds(len(work), BATCH_SIZE)}
    finished = 0  # files imported (or failed) so far

    def commit() -> None:
        if batch or removals:
            ix.update(batch, removals)
            batch.clear()
            removals.clear()
            run.round_committed(finished)

    for done, (episode_id, path, state, is_new) in enumerate(work):
        if should_stop is not None and should_stop():
            report.cancelled = True
            break
        if progress is not None:
            progress(Progress(done, len(work), episode_id))
        result = import_file(path, root)
        finished = done + 1
        if isinstance(result, ImportFailure):
            run.failed(episode_id, result, state)
            if not is_new:
                removals.append(episode_id)  # the indexed version no longer matches the file
        else:
            batch.append((result, state))
            (report.added if is_new else report.updated).append(episode_id)
        if finished in round_ends:
            commit()
    commit()
