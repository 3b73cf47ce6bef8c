"""The main window's three panes, arranged so the transcript always keeps a readable width.

When the window narrows, the side panels give way first: the outline/notes panel and then the
library list shrink to a usable minimum, then the side panel collapses, and only then does
the transcript get narrower. When the window widens again, a panel collapsed this way comes
back."""

from __future__ import annotations

import logging

from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QSplitter, QTextEdit, QWidget

log = logging.getLogger(__name__)

#: The narrowest transcript line we allow, in average characters (a readable column).
MIN_READABLE_CHARS = 45
#: The narrowest the library list and the side panel get before they collapse or stop.
LIBRARY_MIN = 220
SIDE_MIN = 180
SIDE_RESTORED = 260


class ReadingSplitter(QSplitter):
    """Library | transcript | side panel; ``view`` is the transcript's text view."""

    LIBRARY, TRANSCRIPT, SIDE = range(3)

    def __init__(self, view: QTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self._side_collapsed_by_us = False

    def transcript_needs(self) -> int:
        """Width the transcript pane needs for ``MIN_READABLE_CHARS`` per line."""
        chars = self.view.fontMetrics().averageCharWidth() * MIN_READABLE_CHARS
        margins = 2 * int(self.view.document().documentMargin())
        chrome = self.view.verticalScrollBar().sizeHint().width() + 2 * self.view.frameWidth()
        return chars + margins + chrome + 4

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.isVisible():  # not the passing sizes of a window being built and restored
            self.fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit()

    def fit(self) -> None:
        """Take width from the side panels until the transcript has what it needs."""
        sizes = self.sizes()
        if len(sizes) != 3:
            return
        need = self.transcript_needs()
        library, transcript, side = sizes
        if transcript < need:
            for index, floor in ((self.SIDE, SIDE_MIN), (self.LIBRARY, LIBRARY_MIN)):
                give = min(max(sizes[index] - floor, 0), need - sizes[self.TRANSCRIPT])
                if give > 0:
                    sizes[index] -= give
                    sizes[self.TRANSCRIPT] += give
            if sizes[self.TRANSCRIPT] < need and sizes[self.SIDE] > 0:
                sizes[self.TRANSCRIPT] += sizes[self.SIDE]
                sizes[self.SIDE] = 0
                self._side_collapsed_by_us = True
                log.debug("narrow window: side panel collapsed")
        elif self._side_collapsed_by_us and side == 0 and transcript - need >= SIDE_RESTORED:
            sizes[self.SIDE] = SIDE_RESTORED
            sizes[self.TRANSCRIPT] -= SIDE_RESTORED
            self._side_collapsed_by_us = False
        if sizes != [library, transcript, side]:
            self.setSizes(sizes)
