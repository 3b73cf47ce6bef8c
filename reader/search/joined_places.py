"""Spans that stand together joined, for hits with thousands of spans, with numpy.

``spans.places`` joins a hit's spans where only spaces, a hyphen or one line break stand
between them. A short prefix matches most words of an episode (``t*``: the, to, that...),
so a row of results has a thousand spans or more, and testing each gap with the expression
in Python was a good part of making a row. Most gaps hold a letter, a digit or punctuation,
which the expression never matches: those are told apart for all gaps at once, and the
expression decides only the rest, so the places are the same.
"""

from __future__ import annotations

import re

import numpy as np

Span = tuple[int, int]


def joined_places(text: str, spans: list[Span], joining: re.Pattern[str]) -> list[Span]:
    """``spans`` (sorted) with those ``joining`` fully matches the gap between joined."""
    starts = np.fromiter((s for s, _e in spans), dtype=np.int64, count=len(spans))
    ends = np.fromiter((e for _s, e in spans), dtype=np.int64, count=len(spans))
    reach = np.maximum.accumulate(ends)  # the end of the place each span may join
    before, after = reach[:-1], starts[1:]
    joins = after <= before  # overlapping or touching
    # A gap with a visible ASCII character other than "-" cannot be spaces, a hyphen and a
    # line break: count those characters up to each offset of the text.
    code = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    visible = (code > 32) & (code < 127) & (code != 45)
    seen = np.concatenate(([0], np.cumsum(visible)))
    limit = len(text)
    outside = (after > limit) | (before > limit)  # the expression decides, as before
    same = seen[np.minimum(after, limit)] == seen[np.minimum(before, limit)]
    blank = ~joins & (outside | same)
    for i in np.flatnonzero(blank).tolist():
        joins[i] = joining.fullmatch(text, int(before[i]), int(after[i])) is not None
    heads = np.flatnonzero(np.concatenate(([True], ~joins)))
    tails = np.append(heads[1:], len(spans)) - 1
    return list(zip(starts[heads].tolist(), reach[tails].tolist(), strict=True))
