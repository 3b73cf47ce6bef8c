"""The episode list says which episodes have their recording, and follows the folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment

from reader.ui.episode_model import ROW_ROLE, row_html

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from .conftest import Driver

VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ana>{words}\n"


def _row_text(window, path: str) -> tuple[str, str, str]:
    """What the row of ``path`` shows, its tooltip and what a screen reader hears."""
    model = window.library_pane.model
    index = model.index(model.row_of(path))
    shown = QTextDocumentFragment.fromHtml(row_html(index.data(ROW_ROLE), False)).toPlainText()
    tip = QTextDocumentFragment.fromHtml(index.data(Qt.ItemDataRole.ToolTipRole)).toPlainText()
    return shown, tip, index.data(Qt.ItemDataRole.AccessibleTextRole)


def test_rows_mark_audio_and_the_watcher_adds_the_mark(ui: Driver, qtbot: QtBot, tmp_path: Path):
    library = tmp_path / "lib"
    library.mkdir()
    (library / "ep1.vtt").write_text(VTT.format(words="Goals first."), encoding="utf-8")
    (library / "ep1.m4a").write_bytes(b"\0" * 64)
    (library / "ep2.vtt").write_text(VTT.format(words="Then the plan."), encoding="utf-8")
    window = ui.start(library)
    shown, tip, heard = _row_text(window, "ep1.vtt")
    assert "♪ audio" in shown
    assert tip.splitlines()[-1] == "Audio: ep1.m4a"
    assert "has audio" in heard
    shown, tip, heard = _row_text(window, "ep2.vtt")
    assert "audio" not in shown + tip + heard

    (library / "ep2.ogg").write_bytes(b"\0" * 64)  # the recording arrives later
    qtbot.waitUntil(lambda: "♪ audio" in _row_text(window, "ep2.vtt")[0], timeout=15000)
    (library / "ep1.m4a").unlink()
    qtbot.waitUntil(lambda: "♪ audio" not in _row_text(window, "ep1.vtt")[0], timeout=15000)
    ui.type_query(window, "plan")  # search results carry the mark too
    assert window.library_pane.model.index(0).data(ROW_ROLE).audio == "ep2.ogg"
    window.close()
