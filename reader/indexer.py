"""Bring a library's index up to date with its folder: only new, changed and removed files.

Files are compared by size and modification time, and by a content hash when only the time
changed (a copy or a ``touch`` does not force a re-import). Import failures are collected,
remembered (an unchanged broken file is not re-read every time) and never stop the run.
Progress is reported per file and the run can be cancelled between files; what was done
until then is committed. One sync of a library runs at a time (``index_lock``), and it looks
at the index only once it holds that lock.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import multiprocessing
import os
import pickle
import queue
import traceback
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path

from reader.atomic import atomic_write_text
from reader.importers import MAX_FILE_BYTES, import_file
from reader.library import scan_library
from reader.model import Episode, ImportFailure
from reader.parent_watch import exit_with_parent
from reader.regular_files import FileRefused, open_regular
from reader.search import lock as index_lock
from reader.search.bulk import BuiltSegment, BulkUpdate, SegmentBuilder
from reader.search.failed_commit import is_disk_full
from reader.search.index import WRITER_TIMEOUT, LibraryIndex
from reader.search.rebuild import drop_texts_not_indexed, rebuild_here
from reader.search.results import FileState
from reader.sync_run import Cancelled, Job, Progress, SyncReport, SyncRun

log = logging.getLogger(__name__)

#: Files imported per commit: commits cost 80-280 ms, so group them, but not so many that a
#: cancelled or interrupted first build loses much work.
BATCH_SIZE = 200


def file_digest(path: Path) -> str:
    """The content hash of a transcript file; raises ``FileRefused`` for anything that is not
    a regular file within the import size limit (it is never read)."""
    digest = hashlib.blake2b(digest_size=16)
    with open_regular(path, MAX_FILE_BYTES) as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _failures_path(ix: LibraryIndex) -> Path:
    return ix.folder / "failures.json"


def known_failures(ix: LibraryIndex) -> dict[str, dict]:
    """Files that failed to import last time: id -> {"size", "mtime", "problem"}."""
    try:
        data = json.loads(_failures_path(ix).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def sync_library(
    ix: LibraryIndex,
    progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    rebuild: bool = False,
    wait: float | None = WRITER_TIMEOUT,
    on_wait: Callable[[str], None] | None = None,
) -> SyncReport:
    """Bring the index up to date with the folder; ``rebuild``: index every file again, into
    a new index that replaces the old one in one commit (searches meanwhile get the old one).

    Waits up to ``wait`` seconds (None: as long as it takes) for another sync of the same
    library, then raises ``IndexBusy`` (``RebuildRunning`` at once if both are rebuilds);
    ``on_wait`` hears once, in a sentence, who it waits for.
    """
    doing = index_lock.REBUILD if rebuild else index_lock.SYNC
    with index_lock.exclusive(ix.folder, doing, wait, on_wait):
        return _sync(ix, progress, should_stop, rebuild)


def _sync(
    ix: LibraryIndex,
    progress: Callable[[Progress], None] | None,
    should_stop: Callable[[], bool] | None,
    rebuild: bool,
) -> SyncReport:
    root = ix.library
    report = SyncReport()
    scan = scan_library(root)
    on_disk = dict(scan.files)
    ix.refresh()  # what syncs before this one committed: their files are not new any more
    indexed = ix.files()
    if not rebuild and ix.doc_count() != len(indexed):
        # Two documents for one file (left by older versions): only a rebuild makes the
        # word list and the text cache exact again.
        log.warning(
            "the index of %s holds %d documents for %d files; rebuilding it",
            root, ix.doc_count(), len(indexed),
        )  # fmt: skip
        rebuild = True
    indexed_before = set(indexed)
    old_failures = known_failures(ix)
    if rebuild:  # every file is imported again, and every failure retried
        indexed, old_failures = {}, {}
    failures: dict[str, dict] = {}
    report.failed.extend(scan.skipped)  # FIFOs, devices, links out of the library

    work: list[Job] = []
    refused: set[str] = set()
    for episode_id, path in on_disk.items():
        try:
            stat = path.stat()
        except OSError as exc:
            report.failed.append(ImportFailure(path, f"cannot read the file: {exc.strerror}"))
            continue
        before = indexed.get(episode_id)
        if before is not None and (before.size, before.mtime) == (stat.st_size, stat.st_mtime):
            report.unchanged += 1
            continue
        failed = old_failures.get(episode_id)
        if failed and (failed.get("size"), failed.get("mtime")) == (stat.st_size, stat.st_mtime):
            failures[episode_id] = failed
            report.failed.append(ImportFailure(path, str(failed.get("problem"))))
            continue
        try:
            digest = file_digest(path)
        except FileRefused as exc:  # e.g. it grew too large: its old version goes too
            report.failed.append(ImportFailure(path, str(exc)))
            refused.add(episode_id)
            continue
        except OSError as exc:
            report.failed.append(ImportFailure(path, f"cannot read the file: {exc.strerror}"))
            continue
        if before is not None and before.size == stat.st_size and before.digest == digest:
            report.unchanged += 1  # touched or copied, same content
            continue
        work.append((episode_id, path, FileState(stat.st_size, stat.st_mtime, digest), not before))

    report.removed = [i for i in indexed if i not in on_disk or i in refused]
    run = SyncRun(ix, work, report, failures, progress, should_stop, fresh=rebuild)
    if len(work) >= PARALLEL_MIN and worker_count() > 1 and _picklable(ix.notes_source):
        _import_in_parallel(run)
    else:
        _import_here(run)
    if progress is not None and not report.cancelled:
        progress(Progress(len(work), len(work), ""))
    if rebuild and not report.cancelled:
        drop_texts_not_indexed(ix, indexed_before)
    if failures != known_failures(ix) and not (rebuild and report.cancelled):
        atomic_write_text(_failures_path(ix), json.dumps(failures, indent=2, ensure_ascii=False))
    log.info("synced %s: %s", root, report.summary())
    return report


def _import_here(run: SyncRun) -> None:
    """Import and index in this process, committing every ``BATCH_SIZE`` files."""
    if run.fresh:
        rebuild_here(run)
        return
    ix, work, report = run.ix, run.work, run.report
    progress, should_stop = run.progress, run.should_stop
    root = ix.library
    removals = list(report.removed)
    batch: list[tuple[Episode, FileState]] = []

    def commit() -> None:
        if batch or removals:
            ix.update(batch, removals)
            batch.clear()
            removals.clear()

    for done, (episode_id, path, state, is_new) in enumerate(work):
        if should_stop is not None and should_stop():
            report.cancelled = True
            break
        if progress is not None:
            progress(Progress(done, len(work), episode_id))
        result = import_file(path, root)
        if isinstance(result, ImportFailure):
            run.failed(episode_id, result, state)
            if not is_new:
                removals.append(episode_id)  # the indexed version no longer matches the file
            continue
        batch.append((result, state))
        (report.added if is_new else report.updated).append(episode_id)
        if len(batch) >= BATCH_SIZE:
            commit()
    commit()


# -- in worker processes ------------------------------------------------------------------------
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


def _import_in_parallel(run: SyncRun) -> None:
    """Import and index in worker processes, each writing its own index segment; this process
    hands out files, reports progress and commits each round of ``ROUND_SIZE`` files (a
    rebuild: all rounds in one commit)."""
    work, report = run.work, run.report
    if run.progress is not None:
        run.progress(Progress(0, len(work), work[0][0]))
    start, done, forget = 0, 0, run.rollback()
    try:
        if run.fresh:
            try:
                with run.ix.bulk(fresh=True) as bulk:
                    for start in range(0, len(work), ROUND_SIZE):
                        done = _round(run, bulk, start, done)
                        if done < len(work) and run.stopped():
                            raise Cancelled
            except Cancelled:
                forget()
                report.cancelled = True
            return
        removed = list(report.removed)
        for start in range(0, len(work), ROUND_SIZE):
            forget = run.rollback()
            with run.ix.bulk() as bulk:
                for episode_id in removed:
                    bulk.remove(episode_id)
                done = _round(run, bulk, start, done)
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
        _import_here(replace(run, work=work[0 if run.fresh else start :]))


def _round(run: SyncRun, bulk: BulkUpdate, start: int, done: int) -> int:
    """Import one round of files in worker processes into ``bulk``; the files done so far."""
    work, report = run.work, run.report
    outcomes = _run_workers(run.ix, bulk.folder, work[start : start + ROUND_SIZE], run.should_stop)
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
) -> Iterator[tuple[str, FileState, bool, ImportFailure | None] | BuiltSegment]:
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
            if failure is None:
                builder.add(episode, state)
            results.put((episode_id, state, is_new, failure))
        results.put(builder.finish())
    except BaseException as exc:
        if is_disk_full(exc):
            results.put(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(folder)))
        else:
            results.put(traceback.format_exc())
