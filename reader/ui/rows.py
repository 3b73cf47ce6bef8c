"""What the window shows for a search and for an opened episode: plain data made by the
worker threads and read by the list model and the panes, so those import no thread code."""

from __future__ import annotations

from dataclasses import dataclass, replace

from reader.model import Episode
from reader.search.filters import FacetCounts
from reader.search.results import SearchHit
from reader.search.snippets import Snippet


@dataclass(frozen=True)
class EpisodeRow:
    """What the episode list shows for one episode."""

    path: str
    title: str
    number: int | None
    show: str | None
    date: str | None = None
    matches: int | None = None  # None when not searching, or not counted yet (pending)
    snippet: Snippet | None = None
    in_notes: bool = False  # the search matched the user's notes or highlights
    fields: tuple[str, ...] = ()  # where it matched (``SearchHit.fields``)
    #: The snippet (and the count and fields) are made when the row comes into view
    #: (``SearchHit.snippets_pending``).
    snippet_pending: bool = False
    audio: str | None = None  # its recording (``IndexedEpisode.audio``): the row says so

    @classmethod
    def from_hit(cls, hit: SearchHit) -> EpisodeRow:
        snippet = hit.snippets[0] if hit.snippets else None
        return cls(
            hit.path,
            hit.title,
            hit.number,
            hit.show,
            None,
            hit.matches,
            snippet,
            hit.in_notes,
            tuple(hit.fields),
            hit.snippets_pending,
            audio=hit.audio,
        )

    def with_details(self, hit: SearchHit | None) -> EpisodeRow:
        """The pending row made whole by ``hit`` (None: the episode has gone meanwhile)."""
        if hit is None:
            return replace(self, snippet_pending=False)
        return replace(
            self,
            matches=hit.matches,
            snippet=hit.snippets[0] if hit.snippets else None,
            in_notes=hit.in_notes,
            fields=tuple(hit.fields),
            snippet_pending=False,
        )

    def matched_in(self) -> list[str]:
        """Where besides the transcript it matched, as the row says it: "in the title"..."""
        found = [MATCHED_IN[f] for f in self.fields if f in MATCHED_IN]
        if self.in_notes and MATCHED_IN["notes"] not in found:
            found.append(MATCHED_IN["notes"])
        return found


#: How a row says where besides the transcript a search matched (``SearchHit.fields``). The
#: show notes and the show's name are left out of the row: every episode of a show matches its
#: name, and three or four labels crowd out the snippet (``search --json`` lists them all).
MATCHED_IN = {
    "title": "in the title",
    "quotes": "in a pull quote",
    "speakers": "in the speakers",
    "notes": "in your notes",
}


@dataclass(frozen=True)
class SearchAnswer:
    request: int
    query: str
    total: int
    suggestion: str | None
    rows: list[EpisodeRow]
    problem: str | None = None  # the index is damaged: the window says so and rebuilds it
    episodes: int | None = None  # episodes in the library's index, whatever the query
    facets: FacetCounts | None = None  # shows, speakers and years among all the matches


@dataclass(frozen=True)
class LoadedEpisode:
    request: int
    path: str
    query: str
    episode: Episode | None
    spans: list[tuple[int, int]]
    problem: str | None = None
