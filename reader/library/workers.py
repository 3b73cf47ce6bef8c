"""A big import in parallel: spawned worker processes import files and write index segments.

This process hands out the files, reports progress and commits each round of segments; the
same workers serve every round (``worker_pool``); a worker that cannot start, dies or fails
makes the rest be imported here (``batches``), and every worker ends when this process dies
(``parent_watch``).
"""

from __future__ import annotations

import logging
import os
import pickle
import queue
from collections.abc import Callable, Generator
from contextlib import closing
from dataclasses import replace

from reader.library.batches import import_here
from reader.library.sync_run import Cancelled, Job, Progress, SyncRun, rounds
from reader.library.worker_pool import PoolFailed, WorkerPool
from reader.model import ImportFailure
from reader.search.bulk import BuiltSegment, BulkUpdate
from reader.search.results import FileState

log = logging.getLogger(__name__)

#: Below this many files to import, starting worker processes (about half a second) costs more
#: than it saves.
PARALLEL_MIN = 100
#: Files per commit when importing in parallel: each round ends with one segment per worker
#: (segments slow every search a little), and a killed first build loses at most a round.
ROUND_SIZE = 5000
#: How much bigger each round of a parallel import is than the one before.
ROUND_GROWTH = 8
MAX_WORKERS = 4


def worker_count() -> int:
    """Worker processes for a big import: one per core (Whoosh's work is all Python)."""
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


def _picklable(value: object) -> bool:
    try:
        pickle.dumps(value)
    except Exception:
        return False
    return True


def pays_off(files: int, notes_source: object) -> bool:
    """Whether to import ``files`` files in worker processes: enough of them, more than one
    core, and a notes source that can be sent to a worker."""
    return files >= PARALLEL_MIN and worker_count() > 1 and _picklable(notes_source)


def import_in_parallel(run: SyncRun) -> None:
    """Import and index in worker processes, each writing its own index segment; this process
    hands out files, reports progress and commits each round (growing from ``PARALLEL_MIN``
    files to ``ROUND_SIZE``; a rebuild: all rounds in one commit). The same workers serve
    every round (``WorkerPool``)."""
    pools = _Pools(run)
    try:
        _import_rounds(run, pools)
    finally:
        pools.close()


def _import_rounds(run: SyncRun, pools: _Pools) -> None:
    work, report = run.work, run.report
    if run.progress is not None:
        run.progress(Progress(0, len(work), work[0][0]))
    start, done, forget = 0, 0, run.rollback()
    try:
        if run.fresh:
            try:
                with run.ix.bulk(fresh=True) as bulk:
                    for start in range(0, len(work), ROUND_SIZE):
                        done = _round(run, pools, bulk, start, start + ROUND_SIZE, done)
                        if done < len(work) and run.stopped():
                            raise Cancelled
            except Cancelled:
                forget()
                report.cancelled = True
            return
        removed = list(report.removed)
        # A small round first, so the first episodes are searchable within seconds; then
        # rounds eight times bigger, for few segments (each round leaves one per worker, and
        # every search pays for each: doubling left 16 at 10,000 episodes, this leaves 8).
        for start, end in rounds(len(work), ROUND_SIZE, PARALLEL_MIN, ROUND_GROWTH):
            forget = run.rollback()
            with run.ix.bulk() as bulk:
                for episode_id in removed:
                    bulk.remove(episode_id)
                done = _round(run, pools, bulk, start, end, done)
            run.round_committed(done)
            removed = []
            if done < len(work) and run.stopped():
                report.cancelled = True
                return
    except WorkersFailed as exc:
        # Nothing of this round (a rebuild: of any round) was committed: forget what it
        # reported, and import the rest here (a machine that cannot start processes still
        # gets its library).
        log.warning("importing in worker processes failed (%s); importing here", exc)
        forget()
        pools.close()
        import_here(replace(run, work=work[0 if run.fresh else start :]))


class _Pools:
    """The run's ``WorkerPool``, started with its first round and kept while rounds end
    cleanly; after a round that did not (stopped, failed), the next gets a new pool."""

    def __init__(self, run: SyncRun) -> None:
        self._run = run
        self._pool: WorkerPool | None = None

    def get(self, bulk: BulkUpdate) -> WorkerPool:
        if self._pool is None:
            count = min(worker_count(), len(self._run.work))
            ix = self._run.ix
            try:
                self._pool = WorkerPool(bulk.folder, ix.library, ix.notes_source, count)
            except PoolFailed as exc:
                raise WorkersFailed(str(exc)) from exc
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            pool, self._pool = self._pool, None
            pool.close()


def _round(run: SyncRun, pools: _Pools, bulk: BulkUpdate, start: int, end: int, done: int) -> int:
    """Import one round of files (``work[start:end]``) in worker processes into ``bulk``;
    the files done so far."""
    work, report = run.work, run.report
    outcomes = _run_workers(pools, bulk, work[start:end], run.should_stop)
    # closing(): on an error here the workers stop before the bulk is abandoned
    with closing(outcomes):
        for message in outcomes:
            if isinstance(message, BuiltSegment):
                bulk.add(message)
                continue
            episode_id, state, is_new, failure = message
            done += 1
            if run.progress is not None and done < len(work):  # the last: sync_library's
                run.progress(Progress(done, len(work), episode_id))
            bulk.replaced(episode_id)
            if failure is not None:
                run.failed(episode_id, failure, state)
            else:
                (report.added if is_new else report.updated).append(episode_id)
    return done


class WorkersFailed(RuntimeError):
    """Worker processes could not start, or one stopped or failed."""


def _run_workers(
    pools: _Pools,
    bulk: BulkUpdate,
    batch: list[Job],
    should_stop: Callable[[], bool] | None,
) -> Generator[tuple[str, FileState, bool, ImportFailure | None] | BuiltSegment, None, None]:
    """Yield each file's outcome as a worker finishes it, then each worker's segment."""
    pool = pools.get(bulk)
    finished, stopped = 0, False
    try:
        try:
            pool.start_round(batch)
        except PoolFailed as exc:
            raise WorkersFailed(str(exc)) from exc
        while finished < len(pool.workers):
            if should_stop is not None and should_stop():
                pool.stop.set()  # each worker finishes its file and returns what it has
                stopped = True
            try:
                message = pool.results.get(timeout=0.2)
            except queue.Empty:
                dead = pool.dead()
                if dead:
                    raise WorkersFailed(
                        f"a worker process stopped unexpectedly (exit code {dead[0]})"
                    ) from None
                continue
            if isinstance(message, OSError):  # the disk is full: importing here fails too
                raise message
            if isinstance(message, str):  # a worker failed; its traceback
                raise WorkersFailed(f"a worker process failed:\n{message}")
            if isinstance(message, BuiltSegment):
                finished += 1
            yield message
    finally:
        if stopped or finished < len(pool.workers):  # its queues may hold this round's rest
            pools.close()
