"""Left pane: the search box, the result count, "Did you mean", and the episode list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.ui.episode_model import PATH_ROLE, EpisodeDelegate, EpisodeListModel
from reader.ui.filter_bar import FilterBar
from reader.ui.query_help import QueryHelp
from reader.ui.rows import SearchAnswer
from reader.ui.safe_text import for_button
from reader.util.plural import counted

#: Pause in typing before a search starts; short enough to feel instant.
DEBOUNCE_MS = 150
#: Rows the list shows at first, and how many more each "Show more" adds.
SHOW_MORE_STEP = 200


def count_text(answer: SearchAnswer, indexing: tuple[int, int] | None = None) -> str:
    """What the count line says: how many episodes (match), how many of them are listed,
    and while a first index runs that these are the results so far."""
    shown, total = len(answer.rows), answer.total
    searching = bool(answer.query.strip())
    if shown < total:
        noun = "matching episodes" if searching else "episodes"
        found = f"{shown} of {total} {noun} shown"
    elif searching:
        found = f"{counted(total, 'episode')} {'matches' if total == 1 else 'match'}"
    else:
        found = counted(total, "episode")
    if indexing is not None:
        done, files = indexing
        counts = f" {done}/{files}" if files else "…"  # (0, 0): not counted yet
        return f"Indexing{counts} — results so far: {found}"
    return found


class LibraryPane(QWidget):
    query_changed = Signal(str)  # debounced
    open_requested = Signal(str)  # library-relative path
    next_hit_requested = Signal()
    more_requested = Signal()  # "Show more" at the end of the list

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setAccessibleName("Search episodes")
        self.search_box.setPlaceholderText("Search episodes  (Ctrl+K)")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.installEventFilter(self)
        self.help_button = QToolButton()
        self.help_button.setObjectName("queryHelpButton")
        self.help_button.setText("?")
        self.help_button.setAccessibleName("How to search")
        self.help_button.setToolTip("How to search (F1 in the search box)")
        self.help_button.clicked.connect(self.show_query_help)
        self.query_help: QueryHelp | None = None
        self.filter_bar = FilterBar()  # a pick searches at once, like Enter
        self.filter_bar.changed.connect(lambda: self.set_query(self.query()))

        self.count_label = QLabel()
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setObjectName("resultCount")
        self.count_label.setAccessibleName("Result count")

        self.suggestion = QPushButton()
        self.suggestion.setObjectName("suggestion")
        self.suggestion.setAccessibleName("Did you mean")
        self.suggestion.setFlat(True)
        self.suggestion.setCursor(Qt.CursorShape.PointingHandCursor)
        self.suggestion.hide()
        self.suggestion.clicked.connect(self._apply_suggestion)
        self._suggested = ""

        self.model = EpisodeListModel(self)
        self.list = QListView()
        self.list.setObjectName("episodeList")
        self.list.setAccessibleName("Episodes")
        self.list.setModel(self.model)
        self.list.setItemDelegate(EpisodeDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.activated.connect(self._activated)
        self.list.clicked.connect(self._activated)

        self.show_more = QPushButton()
        self.show_more.setObjectName("showMore")
        self.show_more.setAccessibleName("Show more results")
        self.show_more.hide()
        self.show_more.clicked.connect(self.request_more)
        self._answer: SearchAnswer | None = None
        self.limit = SHOW_MORE_STEP  # rows to ask for: a new search starts again at the first

        self.empty_label = QLabel()
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)  # it names the folder
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 4)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_box, 1)
        search_row.addWidget(self.help_button)
        layout.addLayout(search_row)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.count_label)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.show_more)
        layout.addWidget(self.empty_label, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(lambda: self.query_changed.emit(self.query()))
        self.search_box.textChanged.connect(lambda _text: self._debounce.start())

    def query(self) -> str:
        return self.search_box.text()

    def set_query(self, text: str, immediately: bool = True) -> None:
        self.search_box.setText(text)
        if immediately:
            self._debounce.stop()
            self.query_changed.emit(text)

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def show_answer(
        self, answer: SearchAnswer, library_empty: bool, indexing: tuple[int, int] | None = None
    ) -> None:
        """List ``answer``'s rows; ``indexing`` (files done, files in all) while a first index
        runs, so the count says the results are not complete yet."""
        current = self.current_path()
        self._answer = answer
        self.model.set_rows(answer.rows, bool(answer.query.strip()))
        if answer.facets is not None:
            self.filter_bar.show_counts(answer.facets)
        self.show_progress(indexing)
        remaining = answer.total - len(answer.rows)
        self.show_more.setVisible(remaining > 0)
        self.show_more.setText(f"Show {min(remaining, SHOW_MORE_STEP)} more")
        self._suggested = answer.suggestion or ""
        self.suggestion.setVisible(bool(self._suggested))
        self.suggestion.setText(f"Did you mean: {for_button(self._suggested)}?")
        self.empty_label.setVisible(library_empty)
        self.list.setVisible(not library_empty)
        if current:
            self.select_path(current)

    def has_more(self) -> bool:
        """Whether the answer shown has results beyond the rows listed."""
        return self._answer is not None and self._answer.total > len(self._answer.rows)

    def request_more(self) -> None:
        self.limit = self.model.rowCount() + SHOW_MORE_STEP
        self.more_requested.emit()

    def reset_limit(self) -> None:
        self.limit = SHOW_MORE_STEP

    def show_progress(self, indexing: tuple[int, int] | None) -> None:
        """The count line for the answer shown, with the indexing progress if any."""
        answer = self._answer
        if answer is None:
            return
        self.count_label.setText(count_text(answer, indexing))

    def show_empty_library(self, message: str) -> None:
        self.empty_label.setText(message)

    def current_path(self) -> str | None:
        index = self.list.currentIndex()
        return index.data(PATH_ROLE) if index.isValid() else None

    def select_path(self, path: str) -> bool:
        row = self.model.row_of(path)
        if row < 0:
            return False
        self.list.setCurrentIndex(self.model.index(row))
        return True

    def _activated(self, index) -> None:
        path = index.data(PATH_ROLE)
        if path:
            self.open_requested.emit(path)

    def _apply_suggestion(self) -> None:
        if self._suggested:
            self.set_query(self._suggested)

    def show_query_help(self) -> None:
        """The query language's examples, below the search box; a click searches one."""
        self.query_help = QueryHelp(self._use_example, self)
        self.query_help.move(self.search_box.mapToGlobal(self.search_box.rect().bottomLeft()))
        self.query_help.show()

    def _use_example(self, query: str) -> None:
        self.set_query(query)
        self.search_box.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_box and event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_F1:  # in the box, F1 explains the box
                event.accept()
                return True
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_F1:
                self.show_query_help()
                return True
            if key == Qt.Key.Key_Escape and self.search_box.text():
                self.set_query("")
                return True
            if key == Qt.Key.Key_Down and self.model.rowCount():
                self.list.setFocus(Qt.FocusReason.OtherFocusReason)
                if not self.list.currentIndex().isValid():
                    self.list.setCurrentIndex(self.model.index(0))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._debounce.isActive():  # search now rather than wait for the pause
                    self._debounce.stop()
                    self.query_changed.emit(self.query())
                self.next_hit_requested.emit()
                return True
        return super().eventFilter(watched, event)
