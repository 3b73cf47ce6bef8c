"""How many places a row's hits make, without listing them: for the rows of a search that
get no snippets yet.

A short prefix gives each of the window's 200 rows a few hundred hits; its count is the
number of places (``spans.places``: words standing together are one) in a text that fits
them (``health.text_fits``). Testing each gap with a regular expression, and each hit's
edges, one Python call at a time, cost as much as the block search. Here numpy looks at
the first two characters of every gap at once: a gap that can join two hits holds only
spaces, a hyphen and a line break, so one with any other ASCII character there cannot,
and only the few left are tested with the same expression. Same count, same verdict.
"""

from __future__ import annotations

import numpy as np

from reader.search.health import text_fits
from reader.search.spans import _JOINING, Span, places
from reader.search.whoosh_ext.blocks import sorted_sets

#: Which ASCII characters may stand in a gap that joins two hits (by ``_JOINING``);
#: anything beyond ASCII is left to the expression.
_MAY_JOIN = np.array([bool(_JOINING.fullmatch(chr(c))) for c in range(128)] + [True], dtype=bool)


def place_count(text: str, spans: list[Span]) -> int | None:
    """``len(places(text, spans))`` when ``text_fits(text, spans)``, else None."""
    if not spans:
        return 0
    bounds = np.array(spans, dtype=np.int64)
    starts, ends = bounds[:, 0], bounds[:, 1]
    try:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:  # a lone surrogate: the plain way
        return len(places(text, spans)) if text_fits(text, spans) else None
    if not ((starts >= 0) & (starts < ends) & (ends <= len(codes))).all():
        return None
    edges = sorted_sets.unique(np.concatenate((codes[starts], codes[ends - 1])))
    if not text_fits("".join(map(chr, edges.tolist())), [(i, i + 1) for i in range(len(edges))]):
        return None
    if (starts[1:] < ends[:-1]).any():  # not the merged, sorted spans of a search
        return len(places(text, spans))
    gap_starts, gap_ends = ends[:-1], starts[1:]
    touching = gap_starts == gap_ends
    first = _MAY_JOIN[np.minimum(codes[np.minimum(gap_starts, len(codes) - 1)], 128)]
    second_at = np.minimum(gap_starts + 1, len(codes) - 1)
    second = (gap_ends - gap_starts < 2) | _MAY_JOIN[np.minimum(codes[second_at], 128)]
    maybe = np.flatnonzero(~touching & first & second).tolist()
    joined = int(touching.sum())
    for i in maybe:
        if _JOINING.fullmatch(text, int(gap_starts[i]), int(gap_ends[i])):
            joined += 1
    return len(spans) - joined
