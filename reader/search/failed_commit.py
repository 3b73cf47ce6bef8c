"""A commit that fails (most often: the disk is full): what to tell the user.

The index itself is left as it was (``whoosh_ext.writing.abandon`` undoes what the failed
commit wrote and releases its lock); the last complete commit stays the index, and searches
keep using it. Here: recognising a full disk, and the sentence that says so.
"""

from __future__ import annotations

import errno
from pathlib import Path

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


def write_problem(exc: OSError, folder: Path) -> str:
    """One line for a user about an index that could not be written."""
    if is_disk_full(exc):
        return (
            f"the disk is full: cannot save the search index in {folder}; "
            "it was left as it was (free some space and try again)"
        )
    return f"cannot save the search index in {folder}: {exc.strerror or exc}"
