"""Read a transcript file only if it is a regular file of sane size, without ever blocking.

A FIFO in the library would make a plain ``open`` wait forever for a writer, and a link to
``/dev/zero`` would make a read never end. So files are opened non-blocking, checked with
``fstat`` on the open descriptor (what is checked is what is read, even if the name was
swapped since the folder was listed) and read up to a limit.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class FileRefused(OSError):
    """A file that is not read, and why, in words a user understands."""


def kind_of(mode: int) -> str:
    """What a non-regular file is, for messages: "a FIFO (named pipe)", "a socket"..."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def not_regular(mode: int) -> str:
    return f"not a regular file ({kind_of(mode)}); not read"


def too_large(size: int, limit: int) -> str:
    return f"file is too large ({size / 1e6:.1f} MB; the limit is {limit // (1024 * 1024)} MB)"


@contextmanager
def open_regular(path: Path, limit: int) -> Iterator[BinaryIO]:
    """``path`` opened for reading; raises ``FileRefused`` for anything but a regular file of
    at most ``limit`` bytes, and ``OSError`` if it cannot be opened."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        try:
            mode = path.stat().st_mode
        except OSError:
            raise exc from None
        if not stat.S_ISREG(mode):  # e.g. a socket: opening it fails with ENXIO
            raise FileRefused(not_regular(mode)) from None
        raise
    handle = os.fdopen(fd, "rb")
    with handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(not_regular(info.st_mode))
        if info.st_size > limit:
            raise FileRefused(too_large(info.st_size, limit))
        yield handle


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (see ``open_regular``)."""
    with open_regular(path, limit) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:  # it grew since fstat
        raise FileRefused(too_large(len(data), limit))
    return data
