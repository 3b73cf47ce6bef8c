"""Whoosh's tree of unions over many children, with the big nodes as dense score arrays.

On a segment of more than 5,000 episodes Whoosh ORs a prefix's hundreds of words as a
weighted tree of two-way unions, and its scores depend on that tree's order of additions.
Joining sorted id arrays at every node re-sorted the growing union some hundreds of times
(a fifth of a short-prefix search). Here a node stays a sorted id array while it is small;
once it covers a good share of the segment it becomes a score per document (0 where it
does not match) and a mask of its documents, and joining adds arrays. Adding 0 changes no
score, so every document gets the same additions in the same order: equal to the last bit.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from reader.search.whoosh_ext.blocks.evaluate import Hits, union, weighted_tree

#: A node becomes dense once it holds at least this share of the segment's documents.
_DENSE_SHARE = 1 / 32


class _Dense:
    """A union node as a score for every document and a mask of those it matches."""

    def __init__(self, scores: np.ndarray, present: np.ndarray) -> None:
        self.scores, self.present = scores, present

    @classmethod
    def of(cls, hits: Hits, docs: int) -> _Dense:
        scores = np.zeros(docs)
        scores[hits.ids] = hits.scores
        present = np.zeros(docs, dtype=bool)
        present[hits.ids] = True
        return cls(scores, present)

    def hits(self) -> Hits:
        ids = np.flatnonzero(self.present)
        return Hits(ids, self.scores[ids])


def union_tree(weighted: Sequence[tuple[float, Hits]], docs: int) -> Hits:
    """``weighted_tree(union, weighted)`` on a segment of ``docs`` documents."""
    big = max(1, int(docs * _DENSE_SHARE))

    def join(a, b):
        if isinstance(a, Hits) and isinstance(b, Hits) and len(a.ids) + len(b.ids) < big:
            return union(a, b)
        if isinstance(a, Hits):
            a, b = b, a  # addition is commutative: a + b and b + a are the same number
        if isinstance(a, Hits):
            a = _Dense.of(a, docs)
        if isinstance(b, Hits):
            scores, present = a.scores.copy(), a.present.copy()
            scores[b.ids] += b.scores
            present[b.ids] = True
            return _Dense(scores, present)
        return _Dense(a.scores + b.scores, a.present | b.present)

    found = weighted_tree(join, weighted)
    return found if isinstance(found, Hits) else found.hits()
