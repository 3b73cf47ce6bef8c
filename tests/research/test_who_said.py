""" "Who said this?": exact quotes first, then near ones, and nothing rather than a poor match."""

from __future__ import annotations

import pytest

from reader.research.who_said import align, who_said
from tests.research.library import SILENCE_SENTENCE

TOM = ("show-a/ep01-silence.vtt", "Tom Becker", 70.0)


def _best(ix, quote: str):
    found = who_said(ix, quote)
    assert found, f"nothing found for {quote!r}"
    return found[0]


def test_the_exact_words_are_found_with_speaker_time_and_full_score(research_index):
    best = _best(research_index, SILENCE_SENTENCE)
    assert (best.path, best.speaker, best.time) == TOM
    assert best.text == SILENCE_SENTENCE.rstrip(".")
    assert best.score == 1.0
    assert best.info.speaker == "Tom Becker"
    assert best.info.title == "Silence"


@pytest.mark.parametrize(
    "quote",
    [
        "“The silence is where the thinking happens”",  # curly quotes around it
        '"the SILENCE is where the thinking happens..."',  # straight quotes, case, dots
        "The silence, is where the thinking — happens!",  # other punctuation
    ],
)
def test_punctuation_case_and_quote_marks_do_not_count(research_index, quote):
    best = _best(research_index, quote)
    assert (best.path, best.speaker, best.time) == TOM
    assert best.text == "The silence is where the thinking happens"
    assert best.score == 1.0


@pytest.mark.parametrize(
    "quote",
    [
        "the silence is where thinking happens",  # a missing word
        "the silence is where the thinking starts",  # a changed word
        "silence is when the thinking happened",  # two changes, other word forms
    ],
)
def test_a_half_remembered_quote_finds_the_passage_below_an_exact_one(research_index, quote):
    best = _best(research_index, quote)
    assert (best.path, best.speaker, best.time) == TOM
    assert "silence is where the thinking" in best.text
    assert 0.6 <= best.score < 1.0


def test_exact_ranks_above_near_when_both_are_in_the_library(research_index, research_library):
    # A second episode says nearly the same words: the exact one must come first.
    (research_library / "show-b" / "ep03-echo.txt").write_text(
        "Episode 3: Echo\n\nThey told me the silence is where all the thinking happens.\n",
        encoding="utf-8",
    )
    from reader.library.sync import sync_library

    sync_library(research_index)
    found = who_said(research_index, "the silence is where the thinking happens")
    assert [p.path for p in found[:2]] == ["show-a/ep01-silence.vtt", "show-b/ep03-echo.txt"]
    assert found[0].score == 1.0 > found[1].score >= 0.6


@pytest.mark.parametrize(
    "quote",
    [
        "purple elephants dance across the frozen moon",  # no word of it is in the library
        "the silence of the lambs was a frightening film",  # two of its words only
        "managers coaching the silence advice budgets trust",  # its words, scattered
        "!!! … “” ?",
    ],
)
def test_nothing_close_gives_no_result_rather_than_a_poor_one(research_index, quote):
    assert who_said(research_index, quote) == []


def test_alignment_pairs_each_quote_word_with_its_place_not_a_later_repeat():
    quote = ["the", "difference", "between", "a", "task", "and", "a", "decision"]
    words = [
        "the",
        "difference",
        "between",
        "a",
        "task",
        "and",
        "a",
        "decision",
        "and",
        "then",
        "a",
        "decision",
    ]
    assert [j for _i, j in align(quote, words)] == list(range(8))
