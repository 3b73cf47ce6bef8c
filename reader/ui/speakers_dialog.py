"""Library › Speakers…: each show's speakers with their episode counts; rename one, merge the
selected ones, or split a file's name off a merged speaker. Saved to the library's
``speakers.json`` (``reader.library.speaker_corrections``), which the next sync applies; a
file that cannot be parsed is named with its problem and never written over. ``SpeakerNames``
opens the dialog and watches the file, so a hand edit applies while the app runs."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.library.speaker_corrections import (
    CorrectionsError,
    SpeakerCorrections,
    load_corrections,
    save_corrections,
)
from reader.library.speakers import speakers_by_show
from reader.notes.speakers_file import speakers_file
from reader.search.index import IndexNotReady, LibraryIndex
from reader.ui.safe_text import plain_label, tell
from reader.util.pathnames import for_display
from reader.util.plural import counted

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

log = logging.getLogger(__name__)

NO_SHOW = "(no show)"
#: Item data: ("person", shown name) for a speaker, ("file", name) for a name in files.
KIND = Qt.ItemDataRole.UserRole


class SpeakersDialog(QDialog):
    """The speakers of the library's shows, and the user's corrections to them."""

    saved = Signal()  # speakers.json changed: a sync applies it to the index

    def __init__(
        self, path: Path, docs: list[dict], show: str = "", parent: QWidget | None = None
    ) -> None:
        """``show``: the one listed first (the open episode's)."""
        super().__init__(parent)
        self.setWindowTitle("Speakers")
        self.setObjectName("speakersDialog")
        self.path = path
        self.docs = docs
        self.corrections: SpeakerCorrections | None = None
        self.problem = plain_label("", "speakersProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: palette(bright-text); background: #b3261e; padding: 6px")
        self.shows = QComboBox()
        self.shows.setObjectName("speakersShow")
        self.shows.setAccessibleName("Show")
        self.shows.currentIndexChanged.connect(self._fill_tree)
        self.tree = QTreeWidget()
        self.tree.setObjectName("speakersTree")
        self.tree.setAccessibleName("Speakers")
        self.tree.setHeaderLabels(["Speaker (names in files below)", "Episodes"])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.new_name = QLineEdit()
        self.new_name.setObjectName("speakerNewName")
        self.new_name.setAccessibleName("New name")
        self.new_name.setPlaceholderText("New name")
        self.new_name.textChanged.connect(self._selection_changed)
        self.new_name.returnPressed.connect(self.rename_selected)
        self.rename_button = QPushButton("Rename")
        self.rename_button.setObjectName("speakerRename")
        self.rename_button.clicked.connect(self.rename_selected)
        self.split_button = QPushButton("Split Off")
        self.split_button.setObjectName("speakerSplit")
        self.split_button.setToolTip("Show this name from the files as a speaker of its own")
        self.split_button.clicked.connect(self.split_selected)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.new_name, 1)
        edit_row.addWidget(self.rename_button)
        edit_row.addWidget(self.split_button)
        where = plain_label(f"Kept in {for_display(path)} (plain JSON: see the README).")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.problem)
        layout.addWidget(self.shows)
        layout.addWidget(self.tree, 1)
        layout.addLayout(edit_row)
        layout.addWidget(where)
        layout.addWidget(buttons)
        self.resize(560, 520)
        self._first_show = show
        self.reload()

    # -- reading ------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the file again; a broken one is named with its problem and left alone."""
        try:
            self.corrections = load_corrections(self.path)
            self.problem.hide()
        except CorrectionsError as exc:
            self.corrections = None
            self.problem.setText(
                f"{exc}.\nFix or remove the file: until then the app changes nothing in it "
                "and shows the names as they were before."
            )
            self.problem.show()
        self._fill_shows()

    def _people(self) -> dict:
        return speakers_by_show(self.docs, self.corrections or SpeakerCorrections())

    def _fill_shows(self) -> None:
        current = self.shows.currentData() if self.shows.count() else self._first_show
        self.shows.blockSignals(True)
        self.shows.clear()
        for show, people in self._people().items():
            self.shows.addItem(f"{show or NO_SHOW} ({counted(len(people), 'speaker')})", show)
        wanted = str(current or "").casefold()
        shows = [str(self.shows.itemData(i)).casefold() for i in range(self.shows.count())]
        self.shows.setCurrentIndex(shows.index(wanted) if wanted in shows else 0)
        self.shows.blockSignals(False)
        self._fill_tree()

    def show_name(self) -> str:
        return str(self.shows.currentData() or "")

    def _fill_tree(self) -> None:
        self.tree.clear()
        for person in self._people().get(self.show_name(), []):
            item = QTreeWidgetItem([person.name, str(person.episodes)])
            item.setData(0, KIND, ("person", person.name))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
            if person.file_names != (person.name,):
                for name in person.file_names:
                    child = QTreeWidgetItem([f"as “{name}” in files", ""])
                    child.setData(0, KIND, ("file", name))
                    item.addChild(child)
            self.tree.addTopLevelItem(item)
            item.setExpanded(True)  # only once in the tree
        self.tree.resizeColumnToContents(1)
        self._selection_changed()

    def _selected(self, kind: str) -> list[str]:
        chosen = [item.data(0, KIND) for item in self.tree.selectedItems()]
        return [name for found, name in chosen if found == kind]

    def _selection_changed(self) -> None:
        editable = self.corrections is not None
        people = self._selected("person")
        if people and self.sender() is self.tree:
            self.new_name.setText(people[0])
        self.rename_button.setText("Merge" if len(people) > 1 else "Rename")
        wanted = self.new_name.text().strip()
        changes = len(people) > 1 or (len(people) == 1 and wanted != people[0])
        self.rename_button.setEnabled(editable and bool(wanted) and changes)
        self.split_button.setEnabled(editable and len(self._selected("file")) == 1)
        self.new_name.setEnabled(editable)

    # -- changing -----------------------------------------------------------------------------
    def rename_selected(self) -> None:
        """One speaker selected: rename it; several: merge them under the new name."""
        people, to = self._selected("person"), " ".join(self.new_name.text().split())
        if self.corrections is None or not people or not to:
            return
        self._save(self.corrections.renaming(self.show_name(), people, to))

    def split_selected(self) -> None:
        """A file's name selected under a merged speaker: make it a speaker of its own."""
        names = self._selected("file")
        if self.corrections is not None and len(names) == 1:
            self._save(self.corrections.splitting(self.show_name(), names[0]))

    def _save(self, corrections: SpeakerCorrections) -> None:
        try:
            self.corrections = save_corrections(self.path, corrections)
        except (CorrectionsError, OSError) as exc:
            log.warning("cannot save speaker corrections: %s", exc)
            tell(self, "Speakers not saved", str(exc), QMessageBox.Icon.Warning)
            self.reload()
            return
        self.saved.emit()
        self._fill_shows()


class SpeakerNames(QObject):
    """Opens the Speakers dialog for the window's library and re-syncs when its
    ``speakers.json`` changes, from the dialog or from another program."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._maybe_changed)
        self.watcher.fileChanged.connect(self._maybe_changed)
        self._path: Path | None = None
        self._stamp: bytes | None = None
        self.dialog: SpeakersDialog | None = None

    def watch(self, library: Path) -> None:
        self._path = speakers_file(self.window.paths.data, library)
        self._stamp = _stamp(self._path)
        self._rewatch()

    def _rewatch(self) -> None:
        old = self.watcher.files() + self.watcher.directories()
        if old:
            self.watcher.removePaths(old)
        if self._path is None:
            return
        # The file, and its folder or, before there is one, the nearest folder above it:
        # creating the notes folder and then the file is noticed too.
        watched = [self._path] if self._path.exists() else []
        folder = next((p for p in self._path.parents if p.is_dir()), None)
        if folder is not None:
            watched.append(folder)
        if watched:
            self.watcher.addPaths([str(p) for p in watched])

    def _maybe_changed(self, _path: str) -> None:
        if self._path is None:
            return
        stamp = _stamp(self._path)
        self._rewatch()  # a replaced file is a new file to watch
        if stamp != self._stamp:
            self._stamp = stamp
            log.info("%s changed: settling speaker names", self._path)
            self.window.reindex()

    def _saved(self) -> None:
        if self._path is not None:
            self._stamp = _stamp(self._path)
            self._rewatch()
        self.window.reindex()

    def show_dialog(self) -> None:
        library = self.window.library
        if library is None:
            return
        try:
            ix = LibraryIndex(library, self.window.paths.cache, create=False)
            try:
                docs = ix.kept_documents()  # no stored document read (``facets``)
            finally:
                ix.close()
        except IndexNotReady:
            tell(self.window, "Speakers", "The library is not indexed yet; try again soon.")
            return
        except Exception as exc:  # a damaged index (the next sync rebuilds it): no crash
            log.warning("cannot list the speakers of %s: %s", library, exc)
            tell(self.window, "Speakers", f"Cannot read the library's index: {exc}")
            return
        self.watch(library)  # the notes, and so the file, may have moved since
        assert self._path is not None
        if self.dialog is not None:
            self.dialog.deleteLater()
        episode = self.window.transcript.view.episode
        show = (episode.show or "") if episode is not None else ""
        self.dialog = SpeakersDialog(self._path, docs, show, self.window)
        self.dialog.saved.connect(self._saved)
        self.dialog.exec()


def _stamp(path: Path) -> bytes | None:
    """The file's content (it is small), to tell a real change from a touch or our save."""
    try:
        return path.read_bytes()
    except OSError:
        return None
