"""The garbage collector held off while a search runs, for every thread at once.

A short prefix's search makes tens of thousands of short-lived tuples, lists and query
nodes. With the collector on, some searches paid a full collection in the middle of that
heap (40-55 ms at 10,000 episodes: a third of a search, and the slowest twentieth of them);
after the search the same garbage is gone by reference counting, so the collection that
follows walks far less. Pausing is process-wide (``gc.disable``), so overlapping pauses from
several threads are counted and the collector is back on when the last one ends, as it
was before the first.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@contextmanager
def collection_paused() -> Iterator[None]:
    """No garbage collection inside the block (in any thread); nestable, thread-safe."""
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
