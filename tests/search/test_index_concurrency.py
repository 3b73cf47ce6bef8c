"""Two processes on one library's index: real processes, as users start them (issue 10).

The cases themselves live in ``tests/stress/cases_index_sync.py`` (the reliability script runs
them many times); here each runs once. Below them, the sync lock's own promises.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reader.library.sync import sync_library
from reader.search import lock as index_lock
from reader.search.index import LibraryIndex
from reader.search.lock import IndexBusy, RebuildRunning


def _load_cases():
    path = Path(__file__).parents[1] / "stress" / "cases_index_sync.py"
    spec = importlib.util.spec_from_file_location("cases_index_sync", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cases = _load_cases()


@pytest.mark.slow
@pytest.mark.parametrize("mode", cases.MODES)
def test_two_index_processes_at_once_index_every_file_once(tmp_path: Path, mode: str):
    assert cases.two_syncs(tmp_path, mode) is None


@pytest.mark.slow
def test_index_and_search_at_once_index_every_file_once(tmp_path: Path):
    assert cases.index_and_search(tmp_path, "workers") is None


@pytest.mark.slow
def test_two_rebuilds_at_once_one_waits_or_says_so(tmp_path: Path):
    assert cases.two_rebuilds(tmp_path) is None


@pytest.mark.slow
@pytest.mark.parametrize("mode", cases.MODES)
def test_searches_during_a_rebuild_get_complete_answers(tmp_path: Path, mode: str):
    assert cases.search_during_rebuild(tmp_path, mode) is None


HOLD_SYNC_LOCK = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from reader.search import lock as index_lock
    with index_lock.exclusive(Path(sys.argv[1]), sys.argv[2], timeout=None):
        print("locked", flush=True)
        sys.stdin.readline()
    """
)


def _hold(folder: Path, doing: str) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_SYNC_LOCK, str(folder), doing],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_a_sync_waits_for_another_process_sync_then_says_who(search_library: Path, tmp_path):
    ix = LibraryIndex(search_library, tmp_path / "cache")
    holder = _hold(ix.folder, index_lock.SYNC)
    heard: list[str] = []
    try:
        with pytest.raises(IndexBusy, match=rf"process {holder.pid}\) is updating"):
            sync_library(ix, wait=0.3, on_wait=heard.append)
        assert heard == [
            f"another Episode Reader (process {holder.pid}) is updating this library's index; "
            "waiting for it to finish"
        ]
        assert ix.doc_count() == 0  # it did not look at the files without the lock
    finally:
        holder.communicate("done\n", timeout=10)
    assert len(sync_library(ix).added) == 4  # released with the process: works again
    ix.close()


def test_a_rebuild_stops_at_once_when_another_rebuild_runs(search_library: Path, tmp_path):
    ix = LibraryIndex(search_library, tmp_path / "cache")
    sync_library(ix)
    holder = _hold(ix.folder, index_lock.REBUILD)
    try:
        with pytest.raises(
            RebuildRunning, match=f"another rebuild .* running .process {holder.pid}"
        ):
            sync_library(ix, rebuild=True, wait=None)
        with pytest.raises(IndexBusy):  # a plain sync waits for it instead
            sync_library(ix, wait=0.2)
    finally:
        holder.communicate("done\n", timeout=10)
    assert ix.doc_count() == 4
    ix.close()


def test_the_lock_is_released_when_its_holder_is_killed(search_library: Path, tmp_path):
    ix = LibraryIndex(search_library, tmp_path / "cache")
    holder = _hold(ix.folder, index_lock.SYNC)
    holder.kill()
    holder.communicate(timeout=10)
    assert len(sync_library(ix, wait=2).added) == 4
    ix.close()
