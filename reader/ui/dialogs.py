"""Small dialogs: library problems and the keyboard shortcuts list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.model import ImportFailure
from reader.notes import Note, NotesStore
from reader.ui.actions import help_rows
from reader.util.pathnames import display_relative
from reader.util.plural import counted


def _table(headers: list[str], rows: list[tuple[str, str]], name: str) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setObjectName(name)
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value))  # items hold plain text only
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


class ProblemsDialog(QDialog):
    """Files of the library that did not import, and why. They never block the rest."""

    def __init__(self, library: Path, failures: list[ImportFailure], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Library problems")
        rows = []
        for failure in failures:
            rows.append((display_relative(failure.source, library), failure.problem))
        layout = QVBoxLayout(self)
        count = len(rows)
        intro = QLabel(
            f"{counted(count, 'file')} in {library} could not be read. "
            "The rest of the library is unaffected; fix or remove these files and they are "
            "picked up again."
            if rows
            else f"Every transcript in {library} was read without problems."
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)  # it names the folder
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = _table(["File", "Problem"], rows, "Problems")
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 360)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        layout = QVBoxLayout(self)
        self.table = _table(["Keys", "Action"], help_rows(), "Shortcuts")
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 480)


class OrphansDialog(QDialog):
    """Notes whose transcript is no longer in the library. They are kept, never deleted."""

    def __init__(self, store: NotesStore, orphans: list[Note], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Orphaned Notes")
        rows = [
            (note.title or note.episode_id, str(store.note_path(note.episode_id)))
            for note in orphans
        ]
        layout = QVBoxLayout(self)
        verb = "belongs" if len(rows) == 1 else "belong"
        intro = QLabel(
            f"{counted(len(rows), 'note')} {verb} to transcripts that are no "
            "longer in this library. They are kept as they are: if the transcript comes back "
            "(or turns up renamed), its notes follow it; the files below are yours to keep, "
            "move or delete."
            if rows
            else "Every note belongs to a transcript in this library."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = _table(["Episode", "Note file"], rows, "Orphaned notes")
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 360)
