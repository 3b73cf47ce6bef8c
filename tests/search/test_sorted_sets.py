"""The block engine's sorted-set helpers give exactly numpy's ``unique`` and ``union1d``."""

from __future__ import annotations

import numpy as np
import pytest

from reader.search.whoosh_ext.blocks import sorted_sets

ARRAYS = [
    np.array([], dtype=np.int64),
    np.array([7], dtype=np.int64),
    np.array([5, 5, 5], dtype=np.int64),
    np.array([9, 1, 4, 1, 9, 0, 2**40], dtype=np.int64),
    np.array([3, 2, 1], dtype=np.int32),
    np.random.default_rng(3).integers(0, 50, 400),
]


@pytest.mark.parametrize("values", ARRAYS, ids=range(len(ARRAYS)))
def test_unique_is_numpys(values: np.ndarray):
    got, want = sorted_sets.unique(values), np.unique(values)
    assert got.dtype == want.dtype
    assert got.tolist() == want.tolist()


@pytest.mark.parametrize("a", ARRAYS, ids=range(len(ARRAYS)))
@pytest.mark.parametrize("b", ARRAYS, ids=range(len(ARRAYS)))
def test_union_is_numpys(a: np.ndarray, b: np.ndarray):
    got, want = sorted_sets.union(a, b), np.union1d(a, b)
    assert got.dtype == want.dtype
    assert got.tolist() == want.tolist()


@pytest.mark.parametrize("a", ARRAYS, ids=range(len(ARRAYS)))
@pytest.mark.parametrize("b", ARRAYS, ids=range(len(ARRAYS)))
def test_common_is_numpys_intersection(a: np.ndarray, b: np.ndarray):
    a, b = np.unique(a).astype(np.int64), np.unique(b).astype(np.int64)
    assert sorted_sets.common(a, b).tolist() == np.intersect1d(a, b).tolist()
