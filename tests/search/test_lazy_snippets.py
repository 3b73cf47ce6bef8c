"""Snippets left for later (the window's rows out of view) are the ones made at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.library.sync import sync_library
from reader.search.index import LibraryIndex

QUERIES = ["feedback", "team meeting", '"the team"', "deleg*", "feedbak~", "title:feedback",
           "feedback OR calendar", "team -feedback", "speaker:ann",
           "t*", "m*", "co*", "team OR the OR meeting"]  # fmt: skip


@pytest.fixture
def ix(search_library: Path, tmp_path: Path):
    index = LibraryIndex(search_library, tmp_path / "cache")
    sync_library(index)
    yield index
    index.close()


@pytest.mark.parametrize("query", QUERIES)
def test_snippets_made_later_are_those_made_at_once(ix: LibraryIndex, query: str):
    eager = ix.search(query, limit=None)
    lazy = ix.search(query, limit=None, snippets_for=1)
    assert [h.path for h in lazy.hits] == [h.path for h in eager.hits]
    assert [(h.matches, h.fields, h.in_notes, h.score) for h in lazy.hits] == [
        (h.matches, h.fields, h.in_notes, h.score) for h in eager.hits
    ]
    assert all(h.snippets_pending for h in lazy.hits[1:])
    assert all(not h.snippets for h in lazy.hits[1:])
    pending = [h.path for h in lazy.hits if h.snippets_pending]
    made = ix.snippets_of(query, pending)
    assert [made.get(h.path, h.snippets) for h in lazy.hits] == [h.snippets for h in eager.hits]


def test_the_json_contract_is_unchanged(ix: LibraryIndex):
    answer = ix.search("feedback").to_json()
    assert list(answer) == ["query", "total", "suggestion", "results"]
    assert list(answer["results"][0]) == [
        "path", "title", "number", "score", "matches", "snippets", "fields"
    ]  # fmt: skip


def test_an_episode_gone_from_the_index_gets_no_snippets(ix: LibraryIndex):
    assert ix.snippets_of("feedback", ["no/such.md"]) == {"no/such.md": []}
