"""Find the body passage a pull quote repeats.

Sites retype quotes: straight quotes become curly, apostrophes change, case and spacing
differ, and long quotes are cut with an ellipsis. Matching word by word, with any run of
non-word characters between words, ignores all of that and stays a single C-level regex
search over the transcript.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
_ELLIPSIS = re.compile(r"\.{3,}|…")
_GAP = r"[\W_]+"


def find_passage(text: str, quote: str, start: int = 0) -> tuple[int, int] | None:
    """Character span of ``quote`` in ``text`` (ignoring quote style, case and spacing)."""
    pieces = [_WORD.findall(piece) for piece in _ELLIPSIS.split(quote)]
    pieces = [words for words in pieces if words]
    if not pieces:
        return None
    span_start: int | None = None
    pos = start
    for words in pieces:
        pattern = re.compile(r"\b" + _GAP.join(map(re.escape, words)) + r"\b", re.IGNORECASE)
        match = pattern.search(text, pos)
        if match is None:
            return None
        if span_start is None:
            span_start = match.start()
        pos = match.end()
    assert span_start is not None
    return span_start, pos
