"""Where in the library the words of a half-remembered quote stand close together.

"Who said this?" cannot search the quote as a phrase: a changed or missing word would find
nothing. Instead the episodes holding most of its rarer words are found from their postings,
and in each the stretches where the quote's words crowd together (positions and character
offsets from the postings, as hit spans are); ``reader.research.who_said`` then lines the
quote up against the text of each stretch and scores it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from reader.search.analysis import STEMMED
from reader.search.health import engine_read
from reader.search.index import IndexNotReady, LibraryIndex
from reader.search.lock import IndexBusy
from reader.search.spans import positioned_at

#: Episodes looked into, chosen by the rarer quote words they hold.
CANDIDATE_EPISODES = 40
#: The rarest distinct words whose postings choose those episodes.
CHOOSING_WORDS = 8
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
    candidates = _candidates(reader, weight)
    occurrences = _occurrences(reader, sorted(candidates), weight)
    window = int(len(terms) * 1.5) + 3
    stretches = []
    for docnum, found in occurrences.items():
        stored = searcher.stored_fields(docnum)
        for start, end, got in _dense_windows(found, window, weight, full):
            stretches.append(Stretch(stored["path"], stored, start, end, got / full))
    stretches.sort(key=lambda s: -s.share)
    return stretches


def _candidates(reader, weight: dict[str, float]) -> dict[int, float]:
    """The episodes holding the most weight of the rarest quote words."""
    score: dict[int, float] = defaultdict(float)
    for term in sorted(weight, key=lambda t: -weight[t])[:CHOOSING_WORDS]:
        for docnum in reader.postings("text", term).all_ids():
            score[docnum] += weight[term]
    best = sorted(score, key=lambda d: -score[d])[:CANDIDATE_EPISODES]
    return {docnum: score[docnum] for docnum in best}


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
