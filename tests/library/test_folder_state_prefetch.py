"""The no-op sync's folder digest taken ahead in a forked child (``folder_state.prefetch``):
the same digest as the walk made here, and a child that dies or hangs costs only the wait."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.library import folder_state as state

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="prefetching needs fork")


def _child_of(root: Path) -> int:
    pid, _reading = state._PENDING[str(root)]
    assert pid != os.getpid()
    return pid


def _gone(pid: int) -> bool:
    """True once the child has been waited for (no zombie left behind)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_the_prefetched_digest_is_the_one_the_walk_gives(search_library: Path):
    walked = state.folder_state(search_library)
    state.prefetch(search_library)
    child = _child_of(search_library)
    assert state.folder_state(search_library) == walked
    assert _gone(child)
    assert str(search_library) not in state._PENDING  # used once: the next call walks again


def _stalled_in_children(monkeypatch: pytest.MonkeyPatch) -> None:
    """A child (a forked copy of this process) sleeps in its walk; this process does not."""
    parent, walk = os.getpid(), state._digest

    def walk_slowly_in_a_child(root: Path) -> str | None:
        if os.getpid() != parent:
            time.sleep(60)
        return walk(root)

    monkeypatch.setattr(state, "_digest", walk_slowly_in_a_child)


def test_a_child_killed_mid_walk_leaves_the_walk_to_this_process(
    search_library: Path, monkeypatch: pytest.MonkeyPatch
):
    walked = state.folder_state(search_library)
    _stalled_in_children(monkeypatch)
    state.prefetch(search_library)
    child = _child_of(search_library)
    os.kill(child, signal.SIGKILL)
    assert state.folder_state(search_library) == walked
    assert _gone(child)


def test_a_child_that_hangs_is_stopped_and_the_folder_walked_here(
    search_library: Path, monkeypatch: pytest.MonkeyPatch
):
    walked = state.folder_state(search_library)
    _stalled_in_children(monkeypatch)
    monkeypatch.setattr(state, "CHILD_WAIT", 0.3)
    state.prefetch(search_library)
    child = _child_of(search_library)
    started = time.monotonic()
    assert state.folder_state(search_library) == walked
    assert time.monotonic() - started < 30  # not the child's 60 s
    assert _gone(child)


def test_a_folder_the_child_could_not_look_at_still_means_the_full_sync(
    search_library: Path, monkeypatch: pytest.MonkeyPatch
):
    """None from the child (a file or folder it could not look at) is its answer, not a
    failure: the sync takes the full path, which names the problem."""
    parent, walk = os.getpid(), state._digest
    monkeypatch.setattr(
        state, "_digest", lambda root: None if os.getpid() != parent else walk(root)
    )
    state.prefetch(search_library)
    assert state.folder_state(search_library) is None


def test_children_nobody_asked_are_collected(search_library: Path):
    state.prefetch(search_library)
    child = _child_of(search_library)
    state.drop_prefetched()
    assert _gone(child)
    assert state._PENDING == {}


def test_a_command_that_fails_midway_leaves_no_child_behind(search_library: Path):
    children = []

    def command_that_fails() -> None:
        with state.walked_ahead(search_library):
            children.append(_child_of(search_library))
            raise RuntimeError("the index could not be opened")

    with pytest.raises(RuntimeError):
        command_that_fails()
    assert _gone(children[0])
    assert state._PENDING == {}


def search(data: Path, library: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """One ``episode-reader search`` in a fresh process, as a script runs it."""
    argv = [sys.executable, "-m", "reader", "search", "--library", str(library), *args]
    env = {**os.environ, "EPISODE_READER_DATA_DIR": str(data)}
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, env=env)


def test_one_shot_searches_see_a_file_edited_in_place_between_them(
    search_library: Path, tmp_path: Path
):
    """Each ``episode-reader search`` takes its digest ahead; an edit keeping the size, a
    millisecond later, is still found by the next one."""
    data = tmp_path / "data"
    first = search(data, search_library, "--json", "zebra")
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["total"] == 0
    assert search(data, search_library, "zebra").returncode == 0
    path = search_library / "show-b" / "ep07-hiring.txt"
    before = path.stat()
    path.write_bytes(path.read_bytes().replace(b"twelve", b"zebras", 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    assert path.stat().st_size == before.st_size
    after = search(data, search_library, "--json", "zebras")
    assert after.returncode == 0, after.stderr
    found = json.loads(after.stdout)
    assert [Path(r["path"]).name for r in found["results"]] == ["ep07-hiring.txt"]
