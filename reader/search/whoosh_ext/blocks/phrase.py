"""Phrases over postings arrays: words at consecutive positions, by intersecting keys.

A phrase's documents are those of all its words (scored as Whoosh's phrase matcher scores
them: its words' scores in a balanced tree of intersections); among them, those where the
keys ``document << 32 | position`` of each word, moved back by the word's place in the
phrase, meet those of the first word.
"""

from __future__ import annotations

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
from reader.search.whoosh_ext.blocks.postings import position_keys


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
    if not len(together.ids):
        return EMPTY
    starts = None
    for offset, btext in enumerate(terms):
        postings = ev.postings(q.fieldname, btext)
        rows = np.searchsorted(postings.ids, together.ids)
        keys = position_keys(postings, rows) - offset
        if starts is None:
            starts = keys
            continue
        at = np.minimum(np.searchsorted(keys, starts), len(keys) - 1)
        starts = starts[keys[at] == starts]
        if not len(starts):
            return EMPTY
    assert starts is not None
    matched = np.isin(together.ids, sorted_sets.unique(starts >> 32), assume_unique=True)
    found = Hits(together.ids[matched], together.scores[matched])
    return boosted(found, q.boost)
