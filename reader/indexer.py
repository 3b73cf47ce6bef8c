"""Bring a library's index up to date with its folder: only new, changed and removed files.

Files are compared by size and modification time, and by a content hash when only the time
changed (a copy or a ``touch`` does not force a re-import). Import failures are collected,
remembered (an unchanged broken file is not re-read every time) and never stop the run.
Progress is reported per file and the run can be cancelled between files; what was done
until then is committed.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reader.atomic import atomic_write_text
from reader.importers import import_file
from reader.index import FileState, LibraryIndex
from reader.library import list_transcripts
from reader.model import Episode, ImportFailure

log = logging.getLogger(__name__)

#: Files imported per commit: commits cost 80-280 ms, so group them, but not so many that a
#: cancelled or interrupted first build loses much work.
BATCH_SIZE = 200


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    current: str  # library-relative path of the file being imported


@dataclass
class SyncReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    failed: list[ImportFailure] = field(default_factory=list)
    cancelled: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.removed)} removed, "
            f"{self.unchanged} unchanged, {len(self.failed)} failed"
        )


def file_digest(path: Path) -> str:
    digest = hashlib.blake2b(digest_size=16)
    with path.open("rb") as handle:
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
) -> SyncReport:
    root = ix.library
    report = SyncReport()
    on_disk = {path.relative_to(root).as_posix(): path for path in list_transcripts(root)}
    indexed = ix.files()
    old_failures = known_failures(ix)
    failures: dict[str, dict] = {}

    work: list[tuple[str, Path, FileState, bool]] = []  # id, path, state, is_new
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
        except OSError as exc:
            report.failed.append(ImportFailure(path, f"cannot read the file: {exc.strerror}"))
            continue
        if before is not None and before.size == stat.st_size and before.digest == digest:
            report.unchanged += 1  # touched or copied, same content
            continue
        work.append((episode_id, path, FileState(stat.st_size, stat.st_mtime, digest), not before))

    report.removed = [episode_id for episode_id in indexed if episode_id not in on_disk]
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
            report.failed.append(result)
            failures[episode_id] = {
                "size": state.size,
                "mtime": state.mtime,
                "problem": result.problem,
            }
            if not is_new:
                removals.append(episode_id)  # the indexed version no longer matches the file
            continue
        batch.append((result, state))
        (report.added if is_new else report.updated).append(episode_id)
        if len(batch) >= BATCH_SIZE:
            commit()
    commit()
    if progress is not None and not report.cancelled:
        progress(Progress(len(work), len(work), ""))
    if failures != old_failures:
        atomic_write_text(_failures_path(ix), json.dumps(failures, indent=2, ensure_ascii=False))
    log.info("synced %s: %s", root, report.summary())
    return report
