"""Stepping from one result row to the next: "next episode with hits" (Ctrl+F3) and its
reverse, so a user can walk through a search's episodes without the mouse."""

from __future__ import annotations

from dataclasses import dataclass

from reader.ui.episode_model import PATH_ROLE
from reader.ui.library_pane import LibraryPane


@dataclass(frozen=True)
class ResultStep:
    path: str | None  # the episode to open, None when there is none
    message: str = ""  # what the status bar says about the step ("" for nothing)


def step_result(pane: LibraryPane, open_path: str | None, delta: int) -> ResultStep:
    """Select the result row ``delta`` rows from the open episode's (the first or last row
    when no result is open), going round the ends of the list and saying so."""
    model = pane.model
    count = model.rowCount()
    if not model.searching:
        return ResultStep(None, "Type a search first: this steps through its results")
    if not count:
        return ResultStep(None, "No episode has hits for this search")
    row = model.row_of(open_path) if open_path else -1
    message = ""
    if row < 0:
        target = 0 if delta > 0 else count - 1
    else:
        target = row + delta
        if target >= count:
            target, message = 0, "Wrapped to the first result"
        elif target < 0:
            target, message = count - 1, "Wrapped to the last result"
    index = model.index(target)
    pane.list.setCurrentIndex(index)
    pane.list.scrollTo(index)
    return ResultStep(index.data(PATH_ROLE), message)
