"""Window state kept in an INI file inside the config folder, so ``--data-dir`` moves it too."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from reader.paths import AppPaths

GEOMETRY = "window/geometry"
SPLITTER = "window/splitter"
SORT = "search/sort"
QUERY = "search/query"
ZOOM = "reader/zoom"
THEME = "view/theme"
LAST_EPISODE = "reader/last_episode"  # "library folder\nepisode path"
RECENT = "library/recent"
QUOTE_TEMPLATE = "quotes/template"


def open_settings(paths: AppPaths) -> QSettings:
    return QSettings(str(paths.config / "settings.ini"), QSettings.Format.IniFormat)
