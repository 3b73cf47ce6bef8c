"""The window on a library with a non-UTF-8 file name and a backslash in a name."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment

from reader.ui.episode_model import ROW_ROLE

if TYPE_CHECKING:
    from .conftest import Driver


def test_odd_names_are_listed_opened_and_shown_with_replacement_characters(
    ui: Driver, search_library: Path
):
    latin1 = os.fsencode(search_library) + b"/caf\xe9.srt"
    try:
        Path(os.fsdecode(latin1)).write_bytes(
            b"1\n00:00:01,000 --> 00:00:03,000\nHost: The barista makes espresso.\n"
        )
    except OSError as exc:  # pragma: no cover - e.g. macOS refuses such names
        pytest.skip(f"this file system refuses non-UTF-8 names: {exc}")
    (search_library / "back\\slash.txt").write_text(
        "Host: Backslashes are fine in Linux file names.\n", encoding="utf-8"
    )
    window = ui.start(search_library)
    model = window.library_pane.model
    titles = sorted(row.title for row in model.rows())
    assert len(titles) == 6  # the four others still load
    assert "Caf\ufffd" in titles
    assert "Back\\slash" in titles

    for query, title, name in (("barista", "Caf\ufffd", "caf\ufffd.srt"),
                               ("backslashes", "Back\\slash", "back\\slash.txt")):  # fmt: skip
        ui.type_query(window, query)
        assert model.rowCount() == 1
        tooltip = model.index(0).data(Qt.ItemDataRole.ToolTipRole)
        shown = QTextDocumentFragment.fromHtml(tooltip).toPlainText()  # as the tooltip shows it
        assert shown.splitlines()[-1] == name
        ui.open_first(window)
        episode = window.transcript.view.episode
        assert episode is not None
        assert episode.title == title == model.index(0).data(ROW_ROLE).title
    window.close()
