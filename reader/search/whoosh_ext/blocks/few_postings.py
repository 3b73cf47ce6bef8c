"""A few postings parsed in plain Python: a numpy pass costs more than the work it does.

The block parser (``block_arrays``) makes about thirty numpy calls per piece whatever its
size: half a millisecond for a word's 80 postings in the titles of one segment. A search
for two words reads such small pieces in every segment and every short field (title,
description, quotes...), as much time as the transcripts' thousands of postings took.
Below ``FEW`` postings a piece is read here, one byte at a time, into the same arrays.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence

import numpy as np

from reader.search.whoosh_ext.raw_blocks import _ALL_ONE, _HEAD, _INFO, _ONE_WEIGHT, _WEIGHTS

#: Most postings in a piece parsed here rather than with numpy (where the two cost the same).
FEW = 800
_ONE_FLOAT = struct.Struct("<f")


def parse_few(
    data: bytes | memoryview,
    blocks: Sequence[tuple[int, int, int]],
    per_term: list[int],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Ids, weights, value starts and ends, and term bounds of the ``blocks`` (where each
    starts, its postings, where it ends), as ``block_arrays.parse_terms`` gives them."""
    ids: list[int] = []
    weights: list[float] = []
    starts: list[int] = []
    ends: list[int] = []
    size = len(data)
    for block_at, count, block_end in blocks:
        at = block_at + 4 + _INFO.size
        if at + _HEAD.size > size:
            raise ValueError("a posting block is cut off")
        mode, id_size, length_size = _HEAD.unpack_from(data, at)
        if mode not in (_ALL_ONE, _ONE_WEIGHT, _WEIGHTS):
            raise ValueError("a posting block has an unknown weight mode")
        id_at = at + _HEAD.size
        weight_at = id_at + id_size
        weight_size = 4 * count if mode == _WEIGHTS else 4 if mode == _ONE_WEIGHT else 0
        length_at = weight_at + weight_size
        value_at = length_at + length_size
        if value_at > block_end:
            raise ValueError("a posting block's parts run past its end")
        running = 0
        for delta in _varints(data, id_at, id_size, count, "postings"):
            running += delta
            ids.append(running)
        if mode == _ALL_ONE:
            weights.extend([1.0] * count)
        elif mode == _ONE_WEIGHT:
            weights.extend(_ONE_FLOAT.unpack_from(data, weight_at) * count)
        else:
            weights.extend(struct.unpack_from(f"<{count}f", data, weight_at))
        if not length_size:
            starts.extend([value_at] * count)
            ends.extend([value_at] * count)
            continue
        end = value_at
        for length in _varints(data, length_at, length_size, count, "values"):
            starts.append(end)
            end += length
            ends.append(end)
    bounds = [0]
    for postings in per_term:
        bounds.append(bounds[-1] + postings)
    return (
        np.array(ids, dtype=np.int64),
        np.array(weights, dtype=np.float64),
        np.array(starts, dtype=np.int64),
        np.array(ends, dtype=np.int64),
        np.array(bounds, dtype=np.int64),
    )


def _varints(data: bytes | memoryview, at: int, size: int, count: int, what: str) -> list[int]:
    """The ``count`` varints that must fill ``data[at:at + size]`` exactly."""
    numbers: list[int] = []
    value = shift = 0
    for byte in data[at : at + size]:
        value |= (byte & 127) << shift
        if byte < 128:
            numbers.append(value)
            value = shift = 0
        else:
            shift += 7
    if size < count:
        raise ValueError(f"a posting block holds fewer {what} than it says")
    if shift or len(numbers) != count:
        raise ValueError(f"a posting block's {what} do not match its count")
    return numbers
