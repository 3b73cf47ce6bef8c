"""What one sync of a library works on and reports: its files, progress and outcome.

Shared by the sync (``sync``, ``batches``, ``workers``) and the rebuild (``reader.rebuild``).
Shared by the sync itself (``reader.library.sync``) and the rebuild (``reader.library.rebuild``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reader.model import ImportFailure
from reader.search.index import LibraryIndex
from reader.search.results import FileState

#: A file to import: its episode id, path, state now, and whether it is new to the index.
Job = tuple[str, Path, FileState, bool]


#: Files in the first commit of a sync; each later one doubles, up to the importer's cap. A
#: first index thus shows its first episodes within a second or two, yet makes few segments.
FIRST_ROUND = 50


def rounds(
    count: int, cap: int, first: int = FIRST_ROUND, growth: int = 2
) -> list[tuple[int, int]]:
    """(start, end) of each commit's files among ``count``: ``first`` files, then ``growth``
    times as many each time, never more than ``cap``; a tail smaller than ``first`` joins
    the round before it."""
    spans, start, size = [], 0, max(1, min(first, cap))
    while start < count:
        end = min(start + size, count)
        if count - end < first and end - start + count - end <= cap:
            end = count
        spans.append((start, end))
        start, size = end, min(size * growth, cap)
    return spans


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
    #: Episodes whose show or speaker names were settled anew (``settle_names``).
    renamed: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def touched(self) -> list[str]:
        """The episodes added, updated or removed."""
        return [*self.added, *self.updated, *self.removed]

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.removed)} removed, "
            f"{self.unchanged} unchanged, {len(self.failed)} failed"
        )


@dataclass
class SyncRun:
    """One sync's files to import and what it reports to."""

    ix: LibraryIndex
    work: list[Job]
    report: SyncReport
    failures: dict[str, dict]  # episode id -> what failed, remembered until the file changes
    progress: Callable[[Progress], None] | None
    should_stop: Callable[[], bool] | None
    fresh: bool = False  # a rebuild: everything in one commit that replaces the old index
    #: Told the files done so far after each commit, so a window can list them at once.
    committed: Callable[[int], None] | None = None

    def round_committed(self, done: int) -> None:
        if self.committed is not None:
            self.committed(done)

    def stopped(self) -> bool:
        return self.should_stop is not None and self.should_stop()

    def failed(self, episode_id: str, failure: ImportFailure, state: FileState) -> None:
        """Report a file that did not import, and remember it until it changes."""
        self.report.failed.append(failure)
        self.failures[episode_id] = {
            "size": state.size,
            "mtime": state.mtime,
            "problem": failure.problem,
        }

    def rollback(self) -> Callable[[], None]:
        """A function that forgets what this run reports from now on (if not committed)."""
        report, failures = self.report, self.failures
        marks = (len(report.added), len(report.updated), len(report.failed), dict(failures))

        def forget() -> None:
            del report.added[marks[0] :], report.updated[marks[1] :], report.failed[marks[2] :]
            failures.clear()
            failures.update(marks[3])

        return forget


class Cancelled(Exception):
    """A rebuild was cancelled: nothing of it is committed, the old index stays."""
