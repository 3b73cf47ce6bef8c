"""Narrowing the episode list by show, speaker and year, beside the search box: the same
filters for the window and ``search --show/--speaker/--year``. Plain data, no Whoosh.

A filter matches whole values, ignoring case: ``--show "the coaching hour"`` is that show,
not every show with "coaching" in its name (``show:coaching`` in the query does that).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Filters:
    """The filters chosen; None leaves that part open."""

    show: str | None = None
    speaker: str | None = None
    year: str | None = None

    def __bool__(self) -> bool:
        return any((self.show, self.speaker, self.year))

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in (("show", self.show), ("speaker", self.speaker),
                                  ("year", self.year)) if v}  # fmt: skip

    @classmethod
    def from_dict(cls, data: object) -> Filters:
        """From remembered settings; anything unexpected is left out (no filter)."""
        if not isinstance(data, dict):
            return cls()
        values = {k: data.get(k) for k in ("show", "speaker", "year")}
        return cls(**{k: v for k, v in values.items() if isinstance(v, str) and v})


@dataclass(frozen=True)
class Facet:
    """What the filters look at of one episode."""

    show: str | None
    speakers: tuple[str, ...]
    year: str | None

    @classmethod
    def of(cls, show: str | None, speakers: str, date: str | None) -> Facet:
        """From the index's stored values (speakers as the index keeps them, comma-joined)."""
        names = tuple(name.strip() for name in speakers.split(", ") if name.strip())
        year = date[:4] if date and date[:4].isdigit() else None
        return cls(show or None, names, year)


@dataclass(frozen=True)
class FacetCounts:
    """How many of the listed episodes each show, speaker and year has, most first."""

    shows: list[tuple[str, int]] = field(default_factory=list)
    speakers: list[tuple[str, int]] = field(default_factory=list)
    years: list[tuple[str, int]] = field(default_factory=list)

    @classmethod
    def of(
        cls,
        shows: Iterable[tuple[str, int]],
        speakers: Iterable[tuple[str, int]],
        years: Iterable[tuple[str, int]],
    ) -> FacetCounts:
        """From (value, episodes) pairs: shows and speakers most first (then by name, any
        case), years newest first."""

        def ordered(counts: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
            return sorted(counts, key=lambda item: (-item[1], item[0].casefold()))

        return cls(ordered(shows), ordered(speakers), sorted(years, reverse=True))
