"""Bring a library's index up to date with its folder: only new, changed and removed files.

Files are compared by size and modification time, and by a content hash when only the time
changed (a copy or a ``touch`` does not force a re-import). Import failures are collected,
remembered (an unchanged broken file is not re-read every time) and never stop the run.
Progress is reported per file and the run can be cancelled between files; what was done
until then is committed. One sync of a library runs at a time (``index_lock``), and it looks
at the index only once it holds that lock. The files are imported here in batches
(``batches``) or, for a big import, in worker processes (``workers``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

from reader.library import no_op
from reader.library.audio_sync import forget_settled, settle_audio
from reader.library.folder import scan_with_stats
from reader.library.folder_state import folder_state
from reader.library.sync_run import Job, Progress, SyncReport, SyncRun
from reader.model import ImportFailure
from reader.search import lock as index_lock
from reader.search.index import WRITER_TIMEOUT, LibraryIndex
from reader.search.results import FileState
from reader.util import digests
from reader.util.atomic import atomic_write_text
from reader.util.regular_files import FileRefused, open_regular

log = logging.getLogger(__name__)


def file_digest(path: Path) -> str:
    """The content hash of a transcript file; raises ``FileRefused`` for anything that is not
    a regular file within the import size limit (it is never read)."""
    from reader.importers import MAX_FILE_BYTES

    digest = digests.blake2b(digest_size=16)
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
    committed: Callable[[int], None] | None = None,
) -> SyncReport:
    """Bring the index up to date with the folder; ``rebuild``: index every file again, into
    a new index that replaces the old one in one commit (searches meanwhile get the old one).

    Waits up to ``wait`` seconds (None: as long as it takes) for another sync of the same
    library, then raises ``IndexBusy`` (``RebuildRunning`` at once if both are rebuilds);
    ``on_wait`` hears once, in a sentence, who it waits for; ``committed`` hears the files
    done so far after each commit (a sync commits in rounds, so a window lists them at once).
    """
    doing = index_lock.REBUILD if rebuild else index_lock.SYNC
    with index_lock.exclusive(ix.folder, doing, wait, on_wait):
        return _sync(ix, progress, should_stop, rebuild, committed)


def _sync(
    ix: LibraryIndex,
    progress: Callable[[Progress], None] | None,
    should_stop: Callable[[], bool] | None,
    rebuild: bool,
    committed: Callable[[int], None] | None = None,
) -> SyncReport:
    root = ix.library
    folder = None if rebuild else folder_state(root)  # first: see no_op
    ix.refresh()  # what syncs before this one committed: their files are not new any more
    if (remembered := no_op.remembered_report(ix, folder)) is not None:
        # As the last sync found it, which had nothing to do: its failures, the rest unchanged.
        if progress is not None:
            progress(Progress(0, 0, ""))  # as a full sync with nothing to do ends
        log.info("synced %s (unchanged): %s", root, remembered.summary())
        return remembered
    report = SyncReport()
    scan = scan_with_stats(root)  # sizes and times too: one walk, strings, no Path per file
    on_disk = {episode_id for episode_id, _full, _stat in scan.files}
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
    for episode_id, full, stat in scan.files:
        if isinstance(stat, OSError):
            failure = f"cannot read the file: {stat.strerror}"
            report.failed.append(ImportFailure(Path(full), failure))
            continue
        before = indexed.get(episode_id)
        if before is not None and before.size == stat.st_size and before.mtime == stat.st_mtime:
            report.unchanged += 1
            continue
        path = Path(full)
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
    run = SyncRun(ix, work, report, failures, progress, should_stop, rebuild, committed)
    shows_before = None  # settle only what a few changed files touch (``settle_names``)
    if work or report.removed or rebuild:
        if not rebuild:
            from reader.library.settle_names import shows_of

            shows_before = shows_of(ix, [job[0] for job in work] + report.removed)
        _import(run)
    if progress is not None and not report.cancelled:
        progress(Progress(len(work), len(work), ""))
    if rebuild and not report.cancelled:
        from reader.library.rebuild import drop_texts_not_indexed

        drop_texts_not_indexed(ix, indexed_before)
    if rebuild:
        forget_settled(ix)
    elif not report.cancelled:  # audio added, removed or renamed beside unchanged transcripts
        imported = {job[0] for job in work} | set(report.removed)
        kept = [i for i in indexed if i in on_disk and i not in imported]
        report.updated += settle_audio(ix, indexed, kept, scan.audio, bool(imported))
    from reader.library.settle_names import settle_after_sync  # only for a full sync

    failed_before = len(report.failed)
    settle_after_sync(ix, report, shows_before)  # new episodes or corrections settle others
    settled = len(report.failed) == failed_before  # else speakers.json is broken: say it again
    if failures != known_failures(ix) and not (rebuild and report.cancelled):
        atomic_write_text(_failures_path(ix), json.dumps(failures, indent=2, ensure_ascii=False))
    if not (rebuild or work or report.removed or report.cancelled):
        settled = settled and not scan.skipped  # else the scan warns of them: let it, each time
        no_op.remember(ix, folder, report, settled)  # the next sync can tell it has nothing to do
    log.info("synced %s: %s", root, report.summary())
    return report


def _import(run: SyncRun) -> None:
    """Import the run's files, in worker processes when that pays. The importers and the
    workers are loaded only here: a sync with nothing to do (every one-shot
    ``episode-reader search`` starts with one) does not pay the 30 ms of loading them."""
    from reader.library import workers
    from reader.library.batches import import_here

    if workers.pays_off(len(run.work), run.ix.notes_source):
        workers.import_in_parallel(run)
    else:
        import_here(run)
