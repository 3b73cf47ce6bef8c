"""A narrow window (760×520) still gives the transcript a readable column: the side panels
give way first, and no word is broken across lines."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextOption
from pytestqt.qtbot import QtBot

from reader.ui.main_window import MainWindow

from .long_episode import LONG_PATH, write_long_library

if TYPE_CHECKING:
    from .conftest import Driver


def broken_words(window: MainWindow) -> list[str]:
    """Every laid-out line that ends inside a word, as the text around the break."""
    doc = window.transcript.view.document()
    found = []
    block = doc.begin()
    while block.isValid():
        text, layout = block.text(), block.layout()
        for i in range(layout.lineCount() - 1):
            end = layout.lineAt(i).textStart() + layout.lineAt(i).textLength()
            if 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
                found.append(text[max(0, end - 10) : end + 10])
        block = block.next()
    return found


def test_a_narrow_window_keeps_a_readable_transcript(
    ui: Driver, qtbot: QtBot, tmp_path: Path
) -> None:
    window = ui.start(write_long_library(tmp_path / "long"))
    window.open_episode(LONG_PATH)
    ui.wait_for_episode(window)
    wide = window.splitter.sizes()
    window.resize(760, 520)
    view = window.transcript.view
    need = 45 * view.fontMetrics().averageCharWidth()
    qtbot.waitUntil(lambda: window.width() == 760)
    qtbot.waitUntil(lambda: view.viewport().width() >= need, timeout=3000)
    library, transcript, side = window.splitter.sizes()
    assert side < wide[2]  # the side panels gave way
    assert library < wide[0]
    assert transcript > max(library, side)
    assert view.wordWrapMode() == QTextOption.WrapMode.WordWrap
    assert broken_words(window) == []

    window.resize(1360, 820)
    qtbot.waitUntil(lambda: window.splitter.sizes()[2] > 0, timeout=3000)  # it comes back
    window.close()
