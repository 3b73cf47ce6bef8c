"""A mark as a quote (for Copy Quote and Save Quote as Image in the browser), and the speaker
and time of highlights made before highlights kept them: both need the transcript, which is
imported for the marks that need it only.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from reader.annotations.marks import HIGHLIGHT, Mark
from reader.importers import import_file
from reader.model import Episode
from reader.quotes.attribution import QuoteInfo, pull_quote_info
from reader.quotes.dialogue import Dialogue, selection_quote
from reader.util.pathnames import library_file

log = logging.getLogger(__name__)


def load_episode(library: Path, episode_id: str) -> Episode | None:
    try:
        result = import_file(library_file(library, episode_id), library)
    except (OSError, ValueError) as exc:
        log.info("cannot read %s for its marks: %s", episode_id, exc)
        return None
    return result if isinstance(result, Episode) else None


def passage_of(mark: Mark, episode: Episode) -> tuple[int, int] | None:
    """Where a highlight's words stand in the transcript as it is now: at its offsets, else
    the occurrence nearest to them; None when the words are gone."""
    text = episode.text
    if mark.start is not None and mark.end is not None and text[mark.start : mark.end] == mark.text:
        return mark.start, mark.end
    found, near = -1, mark.start or 0
    pos = text.find(mark.text)
    while pos >= 0:
        if found < 0 or abs(pos - near) < abs(found - near):
            found = pos
        pos = text.find(mark.text, pos + 1)
    return (found, found + len(mark.text)) if found >= 0 else None


def fallback_info(mark: Mark) -> QuoteInfo:
    """The quote from what the mark itself knows (its transcript could not be read)."""
    return QuoteInfo(
        quote=mark.text,
        speaker=mark.speaker,
        show=mark.show,
        title=mark.title,
        number=mark.number,
        timestamp=mark.time,
        date=mark.date,
    )


def quote_of(mark: Mark, episode: Episode | None) -> QuoteInfo | Dialogue:
    """The quote a mark makes, attributed as Copy Quote in the transcript attributes it (a
    highlight across a change of speaker is a dialogue)."""
    if episode is None:
        return fallback_info(mark)
    index = mark.quote_index
    if index is not None:
        if index < len(episode.quotes):
            return pull_quote_info(episode, index)
        return fallback_info(mark)
    span = passage_of(mark, episode)
    return selection_quote(episode, *span) if span is not None else fallback_info(mark)


def speaker_and_time(info: QuoteInfo | Dialogue) -> tuple[str | None, float | None]:
    """What a highlight keeps of its quote: the speaker (all of them, for a dialogue) and
    the time its words begin."""
    if isinstance(info, Dialogue):
        return info.who(), info.parts[0].timestamp
    return info.speaker, info.timestamp


def attribute_old_highlights(marks: Iterable[Mark], library: Path) -> list[Mark]:
    """Highlights that know neither speaker nor time (made before highlights kept them) get
    them from their transcript; each transcript is imported once."""
    episodes: dict[str, Episode | None] = {}
    out = []
    for mark in marks:
        if mark.kind == HIGHLIGHT and mark.speaker is None and mark.time is None:
            if mark.episode_id not in episodes:
                episodes[mark.episode_id] = load_episode(library, mark.episode_id)
            episode = episodes[mark.episode_id]
            if episode is not None:
                speaker, time = speaker_and_time(quote_of(mark, episode))
                mark = replace(mark, speaker=speaker, time=time)
        out.append(mark)
    return out
