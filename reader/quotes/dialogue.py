"""A selection across a change of speaker is a short dialogue, never one quote: each turn is
credited to its own speaker at the time it starts, so nobody's words are put in another's mouth.
Consecutive paragraphs of one speaker stay one part (and a selection within them one quote).

The three clipboard flavours say the same thing with the same marks::

    Daniel Reyes (0:04): “…each year.”
    Grace Obi (0:08): “Delegating the audit”
    — Middle Managers Unite, Episode 6: Calendars
"""

from __future__ import annotations

import html as html_lib
from dataclasses import dataclass, replace

from reader.model import Episode
from reader.quotes.attribution import QuoteInfo, quote_info
from reader.quotes.marks import typeset_quote
from reader.quotes.render import ATTRIBUTION_DASH, LinkFor, escape_markdown, linked
from reader.quotes.template import DEFAULT_TEMPLATE, attribution, quote_marks

#: Who a part is credited to when the transcript names nobody for it.
UNNAMED = "Unnamed speaker"


@dataclass(frozen=True)
class Dialogue:
    """Two or more turns, in order; each part is a ``QuoteInfo`` with its speaker and time."""

    parts: tuple[QuoteInfo, ...]

    def speakers(self) -> list[str]:
        """Each speaker once, in the order they speak."""
        return list(dict.fromkeys(part.speaker or UNNAMED for part in self.parts))

    def who(self) -> str:
        """The speakers for a message: ``A and B``, ``A, B and C``."""
        names = self.speakers()
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def selection_quote(episode: Episode, start: int, end: int) -> QuoteInfo | Dialogue:
    """What ``episode.text[start:end]`` is: one speaker's quote, or a dialogue of turns."""
    parts = _turns(episode, start, end)
    if len(parts) < 2:
        return quote_info(episode, start, end)
    return Dialogue(tuple(quote_info(episode, s, e) for s, e in parts))


def _turns(episode: Episode, start: int, end: int) -> list[tuple[int, int]]:
    """The passage split where the speaker changes: one ``(start, end)`` per turn (headings
    are nobody's words: they go with the turn around them)."""
    turns: list[tuple[int, int, str | None]] = []
    for piece_start, piece_end, _segment in episode.spoken_pieces(start, end):
        speaker = quote_info(episode, piece_start, piece_end).speaker
        if turns and turns[-1][2] == speaker:
            turns[-1] = (turns[-1][0], piece_end, speaker)
        else:
            turns.append((piece_start, piece_end, speaker))
    return [(s, e) for s, e, _speaker in turns]


def _source(dialogue: Dialogue, template: str) -> str:
    """Where the dialogue is from: the template's attribution without speaker and time."""
    first = dialogue.parts[0]
    return attribution(replace(first, speaker=None, timestamp=None), template)


def _who(part: QuoteInfo) -> tuple[str, str]:
    """The part's speaker, and `` (0:04)`` when its time is known."""
    values = part.values()
    when = f" ({values['timestamp']})" if values["timestamp"] else ""
    return values["speaker"] or UNNAMED, when


def _said(part: QuoteInfo, template: str) -> str:
    """The part's words in the marks the template quotes with (curly by default)."""
    opening, closing = quote_marks(template)
    return f"{opening}{typeset_quote(' '.join(part.quote.split()))}{closing}"


def dialogue_plain_text(dialogue: Dialogue, template: str = DEFAULT_TEMPLATE) -> str:
    """One line per turn (``Speaker (0:04): “…”``), then ``— Show, Episode…``."""
    lines = []
    for part in dialogue.parts:
        who, when = _who(part)
        lines.append(f"{who}{when}: {_said(part, template)}")
    source = _source(dialogue, template)
    if source:
        lines.append(f"{ATTRIBUTION_DASH} {source}")
    return "\n".join(lines)


def _whole(dialogue: Dialogue) -> QuoteInfo:
    """The first part, standing for the whole dialogue (its span from first to last turn)."""
    first, last = dialogue.parts[0], dialogue.parts[-1]
    span = (first.span[0], last.span[1]) if first.span and last.span else None
    return replace(first, span=span)


def dialogue_markdown(
    dialogue: Dialogue, template: str = DEFAULT_TEMPLATE, link: LinkFor | None = None
) -> str:
    """A Markdown block quote, one paragraph per turn with the speaker in bold; with ``link``,
    each turn's time links to that turn and the source line to the whole passage."""
    lines: list[str] = []
    for part in dialogue.parts:
        who, when = _who(part)
        if when and link is not None:
            when = f" ({linked(when.strip()[1:-1], link(part))})"
        said = escape_markdown(_said(part, template), line_start=False)
        if lines:
            lines.append(">")
        lines.append(f"> **{escape_markdown(who, line_start=False)}**{when}: {said}")
    source = escape_markdown(_source(dialogue, template), line_start=False)
    url = link(_whole(dialogue)) if link is not None else None
    if url and not source:
        source = "passage"
    if source:
        lines += [">", f"> {ATTRIBUTION_DASH} {linked(source, url)}"]
    return "\n".join(lines)


def dialogue_html(dialogue: Dialogue, template: str = DEFAULT_TEMPLATE) -> str:
    """``<blockquote>`` with a ``<p>`` per turn and the source in its ``<footer>``, all escaped."""
    paragraphs = []
    for part in dialogue.parts:
        who, when = _who(part)
        paragraphs.append(
            f"<p><strong>{html_lib.escape(who, quote=False)}</strong>{when}: "
            f"{html_lib.escape(_said(part, template), quote=False)}</p>"
        )
    source = _source(dialogue, template)
    footer = (
        f"<footer>{ATTRIBUTION_DASH} {html_lib.escape(source, quote=False)}</footer>"
        if source
        else ""
    )
    return f"<blockquote>{''.join(paragraphs)}{footer}</blockquote>"
