"""The transcript's ways into the player: a click on a ``[12:34]`` label (which shows a
pointing hand), "Play from Here" at the top of its context menu on any line or selection, and
Space while it has focus (only when there is something to play, so Space otherwise scrolls as
it always did); scrolling it by keys stops following playback, as the wheel does. The
transcript view knows nothing of audio: this watches its events."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QMenu

from reader.util.timefmt import format_time

if TYPE_CHECKING:
    from reader.ui.player_controller import PlayerController

#: Keys that scroll the transcript (the scroll bar sees only wheel and slider moves as the
#: reader's own; these move the text cursor, which scrolls the view).
SCROLL_KEYS = {
    Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home,
    Qt.Key.Key_End,
}  # fmt: skip


class TranscriptHooks(QObject):
    def __init__(self, player: PlayerController) -> None:
        super().__init__(player)
        self.player = player
        self.view = player.view
        self._text_cursor = self.view.viewport().cursor()  # the I-beam, to go back to
        self._pointing = False
        self.view.viewport().setMouseTracking(True)
        self.view.viewport().installEventFilter(self)
        self.view.installEventFilter(self)
        self.view.menu_opened.connect(self.add_menu_entries)

    def add_menu_entries(self, menu: QMenu, position: int) -> None:
        """ "Play from Here" at the top of the transcript's context menu, when there is audio;
        greyed out, and saying why, on a line the file gives no time for."""
        player = self.player
        if player.audio_path is None or player.problem:
            return
        span = self.view.selected_span()
        offset = span[0] if span else self.view.top_offset(position)
        timeline = player.timeline
        seconds = timeline.time_at(offset) if timeline and offset is not None else None
        if seconds is not None:
            label = f"▶ &Play from Here ({format_time(seconds)})"
        else:
            label = "▶ &Play from Here (this line has no time)"
        action = QAction(label, menu)
        action.setEnabled(seconds is not None and offset is not None)
        if offset is not None:
            action.triggered.connect(lambda: player.play_from(offset))
        if menu.actions():
            first = menu.actions()[0]
            menu.insertAction(first, action)
            menu.insertSeparator(first)
        else:
            menu.addAction(action)

    def timestamp_at(self, position: int) -> int | None:
        """The transcript offset of the segment whose ``[12:34]`` label holds document
        ``position`` (not its speaker's name or its words), if there is one."""
        episode = self.view.episode
        if self.player.timeline is None or episode is None:
            return None
        document = self.view.document()
        block = document.findBlock(position)
        offset = self.view.top_offset(position)
        if offset is None or self.view.offset_of(position) is not None:
            return None  # in the words, not the label
        if document.findBlock(self.view.position_of(offset)) != block:
            return None  # a pull quote or the gap after a paragraph
        found = episode.segment_at(offset)
        if found is None or found[0].start is None:
            return None
        label = f"[{format_time(found[0].start)}]"
        return offset if position - block.position() < len(label) else None

    def _timestamp_under(self, event: QMouseEvent) -> int | None:
        if not self.player.can_play:
            return None
        position = self.view.cursorForPosition(event.position().toPoint()).position()
        return self.timestamp_at(position)

    def _point(self, on_timestamp: bool) -> None:
        if on_timestamp != self._pointing:
            self._pointing = on_timestamp
            cursor = Qt.CursorShape.PointingHandCursor if on_timestamp else self._text_cursor
            self.view.viewport().setCursor(cursor)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.view.viewport() and isinstance(event, QMouseEvent):
            if kind == QEvent.Type.MouseMove and event.buttons() == Qt.MouseButton.NoButton:
                self._point(self._timestamp_under(event) is not None)
            elif (
                kind == QEvent.Type.MouseButtonRelease
                and event.button() == Qt.MouseButton.LeftButton
                and not self.view.textCursor().hasSelection()
            ):
                offset = self._timestamp_under(event)
                if offset is not None:
                    self.player.play_from(offset)
        elif watched is self.view and kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in SCROLL_KEYS:
                self.player.scrolled_away()
            elif (
                event.key() == Qt.Key.Key_Space
                and event.modifiers() == Qt.KeyboardModifier.NoModifier
                and self.player.can_play
            ):
                self.player.toggle()
                return True
        return super().eventFilter(watched, event)
