"""The annotations browser (View › Annotations…): every highlight and pull quote of the
library in one table, newest first or by episode, with filters (show, speaker, episode, tag,
colour, kind, date added) and a search box answered through the index.

A window of its own beside the main one, as calibre's "Browse annotations" is: a click or
Enter opens the episode at the passage in the main window, and the marks stay listed. The
window only shows and filters; ``annotations_controller`` does the work.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.annotations import HIGHLIGHT, PULL_QUOTE, LibraryMarks, Mark, MarkFilter
from reader.annotations.filtering import BY_EPISODE, NEWEST, SINCE_DAYS, since_iso
from reader.notes.model import HIGHLIGHT_COLORS
from reader.ui.annotations_model import COLUMNS, MarksModel
from reader.ui.safe_text import plain_label
from reader.util.plural import counted

#: The search box waits this long after the last key before asking the index.
SEARCH_DEBOUNCE_MS = 250
ANY = ""
#: Each column's width at first (the text column stretches; people may resize the others).
COLUMN_WIDTHS = (300, 110, 165, 125, 50, 76, 80, 100, 150, 84)


class AnnotationsWindow(QWidget):
    open_requested = Signal(object, bool)  # Mark, bring the main window to the front
    copy_requested = Signal(list)  # [Mark]
    card_requested = Signal(object)  # Mark
    export_requested = Signal(list)  # [Mark]
    search_requested = Signal(str)  # the search box's text, after a pause in typing

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("annotations")
        self.setWindowTitle("Annotations")
        self.resize(1100, 640)
        self._marks = LibraryMarks()
        self._offered: dict[str, list[tuple[str, str]]] = {}  # each filter's choices
        self._found: frozenset[tuple[str, str]] | None = None

        self.search_box = QLineEdit()
        self.search_box.setObjectName("annotationsSearch")
        self.search_box.setPlaceholderText("Search highlights, comments, tags and pull quotes")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Search annotations")
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._ask_search)
        self.search_box.textChanged.connect(lambda _text: self._debounce.start())
        self.search_box.returnPressed.connect(self._into_table)

        self.order = self._combo("Order", [("Newest first", NEWEST), ("By episode", BY_EPISODE)])
        self.show_box = self._combo("Show")
        self.speaker_box = self._combo("Speaker")
        self.episode_box = self._combo("Episode")
        self.tag_box = self._combo("Tag")
        colours = [(c.capitalize(), c) for c in HIGHLIGHT_COLORS]
        self.colour_box = self._combo("Colour", [("Any colour", ANY), *colours])
        kinds = [("All kinds", ANY), ("Highlights", HIGHLIGHT)]
        self.kind_box = self._combo("Kind", [*kinds, ("Pull quotes", PULL_QUOTE)])
        self.added_box = self._combo("Added", [(c.capitalize(), c) for c in SINCE_DAYS])

        self.model = MarksModel(self)
        self.table = QTableView()
        self.table.setObjectName("annotationsTable")
        self.table.setAccessibleName("Annotations")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for place, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(place, width)
        # The passage takes the room left: it is what the list is for.
        header.setSectionResizeMode(COLUMNS.index("Text"), QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activated)  # Enter, double click
        self.table.clicked.connect(self._clicked)

        self.count_label = QLabel()
        self.count_label.setObjectName("annotationsCount")
        self.message = plain_label(name="annotationsMessage")  # names files and titles
        self.copy_button = QPushButton("Copy Quote")
        self.card_button = QPushButton("Save Quote as Image…")
        self.export_button = QPushButton("Export Selected…")
        self.copy_button.clicked.connect(self.copy_selected)
        self.card_button.clicked.connect(self._card)
        self.export_button.clicked.connect(self._export)
        copy = QAction("Copy Quote", self)
        copy.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Copy), QKeySequence("Ctrl+Shift+C")]
        )
        copy.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        copy.triggered.connect(self.copy_selected)
        self.table.addAction(copy)
        close = QAction("Close", self)
        close.setShortcut(QKeySequence(QKeySequence.StandardKey.Close))
        close.triggered.connect(self.close)
        self.addAction(close)

        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(QLabel("Order:"))
        top.addWidget(self.order)
        filters = QGridLayout()
        for place, box in enumerate(
            (self.show_box, self.speaker_box, self.episode_box, self.tag_box,
             self.colour_box, self.kind_box, self.added_box)
        ):  # fmt: skip
            filters.addWidget(box, 0, place)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.message, 1)
        for button in (self.copy_button, self.card_button, self.export_button):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def _combo(self, name: str, choices: list[tuple[str, str]] | None = None) -> QComboBox:
        box = QComboBox()
        box.setObjectName(f"annotations{name}")
        box.setAccessibleName(f"{name} filter" if name != "Order" else "Order")
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(10)
        for label, value in choices or [(f"Any {name.lower()}", ANY)]:
            box.addItem(label, value)
        box.currentIndexChanged.connect(lambda _i: self.apply())
        return box

    # -- what is listed ---------------------------------------------------------------------
    def set_marks(self, marks: LibraryMarks) -> None:
        """Show a library's marks (after a collection), keeping the filters chosen."""
        if marks is self._marks:
            return
        self._marks = marks
        self._refill(self.show_box, [(s, s) for s in marks.choice("shows")])
        self._refill(self.speaker_box, [(s, s) for s in marks.choice("speakers")])
        episodes = marks.choice("episodes")
        self._refill(self.episode_box, [(label, path) for path, label in episodes])
        self._refill(self.tag_box, [(f"#{t}", t) for t in marks.choice("tags")])
        self.apply()

    def _refill(self, box: QComboBox, choices: list[tuple[str, str]]) -> None:
        """Offer ``choices`` after "Any …", keeping the one chosen (untouched if the same)."""
        if self._offered.get(box.objectName()) == choices:
            return
        self._offered[box.objectName()] = choices
        chosen = box.currentData()
        box.blockSignals(True)
        while box.count() > 1:
            box.removeItem(1)
        for label, value in choices:
            box.addItem(label, value)
        found = box.findData(chosen)
        box.setCurrentIndex(found if found >= 0 else 0)
        box.blockSignals(False)

    def set_found(self, found: frozenset[tuple[str, str]] | None) -> None:
        """The search box's answer (None: no search)."""
        self._found = found
        self.apply()

    def current_filter(self) -> MarkFilter:
        def value(box: QComboBox) -> str:
            return str(box.currentData() or "")

        return MarkFilter(
            show=value(self.show_box),
            speaker=value(self.speaker_box),
            episode=value(self.episode_box),
            tag=value(self.tag_box),
            color=value(self.colour_box),
            kind=value(self.kind_box),
            since=since_iso(value(self.added_box) or "any time"),
            found=self._found if self.search_box.text().strip() else None,
        )

    def apply(self) -> None:
        """List the marks the filters let through, in the chosen order."""
        wanted = self.current_filter()
        in_order = self._marks.in_order(str(self.order.currentData()))
        shown = [mark for mark in in_order if wanted.accepts(mark)]
        chosen = {(m.episode_id, m.key) for m in self.selected_marks()}
        current = self.current_mark()
        self.model.set_marks(shown)
        if chosen:  # the same marks stay selected when the list is collected again
            self._reselect(shown, chosen, current)
        everything = len(self._marks.marks)
        total = counted(everything, "mark")
        self.count_label.setText(f"{len(shown)} of {total}" if len(shown) != everything else total)
        self._update_buttons()

    def _reselect(
        self, shown: list[Mark], chosen: set[tuple[str, str]], current: Mark | None
    ) -> None:
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        for row, mark in enumerate(shown):
            if (mark.episode_id, mark.key) in chosen:
                selection.select(self.model.index(row, 0), self.model.index(row, last))
                if current is not None and (mark.episode_id, mark.key) == (
                    current.episode_id,
                    current.key,
                ):
                    self.table.selectionModel().setCurrentIndex(
                        self.model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate
                    )
        self.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.Select)

    def say(self, message: str) -> None:
        self.message.setText(message)

    def _ask_search(self) -> None:
        query = self.search_box.text().strip()
        if query:
            self.search_requested.emit(query)
        else:
            self.set_found(None)

    # -- acting on marks --------------------------------------------------------------------
    def selected_marks(self) -> list[Mark]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [mark for row in rows if (mark := self.model.mark(row)) is not None]

    def current_mark(self) -> Mark | None:
        return self.model.mark(self.table.currentIndex().row())

    def _update_buttons(self) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        for button in (self.copy_button, self.export_button):
            button.setEnabled(chosen)
        self.card_button.setEnabled(self.current_mark() is not None and chosen)

    def _into_table(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def _activated(self, index: QModelIndex) -> None:
        """Enter or a double click: open the passage and go to the main window."""
        mark = self.model.mark(index.row())
        if mark is not None:
            self.open_requested.emit(mark, True)

    def _clicked(self, index: QModelIndex) -> None:
        """A plain click shows the passage in the main window and stays here (to copy,
        export or click the next one); Ctrl/Shift+click only selects."""
        mark = self.model.mark(index.row())
        if mark is not None and QApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier:
            self.open_requested.emit(mark, False)

    def copy_selected(self) -> None:
        marks = self.selected_marks()
        if marks:
            self.copy_requested.emit(marks)

    def _card(self) -> None:
        mark = self.current_mark()
        if mark is not None:
            self.card_requested.emit(mark)

    def _export(self) -> None:
        marks = self.selected_marks()
        if marks:
            self.export_requested.emit(marks)
