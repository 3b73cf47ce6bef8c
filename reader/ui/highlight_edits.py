"""Editing a highlight from the transcript's context menu or the Highlights tab: its comment
(several lines), its tags (typed as a comma-separated list), its colour; and bringing a deleted
one back with Edit › Undo Delete Highlight (Ctrl+Z)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QMainWindow

from reader.notes.model import HIGHLIGHT_COLORS, parse_tags
from reader.ui.notes_controller import NotesController
from reader.ui.notes_panel import HighlightsList
from reader.ui.transcript_view import TranscriptView

UNDO_HINT = "Highlight deleted. Press Ctrl+Z to bring it back."


class HighlightEdits(QObject):
    def __init__(
        self,
        window: QMainWindow,
        notes: NotesController,
        view: TranscriptView,
        highlights: HighlightsList,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.notes = notes
        view.edit_highlight_requested.connect(self.edit)
        highlights.edit_requested.connect(self.edit)
        view.delete_highlight_requested.connect(self._deleted)
        highlights.delete_requested.connect(self._deleted)

    def _say(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 8000)

    def _deleted(self, _highlight_id: str) -> None:
        self._say(UNDO_HINT)

    def edit(self, highlight_id: str, what: str) -> None:
        """``what`` is "comment", "tags" or a colour."""
        highlight = self.notes.highlight(highlight_id)
        if highlight is None:
            return
        if what in HIGHLIGHT_COLORS:
            self.notes.set_colour(highlight_id, what)
        elif what == "comment":
            text, ok = QInputDialog.getMultiLineText(
                self.window, "Highlight Comment", "Comment:", highlight.comment
            )
            if ok:
                self.notes.set_comment(highlight_id, text)
        elif what == "tags":
            text, ok = QInputDialog.getText(
                self.window,
                "Highlight Tags",
                "Tags (separated by commas):",
                text=", ".join(highlight.tags),
            )
            if ok:
                self.notes.set_tags(highlight_id, parse_tags(text))

    def undo(self) -> None:
        restored = self.notes.undo_delete()
        if restored is None:
            self._say("No deleted highlight to bring back in this episode.")
        else:
            self._say(f"Highlight restored: “{' '.join(restored.text.split())[:60]}”")
