"""Each indexed episode's show, speakers and year, read once per commit, so filtering and
counting a search's matches costs a dictionary look-up per episode, not a stored-field read."""

from __future__ import annotations

from collections.abc import Iterable

from whoosh.searching import Searcher

from reader.search.filters import Facet, FacetCounts, Filters


class FacetTable:
    """The facets of one commit's documents, by document number."""

    def __init__(self, searcher: Searcher) -> None:
        self.by_doc: dict[int, Facet] = {
            docnum: Facet.of(doc.get("show"), doc.get("speakers") or "", doc.get("date"))
            for docnum, doc in searcher.reader().iter_docs()
        }

    def allowed(self, filters: Filters) -> set[int]:
        """The documents the filters let through."""
        return {docnum for docnum, facet in self.by_doc.items() if filters.admits(facet)}

    def search_filter(self, filters: Filters | None) -> set[int] | None:
        """Whoosh's ``filter=`` for ``filters``: None for none (Whoosh takes an empty set for
        no filter at all, so letting nothing through is ``{-1}``, no document)."""
        return (self.allowed(filters) or {-1}) if filters else None

    def counts(self, docnums: Iterable[int]) -> FacetCounts:
        return FacetCounts.of(self.by_doc[d] for d in docnums if d in self.by_doc)
