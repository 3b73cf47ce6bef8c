"""The filter counts are read once per segment: the first search after a one-file commit
reads the new segment's documents, not the whole library's, and still counts what a full
read of every stored document counts, deletions and several segments included. After a
sync, tidying collects the sync's garbage, so the next search does not pay for it."""

from __future__ import annotations

import gc
import weakref
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.library.sync import sync_library
from reader.search import facets
from reader.search.filters import Facet, Filters
from reader.search.index import LibraryIndex

from .filter_library import write_filter_library


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_filter_library(tmp_path / "lib")


@pytest.fixture
def ix(library: Path, tmp_path: Path) -> Iterator[LibraryIndex]:
    index = LibraryIndex(library, tmp_path / "cache")
    sync_library(index)
    yield index
    index.close()


def _segment_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of documents each segment read for its facets had, as they are read."""
    read: list[int] = []
    real = facets.SegmentFacets.read.__func__  # type: ignore[attr-defined]

    def counted(cls, reader):
        read.append(reader.doc_count_all())
        return real(cls, reader)

    monkeypatch.setattr(facets.SegmentFacets, "read", classmethod(counted))
    return read


def _admits(filters: Filters, facet: Facet) -> bool:
    """Whether an episode passes every chosen filter: whole values, in any case."""

    def same(a: str | None, b: str) -> bool:
        return (a or "").casefold() == b.casefold()

    return (
        (not filters.show or same(facet.show, filters.show))
        and (not filters.speaker or any(same(s, filters.speaker) for s in facet.speakers))
        and (not filters.year or facet.year == filters.year)
    )


def _counted_from_stored(ix: LibraryIndex, filters: Filters | None = None) -> dict:
    """What the counts are, from every stored document read one by one."""
    shows: Counter[str] = Counter()
    speakers: Counter[str] = Counter()
    years: Counter[str] = Counter()
    for doc in ix.stored_documents():
        facet = Facet.of(doc.get("show"), doc.get("speakers") or "", doc.get("date"))
        if filters and not _admits(filters, facet):
            continue
        shows.update([facet.show] if facet.show else [])
        speakers.update(set(facet.speakers))
        years.update([facet.year] if facet.year else [])
    return {"shows": dict(shows), "speakers": dict(speakers), "years": dict(years)}


def _counts(ix: LibraryIndex, filters: Filters | None = None) -> dict:
    counts = ix.facet_counts(filters)
    return {k: dict(getattr(counts, k)) for k in ("shows", "speakers", "years")}


def test_a_one_file_commit_reads_only_the_new_segment_for_the_counts(
    ix: LibraryIndex, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert ix.search("feedback").facets.shows  # the whole library's segment is read once
    read = _segment_reads(monkeypatch)
    changed = library / "leaders-lab" / "ep-7.md"
    changed.write_text(changed.read_text("utf-8") + "\n**Kim Ode:** One more feedback.\n")
    sync_library(ix)
    found = ix.search("feedback")
    assert read == [1]  # the new segment's one document, not the four episodes again
    assert dict(found.facets.speakers)["Kim Ode"] == 1
    assert dict(found.facets.shows) == {"The Coaching Hour": 3, "Leaders Lab": 1}


def test_counts_and_filters_over_segments_and_deletions_are_those_of_the_stored_documents(
    ix: LibraryIndex, library: Path
) -> None:
    (library / "the-coaching-hour" / "ep-101.md").unlink()  # a deletion in the first segment
    extra = library / "leaders-lab" / "ep-8.md"
    extra.write_text("---\ndate: 2025-05-05\n---\n\n**Ana Lima:** Feedback again.\n", "utf-8")
    sync_library(ix)
    assert len(ix.searcher.reader().leaf_readers()) >= 2
    for filters in (None, Filters(show="leaders lab"), Filters(speaker="ANA LIMA"),
                    Filters(year="2024"), Filters(show="The Coaching Hour", year="2023"),
                    Filters(show="no such show")):  # fmt: skip
        assert _counts(ix, filters) == _counted_from_stored(ix, filters), filters
    listed = [e.path for e in ix.episodes(filters=Filters(speaker="Ana Lima"))]
    assert listed == ["leaders-lab/ep-7.md", "leaders-lab/ep-8.md",
                      "the-coaching-hour/ep-102.md", "the-coaching-hour/ep-103.md"]  # fmt: skip
    assert ix.search("feedback", filters=Filters(show="no such show")).total == 0


def test_tidying_after_a_sync_collects_its_garbage(ix: LibraryIndex, library: Path) -> None:
    class Cycle:
        pass

    garbage = Cycle()
    garbage.me = garbage  # type: ignore[attr-defined]  # only the cycle collector frees it
    gone = weakref.ref(garbage)
    del garbage
    changed = library / "leaders-lab" / "ep-7.md"
    changed.write_text(changed.read_text("utf-8") + "\nMore feedback.\n", "utf-8")
    was_enabled, thresholds = gc.isenabled(), gc.get_threshold()
    gc.enable()
    gc.set_threshold(10**9)  # no collection of its own accord: only one asked for
    try:
        sync_library(ix)
        assert gone() is not None
        ix.tidy()
    finally:
        gc.set_threshold(*thresholds)
        gc.enable() if was_enabled else gc.disable()
    assert gone() is None


def test_an_empty_library_has_no_counts(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    index = LibraryIndex(tmp_path / "empty", tmp_path / "cache")
    sync_library(index)
    counts = index.facet_counts()
    assert (counts.shows, counts.speakers, counts.years) == ([], [], [])
    assert index.search("feedback").total == 0
    index.close()


def test_the_kept_documents_are_the_stored_ones_fields(ix: LibraryIndex, library: Path) -> None:
    (library / "the-coaching-hour" / "ep-101.md").unlink()  # a deletion, then a new segment
    extra = library / "leaders-lab" / "ep-8.md"
    extra.write_text("**Ana Lima:** Feedback again.\n", "utf-8")
    sync_library(ix)
    kept = sorted(ix.kept_documents(), key=lambda doc: doc["path"])
    stored = sorted(ix.stored_documents(), key=lambda doc: doc["path"])
    assert [doc["path"] for doc in kept] == [doc["path"] for doc in stored]
    for mine, theirs in zip(kept, stored, strict=True):
        assert mine == {name: theirs.get(name) for name in facets.KEPT}
    kept[0]["own_speakers"].append("changed by a caller")  # copies: the table is untouched
    again = {doc["path"]: doc for doc in ix.kept_documents()}
    assert again[kept[0]["path"]]["own_speakers"] == stored[0]["own_speakers"]
