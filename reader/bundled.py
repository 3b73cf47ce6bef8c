"""Locate files that ship with the app: the sample library and the UI resources.

In a checkout (or an editable install) they sit at the top of the repository; in a wheel
they are packaged as ``reader/_bundled/``. Looking in both places keeps ``python -m reader``
working from a clone and from an installed wheel alike.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_dir(name: str) -> Path:
    """Return the shipped folder ``name`` (``episodes`` or ``resources``)."""
    candidates = (_PACKAGE_DIR / "_bundled" / name, _PACKAGE_DIR.parent / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    searched = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"bundled folder {name!r} is missing (looked in {searched})")


def sample_library() -> Path:
    """The bundled sample library the app opens the first time."""
    return bundled_dir("episodes")


def resource(relative: str) -> Path:
    """A file from the bundled ``resources`` folder, e.g. ``icons/episode-reader.svg``."""
    return bundled_dir("resources") / relative
