"""Right pane: the episode's notes, its highlights, and its outline (sections, pull quotes)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QTabWidget, QWidget

from reader.model import Episode
from reader.ui.notes_panel import HighlightsList, NotesPanel
from reader.ui.safe_text import tooltip

OFFSET_ROLE = Qt.ItemDataRole.UserRole


class SidePanel(QTabWidget):
    jump_requested = Signal(int)  # offset in the transcript text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidePanel")
        self.setAccessibleName("Side panel")
        self.outline = QListWidget()
        self.outline.setObjectName("outline")
        self.outline.setAccessibleName("Outline")
        self.outline.setWordWrap(True)
        self.outline.setSpacing(3)
        self.outline.itemActivated.connect(self._jump)
        self.outline.itemClicked.connect(self._jump)
        self.notes = NotesPanel()
        self.highlights = HighlightsList()
        self.addTab(self.notes, "Notes")
        self.addTab(self.highlights, "Highlights")
        self.addTab(self.outline, "Outline")

    def show_episode(self, episode: Episode | None) -> None:
        self.outline.clear()
        if episode is None:
            return
        _text, blocks = episode.layout
        for block in blocks:
            if block.segment is None:
                heading = episode.sections[block.section].heading or ""
                self._add(heading, block.start)
        for quote in episode.quotes:
            if quote.start is not None:
                self._add(f"“{quote.text}”", quote.start, italic=True)
        if not self.outline.count():
            item = QListWidgetItem("This episode has no sections or pull quotes.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.outline.addItem(item)

    def _add(self, text: str, offset: int, italic: bool = False) -> None:
        item = QListWidgetItem(text)
        item.setData(OFFSET_ROLE, offset)
        item.setToolTip(tooltip(text))
        if italic:
            font = item.font()
            font.setItalic(True)
            item.setFont(font)
        self.outline.addItem(item)

    def _jump(self, item: QListWidgetItem) -> None:
        offset = item.data(OFFSET_ROLE)
        if offset is not None:
            self.jump_requested.emit(int(offset))
