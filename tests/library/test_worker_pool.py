"""One set of worker processes serves every round of a big import (each spawned worker costs
about half a second to start), and none is left running when the sync ends."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.library import worker_pool, workers
from reader.library.sync import sync_library
from reader.search.index import LibraryIndex

FILES = 40


def write_library(root: Path) -> None:
    root.mkdir()
    for n in range(1, FILES + 1):
        (root / f"ep{n:03d}.md").write_text(
            f"# Episode {n}: Talk {n}\n\n**Host:** Delegation in week {n}, marker{n}.\n",
            encoding="utf-8",
        )


def alive(pid: int) -> bool:
    """Whether the process still exists (a worker that ended was reaped by its parent)."""
    return Path(f"/proc/{pid}").exists()


@pytest.mark.slow  # spawns worker processes
@pytest.mark.parametrize("rebuild", [False, True])
def test_the_same_workers_serve_every_round_and_end_with_the_sync(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rebuild: bool
):
    monkeypatch.setattr(workers, "worker_count", lambda: 2)
    monkeypatch.setattr(workers, "PARALLEL_MIN", 5)  # rounds of 5, 10, 20 files and the rest
    monkeypatch.setattr(workers, "ROUND_SIZE", 20 if not rebuild else 15)
    pools: list[worker_pool.WorkerPool] = []
    started: list[list[int]] = []  # the worker pids at the start of each round
    start_round = worker_pool.WorkerPool.start_round

    def recording(pool: worker_pool.WorkerPool, batch) -> None:
        start_round(pool, batch)
        if pool not in pools:
            pools.append(pool)
        started.append([w.pid for w in pool.workers])

    monkeypatch.setattr(worker_pool.WorkerPool, "start_round", recording)
    library = tmp_path / "lib"
    write_library(library)
    commits: list[int] = []
    ix = LibraryIndex(library, tmp_path / "cache")
    if rebuild:
        sync_library(ix)
        pools.clear()
        started.clear()
    report = sync_library(ix, committed=commits.append, rebuild=rebuild)
    assert len(report.added) == FILES
    assert len(started) >= 3  # several rounds...
    assert len(pools) == 1  # ...served by one pool
    assert all(pids == started[0] for pids in started)  # of the same processes
    assert len(set(started[0])) == 2
    assert not any(alive(pid) for pid in started[0])  # none left when the sync ends
    assert ix.doc_count() == FILES
    for n in (1, 17, FILES):
        assert [h.path for h in ix.search(f"marker{n}").hits] == [f"ep{n:03d}.md"]
    if not rebuild:
        assert commits[-1] == FILES
        assert len(commits) == len(started)  # a commit per round, as before
    ix.close()
