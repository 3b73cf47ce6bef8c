"""Blockquotes in a transcript: a passage read on air, or a pull quote repeating the talk.

A ``>`` blockquote in a Markdown transcript is most often something a speaker reads out (an
article, old minutes, a listener's letter), so it stays in the body where it was read, as
that speaker's words. Only a blockquote that repeats a passage of the body is a pull quote:
then it is lifted out (the body already holds the words) and linked to that passage. An
attribution (``> “...” — Name`` or a last ``> — Name`` line) names the quote's speaker;
without one the speaker is the one whose turn the quote repeats.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from reader.importers.shared.pull_quotes import find_passage
from reader.importers.shared.speakers import plausible_name
from reader.model import Quote, Section, Segment

_QUOTE_MARKS = {"“": "”", '"': '"', "‘": "’", "«": "»", "„": "“", "'": "'"}
_ATTRIBUTION_LINE = re.compile(r"^(?:[—–~]|--?)[ \t]*(?P<name>\S.*)$")
# “Quote.” — Name: the quote part ends with a closing mark or final punctuation, so a dash
# inside a sentence ("a lesson — Never again") is not taken for an attribution.
_INLINE_ATTRIBUTION = re.compile(
    r"^(?P<quote>.*[”\"’'».!?…])[ \t]+(?:[—–~]|--)[ \t]*(?P<name>[^—–~]+)$"
)
_WORD = re.compile(r"\w+")


def quote_of(lines: list[str]) -> Quote | None:
    """A blockquote's plain-text lines as a pull quote: no quote marks, no attribution."""
    lines = [line for line in lines if line]
    if not lines:
        return None
    speaker = None
    last = _ATTRIBUTION_LINE.match(lines[-1])
    if len(lines) > 1 and last and _name_of(last.group("name")):
        speaker = _name_of(last.group("name"))
        lines.pop()
    text = " ".join(lines)
    if speaker is None:
        inline = _INLINE_ATTRIBUTION.match(text)
        if inline and _name_of(inline.group("name")):
            speaker = _name_of(inline.group("name"))
            text = inline.group("quote")
    text = _strip_quote_marks(text)
    return Quote(text, speaker) if text else None


def _name_of(attribution: str) -> str | None:
    """ "Kenji Watanabe, senior director" -> "Kenji Watanabe"; None when it is no name."""
    name = attribution.split(",")[0].strip().rstrip(".")
    return name if plausible_name(name) else None


def _strip_quote_marks(text: str) -> str:
    """“Quote.” -> Quote. (the closing mark may stand before or after final punctuation)."""
    text = text.strip()
    closing = _QUOTE_MARKS.get(text[:1])
    if closing and len(text) > 2:
        body = text[1:]
        core = body.rstrip(".,;!?…")
        if core.endswith(closing):
            text = core[:-1] + body[len(core) :]
    return text.strip()


def paragraphs(lines: list[str]) -> list[str]:
    """A blockquote's plain-text lines as the paragraphs a reader sees (an empty ``>`` line
    parts them)."""
    out: list[list[str]] = [[]]
    for line in lines:
        if line:
            out[-1].append(line)
        elif out[-1]:
            out.append([])
    return [" ".join(part) for part in out if part]


@dataclass
class Passage:
    """A blockquote as found: its quote, and where its text went (body segments or notes)."""

    quote: Quote | None
    segments: list[Segment]
    notes: list[str]  # the notes list the text was put in (the description's parts)
    note_index: int | None = None


def settle(passages: list[Passage], sections: list[Section]) -> list[Quote]:
    """Pull quotes of the passages that repeat the body; the others stay where they were read.

    A passage that repeats another part of the body is lifted out of the body (or the notes)
    and becomes a pull quote; the returned quotes keep the document's order.
    """
    if not passages:
        return []
    placed = {id(seg) for passage in passages for seg in passage.segments}
    body = "\n".join(seg.text for sec in sections for seg in sec.segments if id(seg) not in placed)
    quotes: list[Quote] = []
    lifted: set[int] = set()
    folded = f" {_words(body)} "
    for passage in passages:
        if passage.quote is None or not _repeats(body, folded, passage.quote.text):
            continue
        quotes.append(passage.quote)
        lifted.update(id(seg) for seg in passage.segments)
        if passage.note_index is not None:
            passage.notes[passage.note_index] = ""
    if lifted:
        for section in sections:
            section.segments = [seg for seg in section.segments if id(seg) not in lifted]
    return quotes


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


#: A pull quote retyped for the page may drop or add a word or two ("Trust is built ..." for
#: "The trust on a team is built ..."); this share of its words in one run still repeats.
REPEATED_SHARE = 0.75
#: Longer passages must repeat word for word: a read-out article is never a pull quote.
MAX_LOOSE_WORDS = 40


def _repeats(body: str, folded: str, quote: str) -> bool:
    """Whether ``quote`` repeats a passage of ``body`` (``folded``: its words, casefolded)."""
    if find_passage(body, quote) is not None:
        return True
    words = _words(quote).split()
    if not 4 <= len(words) <= MAX_LOOSE_WORDS:
        return False
    needed = max(4, math.ceil(len(words) * REPEATED_SHARE))
    for length in range(len(words) - 1, needed - 1, -1):
        for first in range(len(words) - length + 1):
            if f" {' '.join(words[first : first + length])} " in folded:
                return True
    return False


def attribute_quotes(quotes: list[Quote], sections: list[Section]) -> None:
    """A quote without attribution is credited to the speaker whose turn it repeats."""
    if all(quote.speaker is not None for quote in quotes):
        return
    segments = [seg for section in sections for seg in section.segments if seg.speaker]
    folded = [f" {_words(seg.text)} " for seg in segments]
    for quote in quotes:
        if quote.speaker is not None:
            continue
        quote.speaker = next(
            (
                seg.speaker
                for seg, words in zip(segments, folded, strict=True)
                if _repeats(seg.text, words, quote.text)
            ),
            None,
        )
