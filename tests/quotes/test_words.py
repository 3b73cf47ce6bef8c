"""Selections snap to whole words: a start or end inside a word moves to the word's edge."""

from __future__ import annotations

import pytest

from reader.util.words import snap_to_words

TEXT = "and people to go home. Don't stop—ever.\n\nNext"


def cut(start_word: str, start_skip: int, end_word: str, end_keep: int) -> tuple[int, int]:
    start = TEXT.index(start_word) + start_skip
    end = TEXT.index(end_word) + end_keep
    return start, end


@pytest.mark.parametrize(
    ("start", "end", "snapped"),
    [
        (*cut("people", 2, "go", 1), "people to go"),  # no "…ople to g"
        (*cut("people", 0, "home", 4), "people to go home"),  # already whole: unchanged
        (*cut("Don't", 4, "stop", 2), "Don't stop"),  # an apostrophe is inside the word
        (*cut("stop", 0, "ever", 2), "stop—ever"),  # a dash is between words
        (*cut("home", 0, "home", 5), "home."),  # punctuation is left as selected
        (*cut("ever", 0, "Next", 2), "ever.\n\nNext"),
    ],
)
def test_a_selection_is_widened_to_whole_words(start: int, end: int, snapped: str) -> None:
    new_start, new_end = snap_to_words(TEXT, start, end)
    assert TEXT[new_start:new_end] == snapped


def test_out_of_range_and_reversed_offsets() -> None:
    assert snap_to_words(TEXT, 500, 2) == (0, len(TEXT))
    assert snap_to_words("", 0, 3) == (0, 0)
