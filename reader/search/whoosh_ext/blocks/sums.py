"""Many children's hits summed in one pass, as Whoosh's ArrayUnionMatcher sums them.

A prefix of one or two letters ORs hundreds of words per segment; joining them one
``np.union1d`` at a time sorted the growing union once per word. ``np.bincount`` adds
each weight into its document's slot in input order, starting from 0.0: the same
floating-point additions, in the same order, as adding child after child into a score
array, so the scores are equal to the last bit.
"""

from __future__ import annotations

import numpy as np


def summed(
    ids: list[np.ndarray], scores: list[np.ndarray], boost: float, scored: bool, docs: int
) -> tuple[np.ndarray, np.ndarray]:
    """The union of the children's ``ids`` (segment document numbers below ``docs``) with
    0 plus each child's boosted score, in child order; unscored: 1 for each document."""
    every = np.concatenate(ids)
    present = np.bincount(every, minlength=docs)
    union = np.flatnonzero(present)
    if not scored:
        return union, np.ones(len(union))
    weights = np.concatenate([s * boost for s in scores])
    total = np.bincount(every, weights=weights, minlength=docs)[union]
    keep = total != 0  # the array matcher skips documents scoring 0
    return union[keep], total[keep]
