"""A row without snippets counts its places as a row with them does: words standing
together (across spaces, a hyphen, one line break) are one, and a damaged text is caught."""

from __future__ import annotations

import random
import re

from reader.search.health import text_fits
from reader.search.place_count import place_count
from reader.search.spans import places

GAPS = [" ", "  ", "-", " - ", "\n", " \n ", "\n\n", ", ", " and ", "\t", "\u00a0", "\u2010", "--"]


def _text_and_spans(rng: random.Random) -> tuple[str, list[tuple[int, int]]]:
    """Words joined by gaps that do and do not join; some words are hits."""
    parts, spans, at = [], [], 0
    for _ in range(rng.randint(1, 300)):
        word = rng.choice(["make", "me", "more", "mind", "über", "naïve", "x_y", "m"])
        if rng.random() < 0.6:
            spans.append((at, at + len(word)))
        parts.append(word)
        at += len(word)
        gap = rng.choice(GAPS)
        parts.append(gap)
        at += len(gap)
    return "".join(parts), spans


def test_counts_equal_the_places_the_reader_steps_through():
    rng = random.Random(11)
    for _ in range(150):
        text, spans = _text_and_spans(rng)
        assert place_count(text, spans) == len(places(text, spans)), (text, spans)


def test_touching_hits_are_one_place():
    assert place_count("makemore", [(0, 4), (4, 8)]) == 1
    assert place_count("make more", [(0, 4), (5, 9)]) == 1
    assert place_count("make, more", [(0, 4), (6, 10)]) == 2
    assert place_count("make\n\nmore", [(0, 4), (6, 10)]) == 2
    assert place_count("", []) == 0


def test_a_text_that_does_not_fit_the_hits_is_none_as_text_fits_says():
    rng = random.Random(5)
    for _ in range(80):
        text, spans = _text_and_spans(rng)
        if not spans:
            continue
        damaged = re.sub(r"\w", "\x00", text, count=rng.randint(1, 40))
        cut = text[: rng.randint(0, len(text))]
        for bad in (damaged, cut):
            want = len(places(bad, spans)) if text_fits(bad, spans) else None
            assert place_count(bad, spans) == want


def test_a_lone_surrogate_in_the_text_is_counted_the_plain_way():
    text = "make more \udc80 mind"
    assert place_count(text, [(0, 4), (5, 9), (12, 16)]) == 2
