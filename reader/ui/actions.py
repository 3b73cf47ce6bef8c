"""Every command of the window in one table: the menus are built from it and the Help dialog
(Help › Keyboard Shortcuts, and the README's copy of it) lists it, so a key shown to the user
is always the key the action really has.

``ACTIONS`` is in the order the Help dialog shows; ``MENU_BAR`` says where each action goes in
the menus. Entries without a menu place are keys that only one widget handles (Esc in the
search box, Delete on a highlight): they are listed for Help and bound by that widget.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from reader import APP_NAME

StandardKey = QKeySequence.StandardKey


@dataclass(frozen=True)
class Action:
    id: str  # the QAction's object name, and how MENU_BAR and the window refer to it
    label: str  # menu text, with its & mnemonic ("" for keys that are in no menu)
    help: str = ""  # what Help says it does ("" when Help does not list it)
    keys: tuple[str, ...] = ()  # bound to the action, as Help shows them
    #: Bind the platform's standard keys instead (⌘O on macOS); ``keys`` names them for Help.
    standard: StandardKey | None = None
    widget_keys: str = ""  # keys one widget handles, as Help shows them ("Esc (in the find bar)")
    hint: str = ""  # shown after the label in the menu, for keys a widget handles
    checkable: bool = False

    def key_sequences(self) -> list[QKeySequence]:
        """The shortcuts the QAction gets."""
        if self.standard is not None:
            sequences = [QKeySequence(self.standard)]  # the first standard binding, if any
        else:
            sequences = [QKeySequence(key) for key in self.keys]
        return [sequence for sequence in sequences if not sequence.isEmpty()]

    def keys_text(self) -> str:
        """The keys as Help lists them."""
        return ", ".join(part for part in (self.widget_keys, ", ".join(self.keys)) if part)

    def menu_text(self) -> str:
        return f"{self.label}\t{self.hint}" if self.hint else self.label


# fmt: off
ACTIONS: tuple[Action, ...] = (
    Action("search", "&Search Library", "Search the library", keys=("Ctrl+K", "Ctrl+L")),
    Action("clear_search", "", "Clear the search", widget_keys="Esc (in the search box)"),
    Action("query_help", "", "How to search: examples of every query form",
           widget_keys="F1 (in the search box)"),
    Action("into_list", "", "Move into the episode list", widget_keys="Down (in the search box)"),
    Action("open_selected", "", "Open the selected episode", widget_keys="Enter (in the list)"),
    Action("next_hit", "&Next Hit", "Next search hit in the episode", keys=("F3",),
           widget_keys="Enter (in the search box)"),
    Action("previous_hit", "&Previous Hit", "Previous search hit", keys=("Shift+F3",)),
    Action("next_episode", "Next &Episode with Hits", "Open the next result at its first hit",
           keys=("Ctrl+F3",)),
    Action("previous_episode", "Previous Episode with &Hits",
           "Open the previous result at its first hit", keys=("Ctrl+Shift+F3",)),
    Action("find", "&Find in Episode…", "Find in this episode", keys=("Ctrl+F",)),
    Action("dossier", "Topic &Dossier…",
           "Every moment the search was discussed, by episode or speaker", keys=("Ctrl+Shift+D",)),
    Action("who_said", "&Who Said This?…", "Find who said a quote, exact or half-remembered",
           keys=("Ctrl+Shift+W",)),
    Action("close_find", "", "Close the find bar", widget_keys="Esc (in the find bar)"),
    Action("highlight", "&Highlight Selection", "Highlight the selection",
           widget_keys="H (with text selected)", hint="H"),
    Action("delete_highlight", "", "Delete the highlight", widget_keys="Delete (on a highlight)"),
    Action("undo_delete_highlight", "&Undo Delete Highlight",
           "Bring back the highlight just deleted", keys=("Ctrl+Z",)),
    Action("copy_quote", "Copy &Quote", "Copy the selection, highlight or pull quote as a quote",
           keys=("Ctrl+Shift+C",)),
    Action("quote_to_notes", "&Add Quote to Notes", "Add the quote to your notes",
           keys=("Ctrl+Shift+N",)),
    Action("save_notes", "&Save Notes", "Save notes now (they also save as you type)",
           keys=("Ctrl+S",), standard=StandardKey.Save),
    Action("play_pause", "&Play / Pause", "Play or pause the episode's audio",
           keys=("Ctrl+Space",), widget_keys="Space (in the transcript)"),
    Action("skip_back", "&Back 15 Seconds", "Back 15 seconds", keys=("Alt+Left",)),
    Action("skip_forward", "&Forward 30 Seconds", "Forward 30 seconds", keys=("Alt+Right",)),
    Action("play_hit", "Play &Hit", "Play from the current search hit",
           keys=("Ctrl+Shift+Space",)),
    Action("follow_playback", "F&ollow Playback", checkable=True),
    Action("annotations", "&Annotations…",
           "Browse every highlight and pull quote in the library", keys=("Ctrl+Shift+A",)),
    Action("annotations_open", "", "Open the mark at its passage",
           widget_keys="Enter, click (in the annotations)"),
    Action("annotations_copy", "", "Copy the selected marks as quotes",
           widget_keys="Ctrl+C (in the annotations)"),
    Action("side_panel", "Side &Panel", "Show or hide the side panel", keys=("F9",),
           checkable=True),
    Action("preferences", "&Preferences…", "Preferences (quote attribution)", keys=("Ctrl+,",)),
    Action("zoom_in", "Zoom &In", "Zoom in", keys=("Ctrl+=", "Ctrl++")),
    Action("zoom_out", "Zoom &Out", "Zoom out", keys=("Ctrl+-",)),
    Action("actual_size", "&Actual Size", "Reset zoom", keys=("Ctrl+0",)),
    Action("open_library", "&Open Library…", "Open a library folder", keys=("Ctrl+O",),
           standard=StandardKey.Open),
    Action("problems", "Library &Problems…", "Show library problems", keys=("Ctrl+Shift+P",)),
    Action("shortcuts", "&Keyboard Shortcuts", "Keyboard shortcuts", keys=("F1",)),
    Action("quit", "&Quit", "Quit", keys=("Ctrl+Q",), standard=StandardKey.Quit),
    Action("reindex", "Re&index Library"),
    Action("export_notes", "&Export Notes…"),
    Action("orphans", "Or&phaned Notes…"),
    Action("speakers", "Spea&kers…"),
    Action("quote_card_square", "Save Quote as &Image…"),
    Action("quote_card_landscape", "Save Quote as Image (&Landscape)…"),
    Action("about", f"&About {APP_NAME}"),
)
# fmt: on

BY_ID: dict[str, Action] = {action.id: action for action in ACTIONS}


@dataclass(frozen=True)
class Submenu:
    """A submenu whose entries the window fills (recent libraries, sort orders, themes)."""

    id: str
    label: str


SEPARATOR = "-"

# fmt: off
MENU_BAR: tuple[tuple[str, tuple[str | Submenu, ...]], ...] = (
    ("&File", ("open_library", Submenu("recent", "Open &Recent"), "reindex", "problems",
               "speakers", "export_notes", "orphans", SEPARATOR, "quit")),
    ("&Edit", ("undo_delete_highlight", SEPARATOR,
               "highlight", "copy_quote", "quote_to_notes", "quote_card_square",
               "quote_card_landscape", SEPARATOR, "save_notes", SEPARATOR, "preferences")),
    ("&Go", ("search", "find", "next_hit", "previous_hit", "next_episode", "previous_episode",
             SEPARATOR, "dossier", "who_said")),
    ("&Audio", ("play_pause", "skip_back", "skip_forward", "play_hit", SEPARATOR,
                "follow_playback")),
    ("&View", (Submenu("sort", "&Sort By"), SEPARATOR, "zoom_in", "zoom_out", "actual_size",
               SEPARATOR, "annotations", "side_panel", Submenu("theme", "&Theme"))),
    ("&Help", ("shortcuts", "about")),
)
# fmt: on

#: The entries of View › Theme.
THEME_LABELS = {"system": "Follow &System", "light": "&Light", "dark": "&Dark"}


def help_rows() -> list[tuple[str, str]]:
    """(keys, what they do) for the Help dialog, in the table's order."""
    return [(action.keys_text(), action.help) for action in ACTIONS if action.help]


def build_menu_bar(
    bar: QMenuBar, parent: QObject, slots: Mapping[str, Callable[..., object]]
) -> tuple[dict[str, QAction], dict[str, QMenu]]:
    """Fill ``bar`` from ``MENU_BAR``, connecting each action to ``slots[id]``; returns the
    actions and the (still empty) submenus by id."""
    actions: dict[str, QAction] = {}
    submenus: dict[str, QMenu] = {}
    for title, entries in MENU_BAR:
        menu = bar.addMenu(title)
        for entry in entries:
            if entry == SEPARATOR:
                menu.addSeparator()
            elif isinstance(entry, Submenu):
                submenus[entry.id] = menu.addMenu(entry.label)
            else:
                actions[entry] = _make_action(BY_ID[entry], menu, parent, slots[entry])
    return actions, submenus


def _make_action(
    spec: Action, menu: QMenu, parent: QObject, slot: Callable[..., object]
) -> QAction:
    action = QAction(spec.menu_text(), parent)
    action.setObjectName(spec.id)
    shortcuts = spec.key_sequences()
    if shortcuts:
        action.setShortcuts(shortcuts)
    action.setCheckable(spec.checkable)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action
