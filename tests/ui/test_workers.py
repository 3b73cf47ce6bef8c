"""Index work on worker threads: answers arrive on the GUI thread, stale searches are dropped,
and many round trips do not crash (PySide6 6.12.0 did, after a few hundred)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import QObject, Slot
from pytestqt.qtbot import QtBot

from reader.ui.rows import SearchAnswer
from reader.ui.workers import IndexThreads


class Inbox(QObject):
    """A receiver living on the GUI thread, as the main window is."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[SearchAnswer] = []
        self.synced = 0

    @Slot(object)
    def answer(self, answer: SearchAnswer) -> None:
        self.answers.append(answer)

    @Slot(object, object)
    def done(self, _library, _report) -> None:
        self.synced += 1


def synced_threads(qtbot: QtBot, library: Path, cache: Path) -> tuple[IndexThreads, Inbox]:
    threads = IndexThreads(cache)
    inbox = Inbox()
    threads.searcher.answered.connect(inbox.answer)
    threads.syncer.finished.connect(inbox.done)
    threads.sync(library)
    qtbot.waitUntil(lambda: inbox.synced == 1, timeout=20000)
    return threads, inbox


def test_only_the_newest_of_many_queued_searches_is_answered(
    qtbot: QtBot, search_library: Path, tmp_path: Path
):
    threads, inbox = synced_threads(qtbot, search_library, tmp_path / "cache")
    try:
        ids = [
            threads.search(search_library, "feedback"[: n % 8 + 1], "relevance") for n in range(60)
        ]
        qtbot.waitUntil(lambda: any(a.request == ids[-1] for a in inbox.answers), timeout=10000)
        qtbot.wait(100)
        assert len(inbox.answers) < 10  # the rest were dropped unanswered
        assert inbox.answers[-1].request == ids[-1]
        assert inbox.answers[-1].query == "feed"  # the 60th query: "feedback"[:59 % 8 + 1]
    finally:
        threads.stop()


STRESS = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication, QObject, Slot
    from reader.ui.workers import IndexThreads

    app = QCoreApplication([])
    library, cache, rounds = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])

    class Inbox(QObject):
        answers = loads = synced = 0
        @Slot(object)
        def answer(self, _a): self.answers += 1
        @Slot(object)
        def loaded(self, _l): self.loads += 1
        @Slot(object, object)
        def done(self, _l, _r): self.synced += 1

    inbox = Inbox()
    threads = IndexThreads(cache)
    threads.searcher.answered.connect(inbox.answer)
    threads.searcher.loaded.connect(inbox.loaded)
    threads.syncer.finished.connect(inbox.done)
    threads.sync(library)
    while not inbox.synced:
        app.processEvents()
    for n in range(rounds):
        threads.search(library, ("trust", "calendar", "feedback")[n % 3], "relevance")
        threads.load(library, "show-a/ep01-leaders-who-delegate.md", "trust")
        while inbox.answers <= n or inbox.loads <= n:
            app.processEvents()
    threads.stop()
    print(inbox.answers, inbox.loads)
    """
)


def test_hundreds_of_round_trips_do_not_crash(search_library: Path, tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-c", STRESS, str(search_library), str(tmp_path / "cache"), "600"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["600", "600"]
