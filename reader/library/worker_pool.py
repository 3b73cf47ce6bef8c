"""Worker processes kept for every round of one big import, instead of new ones per round.

Starting a spawned worker (a fresh Python importing the importers and Whoosh) costs about
half a second, and a first index of 10,000 files commits in eight rounds. Each worker waits
on its own control queue for the next round; a round's files come off one shared queue with
one end mark per worker, and a worker that took its mark reads no more files until the next
round is started, so every worker takes exactly one mark per round and sends one
``BuiltSegment``. Every worker ends when this process dies (``parent_watch``).
"""

from __future__ import annotations

import errno
import logging
import multiprocessing
import os
import traceback
from contextlib import suppress
from pathlib import Path

from reader.importers import import_file
from reader.library.parent_watch import exit_with_parent
from reader.library.sync_run import Job
from reader.model import Episode, ImportFailure
from reader.search.bulk import SegmentBuilder
from reader.search.failed_commit import is_disk_full

log = logging.getLogger(__name__)


class PoolFailed(RuntimeError):
    """The worker processes could not be set up or started."""


class WorkerPool:
    """``count`` spawned workers importing into segments of the index in ``folder``.

    Spawned, not forked: the app calls this from a thread, and forking a threaded process
    can deadlock the child.
    """

    def __init__(self, folder: Path, library: Path, notes_source: object, count: int) -> None:
        context = multiprocessing.get_context("spawn")
        try:
            self.jobs, self.results, self.stop = context.Queue(), context.Queue(), context.Event()
            self._controls = [context.Queue() for _ in range(count)]
        except OSError as exc:  # no working semaphores here (some sandboxes and containers)
            raise PoolFailed(f"cannot set up worker processes: {exc}") from exc
        self._shared = (self.jobs, self.results, self.stop)
        self.workers = [
            context.Process(
                target=_worker,
                args=(folder, library, notes_source, control, *self._shared, os.getpid()),
                name=f"episode-reader-indexer-{n}",
                daemon=True,
            )
            for n, control in enumerate(self._controls)
        ]
        self.rounds = 0
        self._started = False

    def start_round(self, batch: list[Job]) -> None:
        """Queue ``batch`` and an end mark per worker, then let every worker take files."""
        self.stop.clear()
        for job in batch:
            self.jobs.put(job)
        for _ in self.workers:
            self.jobs.put(None)
        if not self._started:
            self._started = True
            try:
                for worker in self.workers:
                    worker.start()
            except OSError as exc:
                raise PoolFailed(f"cannot start worker processes: {exc}") from exc
        for control in self._controls:
            control.put(True)
        self.rounds += 1

    def dead(self) -> list[int]:
        """Exit codes of workers that stopped (a worker never stops while the pool is open)."""
        return [w.exitcode for w in self.workers if w.exitcode is not None]

    def close(self) -> None:
        """Let the workers end (killing any that do not within a few seconds)."""
        self.stop.set()
        for control in self._controls:
            with suppress(OSError, ValueError):  # a queue already closed
                control.put(None)
        for worker in self.workers:
            if worker.pid is None:
                continue  # never started
            worker.join(timeout=5)
            if worker.is_alive():
                worker.kill()
                worker.join()
        self.jobs.cancel_join_thread()  # files left after a cancel are simply dropped
        for q in (self.jobs, self.results, *self._controls):
            q.close()
            q.join_thread()


def _worker(folder, library, notes_source, control, jobs, results, stop, parent_pid) -> None:
    """A worker process: each round, import files off ``jobs`` into a new segment until the
    round's end mark (or a stop), and send it; it ends at once if its parent dies."""
    exit_with_parent(parent_pid)
    try:
        while control.get() is not None:
            builder = SegmentBuilder(folder, notes_source)
            while not stop.is_set():
                job = jobs.get()
                if job is None:
                    break
                _import(builder, library, job, results)
            results.put(builder.finish())
    except BaseException as exc:
        if is_disk_full(exc):
            results.put(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(folder)))
        else:
            results.put(traceback.format_exc())


def _import(builder: SegmentBuilder, library: Path, job: Job, results) -> None:
    episode_id, path, state, is_new = job
    episode = import_file(path, library)
    failure = episode if isinstance(episode, ImportFailure) else None
    if not is_new:
        builder.forget(episode_id, drop_text=failure is not None)
    if isinstance(episode, Episode):
        builder.add(episode, state)
    results.put((episode_id, state, is_new, failure))
