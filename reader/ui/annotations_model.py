"""The annotations browser's table: one row per mark, its text, who said it, where and when,
its colour, tags and comment. Every cell is plain text (Qt item views never read markup in
``DisplayRole``); tooltips go through ``safe_text.tooltip``."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap

from reader.annotations import HIGHLIGHT, Mark
from reader.ui.safe_text import tooltip
from reader.ui.transcript_formats import HIGHLIGHT_TINTS
from reader.util.timefmt import format_time

AnyIndex = QModelIndex | QPersistentModelIndex
MARK_ROLE = Qt.ItemDataRole.UserRole + 10

COLUMNS = (
    "Text", "Speaker", "Episode", "Show", "Time", "Kind", "Colour", "Tags", "Comment", "Added",
)  # fmt: skip
#: Longest text a cell shows (the tooltip has all of it).
CELL_CHARS = 160


def _one_line(text: str, limit: int = CELL_CHARS) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def added_label(iso: str) -> str:
    """``2026-01-05T09:00:00Z`` as a local date, ``2026-01-05``."""
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone().date().isoformat()
    except ValueError:
        return iso[:10]


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(HIGHLIGHT_TINTS.get(colour, HIGHLIGHT_TINTS["yellow"])))
    return QIcon(pixmap)


def cells(mark: Mark) -> tuple[str, ...]:
    """What each column shows of ``mark``."""
    return (
        _one_line(mark.text),
        mark.speaker or "",
        _one_line(mark.episode_label, 80),
        mark.show or "",
        format_time(mark.time) if mark.time is not None else "",
        "Highlight" if mark.kind == HIGHLIGHT else "Pull quote",
        mark.color or "",
        ", ".join(mark.tags),
        _one_line(mark.comment),
        added_label(mark.added) if mark.added else "",
    )


class MarksModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._marks: list[Mark] = []
        self._cells: list[tuple[str, ...]] = []
        self._icons = {colour: _swatch(colour) for colour in HIGHLIGHT_TINTS}

    def set_marks(self, marks: list[Mark]) -> None:
        self.beginResetModel()
        self._marks = list(marks)
        self._cells = [()] * len(self._marks)  # made when first shown
        self.endResetModel()

    def marks(self) -> list[Mark]:
        return list(self._marks)

    def mark(self, row: int) -> Mark | None:
        return self._marks[row] if 0 <= row < len(self._marks) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt default
        return 0 if parent.isValid() else len(self._marks)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt default
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._marks):
            return None
        mark = self._marks[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if not self._cells[row]:
                self._cells[row] = cells(mark)
            return self._cells[row][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [mark.text, mark.comment] if mark.comment.strip() else [mark.text]
            return tooltip("\n\n".join(parts))
        if role == Qt.ItemDataRole.DecorationRole and COLUMNS[index.column()] == "Colour":
            return self._icons.get(mark.color or "")
        if role == MARK_ROLE:
            return mark
        return None
