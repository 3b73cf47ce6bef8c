"""The BM25F scores of a node's many words computed together, as ``term`` computes each.

A short prefix ORs hundreds of words in each segment; scoring them one by one was a dozen
numpy calls a word. Here their postings are joined and scored in one pass, each posting
with its own word's constants: the same operations on the same numbers, element by
element, so every score is the one ``SegmentEvaluator.term`` gives, to the last bit. Where
Whoosh sums such an Or child by child into a score array (``Or._matcher`` on a segment of
at most 5,000 episodes), the joined scores are summed as they are (``summed_terms``), with
no word's hits made apart.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from whoosh import query

from reader.search.whoosh_ext.blocks.evaluate import EMPTY, Hits, SegmentEvaluator, _lengths
from reader.search.whoosh_ext.blocks.postings import TermPostings


def scored_terms(ev: SegmentEvaluator, subqueries: Sequence[query.Query]) -> list[Hits | None]:
    """Each plain word's hits (None for any other kind of child, left to ``ev.run``)."""
    found: list[Hits | None] = [None] * len(subqueries)
    by_field: dict[str, list] = {}
    schema = ev.reader.schema
    for at, sub in enumerate(subqueries):
        if type(sub) is not query.Term or sub.minquality:
            continue
        btext = ev.term_bytes(sub.fieldname, sub.text)
        if btext is None:
            found[at] = EMPTY
        elif schema[sub.fieldname].scorable:
            by_field.setdefault(sub.fieldname, []).append((at, btext, sub.boost))
    for fieldname, words in by_field.items():
        postings, counts, scores = _joined_scores(ev, fieldname, [b for _a, b, _b in words])
        bounds = np.concatenate(([0], np.cumsum(counts))).tolist()
        for k, (at, _btext, boost) in enumerate(words):
            part = scores[bounds[k] : bounds[k + 1]]
            found[at] = Hits(postings[k].ids, part if boost == 1.0 else part * boost)
    return found


def summed_terms(
    ev: SegmentEvaluator, subqueries: Sequence[query.Query], boost: float, scored: bool
) -> Hits | None:
    """``_preloaded_or`` of ``scored_terms``: 0 plus each word's boosted score, in child
    order, for an Or of plain words of one scored field; None for any other Or."""
    fieldname = subqueries[0].fieldname if type(subqueries[0]) is query.Term else None
    schema = ev.reader.schema
    if fieldname is None or fieldname not in schema or not schema[fieldname].scorable:
        return None
    for sub in subqueries:
        if type(sub) is not query.Term or sub.fieldname != fieldname or sub.minquality:
            return None
    ev.read_together(subqueries)
    words: list[tuple[bytes, float]] = []
    for sub in subqueries:
        btext = ev.term_bytes(fieldname, sub.text)
        if btext is not None:  # a word this segment never uses adds nothing
            words.append((btext, sub.boost))
    if not words:
        return EMPTY
    postings, counts, scores = _joined_scores(ev, fieldname, [btext for btext, _b in words])
    ids = np.concatenate([p.ids for p in postings])
    docs = ev.reader.doc_count_all()
    present = np.bincount(ids, minlength=docs)
    union = np.flatnonzero(present)
    if not scored:
        return Hits(union, np.ones(len(union)))
    boosts = [word_boost for _btext, word_boost in words]
    if any(word_boost != 1.0 for word_boost in boosts):  # as ``term`` boosts each word's
        scores = scores * np.repeat(boosts, counts)
    total = np.bincount(ids, weights=scores * boost, minlength=docs)[union]
    keep = total != 0  # the array matcher skips documents scoring 0
    return Hits(union[keep], total[keep])


def _joined_scores(
    ev: SegmentEvaluator, fieldname: str, btexts: list[bytes]
) -> tuple[list[TermPostings], np.ndarray, np.ndarray]:
    """The words' postings, how many each has, and every posting's unboosted score, word
    after word."""
    postings = [ev.postings(fieldname, btext) for btext in btexts]
    constants = np.array([ev._constants(fieldname, btext) for btext in btexts])
    counts = np.fromiter((len(p.ids) for p in postings), dtype=np.int64, count=len(btexts))
    ids = np.concatenate([p.ids for p in postings])
    tf = np.concatenate([p.weights for p in postings])
    lengths = _lengths(ev.reader, fieldname)[ids]
    if np.isnan(lengths).any():  # a damaged length column: Whoosh's scorer fails too
        raise ValueError(f"the {fieldname} lengths of {ev.reader.segment()} are damaged")
    top, base, per_length = (np.repeat(constants[:, k], counts) for k in range(3))
    return postings, counts, top * tf / (tf + base + per_length * lengths)
