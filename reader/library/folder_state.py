"""A digest of everything a library scan depends on, from one tight walk of the folder.

A sync with nothing to do (every one-shot ``episode-reader search`` starts with one) only
needs to know whether the folder is as the last such sync saw it. Building the whole scan
for that (an id, a full path and a sort key per file, the checks of odd names and links)
took twice as long as the system calls it makes at 10,000 files; this walk makes the same
calls (one listing per folder, one stat per transcript) and keeps only names and numbers.

It is at least as sensitive as the scan (``folder``): every folder's name, every transcript
and audio name, each transcript's size, modification and change times and inode (a file
written in place, even with its size and time put back, moves its change time), and for
anything that is not a plain file (a link, a FIFO) where it leads and what it is. A file
that cannot be looked at, or a folder that cannot be listed, gives None: then no shortcut.

A one-shot command knows its library before it imports the engine (a fifth of a second of
one core), and the walk is Python work of the same order at 10,000 files: ``prefetch``
takes the digest in a forked child meanwhile, on the other core, and the next
``folder_state`` of that folder in this process collects it. A child that fails or dies
only costs the wait: the walk is then made here, as without it.
"""

from __future__ import annotations

import os
import select
import signal
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from operator import attrgetter
from pathlib import Path

from reader.audio.pairing import AUDIO_SUFFIXES
from reader.library.folder import TRANSCRIPT_SUFFIXES
from reader.util import digests

_TRANSCRIPT = TRANSCRIPT_SUFFIXES
_AUDIO = frozenset(AUDIO_SUFFIXES)
_BY_NAME = attrgetter("name")
_BY_HANDLE = os.scandir in os.supports_fd and hasattr(os, "O_DIRECTORY")
_LISTING = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
#: Digests being taken by forked children (``prefetch``): folder -> (pid, reading end).
_PENDING: dict[str, tuple[int, int]] = {}
#: How long to wait for a child's digest before walking the folder here instead.
CHILD_WAIT = 30.0


def prefetch(root: Path) -> None:
    """Start taking ``root``'s digest in a child process (where ``fork`` exists), for the
    next ``folder_state(root)`` here; call it while nothing else runs (no threads)."""
    key = str(root)
    if not hasattr(os, "fork") or key in _PENDING:
        return
    try:
        reading, writing = os.pipe()
    except OSError:
        return
    try:
        pid = os.fork()
    except OSError:
        os.close(reading)
        os.close(writing)
        return
    if pid == 0:  # the child: the digest down the pipe, then out without any clean-up
        status = 1
        try:
            os.close(reading)
            digest = _digest(root)
            os.write(writing, b"-" if digest is None else digest.encode("ascii"))
            status = 0
        finally:
            os._exit(status)
    os.close(writing)
    _PENDING[key] = (pid, reading)


@contextmanager
def walked_ahead(root: Path) -> Iterator[None]:
    """``prefetch(root)`` for the commands run inside, and every child collected after."""
    prefetch(root)
    try:
        yield
    finally:
        drop_prefetched()


def drop_prefetched() -> None:
    """Collect every child ``prefetch`` started whose digest nobody asked for."""
    for key in list(_PENDING):
        _collect(*_PENDING.pop(key))


def _collect(pid: int, reading: int) -> tuple[bool, str | None]:
    """Whether the child answered (it did not die, fail or take too long), and its digest
    (None: it found something it could not look at)."""
    answer = b""
    try:
        while select.select([reading], [], [], CHILD_WAIT)[0]:
            chunk = os.read(reading, 64)
            if not chunk:
                break
            answer += chunk
        else:  # it took too long: it is stopped, and the walk made here
            os.kill(pid, signal.SIGKILL)
            answer = b""
    except OSError:
        answer = b""
    finally:
        os.close(reading)
        try:
            _pid, status = os.waitpid(pid, 0)
        except ChildProcessError:
            status = 1
    if status != 0 or not answer:
        return False, None
    return True, None if answer == b"-" else answer.decode("ascii")


def folder_state(root: Path) -> str | None:
    """The digest of the library's files as a scan sees them; None if some file or folder
    could not be looked at (such a folder must take the full sync, which reports it)."""
    pending = _PENDING.pop(str(root), None)
    if pending is not None:
        answered, digest = _collect(*pending)
        if answered:
            return digest
    return _digest(root)


def _digest(root: Path) -> str | None:
    """The walk behind ``folder_state``."""
    names: list[str] = []
    numbers: list[int] = []
    top = str(root)
    folders = [top]
    while folders:
        folder = folders.pop()
        try:  # listed by a handle: each stat then looks up one name, not the whole path
            handle = os.open(folder, _LISTING) if _BY_HANDLE else -1
        except OSError:
            return None
        try:
            with os.scandir(folder) if handle < 0 else os.scandir(handle) as listing:
                entries = sorted(listing, key=_BY_NAME)
            names.append(f"\0/{folder}")
            if not _add_entries(folder, entries, names, numbers, folders):
                return None
        except OSError:
            return None
        finally:
            if handle >= 0:
                os.close(handle)
    digest = digests.blake2b("\0".join(names).encode("utf-8", "surrogatepass"), digest_size=16)
    digest.update(array("q", numbers).tobytes())
    return digest.hexdigest()


def _add_entries(
    folder: str,
    entries: list[os.DirEntry[str]],
    names: list[str],
    numbers: list[int],
    folders: list[str],
) -> bool:
    """One folder's part of the digest; its sub-folders go on ``folders``; False if a file
    could not be looked at."""
    for entry in entries:
        name = entry.name
        if name[0] == ".":
            continue
        regular = entry.is_file(follow_symlinks=False)
        if not regular and entry.is_dir(follow_symlinks=False):
            folders.append(os.path.join(folder, name))  # noqa: PTH118
            continue
        dot = name.rfind(".")
        suffix = name[dot:].lower() if dot > 0 else ""
        if suffix in _TRANSCRIPT:
            try:
                found = entry.stat()
            except OSError:
                if regular:
                    return False  # the scan reports it: no shortcut
                found = None  # a dangling link: skipped by the scan, as long as it is one
            if found is not None:
                numbers += (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino)
        elif suffix not in _AUDIO:
            continue
        names.append(name)
        if not regular:  # where it leads and what it is decide whether it is read
            names.append(f"\0>{_odd_entry(os.path.join(folder, name))}")  # noqa: PTH118
    return True


def _odd_entry(path: str) -> str:
    """A link's target and the kind and identity of what it leads to (or why it leads
    nowhere), for anything that is not a regular file."""
    target = os.path.realpath(path)
    try:
        found = os.stat(path)  # noqa: PTH116 (strings on purpose, see above)
    except OSError as exc:
        return f"{target}\0{exc.errno}"
    return f"{target}\0{found.st_mode}\0{found.st_ino}\0{found.st_size}\0{found.st_mtime_ns}"
