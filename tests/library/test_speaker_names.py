"""Speakers as people know them: within a show, a name that is the start of a fuller one is
that person, unless the show has two fuller ones; real files, synced and searched."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.library.speakers import reconcile
from reader.library.sync import sync_library
from reader.search.filters import Filters
from reader.search.index import LibraryIndex

from .speaker_library import write_speakers_episode as _episode


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    _episode(root / "the-coaching-hour" / "ep-1.md", "Priya", "Tom")
    _episode(root / "the-coaching-hour" / "ep-2.md", "Priya Raman", "Tom Okafor")
    _episode(root / "the-coaching-hour" / "ep-3.md", "PRIYA", "Ana")
    # Another show with two different Priyas: its "Priya" stays who the file says.
    _episode(root / "leaders-lab" / "ep-1.md", "Priya Raman", "Priya Shah")
    _episode(root / "leaders-lab" / "ep-2.md", "Priya", "Sam")
    return root


@pytest.fixture
def ix(library: Path, tmp_path: Path) -> Iterator[LibraryIndex]:
    index = LibraryIndex(library, tmp_path / "cache")
    yield index
    index.close()


def test_a_first_name_is_the_fuller_name_unless_two_fuller_ones_contradict() -> None:
    assert reconcile(["Priya", "Priya Raman", "PRIYA", "Tom"]) == {
        "Priya": "Priya Raman", "Priya Raman": "Priya Raman", "PRIYA": "Priya Raman", "Tom": "Tom"
    }  # fmt: skip
    two = reconcile(["Priya", "Priya Raman", "Priya Shah"])
    assert two["Priya"] == "Priya"
    assert reconcile(["Pri", "Priya Raman"])["Pri"] == "Pri"  # whole words only
    assert reconcile(["Priya", "Priya Raman", "Priya Raman Iyer"])["Priya"] == "Priya Raman Iyer"


def test_the_index_searches_and_counts_one_person(ix: LibraryIndex) -> None:
    sync_library(ix)
    found = ix.search('speaker:"priya raman"', limit=None)
    assert sorted(h.path for h in found.hits) == [
        "leaders-lab/ep-1.md",
        "the-coaching-hour/ep-1.md", "the-coaching-hour/ep-2.md", "the-coaching-hour/ep-3.md",
    ]  # fmt: skip
    assert {h.path for h in ix.search("speaker:priya", limit=None).hits} == {
        "leaders-lab/ep-1.md", "leaders-lab/ep-2.md",
        "the-coaching-hour/ep-1.md", "the-coaching-hour/ep-2.md", "the-coaching-hour/ep-3.md",
    }  # fmt: skip
    coaching = dict(ix.facet_counts(Filters(show="The Coaching Hour")).speakers)
    assert coaching == {"Priya Raman": 3, "Tom Okafor": 2, "Ana": 1}
    lab = dict(ix.facet_counts(Filters(show="Leaders Lab")).speakers)
    assert lab == {"Priya Raman": 1, "Priya Shah": 1, "Priya": 1, "Sam": 1}


def test_a_new_episode_with_the_full_name_settles_the_older_ones(
    library: Path, ix: LibraryIndex
) -> None:
    (library / "the-coaching-hour" / "ep-2.md").unlink()
    sync_library(ix)
    assert dict(ix.facet_counts(Filters(show="The Coaching Hour")).speakers)["Priya"] == 2
    _episode(library / "the-coaching-hour" / "ep-4.md", "Priya Raman")
    sync_library(ix)
    speakers = dict(ix.facet_counts(Filters(show="The Coaching Hour")).speakers)
    assert speakers["Priya Raman"] == 3
    assert "Priya" not in speakers
    assert ix.search("delegation", limit=None).total == 5  # the rewritten ones still found
