"""Peak memory of a whole process tree, sampled from /proc: the parent and every child.

``ru_maxrss`` of this process misses the worker processes that do most of an index build, and
``RUSAGE_CHILDREN`` gives only the largest single child that has been waited for. A sampler
thread sums the resident memory of this process and all its descendants every few tens of ms.
"""

from __future__ import annotations

import os
import resource
import threading
from pathlib import Path
from types import TracebackType

MB = 1024 * 1024
_PAGE = os.sysconf("SC_PAGE_SIZE")


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def tree_pids(root: int) -> list[int]:
    """``root`` and every process below it (through /proc/PID/task/TID/children)."""
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo += _children(pid)
    return pids


def rss_bytes(pid: int) -> int:
    """Resident memory of one process, 0 when it is gone."""
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss_bytes(root: int) -> tuple[int, int]:
    """(sum of resident memory of the tree, how many processes it has)."""
    pids = tree_pids(root)
    return sum(rss_bytes(p) for p in pids), len(pids)


def children_maxrss_mb() -> float:
    """Largest peak of any finished child of this process (the kernel's own accounting)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


class TreePeak:
    """``with TreePeak() as peak: ...``; then ``peak.mb``: the largest sum seen, sampled every
    ``interval`` seconds, and ``peak.processes``: the most processes seen at once."""

    def __init__(self, interval: float = 0.05, root: int | None = None) -> None:
        self.interval = interval
        self.root = os.getpid() if root is None else root
        self.peak = 0
        self.processes = 0
        self.samples = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, name="tree-peak", daemon=True)

    def _sample(self) -> None:
        while True:
            total, count = tree_rss_bytes(self.root)
            self.peak = max(self.peak, total)
            self.processes = max(self.processes, count)
            self.samples += 1
            if self._done.wait(self.interval):
                return

    def __enter__(self) -> TreePeak:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._done.set()
        self._thread.join()

    @property
    def mb(self) -> float:
        return round(self.peak / MB, 1)
