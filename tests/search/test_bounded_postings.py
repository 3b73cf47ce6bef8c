"""A segment builder's memory is bounded: its postings go out as a segment at a limit.

A worker's share of a big first-index round used to stay in memory whole (a gigabyte per
worker at 10,000 episodes); past ``limit`` bytes of postings the builder now writes a segment
and starts another, and searches find the same episodes either way.
"""

from __future__ import annotations

import random
from pathlib import Path

from reader.importers import import_file
from reader.library.sync import sync_library
from reader.model import Episode
from reader.search.bulk import SegmentBuilder
from reader.search.index import LibraryIndex
from reader.search.results import FileState
from reader.search.whoosh_ext.packed_postings import PackedPostings
from reader.search.whoosh_ext.writing import buffered_bytes

WORDS = [
    "team",
    "manager",
    "meeting",
    "calendar",
    "feedback",
    "trust",
    "delegation",
    "week",
    "quarter",
    "budget",
]


def write_library(root: Path, count: int) -> list[Path]:
    rng = random.Random(7)
    root.mkdir()
    paths = []
    for n in range(count):
        lines = [f"# Episode {n}: planning"]
        for turn in range(40):
            words = " ".join(rng.choices(WORDS, k=30))
            lines.append(f"**Host{turn % 2}:** {words} marker{n} done.")
        path = root / f"ep{n:03d}.md"
        path.write_text("\n\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


def build_with_limit(root: Path, cache: Path, paths: list[Path], limit: int) -> tuple:
    """Index ``paths`` through one builder of ``limit``; its segment count and peak buffer."""
    ix = LibraryIndex(root, cache)
    peak = 0
    with ix.bulk() as bulk:
        builder = SegmentBuilder(bulk.folder, None, limit=limit)
        for path in paths:
            episode = import_file(path, root)
            assert isinstance(episode, Episode)
            stat = path.stat()
            builder.add(episode, FileState(stat.st_size, stat.st_mtime, "x"))
            peak = max(peak, buffered_bytes(builder._writer))
            bulk.replaced(episode.id)
        built = builder.finish()
        bulk.add(built)
    return ix, len(built.segments), peak


def test_postings_past_the_limit_go_out_as_segments_and_search_finds_the_same(tmp_path):
    paths = write_library(tmp_path / "lib", 30)
    whole, whole_segments, whole_peak = build_with_limit(
        tmp_path / "lib", tmp_path / "c1", paths, limit=1 << 40
    )
    limit = whole_peak // len(paths) * 3  # about three episodes' postings
    small, small_segments, small_peak = build_with_limit(
        tmp_path / "lib", tmp_path / "c2", paths, limit=limit
    )
    assert whole_segments == 1
    assert small_segments >= 5  # written out as it went, not kept until the end
    assert small_peak < limit * 2  # never much past the limit
    assert whole_peak > small_peak * 4
    for query in ("marker7", "team", '"manager meeting"', "deleg*", "marker1*"):
        expected = whole.search(query, limit=None)
        found = small.search(query, limit=None)
        assert found.total == expected.total > 0, query
        assert sorted(h.path for h in found.hits) == sorted(h.path for h in expected.hits)
    whole.close()
    small.close()


def test_a_library_synced_after_a_bounded_build_stays_whole(tmp_path):
    """The segments a bounded builder wrote are ordinary: a later sync keeps every episode."""
    paths = write_library(tmp_path / "lib", 12)
    ix, segments, _peak = build_with_limit(tmp_path / "lib", tmp_path / "c", paths, limit=1)
    assert segments == 12
    report = sync_library(ix)
    assert report.unchanged == 12
    assert not report.changed
    assert ix.search("marker11").total == 1
    ix.close()


def test_packed_postings_come_out_in_whoosh_order_exactly():
    """Field, then term, then the order added; odd weights and values survive as they were."""
    rng = random.Random(3)
    postings: list[tuple] = []
    for docnum in range(200):
        for term in rng.sample([f"w{k}".encode() for k in range(60)], 20):
            field = rng.choice(["text", "title"])
            weight = rng.choice([1.0, 2.5, 0.1 + docnum / 7])
            value = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 12)))
            postings.append((field, term, docnum, weight, value))
    postings.append(("spell", b"team", 0, 1, None))  # Whoosh's spelling postings look so
    postings.append(("spell", b"team", 0, 1, b""))
    pool = PackedPostings()
    for posting in postings:
        pool.add(posting)
    assert pool.postings == len(postings)
    expected = sorted(postings, key=lambda p: (p[0], p[1]))  # stable: document order kept
    out = list(pool.iter_postings())
    assert out == expected
    assert [type(p[3]) for p in out] == [type(p[3]) for p in expected]
