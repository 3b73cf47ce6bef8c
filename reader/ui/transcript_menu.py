"""The transcript's context menu: Qt's own entries (copy, select all), then highlighting and
the quote actions, each enabled only when there is something for it to act on."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, SignalInstance
from PySide6.QtWidgets import QMenu

from reader.ui.actions import BY_ID
from reader.ui.notes_panel import add_edit_entries
from reader.ui.transcript_formats import HIGHLIGHT_TINTS

if TYPE_CHECKING:
    from reader.ui.transcript_view import TranscriptView


def _emit(signal: SignalInstance, *args: object) -> Callable[[], None]:
    return lambda: signal.emit(*args)


def context_menu(view: TranscriptView, point: QPoint, position: int) -> QMenu:
    """The menu for a right click at viewport ``point``, document ``position``."""
    menu = view.createStandardContextMenu(point)
    menu.addSeparator()
    has_quote = view.selected_span() is not None or view.pull_quote_at(position) is not None
    highlight = menu.addMenu("&Highlight")
    highlight.setEnabled(view.selected_span() is not None)
    for colour in HIGHLIGHT_TINTS:
        hint = f"\t{BY_ID['highlight'].hint}" if colour == "yellow" else ""
        highlight.addAction(f"{colour.capitalize()}{hint}", _emit(view.highlight_requested, colour))
    highlight_id = view.highlight_at(position)
    if highlight_id is not None:
        add_edit_entries(menu, lambda what: view.edit_highlight_requested.emit(highlight_id, what))
        menu.addAction(
            "&Delete Highlight\tDel", _emit(view.delete_highlight_requested, highlight_id)
        )
    menu.addSeparator()
    copy_quote = BY_ID["copy_quote"]
    copy = menu.addAction(
        f"{copy_quote.label}\t{copy_quote.keys_text()}", view.copy_quote_requested.emit
    )
    to_notes = menu.addAction("&Add Quote to Notes", view.quote_to_notes_requested.emit)
    square = menu.addAction(
        "Save Quote as &Image (Square)…", _emit(view.quote_card_requested, "square")
    )
    landscape = menu.addAction(
        "Save Quote as Image (&Landscape)…", _emit(view.quote_card_requested, "landscape")
    )
    for action in (copy, to_notes, square, landscape):
        action.setEnabled(has_quote)
    return menu
