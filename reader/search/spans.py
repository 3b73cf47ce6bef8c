"""Where a query matched in a transcript: character spans read straight from the postings.

The transcript is not analysed again: each matched term's postings hold the positions and
character offsets of its occurrences, so a word is a span and a phrase is a run of spans at
consecutive positions. The offsets are into ``Episode.text``, the string the reader shows,
so the search results and the reader always mark the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np
from whoosh.searching import Searcher

from reader.search.joined_places import joined_places
from reader.search.whoosh_ext.blocks import sorted_sets
from reader.search.whoosh_ext.blocks.postings import (
    SegmentPostings,
    occurrences,
    occurrences_in,
)

Span = tuple[int, int]


def spans_of(
    searcher: Searcher,
    docnums: list[int],
    groups: list[list[str]],
    postings: SegmentPostings | None = None,
) -> dict[int, list[Span]]:
    """Hit spans of several documents: each term's postings read once per segment (those a
    block search read are not read again: ``postings``), and only the wanted documents'
    positions and offsets decoded, with numpy. ``groups``: the stemmed term sequences that
    are hits (``query.match_groups``)."""
    source = postings or SegmentPostings(searcher)
    wanted = sorted_sets.unique(np.asarray(docnums, dtype=np.int64))
    found: list[np.ndarray] = []  # rows of (document, start, end)
    for reader, offset in source.segments:
        inside = wanted[(wanted >= offset) & (wanted < offset + reader.doc_count_all())]
        if len(inside):
            docs = inside - offset
            words = [group[0] for group in groups if len(group) == 1]
            found.append(_word_spans(source, reader, docs, words, offset))
            occurring = _Occurrences(source, reader, docs)
            found += [_group_spans(occurring, g, offset) for g in groups if len(g) > 1]
    result = _merged_by_document(np.concatenate(found) if found else np.empty((0, 3), np.int64))
    return {docnum: result.get(docnum, []) for docnum in docnums}


def _word_spans(
    source: SegmentPostings, reader, docs: np.ndarray, words: list[str], offset: int
) -> np.ndarray:
    """(document, start, end) of every occurrence of the words in ``docs`` of a segment,
    decoded all at once (a prefix search has hundreds of words)."""
    chosen = []
    for word in words:
        postings = source.get(reader, "text", word.encode("utf-8"))
        if postings is not None and len(postings.ids):
            chosen.append(postings)
    if not chosen:
        return np.empty((0, 3), dtype=np.int64)
    found_docs, starts, ends = occurrences_in(chosen, docs, reader.doc_count_all())
    return np.stack((found_docs + offset, starts, ends), axis=1)


def _rows_of(ids: np.ndarray, docs: np.ndarray) -> np.ndarray:
    """The rows of the sorted ``ids`` that are among ``docs``."""
    rows = np.minimum(np.searchsorted(ids, docs), len(ids) - 1)
    return rows[ids[rows] == docs]


class _Occurrences:
    """Each term's occurrences in some documents of one segment: document << 32 | position
    keys (sorted), with their start and end offsets."""

    def __init__(self, source: SegmentPostings, reader, docs: np.ndarray) -> None:
        self._source, self._reader, self._docs = source, reader, docs
        self._terms: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def of(self, term: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        found = self._terms.get(term)
        if found is None:
            found = self._terms[term] = self._read(term)
        return found

    def _read(self, term: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        postings = self._source.get(self._reader, "text", term.encode("utf-8"))
        if postings is None or not len(postings.ids):
            return _NONE
        rows = _rows_of(postings.ids, self._docs)
        if not len(rows):
            return _NONE
        positions, counts, starts, ends = occurrences(postings, rows)
        keys = (np.repeat(postings.ids[rows], counts) << 32) | positions
        return keys, starts, ends


_EMPTY = np.empty(0, dtype=np.int64)
_NONE = (_EMPTY, _EMPTY, _EMPTY)


def _group_spans(occurring: _Occurrences, group: list[str], offset: int) -> np.ndarray:
    """(document, start, end) of every place the group's words stand one after another."""
    keys, starts, ends = occurring.of(group[0])
    last_ends = ends
    for step, term in enumerate(group[1:], 1):
        if not len(keys):
            break
        next_keys, _s, next_ends = occurring.of(term)
        if not len(next_keys):
            keys = _EMPTY
            break
        at = np.minimum(np.searchsorted(next_keys, keys + step), len(next_keys) - 1)
        there = next_keys[at] == keys + step
        keys, starts, last_ends = keys[there], starts[there], next_ends[at[there]]
    if not len(keys):
        return np.empty((0, 3), dtype=np.int64)
    return np.stack(((keys >> 32) + offset, starts, last_ends), axis=1)


def _merged_by_document(rows: np.ndarray) -> dict[int, list[Span]]:
    """Each document's spans, sorted, with overlapping ones joined (``merge_overlaps``)."""
    if not len(rows):
        return {}
    docs, starts, ends = rows[:, 0], rows[:, 1], rows[:, 2]
    # Documents are set far apart (offsets are below 2**32), so their spans never join.
    shift = docs << 32
    order = np.lexsort((ends, starts + shift))
    starts, ends, shift, docs = starts[order], ends[order], shift[order], docs[order]
    # A span joins the one before it when it starts before the furthest end so far.
    reach = np.maximum.accumulate(ends + shift)
    opens = np.ones(len(order), dtype=bool)
    opens[1:] = (starts[1:] + shift[1:]) >= reach[:-1]
    heads = np.flatnonzero(opens)
    tails = np.append(heads[1:], len(order)) - 1
    merged = zip(starts[heads].tolist(), (reach[tails] - shift[tails]).tolist(), strict=True)
    spans = list(merged)
    doc_of = docs[heads]
    firsts = np.flatnonzero(np.diff(doc_of, prepend=-1)).tolist()
    bounds = [*firsts, len(spans)]
    return {
        doc: spans[a:b]
        for doc, a, b in zip(doc_of[firsts].tolist(), bounds, bounds[1:], strict=False)
    }


def positioned_at(postings, wanted: list[int]) -> Iterator[int]:
    """Each of the sorted ``wanted`` documents the postings hold, with ``postings`` moved to
    it (skipping the others: one reader per term, not one per document and term)."""
    for docnum in wanted:
        if not postings.is_active():
            return
        if postings.id() < docnum:
            postings.skip_to(docnum)
            if not postings.is_active():
                return
        if postings.id() == docnum:
            yield docnum


#: What may stand between two matched words for them to be one place: spaces, a hyphen or
#: a single line break (not a paragraph break).
_JOINING = re.compile(r"[^\S\n]*[-\u2010\u2011]?\n?[^\S\n]*")


#: Spans from which the gaps are told apart with numpy first (``joined_places``).
_MANY = 64


def places(text: str, spans: list[Span]) -> list[Span]:
    """Sorted spans with the ones that stand together in ``text`` joined: "individual
    performer" is one place to step to, not two words."""
    if len(spans) >= _MANY:
        return joined_places(text, spans, _JOINING)
    joined: list[Span] = []
    for start, end in spans:
        if joined and (start <= joined[-1][1] or _JOINING.fullmatch(text, joined[-1][1], start)):
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def merge_overlaps(spans: list[Span]) -> list[Span]:
    """Sorted spans with overlapping ones joined (a phrase and one of its words)."""
    merged: list[Span] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
