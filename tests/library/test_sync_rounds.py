"""A big sync commits in rounds that start small, so a first index is searchable early."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.library import workers
from reader.library.sync import sync_library
from reader.library.sync_run import rounds
from reader.search.index import LibraryIndex

FILES = 260


@pytest.fixture(params=["in-process", "in-workers"])
def import_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "in-workers":
        monkeypatch.setattr(workers, "worker_count", lambda: 2)
    else:
        monkeypatch.setattr(workers, "PARALLEL_MIN", 10**9)
    return request.param


def test_rounds_start_small_grow_and_cover_every_file_once():
    spans = rounds(1000, 200, 50)
    assert spans[0] == (0, 50)
    assert [end - start for start, end in spans][:3] == [50, 100, 200]
    assert max(end - start for start, end in spans) <= 200
    assert [n for start, end in spans for n in range(start, end)] == list(range(1000))
    assert rounds(60, 200, 50) == [(0, 60)]  # no round of ten on its own


def test_a_big_parallel_import_leaves_few_segments():
    """Each round leaves one segment per worker, and every search pays for each one: 10,000
    files take four rounds (the first small, so episodes are listed within seconds)."""
    spans = rounds(10_000, workers.ROUND_SIZE, workers.PARALLEL_MIN, workers.ROUND_GROWTH)
    assert spans[0] == (0, workers.PARALLEL_MIN)
    assert len(spans) <= 4
    assert [n for start, end in spans for n in range(start, end)] == list(range(10_000))


def test_each_commit_is_searchable_by_another_reader_before_the_sync_ends(
    tmp_path: Path, import_mode: str
):
    library = tmp_path / "lib"
    library.mkdir()
    for n in range(1, FILES + 1):
        (library / f"ep{n:03d}.md").write_text(
            f"# Episode {n}: Talk {n}\n\n**Host:** Delegation in week {n}.\n", encoding="utf-8"
        )
    cache = tmp_path / "cache"
    seen: list[tuple[int, int]] = []  # (files done, episodes a searcher finds) per commit
    reader = LibraryIndex(library, cache)

    def committed(done: int) -> None:
        reader.refresh()
        seen.append((done, reader.search("delegation", limit=None).total))

    writer = LibraryIndex(library, cache)
    sync_library(writer, committed=committed)
    writer.close()
    assert len(seen) >= 2
    first_done = seen[0][0]
    assert first_done <= 100  # the first episodes are listed long before the end
    assert all(done == found for done, found in seen)
    assert seen[-1] == (FILES, FILES)
    reader.close()
