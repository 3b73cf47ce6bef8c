"""NOT and a leading minus exclude every episode they match.

Whoosh's ``AndNotMatcher`` checks its first candidate against the excluded matches only if
the two happen to stand on the same document: when the first excluded document comes
earlier, the first candidate is kept even if it is excluded too. Every segment's first
candidate (and the first after each of the collector's matcher replacements) could slip
through, so ``feedback -people`` listed episodes full of "people", and which ones depended
on how a build happened to split the library into segments.
"""

from __future__ import annotations

from whoosh import query
from whoosh.matching import AndNotMatcher


class _ExcludingMatcher(AndNotMatcher):
    """``AndNotMatcher`` that moves past excluded documents before its first answer too."""

    def _find_first(self) -> None:
        if self.a.is_active() and self.b.is_active():
            self._find_next()  # catches the excluded matcher up, then skips what it matches


class ExcludingAndNot(query.AndNot):
    """``a ANDNOT b`` whose matcher never lets a document ``b`` matches through."""

    def matcher(self, searcher, context=None):
        scored = self.a.matcher(searcher, context)
        excluded = self.b.matcher(searcher, searcher.boolean_context())
        return _ExcludingMatcher(scored, excluded)


def excluding(node: query.Query) -> query.Query | None:
    """The query node as an ``ExcludingAndNot`` if it is Whoosh's AndNot, else None."""
    if isinstance(node, query.AndNot) and not isinstance(node, ExcludingAndNot):
        return ExcludingAndNot(node.a, node.b)
    return None
