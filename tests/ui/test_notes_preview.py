"""The notes preview loads no resource: no local file, no file: URL, no network."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from pytestqt.qtbot import QtBot

from reader.notes import NotesStore
from reader.ui.main_window import MainWindow

if TYPE_CHECKING:
    from .conftest import Driver

EP1 = "show-a/ep01-leaders-who-delegate.md"
IMAGE = QTextDocument.ResourceType.ImageResource.value


@pytest.fixture
def images(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder (the current folder too) with a real PNG and FIFOs named like an image and a
    style sheet."""
    folder = tmp_path / "pictures"
    folder.mkdir()
    real = QImage(7, 5, QImage.Format.Format_RGB32)
    real.fill(Qt.GlobalColor.red)
    assert real.save(str(folder / "real.png"))
    for name in ("trap.png", "trap.css", "trap2.png"):
        os.mkfifo(folder / name)
    monkeypatch.chdir(folder)
    return folder


def test_the_preview_of_a_note_loads_no_image_or_style_sheet(
    ui: Driver, qtbot: QtBot, window: MainWindow, images: Path, fifo_opens
):
    trap_url = QUrl.fromLocalFile(str(images / "trap.png")).toString()
    note = "\n\n".join(  # the HTML last: Qt's Markdown drops text after some HTML blocks
        [
            "My note with pictures.",
            f"![real, absolute]({images / 'real.png'}) and ![real, relative](real.png)",
            f"![trap, file URL]({trap_url}) and ![trap, relative](trap.png)",
            '<p style="background-image: url(trap2.png)">styled</p>',
            f'Inline <img src="{trap_url}"> HTML.',
            '<link rel="stylesheet" href="trap.css"><style>@import url(trap.css);</style>',
            f'<img src="{QUrl.fromLocalFile(str(images / "trap2.png")).toString()}">',
        ]
    )
    store = NotesStore(window.paths.data, window.library)
    md = store.note_path(EP1)
    md.parent.mkdir(parents=True, exist_ok=True)
    md.write_text(note, encoding="utf-8")
    window.open_episode(EP1)
    ui.wait_for_episode(window)
    panel = window.side.notes
    assert panel.body() == note
    fifos = [images / name for name in ("trap.png", "trap.css", "trap2.png")]
    with fifo_opens(fifos) as detector:
        qtbot.mouseClick(panel.preview_button, Qt.MouseButton.LeftButton)
        assert panel.stack.currentWidget() is panel.preview
        panel.preview.grab()  # lay out and paint, which is when images are fetched
        qtbot.wait(200)
        doc = panel.preview.document()
        loaded = {
            url: doc.resource(IMAGE, QUrl(url))
            for url in (str(images / "real.png"), "real.png", "trap.png")
        }
    assert detector.opened == []  # no FIFO was opened
    assert "My note with pictures." in panel.preview.toPlainText()
    for url, image in loaded.items():  # what the document holds is not the 7x5 PNG
        assert isinstance(image, QImage), (url, image)
        assert image.size().toTuple() == (1, 1), url
    asked = set(doc.refused)  # each route did ask, and was refused
    assert {str(images / "real.png"), "real.png", trap_url, "trap.png", "trap2.png"} <= asked
