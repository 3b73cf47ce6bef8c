"""Several terms' posting blocks parsed together: one numpy pass for all their blocks.

A one- or two-letter prefix reaches hundreds of words per segment, most of them a block or
two long; parsing block after block (a header, two varint runs, the weights) was three
quarters of such a search, nearly all of it per-block Python and numpy call overhead.
Whoosh writes a field's postings in term order, so the words a prefix reaches lie one after
another in the postings file: they are read as one piece, only the block headers are walked
in Python, and every block's id deltas, weights and value lengths are decoded at once.
Values (positions and offsets) are not copied: each posting's value is located by its
start and end in the piece read.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC

from reader.search.whoosh_ext.blocks.few_postings import FEW, parse_few
from reader.search.whoosh_ext.raw_blocks import _ALL_ONE, _HEAD, _INFO, _ONE_WEIGHT, _WEIGHTS
from reader.search.whoosh_ext.value_layout import byte_ranges, running, varint_runs

_MAGIC = len(WHOOSH3_HEADER_MAGIC)
_FRAME = struct.Struct("!i")  # a block's length (negative: the term's last block)
_COUNT = struct.Struct("<I")  # the block info's first field: its number of postings
_HEAD_SIZE = _HEAD.size  # mode (1 byte), id bytes (uint32), length bytes (uint32)


class Parsed:
    """Every posting of some terms, in term order, each term's in document order:
    ``ids`` (int64), ``weights`` (float64), and where each value ``starts`` and ``ends``
    in the bytes parsed; term ``t``'s are rows ``bounds[t]`` to ``bounds[t + 1]``."""

    def __init__(self, ids, weights, starts, ends, bounds) -> None:
        self.ids, self.weights = ids, weights
        self.starts, self.ends, self.bounds = starts, ends, bounds


def parse_terms(data: bytes | memoryview, heads: Sequence[int]) -> Parsed:
    """The postings of the terms whose blocks start at ``heads`` in ``data`` (each at
    Whoosh's header magic, as a term info's extent says)."""
    block_at, counts, block_end, per_term = _walk(data, heads)
    if sum(counts) <= FEW:
        blocks = list(zip(block_at, counts, block_end, strict=True))
        return Parsed(*parse_few(data, blocks, per_term))
    raw = np.frombuffer(data, dtype=np.uint8)
    at = np.asarray(block_at, dtype=np.int64) + 4 + _INFO.size  # each block's data
    ends_of_blocks = np.asarray(block_end, dtype=np.int64)
    count = np.asarray(counts, dtype=np.int64)
    if len(at) and int((at + _HEAD_SIZE).max()) > len(raw):
        raise ValueError("a posting block is cut off")
    mode = raw[at].astype(np.int64)
    id_size, length_size = _uint32(raw, at + 1), _uint32(raw, at + 5)
    if ((mode != _ALL_ONE) & (mode != _ONE_WEIGHT) & (mode != _WEIGHTS)).any():
        raise ValueError("a posting block has an unknown weight mode")
    id_at = at + _HEAD_SIZE
    weight_at = id_at + id_size
    weight_size = np.where(mode == _WEIGHTS, 4 * count, np.where(mode == _ONE_WEIGHT, 4, 0))
    length_at = weight_at + weight_size
    value_at = length_at + length_size
    if (value_at > ends_of_blocks).any():
        raise ValueError("a posting block's parts run past its end")
    deltas = varint_runs(raw, id_at, id_size, count, *_damaged("postings"))
    ids = running(deltas, count)
    weights = _weights(raw, mode, weight_at, count)
    has_values = length_size > 0
    lengths = np.zeros(int(count.sum()), dtype=np.int64)
    posting_block = np.repeat(np.arange(len(count)), count)
    with_values = has_values[posting_block]
    if has_values.any():
        lengths[with_values] = varint_runs(
            raw,
            length_at[has_values],
            length_size[has_values],
            count[has_values],
            *_damaged("values"),
        )
    ends = running(lengths, count) + value_at[posting_block]
    starts = ends - lengths
    bounds = np.concatenate(([0], np.cumsum(per_term))).astype(np.int64)
    return Parsed(ids, weights, starts, ends, bounds)


def _walk(
    data: bytes | memoryview, heads: Sequence[int]
) -> tuple[list[int], list[int], list[int], list]:
    """Where each block starts, its postings, where it ends; each term's postings."""
    block_at: list[int] = []
    counts: list[int] = []
    block_end: list[int] = []
    per_term = []
    frame, count_of, magic = _FRAME.unpack_from, _COUNT.unpack_from, WHOOSH3_HEADER_MAGIC
    for head in heads:
        if bytes(data[head : head + _MAGIC]) != magic:
            raise ValueError(f"posting blocks start with {bytes(data[head : head + _MAGIC])!r}")
        at, postings, size = head + _MAGIC, 0, len(data)
        while True:
            if at + 4 + _INFO.size > size:
                raise ValueError("a term's posting blocks are cut off")
            (length,) = frame(data, at)
            (count,) = count_of(data, at + 4)
            end = at + 4 + abs(length)
            if end > size:
                raise ValueError("a posting block is cut off")
            block_at.append(at)
            counts.append(count)
            block_end.append(end)
            postings += count
            if length < 0:
                break
            at = end
        per_term.append(postings)
    return block_at, counts, block_end, per_term


def _uint32(raw: np.ndarray, at: np.ndarray) -> np.ndarray:
    """The little-endian 32-bit numbers at ``at``."""
    b = raw[at[:, None] + np.arange(4)].astype(np.int64)
    return b[:, 0] | b[:, 1] << 8 | b[:, 2] << 16 | b[:, 3] << 24


def _damaged(what: str) -> tuple[str, str]:
    """What a block whose ``what`` are damaged is said to be (``varint_runs``)."""
    return f"a posting block holds fewer {what} than it says", (
        f"a posting block's {what} do not match its count"
    )


def _weights(
    raw: np.ndarray, mode: np.ndarray, weight_at: np.ndarray, counts: np.ndarray
) -> np.ndarray:
    """Each posting's weight: 1, its block's one weight, or its own (float32 each), read
    as floats from whichever of four float views of the bytes the block's weights line up
    with."""
    weights = np.ones(int(counts.sum()))
    firsts = np.cumsum(counts) - counts
    for shift in range(4):
        lined_up = weight_at % 4 == shift
        one, own = lined_up & (mode == _ONE_WEIGHT), lined_up & (mode == _WEIGHTS)
        if not (one.any() or own.any()):
            continue
        floats = raw[shift : shift + (len(raw) - shift) // 4 * 4].view("<f4")
        if one.any():
            single = floats[(weight_at[one] - shift) // 4]
            weights[byte_ranges(firsts[one], counts[one])] = np.repeat(single, counts[one])
        if own.any():
            at = byte_ranges((weight_at[own] - shift) // 4, counts[own])
            weights[byte_ranges(firsts[own], counts[own])] = floats[at]
    return weights
