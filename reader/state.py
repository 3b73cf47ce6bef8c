"""Small pieces of state shared by the window and the command line (last library opened).

Kept in a JSON file in the config folder rather than in Qt's settings, so the Qt-free command
line can read it too.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from reader.bundled import sample_library
from reader.library import LibraryError, check_library
from reader.paths import AppPaths
from reader.util.atomic import atomic_write_text

log = logging.getLogger(__name__)


def _state_file(paths: AppPaths) -> Path:
    return paths.config / "state.json"


def _load(paths: AppPaths) -> dict:
    try:
        data = json.loads(_state_file(paths).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable %s: %s", _state_file(paths), exc)
        return {}
    return data if isinstance(data, dict) else {}


def remember_library(paths: AppPaths, folder: Path) -> None:
    data = _load(paths)
    data["last_library"] = str(folder)
    try:
        atomic_write_text(_state_file(paths), json.dumps(data, indent=2, ensure_ascii=False))
    except OSError as exc:  # not worth failing over: the user just picks it again next time
        log.warning("could not remember the library in %s: %s", _state_file(paths), exc)


def last_library(paths: AppPaths) -> Path | None:
    value = _load(paths).get("last_library")
    return Path(value) if isinstance(value, str) and value else None


def default_library(paths: AppPaths) -> tuple[Path, str | None]:
    """The last library if it still opens, else the bundled samples (with a notice why)."""
    remembered = last_library(paths)
    if remembered is not None:
        try:
            return check_library(remembered), None
        except LibraryError as exc:
            notice = f"Last library unavailable ({exc}); opened the sample library instead."
            log.warning("%s", notice)
            return sample_library(), notice
    return sample_library(), None
