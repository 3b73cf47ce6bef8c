"""The main window's menu bar: which slot each action of ``reader.ui.actions`` runs, and the
Sort and Theme choices.

Kept out of ``main_window`` so the window stays readable; the actions, submenus and choice
groups are set on the window under the names tests and the controllers use.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu

from reader.search.sorts import SORTS
from reader.ui.actions import THEME_LABELS, build_menu_bar

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


def build_menus(window: MainWindow) -> None:
    """Fill the window's menu bar and connect every action to what it does."""
    slots: dict[str, Callable[..., object]] = {
        "open_library": window.libraries.choose_library,
        "reindex": window.reindex,
        "problems": window.libraries.show_problems,
        "export_notes": window.export_notes,
        "orphans": window.show_orphans,
        "speakers": window.speaker_names.show_dialog,
        "quit": window.close,
        "highlight": lambda: window.notes.add_highlight("yellow"),
        "undo_delete_highlight": window.highlight_edits.undo,
        "copy_quote": window.quotes.copy,
        "quote_to_notes": window.quotes.add_to_notes,
        "quote_card_square": lambda: window.quotes.save_card("square"),
        "quote_card_landscape": lambda: window.quotes.save_card("landscape"),
        "save_notes": window.notes.save,
        "preferences": window.show_preferences,
        "search": window.library_pane.focus_search,
        "dossier": window.research.show_dossier,
        "who_said": window.research.show_who_said,
        "find": window.transcript.find_bar.open_bar,
        "next_hit": window.next_hit,
        "previous_hit": window.previous_hit,
        "next_episode": lambda: window.step_episode(1),
        "previous_episode": lambda: window.step_episode(-1),
        "zoom_in": lambda: window.set_zoom(window.transcript.view.zoom + 1),
        "zoom_out": lambda: window.set_zoom(window.transcript.view.zoom - 1),
        "actual_size": lambda: window.set_zoom(0),
        "side_panel": window.toggle_side_panel,
        "annotations": window.annotations.show_browser,
        "shortcuts": window.show_shortcuts,
        "about": window._about,
        **window.player.slots(),
    }
    window.menu_actions, submenus = build_menu_bar(window.menuBar(), window, slots)
    window.player.set_actions(window.menu_actions)
    window.open_action = window.menu_actions["open_library"]
    window.menu_actions["side_panel"].setChecked(True)
    window.recent_menu = submenus["recent"]
    window.recent_menu.aboutToShow.connect(window._fill_recent)
    sorts = {sort: sort.capitalize() for sort in SORTS}
    window.sort_group = _choices(window, submenus["sort"], sorts, window.set_sort)
    window.theme_group = _choices(window, submenus["theme"], THEME_LABELS, window.set_theme)


def _choices(
    parent: QObject, menu: QMenu, choices: Mapping[str, str], choose: Callable[[str], None]
) -> QActionGroup:
    """One checkable action per choice (label by value), of which one is checked."""
    group = QActionGroup(parent)
    for value, label in choices.items():
        action = menu.addAction(label)
        action.setCheckable(True)
        action.setData(value)
        action.triggered.connect(lambda _c=False, v=value: choose(v))
        group.addAction(action)
    return group
