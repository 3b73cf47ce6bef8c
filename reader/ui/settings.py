"""Window state kept in an INI file inside the config folder, so ``--data-dir`` moves it too."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from reader.paths import AppPaths

LAST_LIBRARY = "library/last"
GEOMETRY = "window/geometry"
SPLITTER = "window/splitter"


def open_settings(paths: AppPaths) -> QSettings:
    return QSettings(str(paths.config / "settings.ini"), QSettings.Format.IniFormat)


def last_library(settings: QSettings) -> Path | None:
    value = settings.value(LAST_LIBRARY, "", type=str)
    return Path(value) if value else None
