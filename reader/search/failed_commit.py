"""A commit that fails (most often: the disk is full) leaves the index as it was.

Whoosh leaves a failed commit half done: the writer lock still held (every later sync of the
app would be "busy"), its temporary folder, and the files of the new segment (and of worker
processes' segments) that no table of contents names. ``abandon`` undoes all of that while
it still holds the lock, so no other writer can be adding files meanwhile; the last complete
commit stays the index, and searches keep using it.
"""

from __future__ import annotations

import errno
import io
import logging
import re
from contextlib import suppress
from pathlib import Path

from whoosh.index import TOC, clean_files

log = logging.getLogger(__name__)

#: Errors that mean "no room left": a full disk, or the user's quota.
DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})


def is_disk_full(exc: BaseException) -> bool:
    """True if ``exc`` (or what caused it) says the disk or the quota is full."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in DISK_FULL_ERRNOS:
            return True
        current = current.__cause__ or current.__context__
    return False


def abandon(writer) -> None:
    """Close a Whoosh writer whose commit failed: delete what it wrote, release the lock."""
    if writer.is_closed:
        return
    with suppress(Exception):  # flushing its files may fail again on a full disk
        writer._close_segment()
    _close_files_of(writer)  # those a failed close above left open
    try:
        _remove_unnamed_files(writer.storage, writer.indexname)
    except Exception:
        log.exception("could not remove the files of a failed commit")
    with suppress(Exception):
        writer._tempstorage.destroy()
    if writer.writelock is not None:
        with suppress(Exception):
            writer.writelock.release()
    writer.is_closed = True


def _close_files_of(writer, limit: int = 5000) -> None:
    """Close every open file the writer's Whoosh objects hold (segment and temporary files)."""
    seen: set[int] = set()
    todo = [writer]
    while todo and len(seen) < limit:
        item = todo.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, io.IOBase):
            with suppress(Exception):
                item.close()
            continue
        if isinstance(item, dict | list | tuple | set):
            todo.extend(item.values() if isinstance(item, dict) else item)
        elif type(item).__module__.startswith("whoosh") and hasattr(item, "__dict__"):
            todo.extend(vars(item).values())


def _remove_unnamed_files(storage, indexname: str) -> None:
    """Segment files the current table of contents does not name, and half-written tables."""
    toc = TOC.read(storage, indexname)
    clean_files(storage, indexname, toc.generation, toc.segments)
    unfinished = re.compile(rf"^_{re.escape(indexname)}_([0-9]+)\.toc\..+$")
    for name in list(storage):
        if unfinished.match(name):
            with suppress(OSError):
                storage.delete_file(name)
    log.info("removed the files of a failed commit in %s", Path(storage.folder))


def write_problem(exc: OSError, folder: Path) -> str:
    """One line for a user about an index that could not be written."""
    if is_disk_full(exc):
        return (
            f"the disk is full: cannot save the search index in {folder}; "
            "it was left as it was (free some space and try again)"
        )
    return f"cannot save the search index in {folder}: {exc.strerror or exc}"
