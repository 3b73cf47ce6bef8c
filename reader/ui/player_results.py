""" "Play First Hit" on a search result: the result row's context menu opens the episode at its
first hit and plays from there (the hit navigation's "Play Hit" does the same inside one)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QListView, QMenu

from reader.ui.episode_model import PATH_ROLE, EpisodeListModel

PLAY_FIRST_HIT = "▶ &Play First Hit"


def offer_play_in_results(
    results: QListView, model: EpisodeListModel, play: Callable[[str], None]
) -> None:
    """Give ``results`` a context menu whose entry calls ``play(path)`` for the row clicked."""

    def menu_at(point: QPoint) -> None:
        index = results.indexAt(point)
        path = index.data(PATH_ROLE) if index.isValid() else None
        if not path or not model.searching:
            return  # only a search's results have hits to play
        menu = QMenu(results)
        menu.addAction(PLAY_FIRST_HIT, lambda: play(path))
        menu.exec(results.viewport().mapToGlobal(point))
        menu.deleteLater()

    results.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    results.customContextMenuRequested.connect(menu_at)
