"""The notes editor (Markdown, with a preview) and the list of highlights, for the side panel."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QKeyEvent, QPixmap, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QStackedWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.ui.safe_text import tooltip
from reader.ui.transcript_formats import HIGHLIGHT_TINTS

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole


def _nothing(kind: int) -> QImage | str:
    """Something that is not null: a null answer makes Qt read the file itself."""
    if kind == QTextDocument.ResourceType.ImageResource.value:
        image = QImage(1, 1, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        return image
    return ""


def _as_written(url: QUrl) -> str:
    return url.toString(QUrl.ComponentFormattingOption.FullyEncoded)


class OfflineDocument(QTextDocument):
    """A document that loads no resource at all: no file, no network, no ``data:`` URL.

    Every image (Markdown ``![](…)``, HTML ``<img>``, ``background``), style sheet (``<link>``,
    ``@import``) and CSS ``url()`` is asked for through ``QTextDocument.loadResource``; its
    own implementation, when the widget's ``loadResource`` answers nothing, reads the file from
    disk (a relative path from the current folder, ``file:`` URLs, absolute paths). So the
    override is here, at the root, and answers with an empty resource, never a null one.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.refused: list[str] = []  # what the note asked for (for tests and the log)

    def loadResource(self, kind: int, url: QUrl | str) -> QImage | str:
        name = url.toString() if isinstance(url, QUrl) else url
        self.refused.append(name)
        log.debug("not loading %s in the notes preview", name)
        nothing = _nothing(kind)
        self.addResource(kind, url, nothing)  # asked once, not at every layout
        return nothing


class OfflineBrowser(QTextBrowser):
    """Renders the user's Markdown; images and links are never fetched, read or followed.

    A click on a link only emits ``link_clicked`` with its URL (as written, percent-encoded):
    the app decides what it means (a passage link opens the passage; nothing else is opened,
    see ``reader.ui.passage_opener``). Hovering one emits ``link_hovered`` ("" when it leaves).
    """

    link_clicked = Signal(str)
    link_hovered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setDocument(OfflineDocument(self))
        self.anchorClicked.connect(lambda url: self.link_clicked.emit(_as_written(url)))
        self.highlighted.connect(lambda url: self.link_hovered.emit(_as_written(url)))

    def document(self) -> OfflineDocument:
        doc = super().document()
        assert isinstance(doc, OfflineDocument)
        return doc

    def loadResource(self, kind: int, url: QUrl | str) -> QImage | str:
        return _nothing(kind)  # for setSource(), which asks the widget, not the document


class NotesPanel(QWidget):
    edited = Signal()
    focus_left = Signal()  # the editor lost the keyboard focus (another widget, another app)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("notesEditor")
        self.editor.setAccessibleName("Notes")
        self.editor.setPlaceholderText(
            "Write your notes about this episode here (Markdown). They are saved as you type."
        )
        self.editor.textChanged.connect(self._changed)
        self.editor.installEventFilter(self)
        self.preview = OfflineBrowser()
        self.preview.setObjectName("notesPreview")
        self.preview.setAccessibleName("Notes preview")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.editor)
        self.stack.addWidget(self.preview)
        self.preview_button = QToolButton()
        self.preview_button.setText("Preview")
        self.preview_button.setObjectName("notesPreviewToggle")
        self.preview_button.setAccessibleName("Preview notes")
        self.preview_button.setCheckable(True)
        self.preview_button.toggled.connect(self.show_preview)
        self.status = QLabel()
        self.status.setObjectName("notesStatus")
        self.status.setAccessibleName("Notes saved status")
        top = QHBoxLayout()
        top.addWidget(self.preview_button)
        top.addStretch(1)
        top.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self._loading = False
        self.set_enabled(False)

    def _changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.focus_left.emit()
        return super().eventFilter(watched, event)

    def set_body(self, body: str) -> None:
        """Show a note's text without counting it as an edit."""
        self._loading = True
        try:
            self.editor.setPlainText(body)
        finally:
            self._loading = False
        if self.preview_button.isChecked():
            self.preview.setMarkdown(body)

    def body(self) -> str:
        return self.editor.toPlainText()

    def set_enabled(self, enabled: bool) -> None:
        self.editor.setReadOnly(not enabled)
        self.preview_button.setEnabled(enabled)
        if not enabled:
            self.set_body("")
            self.status.setText("")

    def show_preview(self, on: bool) -> None:
        if on:
            self.preview.setMarkdown(self.body())
        self.stack.setCurrentWidget(self.preview if on else self.editor)

    def insert_markdown(self, text: str) -> None:
        """Insert at the editor's cursor as its own paragraph (used by "Add quote to notes")."""
        self.preview_button.setChecked(False)
        cursor = self.editor.textCursor()
        before = self.body()[: cursor.position()]
        lead = (
            ""
            if not before or before.endswith("\n\n")
            else ("\n" if before.endswith("\n") else "\n\n")
        )
        cursor.insertText(f"{lead}{text}\n\n")
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(HIGHLIGHT_TINTS.get(colour, HIGHLIGHT_TINTS["yellow"])))
    return QIcon(pixmap)


class HighlightsList(QListWidget):
    """The episode's highlights; click to jump, Delete or the context menu to remove; the
    context menu edits a highlight's comment, tags and colour."""

    jump_requested = Signal(str)
    delete_requested = Signal(str)
    #: highlight id, then "comment", "tags" or a colour (``reader.ui.highlight_edits``)
    edit_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("highlights")
        self.setAccessibleName("Highlights")
        self.setWordWrap(True)
        self.setSpacing(3)
        self.itemActivated.connect(lambda item: self._emit(self.jump_requested, item))
        self.itemClicked.connect(lambda item: self._emit(self.jump_requested, item))

    def show_highlights(self, rows: list[tuple[str, str, str, list[str], str, bool]]) -> None:
        """Rows of (id, text, colour, tags, comment, found in the transcript)."""
        self.clear()
        for highlight_id, text, colour, tags, comment, found in rows:
            label = f"“{text}”"
            if tags:
                label += "  " + " ".join(f"#{tag}" for tag in tags)
            if comment.strip():
                label += f"\n✎ {comment.strip()}"
            if not found:
                label += "  (passage not found in this version of the transcript)"
            item = QListWidgetItem(_swatch(colour), label)
            item.setData(ID_ROLE, highlight_id)
            item.setToolTip(tooltip(f"{text}\n\n{comment}" if comment.strip() else text))
            self.addItem(item)
        if not rows:
            item = QListWidgetItem("Select text in the transcript and press H to highlight it.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(item)

    def _emit(self, signal, item: QListWidgetItem | None) -> None:
        if item is not None and item.data(ID_ROLE):
            signal.emit(item.data(ID_ROLE))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._emit(self.delete_requested, self.currentItem())
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:
        item = self.itemAt(event.pos())
        if item is None or not item.data(ID_ROLE):
            return
        menu = QMenu(self)
        menu.addAction("Go to Passage", lambda: self._emit(self.jump_requested, item))
        add_edit_entries(menu, lambda what: self.edit_requested.emit(item.data(ID_ROLE), what))
        menu.addAction("Delete Highlight\tDel", lambda: self._emit(self.delete_requested, item))
        menu.exec(event.globalPos())


def add_edit_entries(menu: QMenu, edit: Callable[[str], None]) -> None:
    """Edit Comment…, Tags… and a Colour submenu: the same in the list and the transcript."""
    menu.addAction("Edit &Comment…", lambda: edit("comment"))
    menu.addAction("&Tags…", lambda: edit("tags"))
    colours = menu.addMenu("C&olour")
    for colour in HIGHLIGHT_TINTS:
        colours.addAction(_swatch(colour), colour.capitalize(), lambda c=colour: edit(c))
