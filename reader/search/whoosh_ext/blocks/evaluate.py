"""A query tree evaluated over one segment's postings arrays, as Whoosh's matchers score it.

Scores must equal Whoosh's to the last bit, or equal-scoring episodes would swap places, so
each node combines its children in the tree Whoosh would build for that segment (And and Or
as weighted trees by estimated size, an Or of many terms on a small segment summed child by
child, a phrase's words as a balanced tree) with the same floating-point operations. A node
this does not know raises ``Unsupported``: the whole query is then Whoosh's to run.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from math import log
from operator import itemgetter

import numpy as np
from whoosh import query

from reader.search.whoosh_ext.blocks import sorted_sets
from reader.search.whoosh_ext.blocks.postings import (
    UNKNOWN,
    TermPostings,
    deleted_docs,
    read_many,
    read_postings,
    segment_key,
    stored_form,
    term_info,
)
from reader.search.whoosh_ext.blocks.sums import summed
from reader.search.whoosh_ext.exclusions import ExcludingAndNot
from reader.search.whoosh_ext.scoring import _BM25F, _field_lengths, _LengthScorer


class Unsupported(Exception):
    """A query node the block evaluator does not handle."""


@dataclass(frozen=True)
class Hits:
    """Matched segment document numbers (ascending, unique) and their scores."""

    ids: np.ndarray
    scores: np.ndarray


EMPTY = Hits(np.empty(0, np.int64), np.empty(0))
#: Whoosh's Or reads every posting into a score array, summing child by child, when it has
#: three or more children and a segment has no more documents than this (``Or._matcher``).
_PRELOAD_DOCS = 5000
_TOO_MANY_CLAUSES = query.Or.TOO_MANY_CLAUSES
_WEIGHT = itemgetter(0)


def union(a: Hits, b: Hits) -> Hits:
    """Whoosh's UnionMatcher: either's documents, both scores added where both match."""
    if not len(a.ids):
        return b
    if not len(b.ids):
        return a
    ids = sorted_sets.union(a.ids, b.ids)
    scores = np.zeros(len(ids))
    scores[np.searchsorted(ids, a.ids)] = a.scores
    scores[np.searchsorted(ids, b.ids)] += b.scores
    return Hits(ids, scores)


def intersection(a: Hits, b: Hits) -> Hits:
    """Whoosh's IntersectionMatcher: documents in both, scores added (a's first)."""
    ids, ia, ib = np.intersect1d(a.ids, b.ids, assume_unique=True, return_indices=True)
    return Hits(ids, a.scores[ia] + b.scores[ib])


def excluding(a: Hits, b: Hits) -> Hits:
    """``a`` without ``b``'s documents, with a's scores (AndNot)."""
    keep = ~np.isin(a.ids, b.ids, assume_unique=True)
    return Hits(a.ids[keep], a.scores[keep])


def boosted(hits: Hits, boost: float) -> Hits:
    return hits if boost == 1.0 else Hits(hits.ids, hits.scores * boost)


def weighted_tree(
    combine: Callable[[Hits, Hits], Hits], weighted: Sequence[tuple[float, Hits]]
) -> Hits:
    """``whoosh.util.make_weighted_tree``: ties keep their order (matchers compare equal)."""
    items = sorted(weighted, key=_WEIGHT)
    while len(items) > 1:
        (wa, a), (wb, b) = items.pop(0), items.pop(0)
        insort(items, (wa + wb, combine(a, b)), key=_WEIGHT)
    return items[0][1]


def binary_tree(combine: Callable[[Hits, Hits], Hits], items: list[Hits]) -> Hits:
    """``whoosh.util.make_binary_tree``: halves, recursively."""
    if len(items) == 1:
        return items[0]
    half = len(items) // 2
    return combine(binary_tree(combine, items[:half]), binary_tree(combine, items[half:]))


class SegmentEvaluator:
    """Evaluates query trees on one segment (``subsearcher``: Whoosh's per-segment searcher,
    whose parent gives the whole index's statistics, as in Whoosh's collectors)."""

    def __init__(
        self,
        subsearcher,
        weighting,
        constants: dict | None = None,
        peers: list[SegmentEvaluator] | None = None,
    ) -> None:
        self.searcher = subsearcher
        self.reader = subsearcher.reader()
        self.weighting = weighting
        #: Each term's BM25F constants, shared by the segments of one search: they come
        #: from the whole index's statistics (making Whoosh's scorer per segment and term
        #: was a third of a short-prefix search).
        self.constants: dict[tuple[str, bytes], tuple[float, float, float]] = (
            {} if constants is None else constants
        )
        #: The evaluators of every segment of the search (this one among them), whose term
        #: lookups give a term's document frequency (``bm25_constants``).
        self.peers = [self] if peers is None else peers
        self._infos: dict[tuple[str, bytes], object] = {}
        self._segment = segment_key(self.reader)  # what keys its term lookups
        #: The nodes whose words' term information every segment has read together (by
        #: the id of their subquery list, alive for the search; on the first evaluator).
        self.looked_up: set[int] = set()
        self._btexts: dict[tuple[str, object], bytes | None] = {}
        self.postings_read: dict[tuple[str, bytes], TermPostings] = {}
        #: A prefix's words in this segment, and each word's document frequency in the
        #: whole index (on the first evaluator, for all), from one walk of every segment's
        #: term dictionary (``expansions``).
        self.prefix_words: dict[tuple[str, str], list[bytes]] = {}
        self.doc_frequencies: dict[tuple[str, bytes], int] = {}
        #: Each field's average length in the whole index, for ``_bm25_constants`` (a short
        #: prefix's hundreds of words asked Whoosh for it once each, summing every segment's).
        self._average_lengths: dict[str, float] = {}

    def run(self, q: query.Query, scored: bool = True) -> Hits:
        """``q``'s hits; ``scored`` False where Whoosh's context has no weighting (under a
        constant-score pattern), which changes how a preloaded Or scores."""
        kind = type(q)
        if q is query.NullQuery:
            return EMPTY
        if kind is query.Term:
            return self.term(q)
        if kind is query.And or kind is query.Or:
            return self.compound(q, scored)
        if kind is ExcludingAndNot:
            return excluding(self.run(q.a, scored), self.run(q.b, False))
        if kind is query.Not:
            return self.inverse(q)
        if kind in (query.Prefix, query.Wildcard, query.FuzzyTerm) and q.text not in ("", "*"):
            return self.expansion(q, scored)
        if isinstance(q, query.Phrase):
            from reader.search.whoosh_ext.blocks.phrase import phrase_hits

            return phrase_hits(self, q)
        raise Unsupported(kind.__name__)

    def expansion(self, q: query.MultiTerm, scored: bool) -> Hits:
        """``MultiTerm.matcher``: the segment's words the pattern reaches, ORed."""
        words = self._expanded(q)
        if not words:
            return EMPTY
        terms = [query.Term(q.fieldname, word) for word in words]
        if len(terms) == 1:
            return self.term(terms[0])  # the pattern's boost is dropped, as Whoosh does
        either = query.Or(terms, boost=q.boost)
        return self.compound(either, scored and not q.constantscore)

    def _expanded(self, q: query.MultiTerm) -> list[bytes]:
        if type(q) is query.Prefix:
            from reader.search.whoosh_ext.blocks.expansions import walk_prefix

            walked = walk_prefix(self, q.fieldname, q.text)
            if walked is not None:
                return walked
        return [word for word in q._btexts(self.reader) if word]

    def inverse(self, q: query.Not) -> Hits:
        """Whoosh's InverseMatcher: every live document the child misses, scoring 1."""
        excluded = self.run(q.query, False).ids
        every = np.arange(self.reader.doc_count_all(), dtype=np.int64)
        deleted = deleted_docs(self.reader)
        if deleted is not None:
            excluded = sorted_sets.union(excluded, deleted)
        ids = every[~np.isin(every, excluded)]
        return Hits(ids, np.ones(len(ids)))

    # -- leaves ----------------------------------------------------------------------------
    def term_bytes(self, fieldname: str, text) -> bytes | None:
        """The term as the index stores it, or None if this segment does not have it."""
        key = (fieldname, text)
        found = self._btexts.get(key, UNKNOWN)
        if found is not UNKNOWN:  # a prefix's words are asked for three or four times
            return found  # type: ignore[return-value]
        found = stored_form(self.reader.schema, fieldname, text)
        if found is not None and self._info(fieldname, found) is None:
            found = None
        self._btexts[key] = found
        return found

    def _info(self, fieldname: str, btext: bytes):
        key = (fieldname, btext)
        found = self._infos.get(key, UNKNOWN)
        if found is UNKNOWN:
            found = self._infos[key] = term_info(self.reader, fieldname, btext, self._segment)
        return found

    def size(self, q: query.Query) -> int:
        """``q.estimate_size`` on this segment (a term's: its document frequency)."""
        kind = type(q)
        if kind is query.Or:  # CompoundQuery.estimate_size, from the cached term lookups
            return min(sum(self.size(s) for s in q.subqueries), self.reader.doc_count())
        if kind is query.And:
            return min(self.size(s) for s in q.subqueries)
        if kind is query.Prefix and q.text not in ("", "*"):  # MultiTerm.estimate_size
            return sum(self._info(q.fieldname, word).doc_frequency() for word in self._expanded(q))
        if kind is not query.Term:
            return q.estimate_size(self.reader)
        btext = self.term_bytes(q.fieldname, q.text)  # looked up once per segment
        return 0 if btext is None else self._info(q.fieldname, btext).doc_frequency()

    def postings(self, fieldname: str, btext: bytes) -> TermPostings:
        key = (fieldname, btext)
        found = self.postings_read.get(key)
        if found is None:
            info = self._info(fieldname, btext)
            found = self.postings_read[key] = read_postings(self.reader, fieldname, btext, info)
        return found

    def read_together(self, subqueries: Sequence[query.Query]) -> None:
        """Read the postings of a node's many terms at once, field by field (a prefix's
        words lie one after another in the postings file: ``read_many``)."""
        from reader.search.whoosh_ext.blocks.term_walk import encoded_words, look_up_together

        looked_up = self.peers[0].looked_up
        if id(subqueries) not in looked_up:  # once a search: every segment's, for the scores
            looked_up.add(id(subqueries))
            words = encoded_words(self.reader.schema, subqueries)
            for peer in self.peers:
                look_up_together(peer, words)
        by_field: dict[str, list] = {}
        for sub in subqueries:
            if type(sub) is query.Term:
                btext = self.term_bytes(sub.fieldname, sub.text)
                if btext is not None and (sub.fieldname, btext) not in self.postings_read:
                    info = self._info(sub.fieldname, btext)
                    by_field.setdefault(sub.fieldname, []).append((btext, info))
        for fieldname, wanted in by_field.items():
            if len(wanted) > 1:
                for btext, found in read_many(self.reader, fieldname, wanted).items():
                    self.postings_read[(fieldname, btext)] = found

    def _constants(self, fieldname: str, btext: bytes) -> tuple[float, float, float]:
        key = (fieldname, btext)
        found = self.constants.get(key)
        if found is None:
            found = self.constants[key] = self._bm25_constants(fieldname, btext)
        return found

    def _bm25_constants(self, fieldname: str, btext: bytes) -> tuple[float, float, float]:
        """``scoring._LengthScorer``'s constant parts, computed as Whoosh's BM25F scorer
        computes them, from each segment's term lookup (once per segment and term: Whoosh's
        scorer looks the term up in every segment three times)."""
        weighting = self.weighting
        parent = self.searcher.get_parent()
        if not isinstance(weighting, _BM25F) or len(self.peers) != len(
            parent.reader().leaf_readers()
        ):
            scorer = weighting.scorer(self.searcher, fieldname, btext)
            if not isinstance(scorer, _LengthScorer):
                raise Unsupported(type(scorer).__name__)
            return scorer._top, scorer._base, scorer._per_length
        df = self.peers[0].doc_frequencies.get((fieldname, btext))
        if df is None:  # not a prefix's word: looked up in every segment
            df = 0
            for peer in self.peers:
                info = peer._info(fieldname, btext)
                df += 0 if info is None else info.doc_frequency()
        idf = log(parent.doc_count_all() / (df + 1)) + 1  # Weighting.idf
        averages = self.peers[0]._average_lengths  # one per field for the whole search
        avgfl = averages.get(fieldname)
        if avgfl is None:
            avgfl = averages[fieldname] = parent.avg_field_length(fieldname) or 1
        b = weighting._field_B.get(fieldname, weighting.B)
        k1 = weighting.K1
        return idf * (k1 + 1), k1 * (1 - b), k1 * b / avgfl

    def term(self, q: query.Term, boost: float | None = None) -> Hits:
        """A term's documents, scored by BM25F as ``scoring._LengthScorer`` scores them."""
        if q.minquality:
            raise Unsupported("minquality")
        btext = self.term_bytes(q.fieldname, q.text)
        if btext is None:
            return EMPTY
        if not self.reader.schema[q.fieldname].scorable:
            raise Unsupported(f"unscored field {q.fieldname}")
        top, base, per_length = self._constants(q.fieldname, btext)
        found = self.postings(q.fieldname, btext)
        tf = found.weights
        lengths = _lengths(self.reader, q.fieldname)[found.ids]
        if np.isnan(lengths).any():  # a damaged length column: Whoosh's scorer fails too
            raise ValueError(f"the {q.fieldname} lengths of {self.reader.segment()} are damaged")
        scores = top * tf / (tf + base + per_length * lengths)
        return boosted(Hits(found.ids, scores), q.boost if boost is None else boost)

    # -- And, Or ---------------------------------------------------------------------------
    def compound(self, q: query.CompoundQuery, scored: bool = True) -> Hits:
        """``CompoundQuery.matcher``: one child stands for the node (its boost is dropped)."""
        subs = q.subqueries
        if not subs:
            return EMPTY
        if len(subs) == 1:
            return self.run(subs[0], scored)
        reader = self.reader
        if isinstance(q, query.And):
            children = self.children(subs, scored)
            items = [(0 - self.size(s), c) for s, c in zip(subs, children, strict=True)]
            return boosted(weighted_tree(intersection, items), q.boost)
        if q.minmatch or q.scale:
            raise Unsupported("Or with minmatch or scale")
        if len(subs) < _TOO_MANY_CLAUSES and (
            len(subs) == 2 or reader.doc_count_all() > _PRELOAD_DOCS
        ):
            children = self.children(subs, scored)
            items = [(self.size(s), c) for s, c in zip(subs, children, strict=True)]
            if len(items) == 2:
                return boosted(weighted_tree(union, items), q.boost)
            from reader.search.whoosh_ext.blocks.dense_union import union_tree

            return boosted(union_tree(items, reader.doc_count_all()), q.boost)
        from reader.search.whoosh_ext.blocks.term_scores import summed_terms

        words = summed_terms(self, subs, q.boost, scored)  # a prefix's words: summed at once
        if words is not None:
            return words
        return self._preloaded_or(self.children(subs, scored), q.boost, scored)

    def children(self, subs: Sequence[query.Query], scored: bool) -> list[Hits]:
        """A node's children's hits; many words read and scored together."""
        if len(subs) <= 2:
            return [self.run(s, scored) for s in subs]
        from reader.search.whoosh_ext.blocks.term_scores import scored_terms

        self.read_together(subs)
        together = scored_terms(self, subs)
        return [
            self.run(s, scored) if t is None else t for s, t in zip(subs, together, strict=True)
        ]

    def _preloaded_or(self, children: list[Hits], boost: float, scored: bool) -> Hits:
        """Whoosh's ArrayUnionMatcher: 0, plus each child's boosted score in child order
        (unscored: 1 for every document)."""
        children = [c for c in children if len(c.ids)]
        if not children:
            return EMPTY
        ids, scores = summed(
            [c.ids for c in children],
            [c.scores for c in children],
            boost,
            scored,
            self.reader.doc_count_all(),
        )
        return Hits(ids, scores)


_LENGTH_ARRAYS: dict[int, tuple[list, np.ndarray]] = {}


def _lengths(reader, fieldname: str) -> np.ndarray:
    """The field lengths ``scoring`` caches per segment reader, as an array."""
    lengths = _field_lengths(reader, fieldname)
    cached = _LENGTH_ARRAYS.get(id(lengths))
    if cached is None or cached[0] is not lengths:
        if len(_LENGTH_ARRAYS) > 256:
            _LENGTH_ARRAYS.clear()
        cached = _LENGTH_ARRAYS[id(lengths)] = (lengths, np.array(lengths, dtype=np.float64))
    return cached[1]
