"""Which marks the browser lists, and in what order: plain filters over the collected list
(fast enough to run on every change of a filter), and the search box's answer, which the index
gives as the set of matching marks (``reader.annotations.search``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from reader.annotations.marks import HIGHLIGHT, PULL_QUOTE, Mark

KINDS = (HIGHLIGHT, PULL_QUOTE)
#: The browser's orders.
NEWEST, BY_EPISODE = "newest", "episode"
#: "Added" choices, in days back from now (None: any time).
SINCE_DAYS = {"any time": None, "today": 0, "last 7 days": 7, "last 30 days": 30, "last year": 365}


@dataclass(frozen=True)
class MarkFilter:
    """Every field is "" (or None) for "any"; ``found`` is the search box's answer: the
    (episode id, key) of each matching mark, or None when the box is empty."""

    show: str = ""
    speaker: str = ""
    episode: str = ""  # an episode id
    tag: str = ""
    color: str = ""
    kind: str = ""
    since: str = ""  # ISO 8601: marks added at or after this
    found: frozenset[tuple[str, str]] | None = None

    def accepts(self, mark: Mark) -> bool:
        if self.kind and mark.kind != self.kind:
            return False
        if self.show and (mark.show or "").casefold() != self.show.casefold():
            return False
        if self.speaker and (mark.speaker or "").casefold() != self.speaker.casefold():
            return False
        if self.episode and mark.episode_id != self.episode:
            return False
        if self.tag and self.tag.casefold() not in {t.casefold() for t in mark.tags}:
            return False
        if self.color and mark.color != self.color:
            return False
        if self.since and mark.added < self.since:
            return False
        return self.found is None or (mark.episode_id, mark.key) in self.found


def since_iso(choice: str, now: datetime | None = None) -> str:
    """The ISO time an "Added" choice starts at ("" for any time); "today" is local today."""
    days = SINCE_DAYS.get(choice)
    if days is None:
        return ""
    now = now or datetime.now().astimezone()
    start = (now - timedelta(days=days)).replace(hour=0, minute=0, second=0, microsecond=0)
    return start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def filter_marks(marks: Iterable[Mark], wanted: MarkFilter) -> list[Mark]:
    return [mark for mark in marks if wanted.accepts(mark)]


def _episode_key(mark: Mark) -> tuple:
    number = mark.number if mark.number is not None else 10**9
    return ((mark.show or "").casefold(), number, mark.title.casefold(), mark.episode_id)


def ordered(marks: Iterable[Mark], order: str = NEWEST) -> list[Mark]:
    """Newest first, or by episode (show, number, title) and then where in it."""
    if order == BY_EPISODE:
        return sorted(
            marks, key=lambda m: (_episode_key(m), m.start if m.start is not None else -1)
        )
    return sorted(marks, key=lambda m: (m.added, m.episode_id, m.start or 0), reverse=True)
