"""Every keyboard shortcut, in one list: the Help dialog and the README both show it."""

from __future__ import annotations

SHORTCUTS: list[tuple[str, str]] = [
    ("Ctrl+K, Ctrl+L", "Search the library"),
    ("Esc (in the search box)", "Clear the search"),
    ("Down (in the search box)", "Move into the episode list"),
    ("Enter (in the list)", "Open the selected episode"),
    ("Enter (in the search box), F3", "Next search hit in the episode"),
    ("Shift+F3", "Previous search hit"),
    ("Ctrl+F", "Find in this episode"),
    ("Esc (in the find bar)", "Close the find bar"),
    ("H (with text selected)", "Highlight the selection"),
    ("Delete (on a highlight)", "Delete the highlight"),
    ("Ctrl+Shift+C", "Copy the selection, highlight or pull quote as a quote"),
    ("Ctrl+Shift+N", "Add the quote to your notes"),
    ("Ctrl+S", "Save notes now (they also save as you type)"),
    ("F9", "Show or hide the side panel"),
    ("Ctrl+,", "Preferences (quote attribution)"),
    ("Ctrl+=, Ctrl++", "Zoom in"),
    ("Ctrl+-", "Zoom out"),
    ("Ctrl+0", "Reset zoom"),
    ("Ctrl+O", "Open a library folder"),
    ("Ctrl+Shift+P", "Show library problems"),
    ("F1", "Keyboard shortcuts"),
    ("Ctrl+Q", "Quit"),
]
