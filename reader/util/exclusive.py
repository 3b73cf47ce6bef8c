"""Create a file whole and durably, only if it does not exist yet: never overwriting.

Written to a temp file, fsynced, then hard-linked to its name: the link fails if the name is
taken, so two processes racing to create it never replace each other's file, and no one ever
sees it half-written.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def create_new_file(path: Path, data: bytes) -> bool:
    """Write ``path`` if it does not exist (its folder must); whether this call wrote it."""
    import tempfile  # not at import: it loads shutil, bz2, lzma and random (20 ms)

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError:  # no hard links here (FAT and exFAT sticks, some network shares)
            return _create_exclusively(path, data)
    finally:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
    return True


def _create_exclusively(path: Path, data: bytes) -> bool:
    """``O_EXCL``: still never over another file, though a reader may see it half-written."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    return True
