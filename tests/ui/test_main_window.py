"""The main window driven as a user would: clicks, keys and the File menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from reader.paths import AppPaths
from reader.ui.main_window import MainWindow
from reader.ui.settings import open_settings


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path) -> MainWindow:
    paths = AppPaths.resolve(data_dir).ensure()
    win = MainWindow(open_settings(paths), paths)
    qtbot.addWidget(win)
    win.show()
    return win


def titles(window: MainWindow) -> list[str]:
    return [window.episode_list.item(i).text() for i in range(window.episode_list.count())]


def test_lists_transcripts_only_with_readable_titles(window: MainWindow, small_library: Path):
    assert window.open_library(small_library)
    assert titles(window) == ["Ep03 Captions", "Ep01 First Steps", "Ep02 Second Steps"]
    assert window.count_label.text() == f"3 transcripts in {small_library.resolve()}"


def test_clicking_an_episode_shows_its_text(qtbot: QtBot, window: MainWindow, small_library: Path):
    window.open_library(small_library)
    item = window.episode_list.item(2)
    rect = window.episode_list.visualItemRect(item)
    qtbot.mouseClick(window.episode_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert "Feedback is a gift." in window.transcript.toPlainText()
    assert window.windowTitle() == "Ep02 Second Steps — Episode Reader"


def test_keyboard_moves_through_episodes(qtbot: QtBot, window: MainWindow, small_library: Path):
    window.open_library(small_library)
    window.episode_list.setFocus()
    qtbot.keyClick(window.episode_list, Qt.Key.Key_Down)
    assert "Today we talk about delegation." in window.transcript.toPlainText()


def test_markup_in_a_transcript_is_shown_as_text(window: MainWindow, tmp_path: Path):
    library = tmp_path / "lib"
    library.mkdir()
    (library / "evil.html").write_text(
        '<p>Hi</p><script>alert(1)</script><img src="http://example.invalid/x.png">',
        encoding="utf-8",
    )
    window.open_library(library)
    assert '<img src="http://example.invalid/x.png">' in window.transcript.toPlainText()


def test_empty_library_says_what_to_do(window: MainWindow, tmp_path: Path):
    empty = tmp_path / "empty"
    empty.mkdir()
    window.open_library(empty)
    assert window.episode_list.count() == 0
    assert "No transcripts in" in window.transcript.toPlainText()
    assert window.count_label.text().startswith("0 transcripts")


def test_open_library_from_file_menu(
    window: MainWindow, small_library: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", lambda *_args, **_kw: str(small_library)
    )
    window.open_action.trigger()
    assert window.library == small_library.resolve()
    assert window.episode_list.count() == 3


def test_cancelled_folder_picker_keeps_library(
    window: MainWindow, small_library: Path, monkeypatch: pytest.MonkeyPatch
):
    window.open_library(small_library)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args, **_kw: "")
    window.open_action.trigger()
    assert window.library == small_library.resolve()


def test_missing_library_warns_and_keeps_current(
    window: MainWindow, small_library: Path, tmp_path: Path, dialogs
):
    window.open_library(small_library)
    assert not window.open_library(tmp_path / "gone")
    assert dialogs.shown == [
        ("warning", f"Cannot open library: {tmp_path / 'gone'}: no such folder")
    ]
    assert window.library == small_library.resolve()
    assert window.episode_list.count() == 3


def test_unreadable_file_shows_reason_instead_of_crashing(window: MainWindow, small_library: Path):
    window.open_library(small_library)
    (small_library / "ep03-captions.srt").unlink()
    window.episode_list.setCurrentRow(1)
    window.episode_list.setCurrentRow(0)
    text = window.transcript.toPlainText()
    assert text.startswith(f"Could not read {small_library.resolve() / 'ep03-captions.srt'}")
    assert "No such file or directory" in text


def test_window_geometry_survives_restart(qtbot: QtBot, data_dir: Path):
    settings_paths = AppPaths.resolve(data_dir).ensure()
    first = MainWindow(open_settings(settings_paths), settings_paths)
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 500)
    first.splitter.setSizes([200, 500])
    first.close()
    second = MainWindow(open_settings(settings_paths), settings_paths)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (700, 500)
    assert second.splitter.sizes()[0] == first.splitter.sizes()[0]
