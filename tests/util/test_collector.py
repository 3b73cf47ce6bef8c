"""Pauses of the garbage collector from several threads end as the last one ends, leaving
it as it was: a search in the window's worker must never leave the collector off."""

from __future__ import annotations

import gc
import threading

import pytest

from reader.util.collector import collection_paused


@pytest.fixture(autouse=True)
def _collector_restored():
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_overlapping_pauses_from_two_threads():
    gc.enable()
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def first() -> None:
        with collection_paused():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second() -> None:
        first_in.wait(5)
        with collection_paused():
            second_in.set()
            first_out.wait(5)
            seen["after the first ended"] = gc.isenabled()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen == {"after the first ended": False}
    assert gc.isenabled()


def test_a_failing_block_turns_it_back_on():
    gc.enable()
    inside: list[bool] = []

    def failing() -> None:
        with collection_paused():
            inside.append(gc.isenabled())
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        failing()
    assert inside == [False]
    assert gc.isenabled()


def test_a_collector_already_off_stays_off():
    gc.disable()  # as a one-shot command keeps it (``PausedCollector``)
    with collection_paused(), collection_paused():
        pass
    assert not gc.isenabled()
