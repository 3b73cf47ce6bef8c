"""One plural helper for everything the list, the status bar and the CLI count."""

from __future__ import annotations

import pytest

from reader.util.plural import counted


@pytest.mark.parametrize(
    ("count", "noun", "said"),
    [
        (1, "hit", "1 hit"),
        (9, "hit", "9 hits"),
        (0, "hit", "0 hits"),
        (1, "match", "1 match"),
        (2, "match", "2 matches"),
        (1, "episode", "1 episode"),
        (316, "episode", "316 episodes"),
        (3, "problem", "3 problems"),
    ],
)
def test_counted_says_the_number_with_the_right_form(count: int, noun: str, said: str):
    assert counted(count, noun) == said
