"""One sync, rebuild or creation of a library's index at a time, across processes.

Whoosh's writer lock guards one commit; a sync is several commits, and it decides which files
are new from what the index holds. Two syncs that both looked before either committed would
both add every new file, so a sync takes this lock first and looks at the index only once it
holds it. It is a separate lock so that notes and merges can still commit between a sync's
batches. The lock file sits beside the index folder (creating the index deletes that
folder) and names its holder, so a waiting process can say who it waits for. The operating
system releases the lock when its holder dies, however it dies.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh.util.filelock import FileLock

log = logging.getLogger(__name__)

SYNC, REBUILD, CREATE = "updating", "rebuilding", "creating"
POLL = 0.05


class IndexBusy(Exception):
    """Another process is updating the index (its sync or writer lock); searches still see
    its last commit."""


class RebuildRunning(IndexBusy):
    """A rebuild was asked for while another process is rebuilding the same index."""


def lock_path(index_folder: Path) -> Path:
    return index_folder.with_name(index_folder.name + ".lock")


def holder(index_folder: Path) -> tuple[int, str] | None:
    """(process id, what it is doing) of the lock's last holder, if it said."""
    try:
        pid, _, doing = lock_path(index_folder).read_text(encoding="utf-8").partition(" ")
        return int(pid), doing.strip()
    except (OSError, ValueError):
        return None


def describe(index_folder: Path) -> str:
    found = holder(index_folder)
    if found is None:
        return "another Episode Reader is updating this library's index"
    pid, doing = found
    return f"another Episode Reader (process {pid}) is {doing} this library's index"


@contextmanager
def exclusive(
    index_folder: Path,
    doing: str,
    timeout: float | None,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold the index's sync lock; wait up to ``timeout`` seconds (None: as long as it takes).

    Raises ``IndexBusy`` when the wait runs out, and ``RebuildRunning`` at once when a
    rebuild finds another rebuild running (a second one would only repeat the first).
    ``on_wait`` is told once, with a sentence naming the holder, if this has to wait.
    """
    index_folder.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_path(index_folder)))
    deadline = None if timeout is None else time.monotonic() + timeout
    told = False
    while not lock.acquire(blocking=False):
        busy = describe(index_folder)
        found = holder(index_folder)
        if doing == REBUILD and found is not None and found[1] == REBUILD:
            raise RebuildRunning(
                f"another rebuild of this library's index is running (process {found[0]}); "
                "its index will be ready when it finishes"
            )
        if deadline is not None and time.monotonic() >= deadline:
            raise IndexBusy(f"{busy}; try again shortly")
        if on_wait is not None and not told:
            on_wait(f"{busy}; waiting for it to finish")
            told = True
        time.sleep(POLL)
    try:
        _say_holder(lock, doing)
        yield
    finally:
        _say_holder(lock, "")
        lock.release()


def _say_holder(lock: FileLock, doing: str) -> None:
    """Write (or clear) who holds the lock into the lock file itself."""
    try:
        os.ftruncate(lock.fd, 0)
        if doing:
            os.pwrite(lock.fd, f"{os.getpid()} {doing}\n".encode(), 0)
    except (OSError, AttributeError):  # only a message is lost
        log.debug("cannot note the lock's holder", exc_info=True)
