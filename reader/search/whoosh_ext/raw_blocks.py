"""Posting blocks as varints and raw arrays instead of pickles.

Whoosh pickles each block of postings as a tuple of (id deltas, weights, values): a weight
was a 9-byte pickled float per posting and each value a pickled bytes object, about 17
bytes of every posting besides its positions. Here a block is a small header, the id
deltas and value lengths as varints, the weights as raw 32-bit floats (or one float, or
none when all are 1), and the values one after another. numpy reads it without unpickling
(``parse``); Whoosh's matcher gets the tuple it expects from the same bytes.

Each block is framed as Whoosh frames its own (header tag, signed length, negative for a
term's last block, block info, data) but the info is a fixed struct, not a pickle, so a
term's blocks are walked without a matcher (``blocks_of``) and Whoosh's matchers step and
skip through them as through its own.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from itertools import pairwise

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3LeafMatcher, W3PostingsWriter
from whoosh.util.numeric import byte_to_length, length_to_byte

from reader.search.whoosh_ext import varints

#: Weight mode, bytes of id deltas, bytes of value lengths.
_HEAD = struct.Struct("<BII")
_ALL_ONE, _ONE_WEIGHT, _WEIGHTS = 0, 1, 2
_FLOAT = np.dtype("<f4")
#: A block's info: postings, last id, highest weight, shortest and longest length (bytes).
_INFO = struct.Struct("<IIdBB")
_LENGTH = struct.Struct("!i")  # Whoosh's block length (negative: the term's last block)
_MAGIC = len(WHOOSH3_HEADER_MAGIC)


def pack_block(ids, weights, values: list[bytes]) -> bytes:
    """A block's data: ``ids`` ascending, ``weights`` (float32-exact), one value per
    posting or none at all."""
    id_array = np.asarray(ids, dtype=np.int64)
    id_bytes = varints.encode(np.diff(id_array, prepend=0))
    w = np.asarray(weights, dtype=_FLOAT)
    if (w == 1.0).all():
        mode, weight_bytes = _ALL_ONE, b""
    elif (w == w[0]).all():
        mode, weight_bytes = _ONE_WEIGHT, w[:1].tobytes()
    else:
        mode, weight_bytes = _WEIGHTS, w.tobytes()
    lengths = b""
    if values and len(values) != len(id_array):
        raise ValueError("a posting block needs a value for every posting or for none")
    if values:
        lengths = varints.encode(np.fromiter(map(len, values), dtype=np.int64, count=len(values)))
    head = _HEAD.pack(mode, len(id_bytes), len(lengths))
    return b"".join((head, id_bytes, weight_bytes, lengths, *values))


#: A block's weights: None when all are 1, one float when all are equal, else an array.
Weights = np.ndarray | float | None


def parse(data: bytes, count: int) -> tuple[np.ndarray, Weights, bytes, np.ndarray]:
    """A block's (id deltas, weights, values' bytes, where each value ends in them):
    weights None when all are 1, one float when all are equal; no values: ``b""`` and an
    empty array."""
    mode, id_size, length_size = _HEAD.unpack_from(data)
    at = _HEAD.size
    deltas = varints.decode(memoryview(data)[at : at + id_size])
    at += id_size
    weights: Weights = None
    if mode == _ONE_WEIGHT:
        weights = float(np.frombuffer(data, dtype=_FLOAT, count=1, offset=at)[0])
        at += 4
    elif mode == _WEIGHTS:
        weights = np.frombuffer(data, dtype=_FLOAT, count=count, offset=at).astype(np.float64)
        at += 4 * count
    if len(deltas) != count:
        raise ValueError(f"a posting block says {count} postings but holds {len(deltas)}")
    ends = varints.decode(memoryview(data)[at : at + length_size])
    at += length_size
    ends = np.cumsum(ends)
    return deltas, weights, data[at:], ends


class RawPostingsWriter(W3PostingsWriter):
    """Whoosh's postings writer with each block's data packed by ``pack_block``."""

    def _write_block(self, last: bool = False) -> None:
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        databytes = pack_block(self._ids, self._weights, self._values)
        ids = self._ids
        infobytes = _INFO.pack(
            len(ids),
            ids[-1],
            self._maxweight,
            length_to_byte(self._minlength),
            length_to_byte(self._maxlength),
        )
        length = len(infobytes) + len(databytes)
        self._postfile.write_int(-length if last else length)
        self._postfile.write(infobytes)
        self._postfile.write(databytes)
        self._blockcount += 1
        self._new_block()


def blocks_of(data: bytes) -> Iterator[tuple[int, bytes]]:
    """Each block of a term's postings (``data``: all of them, as the term info's extent
    says): its number of postings and its data."""
    if data[:_MAGIC] != WHOOSH3_HEADER_MAGIC:
        raise ValueError(f"posting blocks start with {data[:_MAGIC]!r}")
    at = _MAGIC
    while True:
        (length,) = _LENGTH.unpack_from(data, at)
        count = _INFO.unpack_from(data, at + 4)[0]
        end = at + 4 + abs(length)
        yield count, data[at + 4 + _INFO.size : end]
        if length < 0:
            return
        at = end


class RawLeafMatcher(W3LeafMatcher):
    """Whoosh's matcher of a term's postings, reading ``RawPostingsWriter`` blocks."""

    _data: tuple | None

    def _goto(self, position: int) -> None:
        self._data = self._ids = self._weights = self._values = None
        self._i = 0
        head = self._postfile.get(position, 4 + _INFO.size)
        (length,) = _LENGTH.unpack_from(head)
        if length < 0:
            self._lastblock = True
            length = -length
        self._nextoffset = position + 4 + length
        self._dataoffset = position + 4 + _INFO.size
        count, maxid, maxweight, shortest, longest = _INFO.unpack_from(head, 4)
        self._blocklength, self._maxid, self._maxweight = count, maxid, maxweight
        self._compression = 0
        self._minlength, self._maxlength = byte_to_length(shortest), byte_to_length(longest)

    def _read_data(self) -> None:
        data = self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset)
        deltas, weights, blob, ends = parse(data, self._blocklength)
        values: tuple | bytes | None = None
        if len(ends):
            bounds = [0, *ends.tolist()]
            values = tuple(blob[s:e] for s, e in pairwise(bounds))
            if self._fixedsize is not None and self._fixedsize > 0:
                values = b"".join(values)
        listed = tuple(weights.tolist()) if isinstance(weights, np.ndarray) else weights
        self._data = (deltas.tolist(), listed, values)
