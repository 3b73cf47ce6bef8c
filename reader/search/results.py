"""What the index gives back, as plain data: no Whoosh here.

The window and ``search --json`` only handle these types, so they load without the search
engine (``tests/test_cli_imports.py``); the sort names are in ``sorts``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from reader.search.filters import FacetCounts
from reader.search.snippets import Snippet
from reader.search.sorts import SORTS


@dataclass(frozen=True)
class FileState:
    """What a file looked like when it was indexed; used to find changed files."""

    size: int
    mtime: float
    digest: str
    #: Its audio file (``Episode.audio``) when it is there, and the reference it was paired
    #: with (kept even when that file is missing): a sync pairs it again when they change.
    audio: str | None = None
    audio_ref: str | None = None


#: The state of an indexed file that must be imported again (its cached text is lost).
UNKNOWN_STATE = FileState(-1, -1.0, "")


@dataclass(frozen=True)
class IndexedEpisode:
    """What the index keeps of an episode for the episode list (no transcript)."""

    path: str
    title: str
    number: int | None
    show: str | None
    date: str | None
    format: str
    audio: str | None = None  # its audio file, relative to its folder (``Episode.audio``)


def check_sort(sort: str) -> None:
    """Raise ``ValueError`` for a sort that is not one of ``SORTS``."""
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}; choose one of {', '.join(SORTS)}")


def _listing_key(sort: str) -> Callable[[IndexedEpisode], tuple]:
    if sort == "title":
        return lambda e: (e.title.casefold(), e.path)
    if sort == "date":
        return lambda e: (e.date or "9999", e.path)
    # by number (also for "relevance": with no query nothing ranks), numberless ones last
    return lambda e: (e.number is None, e.number or 0, e.title.casefold(), e.path)


def in_listing_order(episodes: Iterable[IndexedEpisode], sort: str) -> list[IndexedEpisode]:
    """The episodes as the unsearched episode list shows them, sorted by ``sort``."""
    check_sort(sort)
    return sorted(episodes, key=_listing_key(sort))


@dataclass
class SearchHit:
    path: str
    title: str
    number: int | None
    show: str | None
    score: float
    #: Matches in the transcript and the other fields; None while ``snippets_pending``.
    matches: int | None
    snippets: list[Snippet] = field(default_factory=list)
    in_notes: bool = False  # the query matched the user's notes or highlights
    #: Where it matched: "transcript", "title", "quotes", "speakers", "notes"... (``matches``
    #: counts the matches in all of them).
    fields: list[str] = field(default_factory=list)
    #: Not made yet (``LibraryIndex.search(snippets_for=...)``): the snippets, and with them
    #: ``matches``, ``fields`` and ``in_notes``; ``LibraryIndex.details_of`` makes them.
    snippets_pending: bool = False
    audio: str | None = None  # its audio file, relative to its folder (``Episode.audio``)


@dataclass
class SearchResults:
    query: str
    total: int
    suggestion: str | None
    hits: list[SearchHit]
    #: Shows, speakers and years among all the matches (not only ``hits``), for the filters.
    facets: FacetCounts = field(default_factory=FacetCounts)

    def to_json(self) -> dict:
        """The ``episode-reader search --json`` object (a documented contract)."""
        return {
            "query": self.query,
            "total": self.total,
            "suggestion": self.suggestion,
            "results": [
                {
                    "path": h.path,
                    "title": h.title,
                    "number": h.number,
                    "score": round(h.score, 4),
                    "matches": h.matches,
                    "snippets": [
                        {
                            "text": s.text,
                            "highlights": [list(span) for span in s.highlights],
                            "field": s.field,
                        }
                        for s in h.snippets
                    ],
                    "fields": list(h.fields),
                }
                for h in self.hits
            ],
        }
