"""Generated libraries indexed the way several syncs leave them: one segment per commit."""

from __future__ import annotations

from collections.abc import Sequence

from reader.model import Episode
from reader.search.index import LibraryIndex
from reader.search.results import FileState


def index_in_commits(index: LibraryIndex, episodes: list[Episode], sizes: Sequence[int]) -> None:
    """Index ``episodes`` in commits of ``sizes`` (the rest in one more), so searches cross
    segments of many sizes."""
    state = FileState(1, 1.0, "x")
    start = 0
    for size in sizes:
        index.update([(e, state) for e in episodes[start : start + size]])
        start += size
    index.update([(e, state) for e in episodes[start:]])
