"""Filters beside the search: show, speaker and year narrow the list and the matches, and
the counts are of what is listed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from whoosh.reading import SegmentReader

from reader.library.sync import sync_library
from reader.search import facets
from reader.search.filters import Filters
from reader.search.index import LibraryIndex

from .filter_library import write_filter_library


@pytest.fixture
def ix(tmp_path: Path) -> Iterator[LibraryIndex]:
    index = LibraryIndex(write_filter_library(tmp_path / "lib"), tmp_path / "cache")
    sync_library(index)
    yield index
    index.close()


def test_the_unfiltered_counts_cover_the_whole_library(ix: LibraryIndex) -> None:
    counts = ix.facet_counts()
    assert counts.shows == [("The Coaching Hour", 3), ("Leaders Lab", 1)]
    assert counts.years == [("2024", 2), ("2023", 2)]
    assert dict(counts.speakers) == {
        "Ana Lima": 3,
        "Priya Raman": 2,
        "Tom Okafor": 2,
        "Sam Reyes": 1,
    }


def test_each_filter_narrows_the_list_and_they_combine(ix: LibraryIndex) -> None:
    def listed(filters: Filters) -> list[str]:
        return [e.path for e in ix.episodes(filters=filters)]

    assert listed(Filters(show="the coaching hour")) == [
        "the-coaching-hour/ep-101.md", "the-coaching-hour/ep-102.md", "the-coaching-hour/ep-103.md"
    ]  # fmt: skip
    assert listed(Filters(speaker="ANA LIMA")) == [
        "leaders-lab/ep-7.md", "the-coaching-hour/ep-102.md", "the-coaching-hour/ep-103.md"
    ]  # fmt: skip
    assert listed(Filters(show="The Coaching Hour", year="2024")) == ["the-coaching-hour/ep-103.md"]
    assert listed(Filters(speaker="Ana")) == []  # a whole name, not a part of one
    assert ix.facet_counts(Filters(year="2023")).shows == [("The Coaching Hour", 2)]


def test_filters_combine_with_the_search_and_count_its_matches(ix: LibraryIndex) -> None:
    everything = ix.search("feedback", limit=None)
    assert everything.total == 4
    found = ix.search("feedback", limit=1, filters=Filters(speaker="Priya Raman"))
    assert found.total == 2  # the total is of every match, not of the rows returned
    assert len(found.hits) == 1
    assert found.facets.years == [("2023", 2)]
    assert dict(found.facets.speakers) == {"Priya Raman": 2, "Tom Okafor": 1, "Ana Lima": 1}
    none = ix.search("feedback", filters=Filters(show="Nowhere"))
    assert (none.total, none.hits) == (0, [])


def test_a_search_that_shows_no_counts_reads_no_stored_document_for_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The one-shot ``search`` command shows no facet counts, so it must not pay for their
    table (every stored document of the commit) on each run."""
    library, cache = write_filter_library(tmp_path / "lib"), tmp_path / "cache"
    first = LibraryIndex(library, cache)
    sync_library(first)
    first.close()
    reads: list[str] = []
    for name in ("stored_fields", "all_stored_fields", "iter_docs"):
        original = getattr(SegmentReader, name)

        def counted(reader, *args, _original=original, _name=name):
            reads.append(_name)
            return _original(reader, *args)

        monkeypatch.setattr(SegmentReader, name, counted)  # before opening: searchers copy
    facets._SEGMENTS.clear()  # as in a new process: the sync above read them in this one
    ix = LibraryIndex(library, cache)
    try:
        results = ix.search("zzzunheardof", facet_counts=False)  # nothing found: no hit read
        assert results.total == 0
        assert reads == []
        counted_search = ix.search("zzzunheardof")  # the window's search still counts
        assert counted_search.facets.shows == []
        assert reads  # and its table read the stored documents
    finally:
        ix.close()
