"""Snippets of the result rows that come into view, made by the search thread on demand.

A search lists up to 200 rows but a window shows a dozen; the search makes the snippets of
the first rows (``FIRST_SNIPPETS``) and the list model asks for the others as they are drawn.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from reader.ui.episode_model import EpisodeListModel
from reader.ui.rows import SearchAnswer
from reader.ui.workers import IndexThreads


class SnippetFiller(QObject):
    """Passes the model's wishes to the search thread, and its snippets back, for the
    answer the list shows (snippets of an older answer are dropped)."""

    def __init__(self, threads: IndexThreads, model: EpisodeListModel, parent=None) -> None:
        super().__init__(parent)
        self._threads = threads
        self._model = model
        self._answer: tuple[int, Path, str] | None = None  # request, library, query
        model.snippets_wanted.connect(self._wanted)
        threads.searcher.snippets_made.connect(self._made)

    def answered(self, library: Path | None, answer: SearchAnswer) -> None:
        """The list now shows ``answer``."""
        self._answer = None if library is None else (answer.request, library, answer.query)

    def _wanted(self, paths: list[str]) -> None:
        if self._answer is not None:
            request, library, query = self._answer
            self._threads.snippets(request, library, query, paths)

    def _made(self, request: int, made: dict) -> None:
        if self._answer is not None and request == self._answer[0]:
            self._model.fill_snippets(made)
