"""Stepping from one result row to the next: "next episode with hits" (Ctrl+F3) and its
reverse, so a user can walk through a search's episodes without the mouse. Past the last
row shown it lists more results first (when there are more) rather than wrap early."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from reader.ui.episode_model import PATH_ROLE
from reader.ui.library_pane import LibraryPane


class ResultStepper(QObject):
    def __init__(
        self,
        pane: LibraryPane,
        say: Callable[[str], None],
        open_episode: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.pane = pane
        self.say = say  # a status bar message
        self.open_episode = open_episode
        self._pending_row: int | None = None  # to open once "show more" has answered

    def step(self, open_path: str | None, delta: int) -> None:
        """Open the result ``delta`` rows from the open episode's (the first or last row when
        no result is open), going round the ends of the list and saying so."""
        model = self.pane.model
        count = model.rowCount()
        if not model.searching:
            self.say("Type a search first: this steps through its results")
            return
        if not count:
            self.say("No episode has hits for this search")
            return
        row = model.row_of(open_path) if open_path else -1
        if row < 0:
            target = 0 if delta > 0 else count - 1
        else:
            target = row + delta
            if target >= count and self.pane.has_more():
                self._pending_row = target
                self.pane.request_more()
                return
            if target >= count:
                target = 0
                self.say("Wrapped to the first result")
            elif target < 0:
                target = count - 1
                self.say("Wrapped to the last result")
        self._open_row(target)

    def answered(self) -> None:
        """The list shows a new answer: open the row a step was waiting for, if it came."""
        row, self._pending_row = self._pending_row, None
        if row is not None and row < self.pane.model.rowCount():
            self._open_row(row)

    def _open_row(self, row: int) -> None:
        index = self.pane.model.index(row)
        self.pane.list.setCurrentIndex(index)
        self.pane.list.scrollTo(index)
        path = index.data(PATH_ROLE)
        if path:
            self.open_episode(path)
