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
from reader.search.spans import Span, places, positioned_at, spans_of
from reader.search.whoosh_ext.blocks.collect import block_search


@dataclass(frozen=True)
class EpisodePlaces:
    """One matching episode: its stored fields, cached text and hit places in that text."""

    path: str
    stored: dict
    text: str
    places: list[Span]


@engine_read(IndexBusy, IndexNotReady)
def transcript_places(
    ix: LibraryIndex, query_text: str, limit: int | None = None
) -> tuple[int, list[EpisodePlaces]]:
    """How many episodes' transcripts the query matched, and the first ``limit`` of them
    (all if None), best first, with their places. Episodes matched only in their title or
    notes have no moment to show and are neither counted nor listed."""
    q = ix.parse(query_text)
    groups = match_groups(q)
    if not groups:
        return 0, []
    searcher = ix.searcher
    # Those the transcript matched: the term (or first word of a phrase) is in the text.
    results = block_search(searcher, q, None, None)  # numpy, as the search does
    if results is None:
        results = searcher.search(q, limit=None)
    docnums = [hit.docnum for hit in results]
    in_text = _in_transcript(searcher, docnums, groups)
    ranked = [hit for hit in results if hit.docnum in in_text]
    shown = ranked if limit is None else ranked[:limit]
    all_spans = spans_of(searcher, [hit.docnum for hit in shown], groups)
    found = []
    for hit in shown:
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
    return len(ranked), found


def _in_transcript(searcher, docnums: list[int], groups: list[list[str]]) -> set[int]:
    """Which of ``docnums`` hold every word of some group in their transcript (a phrase's
    words may still stand apart: such an episode then shows no moment)."""
    wanted = sorted(set(docnums))
    reader = searcher.reader()
    found: set[int] = set()
    for group in groups:
        having = set(wanted)
        for term in set(group):
            if ("text", term) not in reader:
                having = set()
                break
            having &= set(positioned_at(reader.postings("text", term), wanted))
        found |= having
    return found
