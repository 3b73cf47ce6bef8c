""" "Who Said This?": paste a quote, see the passages it comes from, copy or open one.

Each result shows who said it, when, in which episode, and the transcript's own words (as
plain text: list items never render markup). Copy with Attribution copies the verbatim
words credited with the Copy Quote template; Open at Passage (or Enter, or a double-click)
opens the episode with the passage selected.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.quotes.render import html as quote_html
from reader.quotes.render import markdown as quote_markdown
from reader.quotes.render import plain_text
from reader.research.who_said import Passage
from reader.ui.research_clipboard import put_on_clipboard
from reader.ui.safe_text import plain_label
from reader.util.timefmt import format_time


def result_text(passage: Passage) -> str:
    """A result's two lines: who, when, where, how close; then the verbatim words."""
    who = passage.speaker or "An unnamed speaker"
    when = f" at {format_time(passage.time)}" if passage.time is not None else ""
    number = f"Episode {passage.info.number}: " if passage.info.number is not None else ""
    close = "exact words" if passage.score >= 1.0 else f"{passage.score:.0%} close"
    words = " ".join(passage.text.split())
    return f"{who}{when} — {number}{passage.title} ({close})\n“{words}”"


class QuoteBox(QPlainTextEdit):
    """The paste box: Ctrl+Enter looks the quote up (Enter alone starts a new line)."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class WhoSaidDialog(QDialog):
    #: The quote to look for; the owner answers off the GUI thread (``show_passages``).
    wanted = Signal(str)
    #: (episode path, start, end) of the passage to open.
    open_requested = Signal(str, int, int)

    def __init__(self, template: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whoSaidDialog")
        self.setWindowTitle("Who Said This?")
        self.template = template
        self.passages: list[Passage] = []

        self.quote_box = QuoteBox()
        self.quote_box.setObjectName("whoSaidQuote")
        self.quote_box.setPlaceholderText(
            "Paste or type a quote, exact or half-remembered (Ctrl+Enter to find it)"
        )
        self.quote_box.setTabChangesFocus(True)
        self.quote_box.setMaximumHeight(90)
        self.find_button = QPushButton("&Find")
        self.find_button.setObjectName("whoSaidFind")
        self.find_button.clicked.connect(self.ask)
        self.quote_box.submitted.connect(self.ask)
        self.status = plain_label(name="whoSaidStatus")
        self.status.setWordWrap(True)
        self.results = QListWidget()
        self.results.setObjectName("whoSaidResults")
        self.results.setWordWrap(True)
        self.results.itemActivated.connect(lambda _item: self.open_current())
        self.results.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.copy_button = QPushButton("&Copy with Attribution")
        self.copy_button.setObjectName("whoSaidCopy")
        self.copy_button.clicked.connect(self.copy_current)
        self.open_button = QPushButton("&Open at Passage")
        self.open_button.setObjectName("whoSaidOpen")
        self.open_button.clicked.connect(self.open_current)

        top = QHBoxLayout()
        top.addWidget(self.quote_box, 1)
        top.addWidget(self.find_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Quote:"))
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        layout.addLayout(buttons)
        self.resize(640, 480)
        self._update_buttons()

    def start(self, quote: str = "") -> None:
        """Show the dialog, with ``quote`` (the reader's selection) in the box if given."""
        if quote.strip():
            self.quote_box.setPlainText(quote)
        self.show()
        self.raise_()
        self.activateWindow()
        self.quote_box.setFocus()
        self.quote_box.selectAll()

    def ask(self) -> None:
        quote = self.quote_box.toPlainText()
        if not any(ch.isalnum() for ch in quote):
            self.status.setText("Paste a quote to find who said it.")
            return
        self.status.setText("Looking…")
        self.wanted.emit(quote)

    def show_passages(self, passages: list[Passage] | None, problem: str = "") -> None:
        self.results.clear()
        self.passages = passages or []
        if passages is None:
            self.status.setText(problem)
        elif not passages:
            quote = " ".join(self.quote_box.toPlainText().split())
            self.status.setText(f"Nothing in the library is close to “{quote}”.")
        else:
            best = passages[0]
            exact = "the exact words" if best.score >= 1.0 else "no exact match; closest first"
            self.status.setText(f"{len(passages)} found ({exact}).")
        for passage in self.passages:
            self.results.addItem(QListWidgetItem(result_text(passage)))  # plain text
        if self.passages:
            self.results.setCurrentRow(0)
            self.results.setFocus()
        self._update_buttons()

    def current(self) -> Passage | None:
        row = self.results.currentRow()
        return self.passages[row] if 0 <= row < len(self.passages) else None

    def _update_buttons(self) -> None:
        on = self.current() is not None
        self.copy_button.setEnabled(on)
        self.open_button.setEnabled(on)

    def copy_current(self) -> None:
        passage = self.current()
        if passage is None:
            return
        template = self.template()
        info = passage.info
        put_on_clipboard(
            plain_text(info, template), quote_html(info, template), quote_markdown(info, template)
        )
        self.status.setText("Quote copied with its attribution.")

    def open_current(self) -> None:
        passage = self.current()
        if passage is not None:
            self.open_requested.emit(passage.path, passage.start, passage.end)
