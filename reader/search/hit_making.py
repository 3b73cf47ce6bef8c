"""One search hit from what the postings say about it: its match count, where it matched
and its snippets; the snippets of a hit may be left for later.

The window lists 200 hits but shows a dozen at a time, and making a hit's snippets (reading
its cached text, choosing and rendering three passages) is most of the cost of each hit;
counting its places needs its spans and, for several words, its text too. So
``LibraryIndex.search(..., snippets_for=N)`` makes the first N hits whole and the others
``pending`` (title, show, score: what the stored fields say), and
``LibraryIndex.details_of`` makes the rest when their rows come into view, here, with the
same code, so they are the hits an eager search gives.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.search.field_hits import TRANSCRIPT, FieldHits, stems_of
from reader.search.health import suspect_text, text_fits
from reader.search.results import SearchHit
from reader.search.snippets import make_snippets, name_pattern
from reader.search.spans import places

#: Transcript passages a whole hit gets unless asked otherwise (the command line shows three).
SNIPPETS_PER_HIT = 3


@dataclass(frozen=True)
class HitMaker:
    """What every hit of one search shares."""

    folder: Path  # the index folder, to note a damaged cached text
    text_of: Callable[[str], str]
    groups: list  # match_groups(query)
    field_hits: FieldHits
    snippet_count: int = SNIPPETS_PER_HIT  # transcript passages per hit

    def pending(self, stored: dict, score: float) -> SearchHit:
        """A hit whose snippets, match count and fields are made later (``details_of``)."""
        return SearchHit(
            path=stored["path"],
            title=stored["title"],
            number=stored.get("number"),
            show=stored.get("show") or None,
            score=score,
            matches=None,
            snippets_pending=True,
            audio=stored.get("audio"),
        )

    def make(
        self,
        docnum: int,
        stored: dict,
        spans: list[tuple[int, int]],
        score: float,
    ) -> SearchHit:
        """The hit of document ``docnum`` (its ``stored`` fields, transcript ``spans``)."""
        episode_id = stored["path"]
        transcript = self.text_of(episode_id)
        if not text_fits(transcript, spans):  # a damaged cached text: no snippets
            suspect_text(self.folder, episode_id)
            transcript = ""
        elif len(self.groups) > 1:  # counted as the reader steps: words together are one
            spans = places(transcript, spans)
        count = len(spans)
        elsewhere = self.field_hits.of(docnum, stored)
        terms = {term for group in self.groups for term in group}
        show = stored.get("show")
        aside = name_pattern(show) if terms & stems_of(show) else None
        snippets = []
        if spans or not elsewhere:
            snippets = make_snippets(transcript, spans, self.snippet_count, aside=aside)
        snippets += [f.snippet for f in elsewhere]
        return SearchHit(
            path=episode_id,
            title=stored["title"],
            number=stored.get("number"),
            show=stored.get("show") or None,
            score=score,
            matches=count + sum(len(f.spans) for f in elsewhere),
            snippets=snippets,
            in_notes=any(f.field == "notes" for f in elsewhere),
            fields=([TRANSCRIPT] if spans else []) + [f.field for f in elsewhere],
            audio=stored.get("audio"),
        )
