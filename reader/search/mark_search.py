"""Searching the user's marks through the index: which episodes' notes, highlights and pull
quotes match a query, and the words a mark's own text must have to match it.

The index finds the episodes (``notes:`` and ``quotes:`` fields, the same query language as the
search box), then each mark of those episodes is matched against the query's words with the
index's own stemming, so "delegating" finds a highlight that says "delegation".
"""

from __future__ import annotations

from reader.search.analysis import STEMMED
from reader.search.index import LibraryIndex

#: The fields a marks search looks in: notes hold highlights, their comments and tags.
MARK_FIELDS = ("notes", "quotes")


def stems(text: str) -> set[str]:
    """The words of ``text`` as the index keeps them (lower case, no accents, stemmed)."""
    return {token.text for token in STEMMED(text)}


def episodes_with_marks_matching(ix: LibraryIndex, query: str) -> set[str]:
    """Paths of the episodes whose notes, highlights or pull quotes match ``query``."""
    if not query.strip():
        return set()
    wanted = " OR ".join(f"{field}:({query})" for field in MARK_FIELDS)
    results = ix.search(wanted, limit=None, facet_counts=False, snippets_for=0)
    return {hit.path for hit in results.hits}
