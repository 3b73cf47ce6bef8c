"""Each indexed episode's show, speakers and year as arrays of codes, so filtering and counting
a search's matches are numpy passes over document numbers, not stored-field reads.

A segment's values never change (Whoosh deletes and adds rather than edits), so they are read
once per segment and kept by its id (``_SEGMENTS``): the first search after a one-file commit
reads the new little segment's documents, not all ten thousand (it read every stored document
again, 150-370 ms at 10,000 episodes, which made it three times a warm search).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from whoosh.searching import Searcher

from reader.search.filters import Facet, FacetCounts, Filters
from reader.search.whoosh_ext.blocks.postings import deleted_docs

#: The stored fields a pending result row is made of (``HitMaker.pending``), then those the
#: names settled after a sync come from (``library.speakers``): kept per segment, so neither
#: reads a stored document.
LISTED = ("path", "title", "number", "show", "audio")
KEPT = (*LISTED, "own_show", "own_speakers", "speakers", "speaker_names")
#: Segment id -> its facets; a few segments' worth beyond the current commit's.
_SEGMENTS: dict[str, SegmentFacets] = {}
_KEEP = 256


@dataclass(frozen=True)
class SegmentFacets:
    """One segment's documents (deleted ones too: deletions are the commit's business) as
    codes into its own lists of names; -1 where a document has none."""

    shows: list[str]
    show_of: np.ndarray
    years: list[str]
    year_of: np.ndarray
    speakers: list[str]
    speaker_doc: np.ndarray  # (document, speaker) pairs, each pair once
    speaker_code: np.ndarray
    #: Each document's ``KEPT`` stored fields.
    kept: list[tuple]

    @classmethod
    def read(cls, reader) -> SegmentFacets:
        count = reader.doc_count_all()
        shows: dict[str, int] = {}
        years: dict[str, int] = {}
        speakers: dict[str, int] = {}
        show_of = np.full(count, -1, dtype=np.int32)
        year_of = np.full(count, -1, dtype=np.int32)
        pair_doc: list[int] = []
        pair_code: list[int] = []
        kept: list[tuple] = []
        for docnum in range(count):
            doc = reader.stored_fields(docnum)
            kept.append(tuple(doc.get(name) for name in KEPT))
            facet = Facet.of(doc.get("show"), doc.get("speakers") or "", doc.get("date"))
            if facet.show:
                show_of[docnum] = shows.setdefault(facet.show, len(shows))
            if facet.year:
                year_of[docnum] = years.setdefault(facet.year, len(years))
            codes = (speakers.setdefault(name, len(speakers)) for name in facet.speakers)
            for code in dict.fromkeys(codes):
                pair_doc.append(docnum)
                pair_code.append(code)
        return cls(
            list(shows), show_of, list(years), year_of, list(speakers),
            np.array(pair_doc, dtype=np.int64), np.array(pair_code, dtype=np.int32), kept,
        )  # fmt: skip


def _segment_facets(reader) -> SegmentFacets:
    segment = reader.segment()  # None for an empty index's reader: nothing to keep
    if segment is None:
        return SegmentFacets.read(reader)
    key = segment.segment_id()
    found = _SEGMENTS.get(key)
    if found is None:
        found = _SEGMENTS[key] = SegmentFacets.read(reader)
        while len(_SEGMENTS) > _KEEP:
            del _SEGMENTS[next(iter(_SEGMENTS))]  # the oldest
    return found


class _Codes:
    """One facet over the whole commit: names, and each document's code (or -1)."""

    def __init__(self) -> None:
        self._code: dict[str, int] = {}

    @property
    def names(self) -> list[str]:
        """Each code's name, by code."""
        return list(self._code)

    def global_codes(self, local_names: list[str]) -> np.ndarray:
        """Codes in this commit for a segment's own list of names (one extra: -1 stays -1)."""
        out = np.empty(len(local_names) + 1, dtype=np.int32)
        for k, name in enumerate(local_names):
            out[k] = self._code.setdefault(name, len(self._code))
        out[-1] = -1
        return out

    def matching(self, wanted: str) -> np.ndarray:
        """The codes of names equal to ``wanted``, ignoring case."""
        folded = wanted.casefold()
        return np.array([c for n, c in self._code.items() if n.casefold() == folded], np.int32)


class FacetTable:
    """The facets of one commit's live documents, by whole-index document number."""

    def __init__(self, searcher: Searcher) -> None:
        self.doc_count = searcher.reader().doc_count_all()
        self.live = np.zeros(self.doc_count, dtype=bool)
        self._shows, self._years, self._speakers = _Codes(), _Codes(), _Codes()
        show_of, year_of, pair_docs, pair_codes = [], [], [], []
        self._kept: list[tuple[int, list[tuple]]] = []  # (offset, the segment's ``kept``)
        for reader, offset in searcher.reader().leaf_readers():
            seg = _segment_facets(reader)
            self._kept.append((offset, seg.kept))
            show_of.append(self._shows.global_codes(seg.shows)[seg.show_of])
            year_of.append(self._years.global_codes(seg.years)[seg.year_of])
            pair_docs.append(seg.speaker_doc + offset)
            pair_codes.append(self._speakers.global_codes(seg.speakers)[seg.speaker_code])
            # Live: all but the deleted (one Python step per document was a sixth of the
            # first search after a commit, which deletes a document of a big segment).
            self.live[offset : offset + reader.doc_count_all()] = True
            deleted = deleted_docs(reader)
            if deleted is not None:
                self.live[offset + deleted] = False
        empty = np.empty(0, dtype=np.int32)
        self.show_of = np.concatenate(show_of) if show_of else empty
        self.year_of = np.concatenate(year_of) if year_of else empty
        self.speaker_doc = np.concatenate(pair_docs) if pair_docs else empty.astype(np.int64)
        self.speaker_code = np.concatenate(pair_codes) if pair_codes else empty

    def listed(self, docnum: int) -> dict:
        """The ``LISTED`` stored fields of a document, without reading its stored fields."""
        for offset, rows in reversed(self._kept):
            if docnum >= offset:
                return dict(zip(LISTED, rows[docnum - offset], strict=False))
        raise IndexError(docnum)

    def kept_documents(self) -> list[dict]:
        """Every live document's ``KEPT`` stored fields (copies: the table's stay as read)."""
        live = self.live
        return [
            {name: _copy(value) for name, value in zip(KEPT, row, strict=True)}
            for offset, rows in self._kept
            for n, row in enumerate(rows)
            if live[offset + n]
        ]

    def _mask(self, filters: Filters) -> np.ndarray:
        mask = self.live.copy()
        if filters.show:
            mask &= np.isin(self.show_of, self._shows.matching(filters.show))
        if filters.year:
            mask &= np.isin(self.year_of, self._years.matching(filters.year))
        if filters.speaker:
            has = np.zeros(self.doc_count, dtype=bool)
            pairs = np.isin(self.speaker_code, self._speakers.matching(filters.speaker))
            has[self.speaker_doc[pairs]] = True
            mask &= has
        return mask

    def allowed(self, filters: Filters) -> np.ndarray:
        """The documents the filters let through, in order."""
        return np.flatnonzero(self._mask(filters))

    def search_filter(self, filters: Filters | None) -> set[int] | None:
        """Whoosh's ``filter=`` for ``filters``: None for none (Whoosh takes an empty set for
        no filter at all, so letting nothing through is ``{-1}``, no document)."""
        return (set(self.allowed(filters).tolist()) or {-1}) if filters else None

    def counts(self, docnums: Iterable[int] | np.ndarray | None = None) -> FacetCounts:
        """Shows, speakers and years among ``docnums`` (None: every live document)."""
        if docnums is None:
            mask = self.live
        else:
            picked = docnums if isinstance(docnums, np.ndarray) else np.fromiter(docnums, np.int64)
            picked = picked[(picked >= 0) & (picked < self.doc_count)]
            mask = np.zeros(self.doc_count, dtype=bool)
            mask[picked] = True
            mask &= self.live
        return FacetCounts.of(
            _tally(self.show_of[mask], self._shows.names),
            _tally(self.speaker_code[mask[self.speaker_doc]], self._speakers.names),
            _tally(self.year_of[mask], self._years.names),
        )


def _copy(value):
    """A list or dict of the table's as a new one (a caller may change what it gets)."""
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    return value


def _tally(codes: np.ndarray, names: list[str]) -> list[tuple[str, int]]:
    counts = np.bincount(codes[codes >= 0], minlength=len(names)).tolist()
    return [(name, n) for name, n in zip(names, counts, strict=False) if n]
