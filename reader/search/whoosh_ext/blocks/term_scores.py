"""The BM25F scores of a node's many words computed together, as ``term`` computes each.

A short prefix ORs hundreds of words in each segment; scoring them one by one was a dozen
numpy calls a word. Here their postings are joined and scored in one pass, each posting
with its own word's constants: the same operations on the same numbers, element by
element, so every score is the one ``SegmentEvaluator.term`` gives, to the last bit.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from whoosh import query

from reader.search.whoosh_ext.blocks.evaluate import EMPTY, Hits, SegmentEvaluator, _lengths


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
        postings = [ev.postings(fieldname, btext) for _at, btext, _b in words]
        constants = np.array([ev._constants(fieldname, btext) for _at, btext, _b in words])
        counts = np.fromiter((len(p.ids) for p in postings), dtype=np.int64, count=len(words))
        ids = np.concatenate([p.ids for p in postings])
        tf = np.concatenate([p.weights for p in postings])
        lengths = _lengths(ev.reader, fieldname)[ids]
        if np.isnan(lengths).any():  # a damaged length column: Whoosh's scorer fails too
            raise ValueError(f"the {fieldname} lengths of {ev.reader.segment()} are damaged")
        top, base, per_length = (np.repeat(constants[:, k], counts) for k in range(3))
        scores = top * tf / (tf + base + per_length * lengths)
        bounds = np.concatenate(([0], np.cumsum(counts))).tolist()
        for k, (at, _btext, boost) in enumerate(words):
            part = scores[bounds[k] : bounds[k + 1]]
            found[at] = Hits(postings[k].ids, part if boost == 1.0 else part * boost)
    return found
