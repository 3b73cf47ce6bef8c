"""What the main window keeps between runs in ``QSettings``: its geometry and splitter, the
sort, theme, zoom, query and filters, and the episode last open in the library.

Kept out of ``main_window`` so the window stays readable; the keys are in ``settings``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

from reader.search.sorts import SORTS
from reader.ui import filter_bar
from reader.ui import settings as keys
from reader.ui.theme import THEMES

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


def restore_state(window: MainWindow) -> None:
    """Put the window back as it was when it was last closed."""
    geometry = window.settings.value(keys.GEOMETRY)
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    splitter = window.settings.value(keys.SPLITTER)
    if isinstance(splitter, QByteArray):
        window.splitter.restoreState(splitter)
    window.sort = str(window.settings.value(keys.SORT, "relevance"))
    if window.sort not in SORTS:
        window.sort = "relevance"
    for action in window.sort_group.actions():
        action.setChecked(action.data() == window.sort)
    window.theme = str(window.settings.value(keys.THEME, "system"))
    window.set_theme(window.theme if window.theme in THEMES else "system")
    zoom = window.settings.value(keys.ZOOM, 0)  # an int, or its text from the INI file
    window.transcript.view.set_zoom(int(zoom) if isinstance(zoom, int | str) else 0)
    query = str(window.settings.value(keys.QUERY, ""))
    window.library_pane.search_box.blockSignals(True)
    window.library_pane.search_box.setText(query)
    window.library_pane.search_box.blockSignals(False)
    window.library_pane.filter_bar.set_filters(filter_bar.remembered(window.settings))


def save_state(window: MainWindow, open_path: str | None) -> None:
    """Remember the window for the next run (``open_path``: the episode it shows)."""
    s = window.settings
    s.setValue(keys.GEOMETRY, window.saveGeometry())
    s.setValue(keys.SPLITTER, window.splitter.saveState())
    s.setValue(keys.SORT, window.sort)
    s.setValue(keys.THEME, window.theme)
    s.setValue(keys.ZOOM, window.transcript.view.zoom)
    s.setValue(keys.QUERY, window.library_pane.query())
    filter_bar.remember(s, window.library_pane.filter_bar.filters())
    if window.library is not None and open_path:
        s.setValue(keys.LAST_EPISODE, f"{window.library}\n{open_path}")
    s.sync()


def remembered_episode(settings: QSettings, folder: Path) -> str | None:
    """The episode last open in ``folder``, if that library was the one last open."""
    value = str(settings.value(keys.LAST_EPISODE, ""))
    library, _sep, path = value.partition("\n")
    return path if library == str(folder) and path else None
