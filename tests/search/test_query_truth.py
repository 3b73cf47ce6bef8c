"""Searches give exactly the episodes a brute-force scan of the texts gives.

A seeded generator writes a library of episodes made of a few words, indexed in several
commits (so several segments, some with replaced documents, in the orders that let Whoosh's
AndNot keep an excluded episode); hypothesis writes queries with NOT, leading minus,
AND/OR, phrases and field queries, and each query's results are compared with a scan of
the imported episodes' words.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.importers import import_file
from reader.model import Episode
from reader.search.index import LibraryIndex
from reader.search.results import FileState

from .commits import index_in_commits

#: Words with distinct stems and no stop words, so a scan of plain words is the truth.
WORDS = ("people", "feedback", "calendar", "trust", "coach", "budget", "hiring", "meeting")
NAMES = ("maya", "sam", "priya", "renee")
EPISODES = 90
#: Episodes per commit: each commit leaves a segment (the merge policy folds some).
COMMITS = (7, 30, 1, 25, 2, 25)


@dataclass(frozen=True)
class Scanned:
    """An episode's words, per field, as the brute force sees them."""

    path: str
    fields: dict[str, list[str]]

    def words(self, field: str | None) -> set[str]:
        if field is not None:
            return set(self.fields[field])
        return {w for tokens in self.fields.values() for w in tokens}

    def has_phrase(self, phrase: tuple[str, ...]) -> bool:
        n = len(phrase)
        return any(
            tuple(tokens[i : i + n]) == phrase
            for tokens in self.fields.values()
            for i in range(len(tokens) - n + 1)
        )


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _scan(episode: Episode) -> Scanned:
    return Scanned(
        episode.id,
        {
            "title": _tokens(episode.title),
            "text": _tokens(episode.text),
            "speakers": _tokens(" ".join(episode.speakers)),
            "description": _tokens(episode.description),
            "show": _tokens(episode.show or ""),
        },
    )


def _write_episode(root: Path, number: int, rng: random.Random) -> Path:
    """An episode in Markdown: a title of vocabulary words, turns by two speakers."""
    # Some words are rare and some common; "people" is in most episodes, often many times.
    weights = [5, 3, 2, 2, 1, 1, 1, 1]
    title = " ".join(rng.choices(WORDS, weights, k=rng.randint(1, 2))).title()
    speakers = rng.sample(NAMES, 2)
    turns = []
    for turn in range(rng.randint(1, 4)):
        words = rng.choices(WORDS, weights, k=rng.randint(0, 30))
        if rng.random() < 0.3:
            words = [w for w in words if w != "people"]
        turns.append(f"**{speakers[turn % 2].title()}:** {' '.join(words)}.")
    path = root / f"ep{number:03d}.md"
    path.write_text(
        f"# Episode {number}: {title}\n\nA show.\n\n" + "\n\n".join(turns) + "\n", encoding="utf-8"
    )
    return path


@dataclass
class Library:
    ix: LibraryIndex
    episodes: list[Scanned]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("generated")
    rng = random.Random(20240610)
    paths = [_write_episode(root, n, rng) for n in range(1, EPISODES + 1)]
    # The first episodes say "people" and not "feedback"; the next say both: a segment's
    # first candidate for "feedback -people" then comes after its first excluded one.
    paths[0].write_text("# Episode 1: Trust\n\n**Maya:** people trust.\n", encoding="utf-8")
    paths[1].write_text("# Episode 2: Coach\n\n**Sam:** feedback people.\n", encoding="utf-8")
    episodes = [import_file(path, root) for path in paths]
    assert all(isinstance(e, Episode) for e in episodes)
    ix = LibraryIndex(root, tmp_path_factory.mktemp("cache"))
    index_in_commits(ix, episodes, COMMITS)
    state = FileState(1, 1.0, "x")
    ix.update([(e, state) for e in episodes[10:40:3]])  # replaced: deleted in old segments
    yield Library(ix, [_scan(e) for e in episodes])
    ix.close()


Matches = Callable[[Scanned], bool]
Query = tuple[str, Matches]


def _word(field: str | None = None, alias: str = "") -> st.SearchStrategy[Query]:
    words = NAMES if field == "speakers" else WORDS
    return st.sampled_from(words).map(
        lambda w: (f"{alias}:{w}" if alias else w, lambda e: w in e.words(field))
    )


def _phrase() -> st.SearchStrategy[Query]:
    return st.lists(st.sampled_from(WORDS), min_size=2, max_size=3).map(
        lambda ws: ('"' + " ".join(ws) + '"', lambda e: e.has_phrase(tuple(ws)))
    )


ATOMS = st.one_of(
    _word(), _word(), _word(), _phrase(), _word("title", "title"), _word("speakers", "speaker")
)


def _and(a: Query, b: Query, joint: str) -> Query:
    return f"({a[0]}{joint}{b[0]})", lambda e: a[1](e) and b[1](e)


def _or(a: Query, b: Query) -> Query:
    return f"({a[0]} OR {b[0]})", lambda e: a[1](e) or b[1](e)


POSITIVE = st.recursive(
    ATOMS,
    lambda inner: st.one_of(
        st.builds(_and, inner, inner, st.sampled_from([" ", " AND "])),
        st.builds(_or, inner, inner),
    ),
    max_leaves=4,
)
NEGATED = st.one_of(ATOMS, st.builds(_or, ATOMS, ATOMS))


@st.composite
def queries(draw: st.DrawFn) -> Query:
    """A positive part, with excluded parts written each of the ways users write them."""
    text, matches = draw(POSITIVE)
    for _ in range(draw(st.integers(0, 2))):
        excluded, excludes = draw(NEGATED)
        form = draw(st.sampled_from(["-{x} {q}", "{q} -{x}", "{q} NOT {x}", "{q} AND NOT {x}"]))
        text = form.format(q=text, x=excluded)
        matches = (lambda m, x: lambda e: m(e) and not x(e))(matches, excludes)
    return text, matches


def _found(library: Library, text: str, sort: str) -> set[str]:
    results = library.ix.search(text, limit=None, sort=sort)
    found = {hit.path for hit in results.hits}
    assert results.total == len(found) == len(results.hits)
    return found


def test_feedback_minus_people_lists_no_episode_that_says_people(library: Library):
    found = _found(library, "feedback -people", "relevance")
    with_people = {e.path for e in library.episodes if "people" in e.words(None)}
    assert found
    assert not found & with_people
    assert "ep002.md" not in found  # says both, right after one that says only "people"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=queries(), sort=st.sampled_from(["relevance", "number"]))
def test_results_are_the_episodes_a_scan_finds(library: Library, query: Query, sort: str):
    text, matches = query
    truth = {e.path for e in library.episodes if matches(e)}
    assert _found(library, text, sort) == truth, text
