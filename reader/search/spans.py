"""Where a query matched in a transcript: character spans read straight from the postings.

The transcript is not analysed again: each matched term's postings hold the positions and
character offsets of its occurrences, so a word is a span and a phrase is a run of spans at
consecutive positions. The offsets are into ``Episode.text``, the string the reader shows,
so the search results and the reader always mark the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from whoosh.searching import Searcher

Span = tuple[int, int]


def spans_of(
    searcher: Searcher, docnums: list[int], groups: list[list[str]]
) -> dict[int, list[Span]]:
    """Hit spans of several documents, reading each term's postings once, in doc order
    (opening a postings reader per document and term was most of a search's time).
    ``groups``: the stemmed term sequences that are hits (``query.match_groups``)."""
    wanted = sorted(set(docnums))
    # term -> docnum -> position -> (startchar, endchar)
    chars: dict[str, dict[int, dict[int, Span]]] = {}
    for term in {t for group in groups for t in group}:
        per_doc: dict[int, dict[int, Span]] = {}
        chars[term] = per_doc
        try:
            postings = searcher.postings("text", term)
        except Exception:  # the term is not in the index (TermNotFound)
            continue
        for docnum in positioned_at(postings, wanted):
            per_doc[docnum] = {p: (s, e) for p, s, e in postings.value_as("characters")}
    result: dict[int, list[Span]] = {}
    for docnum in wanted:
        found: set[Span] = set()
        for group in groups:
            first = chars[group[0]].get(docnum, {})
            rest = [chars[term].get(docnum, {}) for term in group[1:]]
            for pos, (start, end) in first.items():
                for offset, positions in enumerate(rest, 1):
                    nxt = positions.get(pos + offset)
                    if nxt is None:
                        break
                    end = nxt[1]
                else:
                    found.add((start, end))
        result[docnum] = merge_overlaps(sorted(found))
    for docnum in docnums:
        result.setdefault(docnum, [])
    return result


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


def places(text: str, spans: list[Span]) -> list[Span]:
    """Sorted spans with the ones that stand together in ``text`` joined: "individual
    performer" is one place to step to, not two words."""
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
