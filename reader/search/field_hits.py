"""Where besides the transcript a result matched: its title, pull quotes, speakers, notes...

An episode can rank for a word in its title alone; its row must then say so, count it and
show the title with the word marked, rather than "0 matches" above a row with 75. The
fields are short and stored, so their spans come from analysing the stored text of the
shown hits whose postings hold the query's words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from whoosh import query
from whoosh.searching import Searcher

from reader.search.analysis import EXACT, STEMMED, WordAnalyzer
from reader.search.query import groups_by_field
from reader.search.snippets import Snippet, make_snippets
from reader.search.spans import Span, merge_overlaps
from reader.search.whoosh_ext.blocks import sorted_sets
from reader.search.whoosh_ext.blocks.postings import SegmentPostings

#: The name of the transcript in results (``SearchHit.fields``, ``search --json``).
TRANSCRIPT = "transcript"
#: Stored fields a match is reported in, in the order results name them, with their analysis.
REPORTED: dict[str, WordAnalyzer] = {
    "title": STEMMED,
    "quotes": STEMMED,
    "speakers": EXACT,
    "notes": STEMMED,
    "topics": STEMMED,
    "description": STEMMED,
    "show": STEMMED,
}


@dataclass(frozen=True)
class FieldMatch:
    field: str
    spans: list[Span]
    snippet: Snippet


@lru_cache(maxsize=64)
def stems_of(name: str | None) -> frozenset[str]:
    """The index terms of a name's words (the show's): a query with none of them cannot
    match inside it, so its snippets need not look for it."""
    return frozenset(STEMMED.words(name or "")[0])


def spans_in(text: str, analyzer: WordAnalyzer, groups: list[list[str]]) -> list[Span]:
    """Character spans in ``text`` of each group's words standing one after another."""
    by_first: dict[str, list[list[str]]] = {}
    for group in groups:
        by_first.setdefault(group[0], []).append(group)
    terms, starts, ends = analyzer.words(text)
    found: set[Span] = set()
    for i, term in enumerate(terms):
        for group in by_first.get(term, ()):
            if terms[i : i + len(group)] == group:
                found.add((int(starts[i]), int(ends[i + len(group) - 1])))
    return merge_overlaps(sorted(found))


class FieldHits:
    """The reported fields the query matched, for the hits of one search that are shown.

    Which of those hits hold a field's words is looked up in each segment's postings as
    arrays (those the block search read are not read again: ``postings``): a search of
    each field alone cost every search a matcher per field and segment, and Whoosh's
    matchers skipping to each hit were a sixth of a two-word search in the app.
    """

    def __init__(
        self,
        searcher: Searcher,
        q: query.Query,
        docnums: list[int],
        postings: SegmentPostings | None = None,
    ) -> None:
        self._groups: dict[str, list[list[str]]] = {}
        self._docs: dict[str, set[int]] = {}
        #: Each field text's match, made once a search: every hit of a show has its name.
        self._made: dict[tuple[str, str], FieldMatch | None] = {}
        source = postings or SegmentPostings(searcher)
        wanted = sorted_sets.unique(np.asarray(docnums, dtype=np.int64))
        by_field = groups_by_field(q)
        for name in REPORTED:
            groups = by_field.get(name, [])
            docs: set[int] = set()
            for term in {group[0] for group in groups}:
                docs |= _docs_with(source, name, term, wanted)
            if docs:
                self._docs[name] = docs
                self._groups[name] = groups

    def of(self, docnum: int, stored: dict) -> list[FieldMatch]:
        """The fields ``docnum`` matched in, each with its spans and a marked snippet."""
        found = []
        for name, docs in self._docs.items():
            if docnum not in docs:
                continue
            text = stored.get(name) or ""
            key = (name, text)
            if key not in self._made:  # the show's name (or a shared title) is made once
                self._made[key] = self._match(name, text)
            match = self._made[key]
            if match is not None:
                found.append(match)
        return found

    def _match(self, name: str, text: str) -> FieldMatch | None:
        spans = spans_in(text, REPORTED[name], self._groups[name])
        if not spans:  # the words are there, but not the phrase
            return None
        (snippet,) = make_snippets(text, spans, count=1)
        return FieldMatch(name, spans, Snippet(snippet.text, snippet.highlights, name))


def _docs_with(source: SegmentPostings, fieldname: str, term: str, wanted: np.ndarray) -> set[int]:
    """Which of the sorted, distinct ``wanted`` documents hold ``term`` in ``fieldname``."""
    btext = term.encode("utf-8")
    found: list[int] = []
    for reader, offset in source.segments:
        inside = wanted[(wanted >= offset) & (wanted < offset + reader.doc_count_all())]
        if not len(inside):
            continue
        postings = source.get(reader, fieldname, btext)  # None: most fields lack most words
        if postings is not None and len(postings.ids):
            found += inside[sorted_sets.contained(inside - offset, postings.ids)].tolist()
    return set(found)
