"""Term lookups kept per segment never answer for a segment that changed: an episode
added, edited or removed is found (or not) by the next search, and the store stays bounded."""

from __future__ import annotations

from pathlib import Path

from reader.library.sync import sync_library
from reader.search.whoosh_ext.blocks import postings

from .conftest import IndexOf


def _paths(ix, text: str) -> list[str]:
    return sorted(Path(h.path).name for h in ix.search(text, limit=None, snippets_for=0).hits)


def test_a_changed_library_is_searched_as_it_is_now(index_of: IndexOf):
    ix = index_of({"a.txt": "Zebras graze on the plain.\n", "b.txt": "Lions rest.\n"})
    assert _paths(ix, "zeb*") == ["a.txt"]
    assert _paths(ix, "li*") == ["b.txt"]
    root = ix.library
    (root / "b.txt").write_text("Lions watch the zebra herd.\n", encoding="utf-8")
    (root / "c.txt").write_text("A zebu is not a zebra.\n", encoding="utf-8")
    (root / "a.txt").unlink()
    sync_library(ix)
    assert _paths(ix, "zeb*") == ["b.txt", "c.txt"]
    assert _paths(ix, "gra*") == []
    hits = ix.search("zeb*", limit=None).hits
    assert {Path(h.path).name: h.matches for h in hits} == {"b.txt": 1, "c.txt": 2}


def test_the_lookups_kept_are_bounded(index_of: IndexOf, monkeypatch):
    monkeypatch.setattr(postings, "_INFOS", {})
    monkeypatch.setattr(postings, "_MAX_INFOS", 5)
    ix = index_of({"a.txt": "alpha beta gamma delta epsilon zeta eta theta iota kappa\n"})
    for text in ("a*", "b*", "e*", "z*", "t*", "i*", "k*", "d*", "g*"):
        assert len(ix.search(text).hits) == 1
    assert len(postings._INFOS) <= 5
