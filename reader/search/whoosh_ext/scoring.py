"""BM25F as Whoosh computes it, with field lengths cached per segment reader.

Scoring every posting is most of a two-word search; Whoosh looks up each document's field
length in a stored column once per scored posting. ``WEIGHTING`` reads them once per reader
into a list and works out the formula's constant parts once per term.
"""

from __future__ import annotations

import weakref

from whoosh.scoring import BM25F, BM25FScorer


class _LengthScorer(BM25FScorer):
    """Whoosh's BM25F scorer, with field lengths read from a list rather than one stored-
    column lookup per scored posting, and the formula's constant parts worked out once:
    scoring every posting is most of a two-word search."""

    def setup(self, searcher, fieldname, text) -> None:
        super().setup(searcher, fieldname, text)
        self._lengths = _field_lengths(searcher.reader(), fieldname)
        self.dfl = self._lengths.__getitem__
        # bm25 = idf * tf * (K1 + 1) / (tf + K1 * (1 - B) + K1 * B * length / avgfl)
        self._top = self.idf * (self.K1 + 1)
        self._base = self.K1 * (1 - self.B)
        self._per_length = self.K1 * self.B / self.avgfl

    def score(self, matcher) -> float:
        tf = matcher.weight()
        return self._top * tf / (tf + self._base + self._per_length * self._lengths[matcher.id()])


class _BM25F(BM25F):
    def scorer(self, searcher, fieldname, text, qf=1):
        if not searcher.schema[fieldname].scorable:
            return super().scorer(searcher, fieldname, text, qf=qf)
        B = self._field_B.get(fieldname, self.B)
        return _LengthScorer(searcher, fieldname, text, B, self.K1, qf=qf)


#: The weighting every searcher of the index uses.
WEIGHTING = _BM25F()
_LENGTHS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _field_lengths(reader, fieldname: str) -> list[int]:
    """Every document's length in ``fieldname``, read once per segment reader."""
    per_field = _LENGTHS.setdefault(reader, {})
    lengths = per_field.get(fieldname)
    if lengths is None:
        length = reader.doc_field_length
        lengths = [length(docnum, fieldname, 1) for docnum in range(reader.doc_count_all())]
        per_field[fieldname] = lengths
    return lengths
