"""The sync's progress reaches the list's count line on the GUI thread: touching a widget from
the sync thread aborted the whole app now and then (Qt asserts, "Fatal Python error")."""

from __future__ import annotations

import threading
from pathlib import Path


def test_progress_from_the_sync_thread_is_shown_on_the_gui_thread(ui, search_library: Path):
    window = ui.start(search_library)
    seen: list[threading.Thread] = []
    window.library_pane.show_progress = lambda _indexing: seen.append(threading.current_thread())
    emitter = threading.Thread(target=lambda: window.threads.syncer.progress.emit(1, 2, "a.md"))
    emitter.start()
    emitter.join()
    ui.qtbot.waitUntil(lambda: bool(seen))
    assert seen == [threading.main_thread()]
    window.close()
