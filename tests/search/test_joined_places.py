"""Hits with many spans are joined into places with numpy first: the same places as the
expression tested gap by gap, for every kind of gap a transcript has."""

from __future__ import annotations

import random

import pytest

from reader.search import spans as spans_module
from reader.search.spans import places

#: Gaps that join (spaces, tabs, a hyphen, one line break, Unicode spaces) and that do not.
GAPS = [
    " ", "  ", "\t", "-", " - ", "\u2010", "\u2011 ", "\n", " \n ", "\r\n", "\u00a0",
    "\u2003", "-\n", "\n\n", " \n\n ", ", ", ". ", " and ", "\u2014", "'", " \u00e9 ", "",
    "\ud800",
]  # fmt: skip
WORDS = ["team", "trust", "the", "to", "x", "\u00e9t\u00e9"]


def _case(rng: random.Random) -> tuple[str, list[tuple[int, int]]]:
    text, spans = "", []
    for _ in range(rng.randint(60, 400)):
        text += rng.choice(GAPS)
        word = rng.choice(WORDS)
        if rng.random() < 0.7:
            spans.append((len(text), len(text) + len(word)))
            if rng.random() < 0.1:  # a phrase over a word of it: overlapping spans
                spans.append((len(text), len(text) + len(word) + 1))
        text += word
    return text + rng.choice(GAPS), sorted(spans)


@pytest.mark.parametrize("seed", range(40))
def test_many_spans_join_into_the_places_the_expression_finds(seed, monkeypatch):
    text, spans = _case(random.Random(seed))
    monkeypatch.setattr(spans_module, "_MANY", 10**9)  # gap by gap
    expected = places(text, spans)
    monkeypatch.setattr(spans_module, "_MANY", 0)  # numpy first
    assert places(text, spans) == expected
    assert len(expected) < len(spans)  # some did join


@pytest.mark.parametrize(
    ("text", "spans"),
    [("ab  cd", [(0, 2), (4, 6), (8, 9)]), ("ab ", [(0, 2), (3, 5)]), ("ab", [(0, 2), (5, 7)])],
)
def test_spans_reaching_past_the_text_are_left_to_the_expression(text, spans, monkeypatch):
    monkeypatch.setattr(spans_module, "_MANY", 10**9)
    expected = places(text, spans)
    monkeypatch.setattr(spans_module, "_MANY", 0)
    assert places(text, spans) == expected
