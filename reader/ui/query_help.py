"""The query language, explained where people type it: a small popup from the search box
("?" beside it, or F1 in it) with an example of every form. Clicking one puts it in the box.

Every text here is ours, but it is shown as plain text all the same (labels, buttons).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QGridLayout, QPushButton, QVBoxLayout, QWidget

from reader.ui.safe_text import for_button, plain_label

#: (what to type, what it finds), in the order the popup lists them.
EXAMPLES: tuple[tuple[str, str], ...] = (
    ("career change", "episodes with both words, in any form (changes, changing)"),
    ('"growth mindset"', "the exact phrase, words in this order"),
    ("feedback OR criticism", "either word"),
    ("feedback NOT annual", "the first word, in episodes without the second"),
    ("-annual feedback", "the same: a minus keeps a word out, a plus (+word) requires it"),
    ("negotia*", "words that start so: negotiate, negotiation…"),
    ("recieve~", "words spelled nearly so, for typos: receive"),
    ("speaker:priya", "who speaks (also by:priya)"),
    ('show:"coaching hour"', "the show's name"),
    ("title:interview", "the episode's title"),
    ("quote:courage", "the episode's pull quotes"),
    ("topic:hiring", "the episode's topics (about: searches its description)"),
    ("note:follow-up", "your own notes and highlights"),
    ("ep:12", "episode number 12"),
)


class QueryHelp(QDialog):
    """The popup: each example a button that hands its query to ``use`` and closes."""

    def __init__(self, use: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("queryHelp")
        self.setAccessibleName("How to search")
        self._use = use
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label("Search by words, or click an example to try it:"))
        grid = QGridLayout()
        self.buttons: list[QPushButton] = []
        for row, (query, meaning) in enumerate(EXAMPLES):
            button = QPushButton(for_button(query))
            button.setObjectName("queryExample")
            button.setFlat(True)
            button.setStyleSheet("text-align: left")  # short ones line up with the rest
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setToolTip("")  # no markup anywhere: the meaning stands beside it
            button.clicked.connect(lambda _checked=False, q=query: self._pick(q))
            grid.addWidget(button, row, 0, Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(plain_label(meaning), row, 1)
            self.buttons.append(button)
        layout.addLayout(grid)
        layout.addWidget(plain_label('Words combine: speaker:priya "hard conversations" -email'))

    def _pick(self, query: str) -> None:
        self.close()
        self._use(query)
