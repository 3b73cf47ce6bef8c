"""A big import in parallel: spawned worker processes import files and write index segments.

This process hands out the files, reports progress and commits each round of segments; a
worker that cannot start, dies or fails makes the rest be imported here (``batches``), and
every worker ends when this process dies (``parent_watch``).
"""

from __future__ import annotations

import errno
import logging
import multiprocessing
import os
import pickle
import queue
import traceback
from collections.abc import Callable, Generator
from contextlib import closing
from dataclasses import replace
from pathlib import Path

from reader.importers import import_file
from reader.library.batches import import_here
from reader.library.parent_watch import exit_with_parent
from reader.library.sync_run import Cancelled, Job, Progress, SyncRun, rounds
from reader.model import Episode, ImportFailure
from reader.search.bulk import BuiltSegment, BulkUpdate, SegmentBuilder
from reader.search.failed_commit import is_disk_full
from reader.search.index import LibraryIndex
from reader.search.results import FileState

log = logging.getLogger(__name__)

#: Below this many files to import, starting worker processes (about half a second) costs more
#: than it saves.
PARALLEL_MIN = 100
#: Files per commit when importing in parallel: each round ends with one segment per worker
#: (segments slow every search a little), and a killed first build loses at most a round.
ROUND_SIZE = 5000
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
    files to ``ROUND_SIZE``; a rebuild: all rounds in one commit)."""
    work, report = run.work, run.report
    if run.progress is not None:
        run.progress(Progress(0, len(work), work[0][0]))
    start, done, forget = 0, 0, run.rollback()
    try:
        if run.fresh:
            try:
                with run.ix.bulk(fresh=True) as bulk:
                    for start in range(0, len(work), ROUND_SIZE):
                        done = _round(run, bulk, start, start + ROUND_SIZE, done)
                        if done < len(work) and run.stopped():
                            raise Cancelled
            except Cancelled:
                forget()
                report.cancelled = True
            return
        removed = list(report.removed)
        # Small rounds first (each round starts the workers again, about half a second), so
        # the first episodes are searchable soon; then bigger ones, for few segments.
        for start, end in rounds(len(work), ROUND_SIZE, PARALLEL_MIN):
            forget = run.rollback()
            with run.ix.bulk() as bulk:
                for episode_id in removed:
                    bulk.remove(episode_id)
                done = _round(run, bulk, start, end, done)
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
        import_here(replace(run, work=work[0 if run.fresh else start :]))


def _round(run: SyncRun, bulk: BulkUpdate, start: int, end: int, done: int) -> int:
    """Import one round of files (``work[start:end]``) in worker processes into ``bulk``;
    the files done so far."""
    work, report = run.work, run.report
    outcomes = _run_workers(run.ix, bulk.folder, work[start:end], run.should_stop)
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
    ix: LibraryIndex,
    folder: Path,
    batch: list[Job],
    should_stop: Callable[[], bool] | None,
) -> Generator[tuple[str, FileState, bool, ImportFailure | None] | BuiltSegment, None, None]:
    """Yield each file's outcome as a worker finishes it, then each worker's segment.

    Spawned, not forked: the app calls this from a thread, and forking a threaded process
    can deadlock the child.
    """
    context = multiprocessing.get_context("spawn")
    try:
        jobs, results, stop = context.Queue(), context.Queue(), context.Event()
    except OSError as exc:  # no working semaphores here (some sandboxes and containers)
        raise WorkersFailed(f"cannot set up worker processes: {exc}") from exc
    count = min(worker_count(), len(batch))
    workers = [
        context.Process(
            target=_worker,
            args=(folder, ix.library, ix.notes_source, jobs, results, stop, os.getpid()),
            name=f"episode-reader-indexer-{n}",
            daemon=True,
        )
        for n in range(count)
    ]
    finished = 0
    try:
        for job in batch:
            jobs.put(job)
        for _ in range(count):
            jobs.put(None)
        try:
            for worker in workers:
                worker.start()
        except OSError as exc:
            raise WorkersFailed(f"cannot start worker processes: {exc}") from exc
        while finished < count:
            if should_stop is not None and should_stop():
                stop.set()  # each worker finishes its file and returns what it has
            try:
                message = results.get(timeout=0.2)
            except queue.Empty:
                dead = [w for w in workers if w.exitcode not in (None, 0)]
                if dead:
                    raise WorkersFailed(
                        f"a worker process stopped unexpectedly (exit code {dead[0].exitcode})"
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
        stop.set()
        for worker in workers:
            if worker.pid is None:
                continue  # never started
            worker.join(timeout=5)
            if worker.is_alive():
                worker.kill()
                worker.join()
        jobs.cancel_join_thread()  # files left after a cancel are simply dropped
        for q in (jobs, results):
            q.close()
            q.join_thread()


def _worker(folder, library, notes_source, jobs, results, stop, parent_pid) -> None:
    """A worker process: import files off ``jobs`` into one new segment until told to stop;
    it ends at once if the process that started it dies (killed mid-import)."""
    exit_with_parent(parent_pid)
    try:
        builder = SegmentBuilder(folder, notes_source)
        while not stop.is_set():
            job = jobs.get()
            if job is None:
                break
            episode_id, path, state, is_new = job
            episode = import_file(path, library)
            failure = episode if isinstance(episode, ImportFailure) else None
            if not is_new:
                builder.forget(episode_id, drop_text=failure is not None)
            if isinstance(episode, Episode):
                builder.add(episode, state)
            results.put((episode_id, state, is_new, failure))
        results.put(builder.finish())
    except BaseException as exc:
        if is_disk_full(exc):
            results.put(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(folder)))
        else:
            results.put(traceback.format_exc())
