"""Phrases over postings arrays: words at consecutive positions.

A phrase's documents are those of all its words (scored as Whoosh's phrase matcher scores
them: its words' scores in a balanced tree of intersections); among them, those where each
place of its rarest word has the other words at the places beside it, looked up by binary
search in their fixed-width positions (``value_layout``). Where a column keeps which pairs
of common words stand side by side (``word_pairs``), a phrase's common pairs narrow its
documents first, and a phrase of two common words is answered there, with no position read.
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
from reader.search.whoosh_ext.blocks.postings import TermPostings, position_keys
from reader.search.whoosh_ext.postings import FastCharacters
from reader.search.whoosh_ext.value_layout import Values
from reader.search.whoosh_ext.word_pairs import pair_number, pairs_column_of, with_pair

_NONE = np.empty(0, dtype=np.int64)
#: A word's positions are read whole when they are fewer than this many times the places
#: asked about times the steps of a binary search among them.
_READ_WHOLE = 2


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
    another. Each place of the word with fewest occurrences is a candidate; each other word
    is looked up at its place after it (``Values.contain``), the rarest first, so a common
    word's positions are read only where a rarer word of the phrase stands."""
    rows = [np.searchsorted(p.ids, docs) for p in postings]
    if not all(isinstance(p.fmt, FastCharacters) for p in postings):
        return _phrase_starts([position_keys(p, r) for p, r in zip(postings, rows, strict=True)])
    values = [Values(*p.raw_values(r)) for p, r in zip(postings, rows, strict=True)]
    by_rarity = sorted(range(len(values)), key=lambda i: int(values[i].counts.sum()))
    anchor = by_rarity[0]
    starts = values[anchor].positions() - anchor  # where the phrase would start
    doc_rows = np.repeat(np.arange(len(docs)), values[anchor].counts)
    keep = starts >= 0
    doc_rows, starts = doc_rows[keep], starts[keep]
    for word in by_rarity[1:]:
        if not len(starts):
            break
        keep = _have(values[word], doc_rows, starts + word)
        doc_rows, starts = doc_rows[keep], starts[keep]
    return docs[sorted_sets.unique(doc_rows)]


def _have(values: Values, rows: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Whether row ``rows[i]`` has position ``targets[i]``: looked up by binary search, or,
    where the word's positions are few beside the places asked about (each step of a
    binary search is a dozen numpy passes over them), read whole and matched."""
    total = int(values.counts.sum())
    steps = int(values.counts.max(initial=1)).bit_length()
    if total > _READ_WHOLE * steps * len(rows):
        return values.contain(rows, targets)
    keys = np.repeat(np.arange(len(values.counts)), values.counts) << 32 | values.positions()
    if not len(keys):
        return np.zeros(len(rows), dtype=bool)
    return sorted_sets.contained(rows << 32 | targets, keys)


def _phrase_starts(keys_of_words: list[np.ndarray]) -> np.ndarray:
    """The documents (sorted, once each) where the words' keys ``document << 32 | position``
    stand one after another."""
    starts = keys_of_words[0]
    for offset, keys in enumerate(keys_of_words[1:], 1):
        if not len(starts) or not len(keys):
            return _NONE
        starts = sorted_sets.common(starts, keys - offset)
    return sorted_sets.unique(starts >> 32)
