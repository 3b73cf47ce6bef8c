"""Block-evaluated searches, ordered as Whoosh's collectors order them.

By relevance: highest score first, ties by document number (``UnlimitedCollector``); only
the first ``limit`` are put in order (``np.argpartition``), but the total counts them all.
By a sort column: Whoosh's own sort keys, then document number (``SortingCollector``).
"""

from __future__ import annotations

import logging

import numpy as np
from whoosh import query, sorting
from whoosh.searching import Results, Searcher

from reader.search.whoosh_ext.blocks.evaluate import Hits, SegmentEvaluator, Unsupported
from reader.search.whoosh_ext.blocks.postings import SegmentPostings

log = logging.getLogger(__name__)


class BlockResults(Results):
    """Whoosh's results (hits read stored fields as usual) of which only the first
    ``len(top_n)`` are listed, counting all ``matched`` documents."""

    def __init__(
        self,
        searcher: Searcher,
        q: query.Query,
        top_n: list,
        matched: np.ndarray,
        read: dict[int, dict] | None = None,
    ) -> None:
        super().__init__(searcher, q, top_n)
        self.matched = matched  # every match's document number: the total, and docs()
        #: The postings the search read, for the hits' spans (``SegmentPostings``).
        self.postings = SegmentPostings(searcher, read)

    def __len__(self) -> int:
        return len(self.matched)

    def has_exact_length(self) -> bool:
        return True

    def docs(self) -> set[int]:
        """Every matching document (Whoosh's own ``docs`` would run the query again)."""
        return set(self.matched.tolist())


def block_search(
    searcher: Searcher,
    q: query.Query,
    sortedby: str | None,
    limit: int | None,
    allowed: set[int] | None = None,
) -> BlockResults | None:
    """The query's matches, the first ``limit`` in order; None when a part of the query is
    not one the block evaluator handles (then Whoosh's own search gives the answer).
    ``allowed``: only these documents may match (Whoosh's ``filter=``; None lets all)."""
    constants: dict = {}  # each term's scoring constants, the same in every segment
    peers: list[SegmentEvaluator] = []
    leaves = searcher.leaf_searchers()
    for sub, _offset in leaves:
        peers.append(SegmentEvaluator(sub, searcher.weighting, constants, peers))
    try:
        per_segment = [
            (offset, sub, evaluator.run(q))
            for (sub, offset), evaluator in zip(leaves, peers, strict=True)
        ]
    except Unsupported as why:
        log.debug("query %r is searched by Whoosh: %s", q, why)
        return None
    if allowed is not None:
        per_segment = _only(per_segment, np.fromiter(allowed, dtype=np.int64))
    total = sum(len(hits.ids) for _o, _s, hits in per_segment)
    read = {id(evaluator.reader): evaluator.postings_read for evaluator in peers}
    if sortedby is not None:
        return _sorted(searcher, q, sortedby, per_segment, limit, read)
    if not total:
        return BlockResults(searcher, q, [], np.empty(0, dtype=np.int64), read)
    docs = np.concatenate([hits.ids + offset for offset, _s, hits in per_segment])
    scores = np.concatenate([hits.scores for _o, _s, hits in per_segment])
    matched = docs
    if limit is not None and limit < total:
        if limit <= 0:
            return BlockResults(searcher, q, [], matched, read)
        kth = -np.partition(-scores, limit - 1)[limit - 1]
        near = np.flatnonzero(scores >= kth)  # every tie of the last one shown
        docs, scores = docs[near], scores[near]
    order = np.lexsort((docs, -scores))[:limit]
    top = list(zip(scores[order].tolist(), docs[order].tolist(), strict=True))
    return BlockResults(searcher, q, top, matched, read)


def _only(per_segment: list, allowed: np.ndarray) -> list:
    """Each segment's hits kept to the allowed (whole-index) document numbers."""
    kept = []
    for offset, sub, hits in per_segment:
        keep = np.isin(hits.ids + offset, allowed)
        kept.append((offset, sub, Hits(hits.ids[keep], hits.scores[keep])))
    return kept


def _sorted(searcher, q, column, per_segment, limit, read) -> BlockResults | None:
    categorizer = sorting.FieldFacet(column).categorizer(searcher)
    if categorizer.needs_current:
        return None
    items: list[tuple] = []
    for offset, sub, hits in per_segment:
        categorizer.set_searcher(sub, offset)
        key_for = categorizer.key_for
        items.extend((key_for(None, d), d + offset) for d in hits.ids.tolist())
    items.sort()
    matched = np.fromiter((docnum for _key, docnum in items), dtype=np.int64, count=len(items))
    return BlockResults(searcher, q, items if limit is None else items[:limit], matched, read)
