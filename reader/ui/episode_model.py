"""The episode list as a real Qt item model, and the delegate that draws its rows."""

from __future__ import annotations

import html

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetrics,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.search.results import SearchHit
from reader.ui.rows import EpisodeRow
from reader.ui.safe_text import tooltip
from reader.util.pathnames import for_display
from reader.util.plural import counted

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
PATH_ROLE = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex
#: How a row says the episode has its recording beside it (``EpisodeRow.audio``).
AUDIO_MARK, HAS_AUDIO = "\u266a", "audio"


def row_label(row: EpisodeRow) -> str:
    number = f"{row.number} · " if row.number is not None else ""
    return f"{number}{row.title}"


class EpisodeListModel(QAbstractListModel):
    """Rows of the episode list; replaced wholesale for every search answer.

    A row drawn without its snippet yet (``snippet_pending``) is asked for once, with the
    others drawn in the same pass (``snippets_wanted``); ``fill_snippets`` gives them.
    """

    snippets_wanted = Signal(list)  # paths of rows in view whose snippet is still to make

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[EpisodeRow] = []
        self.searching = False
        self._asked: set[str] = set()
        self._wanted: list[str] = []
        self.noted: set[str] = set()  # episodes with notes or highlights: marked in the row

    def set_rows(self, rows: list[EpisodeRow], searching: bool) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.searching = searching
        self._asked, self._wanted = set(), []
        self.endResetModel()

    def set_noted(self, paths: set[str]) -> None:
        """Mark the rows of episodes that have notes or highlights."""
        if paths != self.noted:
            self.noted = set(paths)
            if self._rows:
                self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def _want_snippet(self, row: EpisodeRow) -> None:
        if row.path in self._asked:
            return
        self._asked.add(row.path)
        self._wanted.append(row.path)
        if len(self._wanted) == 1:
            QTimer.singleShot(0, self._ask_snippets)

    def _ask_snippets(self) -> None:
        paths, self._wanted = self._wanted, []
        if paths:
            self.snippets_wanted.emit(paths)

    def fill_snippets(self, made: dict[str, SearchHit | None]) -> None:
        """Give rows waiting for their snippet (and count) the hits made for them."""
        for number, row in enumerate(self._rows):
            if row.snippet_pending and row.path in made:
                self._rows[number] = row.with_details(made[row.path])
                self.dataChanged.emit(self.index(number), self.index(number))

    def rows(self) -> list[EpisodeRow]:
        return list(self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt default
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row_label(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            # The full title, which the row may elide, and the file (and its recording).
            heard = f"\nAudio: {for_display(row.audio)}" if row.audio else ""
            return tooltip(f"{row_label(row)}\n{for_display(row.path)}{heard}")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = [row_label(row), row.show or ""]
            if row.path in self.noted:
                parts.append(NOTED)
            if row.matches is not None:
                parts.append(counted(row.matches, "match"))
            parts += row.matched_in()
            parts.append(f"has {HAS_AUDIO}" if row.audio else "")
            return ", ".join(p for p in parts if p)
        if role == ROW_ROLE:  # what the delegate draws
            if row.snippet_pending and self.searching:
                self._want_snippet(row)
            return row
        if role == PATH_ROLE:
            return row.path
        return None

    def row_of(self, path: str) -> int:
        for number, row in enumerate(self._rows):
            if row.path == path:
                return number
        return -1


#: How a row says its episode has notes or highlights (after the show).
NOTED = "✎ notes"


def row_html(
    row: EpisodeRow,
    searching: bool,
    muted: str = "gray",
    title: str | None = None,
    noted: bool = False,
) -> str:
    """Escaped rich text for one row: every piece of file-derived text goes through escape.

    ``title`` is the label already elided to the row's width (rows have one fixed height).
    """
    title = html.escape(row_label(row) if title is None else title)
    lines = [f"<div><b>{title}</b></div>"]
    meta = [html.escape(row.show)] if row.show else []
    if row.audio:  # a recording to play beside the transcript
        meta.append(f"{AUDIO_MARK} {HAS_AUDIO}")
    if noted:
        meta.append(NOTED)
    if searching and row.matches is not None:
        meta.append(counted(row.matches, "match"))
    if searching:
        meta += [f"<b>{where}</b>" for where in row.matched_in()]
    if meta:
        lines.append(f"<div style='color:{muted}'>{' · '.join(meta)}</div>")
    if searching and row.snippet is not None:
        text, out, pos = row.snippet.text, [], 0
        for start, end in row.snippet.highlights:
            out += [html.escape(text[pos:start]), f"<b><u>{html.escape(text[start:end])}</u></b>"]
            pos = end
        out.append(html.escape(text[pos:]))
        lines.append(f"<div style='font-size:small'>{''.join(out)}</div>")
    return "".join(lines)


class EpisodeDelegate(QStyledItemDelegate):
    """Draws title, show, match count and the best snippet, matched words in bold."""

    def _document(self, option: QStyleOptionViewItem, index: AnyIndex) -> QTextDocument:
        row = index.data(ROW_ROLE)
        searching = bool(getattr(index.model(), "searching", False))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = (
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        bold = QFont(option.font)
        bold.setBold(True)
        width = max(option.rect.width(), 120) - 14
        title = QFontMetrics(bold).elidedText(row_label(row), Qt.TextElideMode.ElideRight, width)
        doc = QTextDocument()
        doc.setDocumentMargin(6)
        doc.setDefaultFont(option.font)
        noted = row.path in getattr(index.model(), "noted", ())
        doc.setHtml(row_html(row, searching, option.palette.color(role).name(), title, noted))
        doc.setTextWidth(max(option.rect.width(), 120))
        return doc

    def paint(self, painter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(option, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        """One height for every row (the view uses uniform sizes, so this is asked once):
        title and show (a second line when where-it-matched labels wrap), plus three lines of
        snippet while searching."""
        searching = bool(getattr(index.model(), "searching", False))
        lines = 6 if searching else 2
        height = option.fontMetrics.lineSpacing() * lines + 14
        return QSize(200, height)
