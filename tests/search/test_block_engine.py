"""The block engine (numpy over postings arrays) gives Whoosh's own answers, rank for rank.

A seeded library of episodes in several commits (several segments, replaced episodes
deleted from the old ones) is searched both ways for every query form people type; hits,
totals and order must be the same, and scores equal (the engine repeats Whoosh's
floating-point steps, so ties between equal-scoring episodes also fall the same way).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh.searching import Results

from reader.importers import import_file
from reader.model import Episode
from reader.search.analysis import STEMMED
from reader.search.field_hits import spans_in
from reader.search.index import LibraryIndex
from reader.search.query import match_groups
from reader.search.results import FileState
from reader.search.schema import SORT_COLUMNS
from reader.search.spans import spans_of
from reader.search.whoosh_ext.blocks import postings as postings_module
from reader.search.whoosh_ext.blocks.collect import block_search
from reader.search.whoosh_ext.blocks.postings import FileValues

from .commits import index_in_commits
from .test_query_truth import queries

#: Common words (phrases of them match nearly everywhere), words sharing prefixes
#: (m*, co*), and the test_query_truth words, so its query generator applies too.
COMMON = ("of", "the", "you", "know", "and", "to", "a", "in")
CONTENT = (
    "people", "feedback", "calendar", "trust", "coach", "budget", "hiring", "meeting",
    "manager", "management", "managing", "meetings", "conversation", "company", "comes",
    "coaching", "decision", "delegation", "mentor", "monday",
)  # fmt: skip
NAMES = ("maya", "sam", "priya", "renee", "marco")
SHOWS = ("Manager Tools", "Coaching Hour", "")
EPISODES = 120
COMMITS = (9, 40, 1, 3, 30, 2)

QUERY_FORMS = [
    "people", "manager", "decision", "people trust", "manager feedback", "trust AND coach",
    "budget OR hiring", "trust NOT coach", "people AND NOT meeting", "people -trust",
    "-people coach", "(trust OR budget) -meeting", '"people trust"', '"of the"', '"you know"',
    '"the manager of the"', '"people people"', '"management meeting" OR calendar', "m*",
    "co*", "ma*", "manag*", "mee*ng", "c?ach", "managr~", "calender~", "title:trust",
    "title:manager", "title:m*", "speaker:maya", "by:marco", "speaker:m*", "show:manager",
    "about:budget", "title:\"people trust\"", "description:people", "number:5", "ep:7",
    "zzzunknown", "people zzzunknown", "\"zzz people\"", "title:zzz*",
]  # fmt: skip
#: Query forms the block engine leaves to Whoosh (and so must not claim).
WHOOSH_ONLY = ["number:5", "ep:7"]


def _write_episode(root: Path, number: int, rng: random.Random) -> Path:
    title = " ".join(rng.choices(CONTENT, k=rng.randint(1, 3))).title()
    speakers = rng.sample(NAMES, 2)
    turns = []
    for turn in range(rng.randint(1, 6)):
        words = [
            rng.choice(COMMON) if rng.random() < 0.45 else rng.choice(CONTENT)
            for _ in range(rng.randint(0, 60))
        ]
        if number % 5 == turn:  # a longer phrase some episodes say
            words[len(words) // 2 : len(words) // 2] = ["the", "manager", "of", "the", "company"]
        turns.append(f"**{speakers[turn % 2].title()}:** {' '.join(words)}.")
    show = rng.choice(SHOWS)
    front = f"---\nshow: {show}\ndescription: {rng.choice(CONTENT)} {rng.choice(CONTENT)}\n---\n"
    path = root / f"ep{number:03d}.md"
    path.write_text(
        (front if show else "") + f"# Episode {number}: {title}\n\n" + "\n\n".join(turns) + "\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def ix(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("blocks")
    rng = random.Random(1414)
    episodes = [import_file(_write_episode(root, n, rng), root) for n in range(1, EPISODES + 1)]
    assert all(isinstance(e, Episode) for e in episodes)
    index = LibraryIndex(root, tmp_path_factory.mktemp("cache"))
    index_in_commits(index, episodes, COMMITS)
    state = FileState(1, 1.0, "x")
    index.update([(e, state) for e in episodes[5:60:4]])  # replaced: deleted in old segments
    index.update(removed=[episodes[70].id, episodes[3].id])
    assert len(index._searcher.leaf_searchers()) > 2
    assert any(sub.reader().has_deletions() for sub, _ in index._searcher.leaf_searchers())
    yield index
    index.close()


def _listed(results: Results) -> list[tuple[int, float]]:
    return [(hit.docnum, hit.score) for hit in results]


def _same_answers(ix: LibraryIndex, text: str, sort: str) -> bool:
    """Compare the two engines on one query; True if the block engine answered it."""
    q, searcher = ix.parse(text), ix._searcher
    column = SORT_COLUMNS.get(sort)
    whoosh = searcher.search(q, limit=None, sortedby=column)
    blocks = block_search(searcher, q, column, None)
    if blocks is None:
        return False
    assert len(blocks) == len(whoosh), text
    mine, theirs = _listed(blocks), _listed(whoosh)
    assert [d for d, _ in mine] == [d for d, _ in theirs], (text, sort)
    if column is None:
        assert [s for _, s in mine] == pytest.approx([s for _, s in theirs], rel=0, abs=1e-6)
    top = block_search(searcher, q, column, 7)
    assert top is not None, text
    assert len(top) == len(whoosh), text
    assert _listed(top) == mine[:7], text  # the first N of a limited search, ties and all
    return True


@pytest.mark.parametrize("sort", ["relevance", "number", "title", "date"])
def test_every_query_form_gets_whooshs_hits_totals_and_order(ix: LibraryIndex, sort: str):
    answered = {text for text in QUERY_FORMS if _same_answers(ix, text, sort)}
    assert answered == set(QUERY_FORMS) - set(WHOOSH_ONLY)


def test_the_forms_match_something(ix: LibraryIndex):
    """The comparisons above are about real hits, not empty lists agreeing."""
    for text in ('"of the"', "m*", "co*", "trust NOT coach", "title:trust", "speaker:maya"):
        assert ix.search(text, limit=None).total > 0, text
    assert 0 < ix.search('"the manager of the"', limit=None).total < EPISODES


def test_searches_through_the_index_use_the_block_engine(ix: LibraryIndex, monkeypatch):
    calls = []

    def whoosh_search(*args, **kwargs):
        calls.append(args)
        return Results(ix._searcher, args[0], [])

    monkeypatch.setattr(ix._searcher, "search", whoosh_search)
    results = ix.search('"of the" manager', limit=5)
    assert results.total > 5
    assert len(results.hits) == 5
    assert not calls


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=queries(), sort=st.sampled_from(["relevance", "number"]))
def test_generated_queries_get_the_same_answers(ix: LibraryIndex, query, sort: str):
    assert _same_answers(ix, query[0], sort), query[0]


@pytest.mark.parametrize(
    "text",
    ["manager", "m*", "co*", '"of the"', '"the manager of the"', "people trust", "people -trust"],
)
def test_hit_spans_are_every_place_the_words_stand_in_the_text(ix: LibraryIndex, text: str):
    """Spans decoded from the packed postings are where analysing the text finds the query's
    words (and phrases), for every hit, read from the search's own postings or afresh."""
    q, searcher = ix.parse(text), ix._searcher
    groups = match_groups(q)
    results = block_search(searcher, q, None, None)
    assert results is not None
    docnums = [hit.docnum for hit in results]
    assert docnums, text
    reused = spans_of(searcher, docnums, groups, results.postings)
    assert reused == spans_of(searcher, docnums, groups)
    for docnum in docnums:
        path = searcher.stored_fields(docnum)["path"]
        assert reused[docnum] == spans_in(ix.text_of(path), STEMMED, groups), (text, path)


def test_postings_left_in_the_mapped_file_give_the_same_answers(ix: LibraryIndex, monkeypatch):
    """A piece of the postings file too big to copy is parsed where it is mapped and its
    values read when asked for: the same hits, scores, order and spans; and no view of the
    map is left behind (a reader with one could not close)."""
    monkeypatch.setattr(postings_module, "_COPIED", 0)  # every piece parsed in place
    for text in QUERY_FORMS:
        if text not in WHOOSH_ONLY:
            assert _same_answers(ix, text, "relevance"), text
    again = LibraryIndex(ix.library, ix.folder.parent.parent)
    try:
        assert again.folder == ix.folder
        results = block_search(again._searcher, again.parse('"of the" OR m*'), None, None)
        assert results is not None
        kept = [p for found in results.postings._read.values() for p in found.values() if p]
        assert any(isinstance(p.blob, FileValues) for p in kept)  # the in-place path ran
        docnums = [hit.docnum for hit in results]
        groups = match_groups(again.parse('"of the" OR m*'))
        assert spans_of(again._searcher, docnums, groups, results.postings) == spans_of(
            ix._searcher, docnums, groups
        )
    finally:
        again.close()  # with the results (and their postings) still held
