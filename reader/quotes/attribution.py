"""Who said a passage, and when: the facts a quote is attributed with.

A selection (or a highlight) is credited to the speaker of the first paragraph it reaches
into, at the time of its own first words (also in the middle of a paragraph merged from several
cues); an unlabelled passage takes the attribution of a pull quote it overlaps, else the host.
A pull quote is written as printed, with the time of the body passage it repeats.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from reader.model import Episode, Segment
from reader.quotes.marks import typeset_quote
from reader.util.timefmt import format_time


@dataclass(frozen=True)
class QuoteInfo:
    quote: str
    speaker: str | None = None
    show: str | None = None
    title: str | None = None
    number: int | None = None
    timestamp: float | None = None  # seconds
    date: str | None = None
    #: Where the words stand in the episode's text (offsets), for a link back to them; None
    #: for a pull quote that repeats no passage. Not part of what a quote says.
    span: tuple[int, int] | None = field(default=None, compare=False)

    def values(self) -> dict[str, str | None]:
        """Each placeholder's text, ``None`` when the part is missing (blank counts as missing)."""
        raw = {
            "quote": self.quote,
            "speaker": self.speaker,
            "show": self.show,
            "title": self.title,
            "number": str(self.number) if self.number is not None else None,
            "timestamp": format_time(self.timestamp) if self.timestamp is not None else None,
            "date": self.date,
        }
        out: dict[str, str | None] = {}
        for name, value in raw.items():
            if value is not None:
                # Names and titles come from files: one line each. The quote keeps its lines,
                # and its inner quote marks are curled the way every flavour writes them.
                value = typeset_quote(value.strip()) if name == "quote" else " ".join(value.split())
            out[name] = value or None
        return out


def quote_info(episode: Episode, start: int, end: int) -> QuoteInfo:
    """Who said ``episode.text[start:end]`` and when, for a selection or a highlight."""
    text = episode.text
    start, end = sorted((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    passage = text[start:end]
    # A selection that begins in the blank lines before a paragraph starts in that paragraph.
    first = start + len(passage) - len(passage.lstrip())
    segment = _segment_at(episode, first, max(end, first + 1))
    speaker = segment.speaker if segment and segment.speaker and segment.speaker.strip() else None
    if speaker is None:
        speaker = _pull_quote_speaker(episode, start, end) or _host(episode)
    # The time of the passage's own cue, also in the middle of a merged paragraph.
    timestamp = episode.time_at(first) if segment else None
    return QuoteInfo(
        quote=" ".join(passage.split()),
        speaker=speaker,
        show=episode.show,
        title=episode.title,
        number=episode.number,
        timestamp=segment.start if segment and timestamp is None else timestamp,
        date=episode.date,
        span=(start, end),
    )


def pull_quote_info(episode: Episode, quote_index: int) -> QuoteInfo:
    """A pull quote as printed, with the time of the body passage it repeats (if found)."""
    quote = episode.quotes[quote_index]
    if quote.start is not None and quote.end is not None:
        body = quote_info(episode, quote.start, quote.end)
    else:
        body = QuoteInfo(
            "",
            speaker=_host(episode),
            show=episode.show,
            title=episode.title,
            number=episode.number,
            date=episode.date,
        )
    return replace(body, quote=" ".join(quote.text.split()), speaker=quote.speaker or body.speaker)


def _segment_at(episode: Episode, start: int, end: int) -> Segment | None:
    """The segment the passage starts in: the first segment reaching into it (a passage that
    starts in a heading belongs to the paragraph after it, if it reaches that far)."""
    blocks = episode.layout[1]
    index = episode.block_at(start)
    for block in blocks[index or 0 :]:
        if block.segment is None or block.end <= start:
            continue
        if block.start < end:
            return episode.sections[block.section].segments[block.segment]
        return None
    return None


def _pull_quote_speaker(episode: Episode, start: int, end: int) -> str | None:
    """The attribution of the pull quote whose body passage overlaps the passage most."""
    best: tuple[int, str] | None = None
    for quote in episode.quotes:
        if quote.start is None or quote.end is None or not quote.speaker:
            continue
        overlap = min(end, quote.end) - max(start, quote.start)
        if overlap > 0 and (best is None or overlap > best[0]):
            best = (overlap, quote.speaker)
    return best[1] if best else None


def _host(episode: Episode) -> str | None:
    return episode.speakers[0] if episode.speakers else None
