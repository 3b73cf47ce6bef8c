"""A search runs with the garbage collector held off: a full collection in the middle of a
short prefix's heap was 40-55 ms of a search at 10,000 episodes (``collection_paused``)."""

from __future__ import annotations

import gc
import sys

import pytest

from .conftest import IndexOf


@pytest.fixture
def eager_collector():
    """A collector that would run after every few allocations."""
    thresholds, was = gc.get_threshold(), gc.isenabled()
    gc.enable()
    gc.set_threshold(5, 1, 1)
    yield
    gc.set_threshold(*thresholds)
    if not was:
        gc.disable()


def test_no_collection_runs_while_searching(index_of: IndexOf, eager_collector):
    ix = index_of({f"{n}.txt": f"Team talk {n}: delegation, decisions and deadlines.\n"
                   for n in range(30)})  # fmt: skip
    runs: list[int] = []

    def counted(phase: str, info: dict) -> None:
        if phase == "start":
            runs.append(inside_the_search())

    gc.callbacks.append(counted)
    try:
        results = ix.search("de*", limit=None)
        [object() for _ in range(100)]  # and it is back on after the search
    finally:
        gc.callbacks.remove(counted)
    assert results.total == 30
    assert True not in runs  # none while the search ran
    assert False in runs
    assert gc.isenabled()


def inside_the_search() -> bool:
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "_search" and frame.f_code.co_filename.endswith("index.py"):
            return True
        frame = frame.f_back
    return False
