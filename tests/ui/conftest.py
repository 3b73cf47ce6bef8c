"""UI test set-up: patched dialogs (a modal box would block an offscreen test forever) and a
main window on a temporary library whose first indexing has finished."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from reader.paths import AppPaths
from reader.ui.app import configure_app
from reader.ui.main_window import MainWindow
from reader.ui.settings import open_settings


@dataclass
class DialogLog:
    shown: list[tuple[str, str]] = field(default_factory=list)
    formats: list[Qt.TextFormat] = field(default_factory=list)  # each box's text format


@pytest.fixture(autouse=True)
def dialogs(monkeypatch: pytest.MonkeyPatch) -> DialogLog:
    log = DialogLog()

    def record(kind: str):
        def show(_parent, title, text, *_args, **_kwargs):
            log.shown.append((kind, f"{title}: {text}"))
            log.formats.append(Qt.TextFormat.AutoText)  # what Qt's static boxes use
            return QMessageBox.StandardButton.Ok

        return show

    for kind in ("warning", "critical", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, kind, record(kind))
    kinds = {
        QMessageBox.Icon.Information: "information",
        QMessageBox.Icon.Warning: "warning",
        QMessageBox.Icon.Critical: "critical",
        QMessageBox.Icon.Question: "question",
    }

    def exec_box(box: QMessageBox) -> int:
        log.shown.append((kinds.get(box.icon(), "message"), f"{box.windowTitle()}: {box.text()}"))
        log.formats.append(box.textFormat())
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    return log


@pytest.fixture(autouse=True)
def clear_clipboard(qapp: QApplication) -> Iterator[None]:
    """Qt's offscreen platform crashes at exit if the clipboard still owns our QMimeData
    (a real X11 session does not); tests that copy quotes leave it empty."""
    yield
    qapp.clipboard().clear()


@pytest.fixture
def app_paths(data_dir: Path) -> AppPaths:
    return AppPaths.resolve(data_dir).ensure()


class Driver:
    """Drives the real window as a user would, waiting on its answers instead of sleeping."""

    def __init__(self, qtbot: QtBot, paths: AppPaths) -> None:
        self.qtbot = qtbot
        self.paths = paths

    def start(self, library: Path) -> MainWindow:
        window = MainWindow(open_settings(self.paths), self.paths)
        self.qtbot.addWidget(window)
        window.show()
        self.qtbot.waitExposed(window)
        window.activateWindow()
        assert window.open_library(library)
        self.wait_for_index(window)
        self.wait_for_list(window)
        return window

    def start_without_waiting(self, library: Path, on_synced=None) -> MainWindow:
        """A window opening ``library``; ``on_synced`` hears each of its syncs' reports."""
        window = MainWindow(open_settings(self.paths), self.paths)
        self.qtbot.addWidget(window)
        if on_synced is not None:
            window.libraries.synced.connect(on_synced)
        window.show()
        self.qtbot.waitExposed(window)
        assert window.open_library(library)
        return window

    def wait_for_index(self, window: MainWindow, timeout: int = 20000) -> None:
        """Wait until indexing is over (``indexing`` is cleared on the GUI thread)."""
        self.qtbot.waitUntil(lambda: not window.indexing, timeout=timeout)

    def wait_for_list(self, window: MainWindow, timeout: int = 10000) -> None:
        """Wait until the answer to the latest search request has reached the list."""
        self.qtbot.waitUntil(
            lambda: (
                bool(window._search_request) and window.answered_request == window._search_request
            ),
            timeout=timeout,
        )

    def wait_for_episode(self, window: MainWindow, timeout: int = 10000) -> None:
        self.qtbot.waitUntil(
            lambda: bool(window._load_request) and window.loaded_request == window._load_request,
            timeout=timeout,
        )

    def type_query(self, window: MainWindow, text: str) -> None:
        box = window.library_pane.search_box
        box.setFocus()
        box.clear()
        self.qtbot.keyClicks(box, text)
        self.qtbot.waitUntil(lambda: window.library_pane.query() == text)
        self.qtbot.wait(window.library_pane._debounce.interval() + 50)
        self.wait_for_list(window)

    def open_first(self, window: MainWindow) -> None:
        """Down from the search box into the list, then Enter."""
        box = window.library_pane.search_box
        box.setFocus()
        self.qtbot.keyClick(box, Qt.Key.Key_Down)
        assert window.library_pane.list.hasFocus()
        self.qtbot.keyClick(window.library_pane.list, Qt.Key.Key_Return)
        self.wait_for_episode(window)


@pytest.fixture
def ui(qtbot: QtBot, qapp: QApplication, app_paths: AppPaths) -> Driver:
    configure_app(qapp)  # the real style sheet and icon, as ``episode-reader`` starts with
    return Driver(qtbot, app_paths)


@pytest.fixture
def window(ui: Driver, search_library: Path) -> Iterator[MainWindow]:
    win = ui.start(search_library)
    yield win
    win.close()


DETECTOR = r"""
import errno, os, sys, time
# O_PATH holds each FIFO without opening it for reading or writing, and lets us reopen it
# through /proc even after the test has removed its name.
held = {os.path.basename(f): os.open(f, os.O_PATH) for f in sys.argv[1:]}
print("ready", flush=True)
while True:
    for name, handle in held.items():
        try:
            fd = os.open(f"/proc/self/fd/{handle}", os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno != errno.ENXIO:  # ENXIO: nobody is reading it
                raise
            continue
        print(name, flush=True)
        os.close(fd)
    time.sleep(0.002)
"""


class OpenDetector:
    """Notices whenever anyone opens one of ``fifos`` to read it, and lets that reader go.

    Opening a FIFO to write without blocking fails (ENXIO) unless a reader has it open, so a
    process that keeps trying sees each open; it then closes its end, the reader gets an empty
    file, and nothing hangs even when the code under test does open it. A process, not a
    thread: the reader blocks in ``open`` holding Python's lock. On leaving, the FIFOs are
    removed first, so that a late reader (a widget painted as the test fails and its window
    closes) finds no file instead of waiting forever.
    """

    def __init__(self, fifos: list[Path]) -> None:
        self.fifos = fifos
        self.opened: list[str] = []

    def __enter__(self) -> OpenDetector:
        args = [sys.executable, "-c", DETECTOR, *map(str, self.fifos)]
        self._proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
        assert self._proc.stdout is not None
        assert self._proc.stdout.readline() == "ready\n"
        return self

    def __exit__(self, *_exc: object) -> None:
        for fifo in self.fifos:
            fifo.unlink()
        time.sleep(0.05)  # a last round, for a reader that opened just before
        self._proc.terminate()
        out, _ = self._proc.communicate(timeout=10)
        self.opened = out.split()


@pytest.fixture
def fifo_opens() -> type[OpenDetector]:
    """``with fifo_opens([fifo, ...]) as seen:`` … ``seen.opened`` names each FIFO opened."""
    return OpenDetector
