"""BM25F as Whoosh computes it, with field lengths cached per segment reader.

Scoring every posting is most of a two-word search; Whoosh looks up each document's field
length in a stored column once per scored posting. ``WEIGHTING`` reads them once per reader
into a list and works out the formula's constant parts once per term. A segment's lengths
never change (a commit only marks its documents deleted, and that opens a new reader of
it), so they are kept by segment too: the first search after a one-file commit does not
read the lengths of the big segment it deleted a document from again.
"""

from __future__ import annotations

import weakref

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader, _lenfield
from whoosh.reading import MultiReader, SegmentReader
from whoosh.scoring import BM25F, BM25FScorer
from whoosh.util.numeric import byte_to_length


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


#: Lengths by segment (its random id, its size, the field), for a segment's next reader.
_BY_SEGMENT: dict[tuple[str, int, str], list[int]] = {}
_MAX_BY_SEGMENT = 256


def _field_lengths(reader, fieldname: str) -> list[int]:
    """Every document's length in ``fieldname``, read once per segment."""
    per_field = _LENGTHS.setdefault(reader, {})
    lengths = per_field.get(fieldname)
    if lengths is None:
        key = None
        if isinstance(reader, SegmentReader):
            key = (reader.segment().segment_id(), reader.doc_count_all(), fieldname)
            lengths = _BY_SEGMENT.get(key)
        if lengths is None:
            lengths = _read_lengths(reader, fieldname)
            if key is not None:
                if len(_BY_SEGMENT) >= _MAX_BY_SEGMENT:
                    del _BY_SEGMENT[next(iter(_BY_SEGMENT))]  # the oldest
                _BY_SEGMENT[key] = lengths
        per_field[fieldname] = lengths
    return lengths


def _read_lengths(reader, fieldname: str) -> list[int]:
    lengths = _column_lengths(reader, fieldname)
    if lengths is None:
        length = reader.doc_field_length
        lengths = [length(docnum, fieldname, 1) for docnum in range(reader.doc_count_all())]
    return lengths


#: A length as Whoosh keeps it (one byte) -> the length ``doc_field_length`` gives for it.
_BYTE_LENGTHS = [byte_to_length(b) if b else None for b in range(256)]


def _column_lengths(reader, fieldname: str) -> list[int] | None:
    """The segment's length column read in one piece (the first search after a commit
    otherwise looks up each document's length alone: 50-70 ms at 10,000 episodes); None
    where the column is not the one-byte column of Whoosh 3 segments."""
    if isinstance(reader, MultiReader):  # each segment's lengths, one after another
        lengths: list = []
        for leaf, offset in reader.leaf_readers():
            if offset != len(lengths):
                return None
            lengths += _field_lengths(leaf, fieldname)
        return lengths
    perdoc = getattr(reader, "_perdoc", None)
    if not isinstance(perdoc, W3PerDocReader):
        return None
    column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is None:  # no document has the field: the default ``_field_lengths`` asks for
        return [1] * reader.doc_count_all()
    if getattr(column, "_fixedlen", None) != 1:
        return None
    data = column._dbfile.get(column._basepos, column._count)
    lengths = [_BYTE_LENGTHS[b] for b in data]
    return lengths + [_BYTE_LENGTHS[column._default]] * (reader.doc_count_all() - len(lengths))
