"""``np.unique`` and ``np.union1d`` for the flat integer arrays the block engine keeps (doc
ids, position keys), without what numpy 2's versions load: on first use they import
``numpy.ma`` (about 15 ms), which a one-shot ``episode-reader search`` paid for one call.
Same results: sorted, each value once, the dtype numpy's versions give."""

from __future__ import annotations

import numpy as np


def unique(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values of a 1-D array (``np.unique(values)``)."""
    ordered = np.sort(np.asarray(values).ravel())
    if len(ordered) < 2:
        return ordered
    first = np.empty(len(ordered), dtype=bool)
    first[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return ordered[first]


def union(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The sorted distinct values in either array (``np.union1d(a, b)``)."""
    return unique(np.concatenate((np.asarray(a).ravel(), np.asarray(b).ravel())))


def contained(values: np.ndarray, ordered: np.ndarray) -> np.ndarray:
    """Which of ``values`` are in the sorted, non-empty ``ordered`` (``np.isin``, which
    also loads ``numpy.ma`` when first used)."""
    at = np.minimum(np.searchsorted(ordered, values), len(ordered) - 1)
    return ordered[at] == values


def common(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The values in both sorted arrays of distinct values, sorted: the shorter one is
    looked up in the longer (a binary search per value, so the fewer the better)."""
    if len(a) > len(b):
        a, b = b, a
    if not len(a):
        return a
    return a[contained(a, b)]
