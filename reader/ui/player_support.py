"""Whether this install can play audio, and if not, the one line that says how to enable it.

QtMultimedia comes with the ``audio`` extra (PySide6-Addons); without it, or without the system
library it links (libpulse on Linux), the app runs without a player and says why."""

from __future__ import annotations

import functools
import importlib
import logging
import re
import threading
from types import ModuleType

log = logging.getLogger(__name__)

INSTALL_HINT = 'To play it here, install the audio extra: pip install "episode-reader[audio]"'

_MISSING_LIBRARY = re.compile(r"(lib[\w+.-]+\.so[.\d]*): cannot open shared object file")


def preload() -> None:
    """Import QtMultimedia on a thread of its own (tens of ms of loading libraries), so that
    the first episode with audio does not wait for it on the GUI thread."""
    threading.Thread(target=engine_module, name="load-qtmultimedia", daemon=True).start()


@functools.cache
def engine_module() -> ModuleType | str:
    """``reader.ui.player_engine``, or why it cannot be loaded (one line for the user)."""
    try:
        return importlib.import_module("reader.ui.player_engine")
    except ImportError as exc:
        log.info("no audio player: %s", exc)
        return why_not(exc)


def why_not(exc: ImportError) -> str:
    """The user's one line for a failed QtMultimedia import."""
    library = _MISSING_LIBRARY.search(str(exc))
    if library:
        from reader.util.qt_libraries import install_command, package_for

        package = package_for(library[1])
        return (
            f"To play it here, install the system library {package}: "
            f"{' '.join(install_command([package]))}"
        )
    return INSTALL_HINT
