"""Phrases over postings arrays: words at consecutive positions, by intersecting keys.

A phrase's documents are those of all its words (scored as Whoosh's phrase matcher scores
them: its words' scores in a balanced tree of intersections); among them, those where the
keys ``document << 32 | position`` of each word, moved back by the word's place in the
phrase, meet those of the first word. Where a column keeps which pairs of common words stand
side by side (``word_pairs``), a phrase's common pairs narrow its documents first, and a
phrase of two common words is answered there, with no position read.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
from whoosh import query

from reader.search.whoosh_ext.blocks import sorted_sets
from reader.search.whoosh_ext.blocks.evaluate import (
    EMPTY,
    Hits,
    SegmentEvaluator,
    Unsupported,
    binary_tree,
    boosted,
    intersection,
)
from reader.search.whoosh_ext.blocks.first_positions import first_positions
from reader.search.whoosh_ext.blocks.postings import TermPostings, position_keys
from reader.search.whoosh_ext.postings import FastCharacters
from reader.search.whoosh_ext.word_pairs import pair_number, pairs_column_of, with_pair

#: The shares of each document's occurrences of each word a phrase is looked for in, round
#: after round (and at least so many occurrences), before all of them.
_ROUNDS = ((1 / 4, 8),)
_NONE = np.empty(0, dtype=np.int64)


def phrase_hits(ev: SegmentEvaluator, q: query.Phrase) -> Hits:
    """``Phrase.matcher`` (and ``AdjacentPhrase.matcher``) for words next to each other."""
    if q.slop != 1:
        raise Unsupported("phrase with slop")  # "words near each other"~N: Whoosh's way
    schema = ev.reader.schema
    if q.fieldname not in schema:
        return EMPTY
    fmt = schema[q.fieldname].format
    if not fmt or not fmt.supports("positions"):
        raise Unsupported("phrase on a field without positions")
    terms = []
    for word in q.words:
        btext = ev.term_bytes(q.fieldname, word)
        if btext is None:
            return EMPTY  # a word this segment never uses
        terms.append(btext)
    scored = [ev.term(query.Term(q.fieldname, t), boost=1.0) for t in terms]
    together = binary_tree(intersection, scored)
    paired = _with_common_pairs(ev, q.fieldname, terms, together.ids)
    if paired is not None:
        together = Hits(together.ids[paired], together.scores[paired])
        if len(terms) == 2:  # its one pair is the phrase
            return boosted(together, q.boost)
    if not len(together.ids):
        return EMPTY
    postings = [ev.postings(q.fieldname, btext) for btext in terms]
    places = _documents_with_phrase(postings, together.ids)
    matched = np.isin(together.ids, places, assume_unique=True)
    found = Hits(together.ids[matched], together.scores[matched])
    return boosted(found, q.boost)


def _with_common_pairs(
    ev: SegmentEvaluator, fieldname: str, terms: list[bytes], docs: np.ndarray
) -> np.ndarray | None:
    """Which of ``docs`` have each pair of common words of the phrase side by side; None
    when the phrase has no such pair or the segment keeps no pairs of the field."""
    column = pairs_column_of(ev.reader.schema, fieldname)
    if column is None:
        return None
    found = None
    for first, second in pairwise(terms):
        number = pair_number(first, second)
        if number is None:
            continue
        present = with_pair(ev.reader, column, number, docs)
        if present is None:
            return None
        found = present if found is None else found & present
    return found


def _documents_with_phrase(postings: list[TermPostings], docs: np.ndarray) -> np.ndarray:
    """Which of ``docs`` (sorted; every word's postings have them) have the words one after
    another: first among each word's first positions (``first_positions``), then, in the
    documents not settled there, among all of them."""
    rows = [np.searchsorted(p.ids, docs) for p in postings]
    if not all(isinstance(p.fmt, FastCharacters) for p in postings):
        return _phrase_starts([position_keys(p, r) for p, r in zip(postings, rows, strict=True)])
    found = [_NONE]
    for share, least in _ROUNDS:  # the documents not settled yet, more of each
        firsts = [first_positions(p, r, share, least) for p, r in zip(postings, rows, strict=True)]
        found.append(_phrase_starts([keys for keys, _whole in firsts]))
        whole = np.logical_and.reduce([whole for _keys, whole in firsts])
        unsettled = ~whole & ~np.isin(docs, found[-1], assume_unique=True)
        if not unsettled.any():
            return _joined(found)
        docs, rows = docs[unsettled], [r[unsettled] for r in rows]
    found.append(_phrase_starts([position_keys(p, r) for p, r in zip(postings, rows, strict=True)]))
    return _joined(found)


def _joined(parts: list[np.ndarray]) -> np.ndarray:
    return sorted_sets.unique(np.concatenate(parts))


def _phrase_starts(keys_of_words: list[np.ndarray]) -> np.ndarray:
    """The documents (sorted, once each) where the words' keys ``document << 32 | position``
    stand one after another."""
    starts = keys_of_words[0]
    for offset, keys in enumerate(keys_of_words[1:], 1):
        if not len(starts) or not len(keys):
            return _NONE
        starts = sorted_sets.common(starts, keys - offset)
    return sorted_sets.unique(starts >> 32)
