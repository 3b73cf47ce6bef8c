"""Transcript postings written without Whoosh's token objects, packed as varints.

Whoosh's ``Characters`` format stores the positions and character offsets of every
occurrence of a word, as a pickle, and computes them from one token object per word. For a
transcript that was most of the time it took to build an index; this format gives Whoosh
exactly the same terms, positions and offsets (``tests/search/test_index.py`` compares them)
from a few numpy passes, packed as varints (``varints``) that numpy decodes a block at a time.
"""

from __future__ import annotations

import numpy as np
from whoosh import formats

from reader.search.analysis import WordAnalyzer
from reader.search.whoosh_ext import varints


class FastCharacters(formats.Characters):
    """Whoosh's Characters format (positions and character offsets of every occurrence),
    computed without token objects and stored as varints instead of a pickle.

    A value is the frequency n, then n position deltas, then n start deltas (from the
    previous occurrence's end), then n lengths, each a varint: about 4 bytes an occurrence
    where fixed 32-bit integers took 12 (the postings were nine tenths of the index).
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
        # Term k's value: freq, then its position deltas, start deltas and lengths.
        k = np.repeat(np.arange(len(unique)), freqs)
        at = k + 2 * heads[k] + 1 + np.arange(count)  # where occurrence i's position goes
        packed = np.empty(len(unique) + 3 * count, dtype=np.int64)
        packed[np.arange(len(unique)) + 3 * heads] = freqs
        packed[at] = position_deltas
        packed[at + freqs[k]] = start_deltas
        packed[at + 2 * freqs[k]] = en - st
        sizes = varints.byte_counts(packed)
        data = varints.encode(packed, sizes)
        firsts = np.concatenate(([0], np.cumsum(sizes)))
        edges = firsts[np.append(np.arange(len(unique)) + 3 * heads, len(packed))].tolist()
        boost = self.field_boost
        values = zip(unique, edges[:-1], edges[1:], freqs.tolist(), strict=True)
        for term, head, tail, freq in values:
            yield term, freq, freq * boost, data[head:tail]

    def encode(self, poslist) -> bytes:  # [(position, startchar, endchar), ...]
        if not poslist:
            return varints.encode(np.zeros(1, dtype=np.int64))
        triples = np.array(poslist, dtype=np.int64).reshape(-1, 3)
        positions, starts, ends = triples[:, 0], triples[:, 1], triples[:, 2]
        start_deltas = starts - np.concatenate(([0], ends[:-1]))
        parts = ([len(poslist)], np.diff(positions, prepend=0), start_deltas, ends - starts)
        return varints.encode(np.concatenate(parts))

    @staticmethod
    def _unpack(valuestring: bytes) -> tuple[np.ndarray, int]:
        values = varints.decode(valuestring)
        return values, int(values[0])

    def decode_frequency(self, valuestring: bytes) -> int:
        return varints.first(valuestring)[0]

    def decode_weight(self, valuestring: bytes) -> float:
        return self.decode_frequency(valuestring) * self.field_boost

    def decode_positions(self, valuestring: bytes) -> list[int]:
        values, n = self._unpack(valuestring)
        return np.cumsum(values[1 : 1 + n]).tolist()

    def decode_characters(self, valuestring: bytes) -> list[tuple[int, int, int]]:
        values, n = self._unpack(valuestring)
        positions, (starts, ends) = np.cumsum(values[1 : 1 + n]), character_bounds(values, n)
        return list(zip(positions.tolist(), starts.tolist(), ends.tolist(), strict=True))

    def combine(self, vs) -> bytes:
        spans: dict[int, tuple[int, int]] = {}
        for v in vs:
            for pos, start, end in self.decode_characters(v):
                old = spans.get(pos)
                spans[pos] = (start, end) if old is None else (min(start, old[0]), max(end, old[1]))
        return self.encode([(pos, *spans[pos]) for pos in sorted(spans)])


def character_bounds(values: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Start and end offsets of a decoded value's ``n`` occurrences."""
    lengths = values[1 + 2 * n : 1 + 3 * n]
    ends = np.cumsum(values[1 + n : 1 + 2 * n] + lengths)
    return ends - lengths, ends
