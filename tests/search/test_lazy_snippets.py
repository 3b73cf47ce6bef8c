"""Hits left for later (the window's rows out of view) get, when asked, the snippets, counts
and fields an eager search makes at once; until then their text and spans are not read."""

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
def test_hits_made_later_are_those_made_at_once(ix: LibraryIndex, query: str):
    eager = ix.search(query, limit=None)
    lazy = ix.search(query, limit=None, snippets_for=1)
    listed = [(h.path, h.title, h.number, h.show, h.audio, h.score) for h in lazy.hits]
    assert listed == [(h.path, h.title, h.number, h.show, h.audio, h.score) for h in eager.hits]
    assert (lazy.total, lazy.facets) == (eager.total, eager.facets)
    assert lazy.hits[:1] == eager.hits[:1]
    assert all(h.snippets_pending for h in lazy.hits[1:])
    assert all((h.snippets, h.matches, h.fields) == ([], None, []) for h in lazy.hits[1:])
    pending = [h.path for h in lazy.hits if h.snippets_pending]
    made = ix.details_of(query, pending)
    whole = [made[h.path] or h if h.snippets_pending else h for h in lazy.hits]
    assert [(h.matches, h.fields, h.in_notes, h.snippets) for h in whole] == [
        (h.matches, h.fields, h.in_notes, h.snippets) for h in eager.hits
    ]


@pytest.mark.parametrize("query", ["the team", "the OR feedback", "t*"])
def test_a_search_reads_the_cached_text_of_the_hits_it_makes_whole_only(
    ix: LibraryIndex, query: str, monkeypatch: pytest.MonkeyPatch
):
    assert ix.search(query, limit=None).total > 3
    read: list[str] = []
    real = ix.text_of
    monkeypatch.setattr(
        ix, "text_of", lambda episode_id: read.append(episode_id) or real(episode_id)
    )
    found = ix.search(query, limit=None, snippets_for=2)
    assert read == [h.path for h in found.hits[:2]]


def test_a_search_reads_the_stored_documents_of_the_hits_it_makes_whole_only(
    ix: LibraryIndex, monkeypatch: pytest.MonkeyPatch
):
    assert ix.search("t*", limit=None).total > 2  # the filter counts' table is read now
    read: list[int] = []
    real = ix.searcher.stored_fields

    def counted(docnum):
        read.append(docnum)
        return real(docnum)

    monkeypatch.setattr(ix.searcher, "stored_fields", counted)
    found = ix.search("t*", limit=None, snippets_for=1)
    assert len(read) == 1
    assert [h.title for h in found.hits[1:]] == [
        h.title for h in ix.search("t*", limit=None).hits[1:]
    ]


def test_the_json_contract_is_unchanged(ix: LibraryIndex):
    answer = ix.search("feedback").to_json()
    assert list(answer) == ["query", "total", "suggestion", "results"]
    assert list(answer["results"][0]) == [
        "path", "title", "number", "score", "matches", "snippets", "fields"
    ]  # fmt: skip


def test_an_episode_gone_from_the_index_gets_no_snippets(ix: LibraryIndex):
    assert ix.details_of("feedback", ["no/such.md"]) == {"no/such.md": None}
