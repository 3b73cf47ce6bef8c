"""File names as text: episode ids that every layer can store, and names people can read.

A POSIX file name is bytes; one that is not valid UTF-8 (USB sticks, old archives) comes from
Python as a string with lone surrogates (``surrogateescape``), which cannot be written as UTF-8:
the index, notes files, JSON and Qt all refuse it. So an episode id carries each such byte
``0xXX`` as the private-use character ``U+EFXX`` instead (the OPTU-8 convention): the id is
valid text everywhere and maps back to the exact file name (``os_name``). People are shown
U+FFFD, the replacement character, in its place (``for_display``).
"""

from __future__ import annotations

import os
import re
from contextlib import suppress
from pathlib import Path

#: Bytes 0x80-0xFF of an undecodable name: ``surrogateescape`` and our private-use stand-ins.
_SURROGATE = re.compile("[\udc80-\udcff]")
_STAND_IN = re.compile("[\uef80-\uefff]")
_STAND_IN_OFFSET = 0xEF00 - 0xDC00
#: Any lone surrogate (a Windows name can hold others than surrogateescape's).
_ANY_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def text_name(name: str) -> str:
    """An OS file name (or relative path) as storable text: escaped bytes become stand-ins."""
    if not _SURROGATE.search(name):
        return name
    return _SURROGATE.sub(lambda m: chr(ord(m.group()) + _STAND_IN_OFFSET), name)


def os_name(text: str) -> str:
    """The OS file name an id made by ``text_name`` stands for."""
    if not _STAND_IN.search(text):
        return text
    return _STAND_IN.sub(lambda m: chr(ord(m.group()) - _STAND_IN_OFFSET), text)


def is_storable(text: str) -> bool:
    """True if ``text`` can be written as UTF-8 (no lone surrogates left)."""
    return not _ANY_SURROGATE.search(text)


def for_display(name: str | os.PathLike[str]) -> str:
    """A name or id as a person should see it: undecodable bytes shown as U+FFFD."""
    text = os.fspath(name)
    return _ANY_SURROGATE.sub(REPLACEMENT, _STAND_IN.sub(REPLACEMENT, text))


def episode_id(path: Path, root: Path) -> str | None:
    """``path``'s id in the library ``root``: its path below the root with forward slashes,
    as text; None if it is not below the root. The link itself counts, not its target."""
    absolute = Path(os.path.abspath(path))  # noqa: PTH100 (abspath keeps the link itself)
    for base in (Path(os.path.abspath(root)), root.resolve()):  # noqa: PTH100
        with suppress(ValueError):
            return text_name(absolute.relative_to(base).as_posix())
    with suppress(ValueError):  # reached through another route, e.g. a linked folder
        return text_name(path.resolve().relative_to(root.resolve()).as_posix())
    return None


def library_file(root: Path, episode_id: str) -> Path:
    """The file an episode id names in the library ``root``."""
    name = os_name(episode_id)
    real = root / name
    if name != episode_id and not os.path.lexists(real) and os.path.lexists(root / episode_id):
        return root / episode_id  # a real name that holds our stand-in characters itself
    return real


def display_relative(path: Path, root: Path) -> str:
    """How a file of the library is named to people: below the root if it is, else in full."""
    try:
        return for_display(path.relative_to(root).as_posix())
    except ValueError:
        return for_display(path)
