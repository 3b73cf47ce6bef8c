"""Transcript postings written without Whoosh's token objects, packed as integers.

Whoosh's ``Characters`` format stores the positions and character offsets of every
occurrence of a word, as a pickle, and computes them from one token object per word. For a
transcript that was most of the time it took to build an index; this format gives Whoosh
exactly the same terms, positions and offsets (``tests/search/test_index.py`` compares them)
from a few numpy passes, in a packed form phrase searches decode quickly.
"""

from __future__ import annotations

from array import array
from itertools import accumulate
from operator import sub

import numpy as np
from whoosh import formats
from whoosh.system import _INT_SIZE, pack_uint

from reader.search.analysis import WordAnalyzer


class FastCharacters(formats.Characters):
    """Whoosh's Characters format (positions and character offsets of every occurrence),
    computed without token objects and stored as packed integers instead of a pickle.

    A value is the frequency n, then n position deltas, then 2n character deltas (start from
    the previous end, end from start), as unsigned 32-bit integers: encoding and decoding
    are a few C-level passes (phrase searches decode positions for every candidate).
    """

    def word_values(self, value, analyzer, **kwargs):
        if not (isinstance(analyzer, WordAnalyzer) and isinstance(value, str)):
            yield from super().word_values(value, analyzer, **kwargs)  # through encode()
            return
        terms, starts, ends = analyzer.words(value)
        count = len(terms)
        if not count:
            return
        # Every term's occurrences at once, with numpy: a word's positions are those of its
        # number in a stable sort (this was a third of the time to index a transcript).
        unique = list(dict.fromkeys(terms))
        numbers = dict(zip(unique, range(len(unique)), strict=True))
        ids = np.fromiter(map(numbers.__getitem__, terms), dtype=np.int64, count=count)
        order = np.argsort(ids, kind="stable")  # positions, grouped by term, ascending
        freqs = np.bincount(ids)
        heads = np.concatenate(([0], np.cumsum(freqs)[:-1]))  # where each term's group starts
        st, en = starts[order], ends[order]
        position_deltas = np.diff(order, prepend=0)
        position_deltas[heads] = order[heads]
        start_deltas = st - np.concatenate(([0], en[:-1]))
        start_deltas[heads] = st[heads]
        chars = np.empty(2 * count, dtype=np.uint32)  # as array("I") reads them back
        chars[0::2] = start_deltas
        chars[1::2] = en - st
        positions = position_deltas.astype(np.uint32).tobytes()
        characters = chars.tobytes()
        boost = self.field_boost
        for term, head, freq in zip(unique, heads.tolist(), freqs.tolist(), strict=True):
            tail = head + freq
            value = positions[4 * head : 4 * tail] + characters[8 * head : 8 * tail]
            yield term, freq, freq * boost, pack_uint(freq) + value

    def encode(self, poslist) -> bytes:  # [(position, startchar, endchar), ...]
        positions = [p for p, _s, _e in poslist]
        bounds = [b for _p, s, e in poslist for b in (s, e)]
        values = array("I", map(sub, positions, [0, *positions[:-1]]))
        values.extend(map(sub, bounds, [0, *bounds[:-1]]))
        return pack_uint(len(poslist)) + values.tobytes()

    @staticmethod
    def _unpack(valuestring: bytes) -> tuple[array, int]:
        values = array("I")
        values.frombytes(valuestring[_INT_SIZE:])
        return values, len(values) // 3

    def decode_positions(self, valuestring: bytes) -> list[int]:
        values, n = self._unpack(valuestring)
        return list(accumulate(values[:n]))

    def decode_characters(self, valuestring: bytes) -> list[tuple[int, int, int]]:
        values, n = self._unpack(valuestring)
        bounds = list(accumulate(values[n:]))
        return list(zip(accumulate(values[:n]), bounds[0::2], bounds[1::2], strict=True))

    def combine(self, vs) -> bytes:
        spans: dict[int, tuple[int, int]] = {}
        for v in vs:
            for pos, start, end in self.decode_characters(v):
                old = spans.get(pos)
                spans[pos] = (start, end) if old is None else (min(start, old[0]), max(end, old[1]))
        return self.encode([(pos, *spans[pos]) for pos in sorted(spans)])
