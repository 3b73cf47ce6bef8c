"""Unsigned integers as LEB128 varints, encoded and decoded a whole array at a time.

Postings were fixed 32-bit integers (positions, character offsets) inside pickles: 12 bytes
an occurrence where most numbers fit one or two bytes, and the index was 2.6x SQLite FTS5's.
Seven bits a byte, the high bit set on every byte but a number's last, is what FTS5 and
Lucene do; numpy does it for a block of postings in a few passes, no Python loop.
"""

from __future__ import annotations

import numpy as np

#: Numbers are at most 35 bits (five bytes): positions and offsets are far below that.
_LIMIT = 1 << 35


def byte_counts(values: np.ndarray) -> np.ndarray:
    """How many bytes each value takes as a varint."""
    v = values.astype(np.int64, copy=False)
    return 1 + (v >= 1 << 7) + (v >= 1 << 14) + (v >= 1 << 21) + (v >= 1 << 28)


def encode(values: np.ndarray, counts: np.ndarray | None = None) -> bytes:
    """``values`` (non-negative integers below 2**35) as varints, one after another;
    ``counts``: their ``byte_counts`` if already known."""
    v = np.asarray(values, dtype=np.int64)
    if not len(v):
        return b""
    if v.min() < 0 or v.max() >= _LIMIT:
        raise ValueError("a varint must be non-negative and below 2**35")
    if v.max() < 128:
        return v.astype(np.uint8).tobytes()
    n = byte_counts(v) if counts is None else counts
    width = int(n.max())
    table = np.empty((len(v), width), dtype=np.uint8)  # byte j of each value, if it has one
    for j in range(width):
        table[:, j] = ((v >> (7 * j)) & 127) | ((n > j + 1) << 7)
    return table[np.arange(width) < n[:, None]].tobytes()


def decode(data: bytes | memoryview | np.ndarray) -> np.ndarray:
    """Every varint in ``data``, as int64; ValueError if the last one is cut off."""
    b = np.frombuffer(data, dtype=np.uint8) if not isinstance(data, np.ndarray) else data
    if not len(b):
        return np.empty(0, dtype=np.int64)
    return decode_ending(b, b < 128)


def decode_ending(b: np.ndarray, last: np.ndarray) -> np.ndarray:
    """The varints of the bytes ``b`` whose last bytes are where ``last`` says (the high
    bit clear, or a cut a caller makes; the byte at a cut ends its number there)."""
    if len(b) and not last[-1]:
        raise ValueError("varints cut off: the last byte says more follow")
    low = (b & 127).astype(np.int64)
    pending = np.flatnonzero(~last)  # bytes another byte of the same number follows
    if not len(pending):
        return low
    # Horner from each number's end: a byte's value is its low bits plus the next byte's
    # value shifted by 7, once the next byte's is whole (at most five bytes: five rounds).
    whole = last.copy()
    while len(pending):
        ready = pending[whole[pending + 1]]
        low[ready] += low[ready + 1] << 7
        whole[ready] = True
        pending = pending[~whole[pending]]
    first = np.empty(len(b), dtype=bool)
    first[0] = True
    first[1:] = last[:-1]
    return low[first]


def first(data: bytes) -> tuple[int, int]:
    """The first varint of ``data`` and how many bytes it takes (without numpy: a value's
    frequency is read on its own)."""
    value = shift = 0
    for at, byte in enumerate(data):
        value |= (byte & 127) << shift
        if byte < 128:
            return value, at + 1
        shift += 7
    raise ValueError("varint cut off")
