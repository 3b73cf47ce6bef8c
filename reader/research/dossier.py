"""The topic dossier: every moment a query was discussed in the library, in one place.

For a query, each transcript hit becomes a moment (a sentence or two of context, see
``moments``) with its speaker and time, and the user's highlights of that passage (with
their tags: what the user noted there) inline. Moments are grouped by episode, best
episode first, or by speaker, the speaker with the most moments first.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from reader.model import Episode
from reader.notes.anchoring import reanchor
from reader.notes.model import Highlight
from reader.notes.store import NotesStore
from reader.quotes.attribution import QuoteInfo
from reader.research.episodes import EpisodeShapes
from reader.research.moments import moments_of
from reader.search.concordance import transcript_places
from reader.search.index import LibraryIndex

log = logging.getLogger(__name__)

BY_EPISODE = "episode"
BY_SPEAKER = "speaker"
GROUPINGS = (BY_EPISODE, BY_SPEAKER)
#: Episodes the window's dossier lists at first (the best); "Show All" lists the rest.
FIRST_EPISODES = 20
#: The group of moments whose paragraph names no speaker (``--by speaker``).
NO_SPEAKER = "Unattributed"

Span = tuple[int, int]


@dataclass(frozen=True)
class Moment:
    """One place the query was discussed. Spans are offsets into ``text``."""

    path: str
    title: str
    speaker: str | None
    start: float | None  # seconds into the episode, when the file says
    text: str
    offset: int  # where ``text`` starts in the episode's transcript text
    matches: list[Span]
    highlights: list[Span]
    notes: list[str]  # what the user wrote on those highlights (their tags)
    info: QuoteInfo  # the attribution Copy Quote would give the passage

    def to_json(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "start": self.start,
            "text": self.text,
            "highlights": [list(span) for span in self.highlights],
            "path": self.path,
            "title": self.title,
            "matches": [list(span) for span in self.matches],
            "notes": list(self.notes),
        }


@dataclass
class DossierGroup:
    """An episode's moments (``path`` its path) or a speaker's (``path`` "", ``title`` the
    speaker's name)."""

    path: str
    title: str
    moments: list[Moment] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "moments": [m.to_json() for m in self.moments],
        }


@dataclass
class Dossier:
    query: str
    by: str
    groups: list[DossierGroup]
    #: Episodes whose transcript the query matched, also those past the limit not listed.
    matched_episodes: int = 0

    @property
    def total(self) -> int:
        return sum(len(group.moments) for group in self.groups)

    def episodes(self) -> int:
        """The episodes whose moments are listed."""
        return len({m.path for group in self.groups for m in group.moments})

    @property
    def complete(self) -> bool:
        """Whether every matching episode is listed (no limit cut the list short)."""
        return self.episodes() >= self.matched_episodes

    def to_json(self) -> dict[str, Any]:
        """The ``episode-reader dossier --json`` object (a documented contract)."""
        return {
            "query": self.query,
            "total": self.total,
            "groups": [group.to_json() for group in self.groups],
            "episodes": self.matched_episodes,
        }


def build_dossier(
    ix: LibraryIndex,
    query: str,
    notes: NotesStore | None = None,
    by: str = BY_EPISODE,
    limit: int | None = None,
) -> Dossier:
    """The dossier of ``query``: every transcript moment it matched in the ``limit`` best
    episodes (all if None), grouped ``by``. A common word is in every episode: the window
    lists the best first and the rest on request, each episode costing a few milliseconds."""
    if by not in GROUPINGS:
        raise ValueError(f"unknown grouping {by!r}; choose one of {', '.join(GROUPINGS)}")
    shapes = EpisodeShapes(ix)
    groups = []
    matched, listed = transcript_places(ix, query, limit)
    for found in listed:
        episode = shapes.episode(found.path, found.stored, found.text)
        marks = _highlights(notes, episode)
        group = DossierGroup(found.path, episode.title)
        for start, end, hits in moments_of(episode, found.places):
            group.moments.append(_moment(episode, start, end, hits, marks))
        groups.append(group)
    if by == BY_SPEAKER:
        groups = _by_speaker(groups)
    return Dossier(query, by, groups, matched)


def _highlights(notes: NotesStore | None, episode: Episode) -> list[Highlight]:
    if notes is None:
        return []
    try:
        note = notes.peek(episode)
    except (OSError, ValueError) as exc:  # one unreadable note must not stop the dossier
        log.warning("cannot read the notes of %s: %s", episode.id, exc)
        return []
    if not note.highlights:
        return []
    reanchor(note, episode.text)
    return [h for h in note.highlights if h.anchored]


def _moment(
    episode: Episode, start: int, end: int, hits: list[Span], marks: list[Highlight]
) -> Moment:
    found = episode.segment_at(hits[0][0])
    speaker = found[0].speaker if found and found[0].speaker else None
    timestamp = episode.time_at(hits[0][0]) if found else None
    text = episode.text[start:end]
    touching = [h for h in marks if h.start < end and h.end > start]
    return Moment(
        path=episode.id,
        title=episode.title,
        speaker=speaker,
        start=timestamp,
        text=text,
        offset=start,
        matches=[(a - start, b - start) for a, b in hits],
        highlights=[(max(h.start, start) - start, min(h.end, end) - start) for h in touching],
        notes=[h.tag for h in touching if h.tag.strip()],
        info=QuoteInfo(
            quote=text,
            speaker=speaker,
            show=episode.show,
            title=episode.title,
            number=episode.number,
            timestamp=timestamp,
            date=episode.date,
        ),
    )


def _by_speaker(groups: list[DossierGroup]) -> list[DossierGroup]:
    """The same moments, one group per speaker: most moments first, then by name, the
    moments of no named speaker last."""
    by_name: dict[str, DossierGroup] = {}
    for group in groups:
        for moment in group.moments:
            name = moment.speaker or NO_SPEAKER
            by_name.setdefault(name, DossierGroup("", name)).moments.append(moment)
    return sorted(
        by_name.values(),
        key=lambda g: (g.title == NO_SPEAKER, -len(g.moments), g.title.casefold()),
    )
