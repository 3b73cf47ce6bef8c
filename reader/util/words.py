"""Whole words: a selection that starts or ends inside a word is widened to the word's edges,
so highlights, quotes and cards never cut a word (no ``…people to g``)."""

from __future__ import annotations

import re

#: A word: letters and digits, with apostrophes inside it (``don't``, ``managers’``).
_WORD = re.compile(r"\w+(?:['’]\w+)*")
#: How far to look back for the start of the word an offset is in (longer "words" are junk).
_REACH = 200


def _word_around(text: str, offset: int) -> tuple[int, int] | None:
    """The word that ``offset`` is strictly inside (not at its edge), if any."""
    base = max(0, offset - _REACH)
    for match in _WORD.finditer(text, base, min(len(text), offset + _REACH)):
        if match.start() >= offset:
            return None
        if match.end() > offset:
            return match.span()
    return None


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` widened so that neither cuts a word of ``text``."""
    start, end = sorted((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    around_start = _word_around(text, start)
    if around_start is not None:
        start = around_start[0]
    around_end = _word_around(text, end)
    if around_end is not None:
        end = around_end[1]
    return start, end
