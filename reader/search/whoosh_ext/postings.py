"""Transcript postings written without Whoosh's token objects, packed as varints.

Whoosh's ``Characters`` format stores the positions and character offsets of every
occurrence of a word, as a pickle, and computes them from one token object per word. For a
transcript that was most of the time it took to build an index; this format gives Whoosh
exactly the same terms, positions and offsets (``tests/search/test_index.py`` compares them)
from a few numpy passes, packed (``value_layout``) so that numpy reads a block at a time.
"""

from __future__ import annotations

import numpy as np
from whoosh import formats

from reader.search.analysis import WordAnalyzer
from reader.search.whoosh_ext import varints
from reader.search.whoosh_ext.value_layout import pack_value, pack_values, unpack_value


class FastCharacters(formats.Characters):
    """Whoosh's Characters format (positions and character offsets of every occurrence),
    computed without token objects and stored packed instead of as a pickle.

    A value is laid out as ``value_layout`` says: a varint header (the frequency), the
    positions as fixed two- or four-byte integers, then the start deltas and lengths as
    varints: about 5 bytes an occurrence where fixed 32-bit integers took 12 (the postings
    were nine tenths of the index), and a position can be looked up without decoding.
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
        start_deltas = st - np.concatenate(([0], en[:-1]))
        start_deltas[heads] = st[heads]
        data, edges = pack_values(freqs, order, start_deltas, en - st)
        boost = self.field_boost
        bounds = edges.tolist()
        values = zip(unique, bounds[:-1], bounds[1:], freqs.tolist(), strict=True)
        for term, head, tail, freq in values:
            yield term, freq, freq * boost, data[head:tail]

    def encode(self, poslist) -> bytes:  # [(position, startchar, endchar), ...]
        triples = np.array(poslist, dtype=np.int64).reshape(-1, 3)
        return pack_value(triples[:, 0], triples[:, 1], triples[:, 2])

    def decode_frequency(self, valuestring: bytes) -> int:
        return varints.first(valuestring)[0] >> 1

    def decode_weight(self, valuestring: bytes) -> float:
        return self.decode_frequency(valuestring) * self.field_boost

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return unpack_value(valuestring)[0].tolist()

    def decode_characters(self, valuestring: bytes) -> list[tuple[int, int, int]]:
        positions, starts, ends = unpack_value(valuestring)
        return list(zip(positions.tolist(), starts.tolist(), ends.tolist(), strict=True))

    def combine(self, vs) -> bytes:
        spans: dict[int, tuple[int, int]] = {}
        for v in vs:
            for pos, start, end in self.decode_characters(v):
                old = spans.get(pos)
                spans[pos] = (start, end) if old is None else (min(start, old[0]), max(end, old[1]))
        return self.encode([(pos, *spans[pos]) for pos in sorted(spans)])
