"""Where in the library the words of a half-remembered quote stand close together.

"Who said this?" cannot search the quote as a phrase: a changed or missing word would find
nothing. Instead the episodes holding most of its pairs of consecutive words (as phrases) and its
words are found by a search, and in each the stretches where the quote's words crowd
together (positions and character offsets from the postings, as hit spans are);
``reader.research.who_said`` then lines the quote up against each stretch and scores it.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from dataclasses import dataclass

from whoosh import query

from reader.search.analysis import STEMMED
from reader.search.health import engine_read
from reader.search.index import IndexNotReady, LibraryIndex
from reader.search.lock import IndexBusy
from reader.search.spans import positioned_at
from reader.search.whoosh_ext.blocks.collect import block_search
from reader.search.whoosh_ext.phrase import AdjacentPhrase

#: Episodes looked into, chosen by the quote's word pairs and words they hold.
CANDIDATE_EPISODES = 12
#: Pairs of consecutive quote words searched as phrases (the rarest).
PAIRS = 10
#: How much more a pair of the quote's words standing together counts than one word.
PAIR_BOOST = 3.0
#: Stretches kept per episode.
PER_EPISODE = 3
#: A stretch must hold this share of the quote's word weight to be looked at.
MIN_SHARE = 0.4


@dataclass(frozen=True)
class Stretch:
    """Where the quote's words crowd together in one episode's transcript text."""

    path: str
    stored: dict
    start: int  # character offsets into the transcript text
    end: int
    share: float  # of the quote's word weight found in it
    docnum: int


def quote_terms(quote: str) -> list[str]:
    """The quote's words as the index holds them (lowercase, accent-folded, stemmed)."""
    return STEMMED.words(quote)[0]


@engine_read(IndexBusy, IndexNotReady)
def crowded_stretches(ix: LibraryIndex, quote: str) -> list[Stretch]:
    """The stretches of the library's transcripts where the quote's words stand close
    together, best first (the weight of the distinct words found in each)."""
    terms = quote_terms(quote)
    searcher = ix.searcher
    reader = searcher.reader()
    total_docs = max(searcher.doc_count(), 1)
    weight: dict[str, float] = {}
    for term in set(terms):
        frequency = searcher.doc_frequency("text", term)
        if frequency:
            weight[term] = math.log(1 + total_docs / frequency)
    if not weight:
        return []
    # A word the library never uses still counts against a stretch (as an average word).
    unknown = len(set(terms) - set(weight)) * sum(weight.values()) / len(weight)
    full = sum(weight.values()) + unknown
    candidates = _candidates(searcher, terms, weight)
    occurrences = _occurrences(reader, sorted(candidates), weight)
    window = int(len(terms) * 1.5) + 3
    stretches = []
    for docnum, found in occurrences.items():
        stored = searcher.stored_fields(docnum)
        for start, end, got in _dense_windows(found, window, weight, full):
            stretches.append(Stretch(stored["path"], stored, start, end, got / full, docnum))
    rank = {docnum: n for n, docnum in enumerate(candidates)}
    stretches.sort(key=lambda s: (-s.share, rank[s.docnum]))
    return stretches


def _candidates(searcher, terms: list[str], weight: dict[str, float]) -> list[int]:
    """The episodes most likely to hold the quote: ranked by its pairs of consecutive
    words found as phrases (a passage keeps most of them through a changed or missing
    word; scattered words rarely stand in pairs), then by its words, as the search ranks."""
    known = [t for t in terms if t in weight]
    pairs = {(a, b) for a, b in itertools.pairwise(terms) if a in weight and b in weight}
    # The rarest pairs: they tell episodes apart, and each phrase costs a search's time.
    chosen = sorted(pairs, key=lambda pair: -(weight[pair[0]] + weight[pair[1]]))[:PAIRS]
    parts: list[query.Query] = [
        AdjacentPhrase("text", list(pair), boost=PAIR_BOOST) for pair in sorted(chosen)
    ]
    parts += [query.Term("text", term) for term in sorted(set(known))]
    q = query.Or(parts)
    results = block_search(searcher, q, None, CANDIDATE_EPISODES)
    if results is None:  # a part the block engine does not handle: Whoosh's search
        results = searcher.search(q, limit=CANDIDATE_EPISODES)
    return [hit.docnum for hit in results]


def _occurrences(
    reader, docnums: list[int], weight: dict[str, float]
) -> dict[int, list[tuple[int, str, int, int]]]:
    """Per episode, each occurrence of a quote word: (position, term, start, end), in order."""
    found: dict[int, list[tuple[int, str, int, int]]] = defaultdict(list)
    for term in weight:
        postings = reader.postings("text", term)
        for docnum in positioned_at(postings, docnums):
            found[docnum] += [(p, term, s, e) for p, s, e in postings.value_as("characters")]
    for places in found.values():
        places.sort()
    return found


def _dense_windows(
    found: list[tuple[int, str, int, int]], window: int, weight: dict[str, float], full: float
) -> list[tuple[int, int, float]]:
    """The best few non-overlapping runs of at most ``window`` positions, by the weight of
    the distinct quote words in each: (start char, end char, weight)."""
    runs = []
    first = 0
    counts: dict[str, int] = defaultdict(int)
    got = 0.0
    for last, (position, term, _s, _e) in enumerate(found):
        counts[term] += 1
        if counts[term] == 1:
            got += weight[term]
        while position - found[first][0] >= window:
            gone = found[first][1]
            counts[gone] -= 1
            if counts[gone] == 0:
                got -= weight[gone]
            first += 1
        if got >= MIN_SHARE * full:
            runs.append((got, first, last))
    kept: list[tuple[int, int, float]] = []
    taken: list[tuple[int, int]] = []
    for got, first, last in sorted(runs, key=lambda r: (-r[0], r[1])):
        lo, hi = found[first][0], found[last][0]
        if any(lo <= b and a <= hi for a, b in taken):
            continue
        taken.append((lo - window, hi + window))
        kept.append((found[first][2], found[last][3], got))
        if len(kept) == PER_EPISODE:
            break
    return kept
