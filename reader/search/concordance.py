"""Every place a query matched in the library's transcripts, for a dossier.

A search shows the best episodes and three snippets each; a dossier lists every moment, so
here every matching episode is taken, in the order a search ranks them, with all of its hit
places (words of the query that stand together are one place, as the reader steps).
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.search.health import engine_read, suspect_text, text_fits
from reader.search.index import IndexNotReady, LibraryIndex
from reader.search.lock import IndexBusy
from reader.search.query import match_groups
from reader.search.spans import Span, places, spans_of


@dataclass(frozen=True)
class EpisodePlaces:
    """One matching episode: its stored fields, cached text and hit places in that text."""

    path: str
    stored: dict
    text: str
    places: list[Span]


@engine_read(IndexBusy, IndexNotReady)
def transcript_places(ix: LibraryIndex, query_text: str) -> list[EpisodePlaces]:
    """Every episode whose transcript the query matched, best first, with its places.
    Episodes matched only in their title or notes have no moment to show and are left out."""
    q = ix.parse(query_text)
    groups = match_groups(q)
    if not groups:
        return []
    searcher = ix.searcher
    results = searcher.search(q, limit=None)
    docnums = [hit.docnum for hit in results]
    all_spans = spans_of(searcher, docnums, groups)
    found = []
    for hit in results:
        spans = all_spans[hit.docnum]
        if not spans:
            continue
        stored = dict(hit.fields())
        text = ix.text_of(stored["path"])
        if not text_fits(text, spans):  # a damaged cached text: the next sync re-imports it
            suspect_text(ix.folder, stored["path"])
            continue
        joined = places(text, spans) if len(groups) > 1 else spans
        found.append(EpisodePlaces(stored["path"], stored, text, joined))
    return found
