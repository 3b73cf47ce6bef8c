"""Links from a note back to a passage of a transcript, e.g. the attribution of a quote.

A passage link is an ordinary URL, so a note stays plain Markdown::

    [Grace Obi, Calendars (0:08)](episode-reader://passage?path=show-b/ep06-calendars.srt&t=8&at=312-361&text=Delegating+the+audit+was+the+best+choice+we+made.)

``path`` (required) is the episode's path relative to the library, ``text`` its words
(whitespace folded to single spaces; a long passage keeps only its first words in ``head``
and its last in ``tail`` instead), ``at`` the character offsets it had when the link was made
and ``t`` the time it was said, in seconds. The offsets and the time are hints: a re-imported
or edited transcript is searched for the words the way highlights are found again
(``reader.notes.anchoring``), the occurrence nearest the time winning among equals.

The API, all Qt-free and never raising on bad input:

- ``make_link(episode, start, end)`` -> ``PassageLink`` for ``episode.text[start:end]``;
  ``link.url()`` is its URL (only URL-safe characters: no space, bracket or parenthesis).
- ``parse_link(url)`` -> ``PassageLink`` or ``None`` for anything that is not a well-formed
  passage link (another scheme, no path, a path leaving the library, bad numbers, no words).
- ``resolve(link, episode)`` -> ``Resolution``: ``span`` (start, end offsets into
  ``episode.text``) when the passage is there, else ``None``, ``reason`` (a sentence for the
  user) and ``near`` (where it was, by its time, to show the place).
- ``is_passage_url(url)``: whether a URL claims to be one (to route a click).
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

from reader.model import Episode
from reader.notes.anchoring import anchor
from reader.notes.model import Highlight

log = logging.getLogger(__name__)

SCHEME = "episode-reader"
HOST = "passage"
#: Passages longer than this keep only their first and last words in the link.
WHOLE_TEXT_CHARS = 120
HEAD_CHARS = 60
TAIL_CHARS = 40
#: Longest URL we read (a hand-edited note could hold anything).
MAX_URL_CHARS = 8192
#: Left as they are in a link, for a readable note (none of them means anything to Markdown
#: inside a link's target).
_URL_SAFE = "/,:'!"
_AT = re.compile(r"^(\d{1,12})-(\d{1,12})$")


@dataclass(frozen=True)
class PassageLink:
    """Where a passage was: its episode, words and (as hints) offsets and time."""

    path: str  # the episode's path relative to the library, with "/"
    text: str  # the passage's words, or the first of them when ``tail`` is set
    tail: str = ""  # the last words of a long passage
    start: int | None = None
    end: int | None = None
    time: float | None = None  # seconds

    def url(self) -> str:
        """The link's URL: ``episode-reader://passage?path=…``."""
        fields: list[tuple[str, str]] = [("path", self.path)]
        if self.time is not None:
            fields.append(("t", _seconds(self.time)))
        if self.start is not None and self.end is not None:
            fields.append(("at", f"{self.start}-{self.end}"))
        fields += [("head", self.text), ("tail", self.tail)] if self.tail else [("text", self.text)]
        return f"{SCHEME}://{HOST}?{urlencode(fields, safe=_URL_SAFE)}"


@dataclass(frozen=True)
class Resolution:
    """Where a link's passage stands in an episode, or why it is not found."""

    span: tuple[int, int] | None
    reason: str = ""
    #: When not found: where it was, by its time (else its old offset), to show the place.
    near: int | None = None

    def __bool__(self) -> bool:
        return self.span is not None


def _seconds(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _words(text: str) -> str:
    return " ".join(text.split())


def _cut_head(words: str, limit: int) -> str:
    if len(words) <= limit:
        return words
    return words[:limit].rsplit(" ", 1)[0] or words[:limit]


def _cut_tail(words: str, limit: int) -> str:
    if len(words) <= limit:
        return words
    cut = words[-limit:]
    return cut.split(" ", 1)[1] if " " in cut else cut


def make_link(episode: Episode, start: int, end: int) -> PassageLink | None:
    """A link to ``episode.text[start:end]``; None when the span holds no words."""
    text = episode.text
    start, end = sorted((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    passage = text[start:end]
    start += len(passage) - len(passage.lstrip())
    end -= len(passage) - len(passage.rstrip())
    words = _words(text[start:end])
    if not words:
        return None
    tail = ""
    if len(words) > WHOLE_TEXT_CHARS:
        words, tail = _cut_head(words, HEAD_CHARS), _cut_tail(words, TAIL_CHARS)
    return PassageLink(episode.id, words, tail, start, end, episode.time_at(start))


def is_passage_url(url: str) -> bool:
    """Whether ``url`` is meant as a passage link (well formed or not)."""
    return url.strip().lower().startswith(f"{SCHEME}:")


def _safe_path(path: str) -> str | None:
    """``path`` if it names a file inside the library: relative, no ``..`` (with either
    slash), no drive, no empty part."""
    parts = re.split(r"[/\\]", path)
    if not path or len(path) > 1024 or "\x00" in path or ":" in parts[0]:
        return None
    if any(part in {"", ".", ".."} for part in parts):
        return None
    return path


def parse_link(url: object) -> PassageLink | None:
    """The passage link ``url`` holds, or None if it is not a well-formed one."""
    if not isinstance(url, str) or len(url) > MAX_URL_CHARS or not is_passage_url(url):
        return None
    try:
        parts = urlsplit(url.strip())
        fields = parse_qs(parts.query, keep_blank_values=True, errors="strict")
    except (ValueError, UnicodeDecodeError):
        return None
    where = (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/")
    if where != (SCHEME, HOST, "/"):
        return None
    if any(len(values) != 1 for values in fields.values()):
        return None  # a field given twice is ambiguous
    one = {name: values[0] for name, values in fields.items()}
    path = _safe_path(one.get("path", ""))
    text, head, tail = (_words(one.get(name, "")) for name in ("text", "head", "tail"))
    if path is None or bool(text) == bool(head) or bool(head) != bool(tail):
        return None
    if "\x00" in text + head + tail:
        return None
    start = end = None
    if "at" in one:
        found = _AT.match(one["at"])
        if found is None or int(found[1]) > int(found[2]):
            return None
        start, end = int(found[1]), int(found[2])
    time = None
    if "t" in one:
        try:
            time = float(one["t"])
        except ValueError:
            return None
        if not math.isfinite(time) or time < 0:
            return None
    return PassageLink(path, text or head, tail, start, end, time)


def _offset_at_time(episode: Episode, seconds: float) -> int | None:
    """The start of the paragraph being said at ``seconds`` (the last one starting by then)."""
    best: int | None = None
    for block in episode.layout[1]:
        if block.segment is None:
            continue
        segment = episode.sections[block.section].segments[block.segment]
        pieces = segment.times or ([(0, segment.start)] if segment.start is not None else [])
        for offset, said in pieces:
            if said <= seconds + 0.001:
                best = block.start + offset
    return best


def _find(words: str, text: str, near: int) -> tuple[int, int] | None:
    """Where ``words`` stand in ``text``, the occurrence nearest ``near`` among equals."""
    return anchor(Highlight("", words, "", "", near, near + len(words), ""), text)


def resolve(link: PassageLink, episode: Episode) -> Resolution:
    """Where ``link``'s passage is in ``episode`` (its ``span``), or why it is not found."""
    text = episode.text
    old = (link.start, link.end) if link.start is not None and link.end is not None else None
    if old is not None and not link.tail and _words(text[old[0] : old[1]]) == link.text:
        return Resolution(old)  # nothing moved
    at_time = _offset_at_time(episode, link.time) if link.time is not None else None
    near = at_time if at_time is not None else min(link.start or 0, len(text))
    start = link.start
    if start is not None and _words(text[start : start + 2 * len(link.text)]).startswith(link.text):
        near = start  # its first words are still where they were
    head = _find(link.text, text, near)
    if head is None:
        return Resolution(None, f"The quoted words are no longer in “{episode.title}”.", near)
    if not link.tail:
        return Resolution(head)
    length = (link.end - link.start) if link.start is not None and link.end is not None else 0
    tail = _find(link.tail, text, head[0] + max(length - len(link.tail), 0))
    if tail is None or tail[1] <= head[0] or (length and tail[1] - head[0] > 2 * length + 200):
        why = f"The end of the quoted passage is no longer in “{episode.title}”."
        return Resolution(None, why, near)
    return Resolution((head[0], tail[1]))
