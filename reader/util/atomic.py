"""Write files so that a crash never leaves a half-written or empty file behind.

The new content goes to a temporary file in the same folder (so the final rename stays on one
file system), is flushed and fsynced, then replaces the target in one step; the folder is
fsynced too so the rename itself survives a power cut. Modelled on Picard's ``atomic_write``.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def atomic_write_bytes(path: Path, data: bytes, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` in one step. ``durable=False`` skips the fsyncs: still
    never half-written, but a power cut may lose it; right for caches that can be rebuilt.

    The file gets the permissions a plain ``open()`` would give it (the user's umask), or keeps
    those of the file it replaces: ``mkstemp``'s private 0600 would make exported notes and
    quote cards unreadable to the apps and people the user shares them with.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    import tempfile  # not at import: it loads shutil, bz2, lzma and random (20 ms)

    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with contextlib.suppress(OSError):  # some file systems (FAT, SMB) cannot chmod
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            if durable:
                os.fsync(tmp.fileno())
        Path(tmp_name).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp_name).unlink()
        raise
    if durable:
        _fsync_dir(path.parent)


def _mode_for(path: Path) -> int:
    """The replaced file's permission bits, else 0666 less the process umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process umask, read without changing it where the system says it (Linux), since
    setting and restoring it races with other threads creating files."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def atomic_write_text(path: Path, text: str, durable: bool = True) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), durable)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows cannot open folders
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse it
        pass
    finally:
        os.close(fd)
