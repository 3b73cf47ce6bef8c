"""The transcript, laid out for reading, with search hits to step through.

The document is built block by block with ``QTextCursor`` and plain-text inserts, never from
HTML (``transcript_layout``), so nothing in a transcript can become markup, script or a remote
request. Each heading and segment of ``Episode.text`` becomes one paragraph; ``_blocks`` maps
offsets in that text to positions in the document, which is how search hits, pull-quote
passages and user highlights are placed.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QResizeEvent,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QMenu, QTextBrowser, QTextEdit, QToolTip

from reader.model import Episode
from reader.ui.block_map import BlockMap
from reader.ui.transcript_formats import (
    highlight_format,
    hit_formats,
    passage_format,
    spoken_format,
)
from reader.ui.transcript_layout import build_document
from reader.ui.transcript_menu import context_menu
from reader.util.timefmt import format_time
from reader.util.words import snap_to_words

log = logging.getLogger(__name__)

#: Widest line of text, in average characters: about what books and good readers use.
MEASURE_CHARS = 72
BASE_POINT_SIZE = 12.0
ZOOM_STEP = 1.0
ZOOM_RANGE = (-5, 12)
#: Where a jump puts its target: about a third down the view, with context above and below.
JUMP_FRACTION = 1 / 3


class TranscriptView(QTextBrowser):
    """Shows one episode; marks search hits and steps through them."""

    hit_changed = Signal(int, int)  # current (1-based, 0 = none), total
    highlight_requested = Signal(str)  # colour; the selection is in selected_span()
    delete_highlight_requested = Signal(str)  # highlight id
    edit_highlight_requested = Signal(str, str)  # highlight id, "comment"/"tags"/a colour
    copy_quote_requested = Signal()
    quote_to_notes_requested = Signal()
    quote_card_requested = Signal(str)  # preset
    menu_opened = Signal(QMenu, int)  # the context menu and its position, before it shows

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("transcript")
        self.setAccessibleName("Transcript")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)  # never break inside a word
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.episode: Episode | None = None
        self.zoom = 0
        self._blocks = BlockMap()  # where the transcript text sits in the document
        self._quote_marks: list[QTextEdit.ExtraSelection] = []
        self._pull_quotes: list[tuple[int, int, int]] = []  # doc start, doc end, quote index
        self.user_highlights: list[tuple[str, int, int, str]] = []  # id, start, end, colour
        self._menu_position: int | None = None  # where the context menu was opened
        self.hits: list[tuple[int, int]] = []
        self.current = -1
        self.spoken: tuple[int, int] | None = None  # the words being played (the player sets it)
        self._apply_font()

    # -- building -----------------------------------------------------------------------------
    def show_episode(self, episode: Episode | None, message: str = "") -> None:
        """Lay out ``episode`` (or show ``message`` when there is none)."""
        if episode is not self.episode:
            self.spoken = None
        self.episode = episode
        self.hits, self.current = [], -1
        doc, self._blocks, self._pull_quotes = build_document(
            self, self.font(), self.palette(), self._point_size(), episode, message
        )
        self.setDocument(doc)
        if episode is None:
            self._quote_marks = []
            self._refresh_selections()
            return
        self._quote_marks = self._passage_marks(episode)
        self._refresh_selections()
        self.verticalScrollBar().setValue(0)

    def _passage_marks(self, episode: Episode) -> list[QTextEdit.ExtraSelection]:
        """Body passages that a pull quote repeats: italic, dotted underline and a tint."""
        marks = []
        for quote in episode.quotes:
            if quote.start is None or quote.end is None:
                continue
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self._cursor_for(quote.start, quote.end)
            selection.format = passage_format(self.palette(), quote.speaker)
            marks.append(selection)
        return marks

    # -- offsets ------------------------------------------------------------------------------
    def position_of(self, offset: int) -> int:
        """Document position of an offset in the episode's transcript text."""
        return self._blocks.position_of(offset)

    def _cursor_for(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.position_of(start))
        cursor.setPosition(self.position_of(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def offset_at_top(self) -> int | None:
        """The text offset of the first line in view: where the reader is."""
        return self.top_offset(self.cursorForPosition(QPoint(0, 0)).position())

    def top_offset(self, position: int) -> int | None:
        """The text offset at or after ``position`` (a label or a quote block counts as the
        text that follows it): where a reading place is kept."""
        return self._blocks.nearest_offset(position, forward=True)

    def offset_of(self, position: int) -> int | None:
        """The transcript-text offset of a document position (None outside the text, e.g. in
        a speaker label or a pull-quote block)."""
        return self._blocks.offset_of(position)

    def time_tip(self, point: QPoint) -> str | None:
        """The tooltip over the transcript at viewport ``point``: when the words there were
        said (the start of their own cue, also in the middle of a merged paragraph)."""
        if self.episode is None:
            return None
        cursor = self.cursorForPosition(point)
        if not self.cursorRect(cursor).adjusted(-40, -4, 40, 4).contains(point):
            return None  # past the end of a line, or in a margin
        offset = self.offset_of(cursor.position())
        seconds = self.episode.time_at(offset) if offset is not None else None
        return f"Said at {format_time(seconds)}" if seconds is not None else None

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.time_tip(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def pull_quote_at(self, position: int) -> int | None:
        """Index of the pull quote whose block holds ``position``, if any."""
        for start, end, q_index in self._pull_quotes:
            if start <= position <= end:
                return q_index
        return None

    def selected_span(self) -> tuple[int, int] | None:
        """The selection as transcript-text offsets, trimmed of white space and widened to
        whole words; None if it does not lie in the transcript text (labels and pull-quote
        blocks are not part of it)."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or self.episode is None:
            return None
        start = self._blocks.nearest_offset(cursor.selectionStart(), forward=True)
        end = self._blocks.nearest_offset(cursor.selectionEnd(), forward=False)
        if start is None or end is None or end <= start:
            return None
        text = self.episode.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return snap_to_words(text, start, end) if end > start else None

    def highlight_span(self, position: int) -> tuple[int, int] | None:
        """Offsets of the user highlight under ``position``, if any."""
        found = self._highlight_under(position)
        return (found[1], found[2]) if found else None

    def highlight_at(self, position: int) -> str | None:
        found = self._highlight_under(position)
        return found[0] if found else None

    def _highlight_under(self, position: int) -> tuple[str, int, int, str] | None:
        offset = self.offset_of(position)
        if offset is None:
            return None
        return next((h for h in self.user_highlights if h[1] <= offset <= h[2]), None)

    def action_position(self) -> int:
        """Where a quote or highlight action applies: where the context menu was opened,
        else the text cursor."""
        if self._menu_position is not None:
            return self._menu_position
        return self.textCursor().position()

    def set_user_highlights(self, highlights: list[tuple[str, int, int, str]]) -> None:
        self.user_highlights = list(highlights)
        self._refresh_selections()

    # -- hits ---------------------------------------------------------------------------------
    def set_hits(self, spans: list[tuple[int, int]], go_to_first: bool = True) -> None:
        self.hits = sorted(spans)
        self.current = 0 if self.hits and go_to_first else -1
        self._refresh_selections()
        if self.current >= 0:
            self._scroll_to_current()
        self.hit_changed.emit(self.current + 1, len(self.hits))

    def next_hit(self) -> None:
        self._step(1)

    def previous_hit(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if not self.hits:
            return
        self.current = (self.current + delta) % len(self.hits) if self.current >= 0 else 0
        self._refresh_selections()
        self._scroll_to_current()
        self.hit_changed.emit(self.current + 1, len(self.hits))

    def _scroll_to_current(self) -> None:
        start, _end = self.hits[self.current]
        self.jump_to(self.position_of(start))

    def place_in_text(self) -> tuple[int, int, int] | None:
        """The text offsets at the top of the view and of the cursor's anchor and position:
        the reader's place and selection, kept when the same text is laid out again with
        other speaker names (a rename applied while the episode is open)."""
        if self.episode is None:
            return None
        cursor = self.textCursor()
        top = self.offset_at_top()
        anchor = self._blocks.nearest_offset(cursor.anchor(), forward=True)
        position = self._blocks.nearest_offset(cursor.position(), forward=True)
        if top is None or anchor is None or position is None:
            return None
        return top, anchor, position

    def go_back_to(self, place: tuple[int, int, int]) -> None:
        """Scroll to and select again what ``place_in_text`` kept."""
        top, anchor, position = place
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.position_of(anchor))
        cursor.setPosition(self.position_of(position), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self._scroll_line_to(self.position_of(top), 0.0)  # not where showing the cursor did

    def jump_to(
        self, position: int, end: int | None = None, fraction: float = JUMP_FRACTION
    ) -> None:
        """Put the cursor at ``position`` (selecting up to ``end``) and scroll so that its line
        stands ``fraction`` of the way down the view: every jump (hit, find match, highlight,
        outline entry) lands where the eye looks, never on the bottom line or cut off."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        if end is not None:
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self._scroll_line_to(position, fraction)

    def _scroll_line_to(self, position: int, fraction: float) -> None:
        """Scroll so that the line of ``position`` stands ``fraction`` of the way down."""
        target = QTextCursor(self.document())
        target.setPosition(position)
        bar = self.verticalScrollBar()
        top = bar.value() + self.cursorRect(target).top()  # forces the layout down to it
        wanted = top - int(self.viewport().height() * fraction)
        bar.setValue(max(bar.minimum(), min(bar.maximum(), wanted)))

    def _refresh_selections(self) -> None:
        """Pull-quote passages, the words being played, user highlights, search hits (on top)."""
        hit, current = hit_formats()
        selections = list(self._quote_marks)
        if self.spoken is not None:
            selections.append(spoken_format(self._cursor_for(*self.spoken), self.palette()))
        for _id, start, end, colour in self.user_highlights:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self._cursor_for(start, end)
            selection.format = highlight_format(colour, self.palette())
            selections.append(selection)
        for i, (start, end) in enumerate(self.hits):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self._cursor_for(start, end)
            selection.format = current if i == self.current else hit
            selections.append(selection)
        self.setExtraSelections(selections)

    refresh_marks = _refresh_selections

    def highlighted_text(self) -> list[str]:
        """The words marked as hits, as a reader sees them (used by tests and the status)."""
        text = self.episode.text if self.episode else ""
        return [text[s:e] for s, e in self.hits]

    # -- context menu and keys ------------------------------------------------------------------
    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        position = self.cursorForPosition(event.pos()).position()
        menu = context_menu(self, event.pos(), position)
        self.menu_opened.emit(menu, position)
        self._menu_position = position
        menu.exec(event.globalPos())
        menu.deleteLater()

    def quote_target(self) -> tuple[str, int, int] | tuple[str, int] | None:
        """What a quote action applies to: ("span", start, end) for a selection in the text,
        ("pull", index) for a pull quote under the cursor or context menu, else None."""
        span = self.selected_span()
        if span is not None:
            return ("span", *span)
        q_index = self.pull_quote_at(self.action_position())
        if q_index is not None:
            return ("pull", q_index)
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._menu_position = None
        if event.key() == Qt.Key.Key_H and not event.modifiers() and self.selected_span():
            self.highlight_requested.emit("yellow")
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            highlight_id = self.highlight_at(self.textCursor().position())
            if highlight_id is not None:
                self.delete_highlight_requested.emit(highlight_id)
                return
        super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:
        self._menu_position = None
        super().mousePressEvent(event)

    # -- zoom and measure ---------------------------------------------------------------------
    def _point_size(self) -> float:
        return BASE_POINT_SIZE + self.zoom * ZOOM_STEP

    def _apply_font(self) -> None:
        font = QFont(self.font())
        font.setPointSizeF(self._point_size())
        self.setFont(font)
        self._update_measure()

    def set_zoom(self, zoom: int) -> None:
        zoom = max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], zoom))
        if zoom == self.zoom:
            return
        self.zoom = zoom
        self._apply_font()
        self.relayout()

    def relayout(self) -> None:
        """Lay the episode out again (new size or palette), keeping its hits and position."""
        if self.episode is None:
            return
        spans, current = self.hits, self.current
        scroll = self.verticalScrollBar().value()
        self.show_episode(self.episode)
        self.hits, self.current = spans, current
        self._refresh_selections()
        self.verticalScrollBar().setValue(scroll)

    def _update_measure(self) -> None:
        """Keep lines at a readable length by widening the side margins on wide windows."""
        widest = self.fontMetrics().averageCharWidth() * MEASURE_CHARS
        spare = max(0, self.width() - widest - 60)
        side = spare // 2
        self.setViewportMargins(side, 0, side, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._update_measure()
        super().resizeEvent(event)
