"""Short passages around search hits, with the hit positions inside each passage.

Works on the transcript text and hit spans alone, so search results and the reader agree on
what matched, and no markup ever has to be parsed back out of a highlighter's output.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

_SPACE = re.compile(r"\s+")
ELLIPSIS = "…"
#: Most windows weighed per episode when choosing its snippets.
MAX_CANDIDATES = 24
#: What a heading and the sentence after it are joined with in a snippet.
BREAK = " — "
#: Characters that end a line of conversation (a line ending otherwise is a heading).
_CLOSING = frozenset(".!?…:;,\"'”’)]»—-")


@dataclass
class Snippet:
    text: str
    highlights: list[tuple[int, int]] = field(default_factory=list)  # offsets within ``text``
    field: str = "transcript"  # what it is a passage of: the transcript, "title", "notes"...


def _window(text: str, spans: list[tuple[int, int]], first: int, width: int) -> tuple[int, int]:
    """A window of about ``width`` characters starting a little before ``spans[first]``."""
    start, end = spans[first]
    lead = max(0, (width - (end - start)) // 4)
    lo = max(0, start - lead)
    hi = min(len(text), max(end, lo + width))
    lo = max(0, min(lo, hi - width))
    if lo <= 20:
        lo = 0  # so close to the start that cutting would only lose a word or two
    # Snap to word boundaries so no word is cut in half.
    if lo > 0:
        space = text.rfind(" ", max(0, lo - 20), lo + 1)
        lo = space + 1 if space != -1 else lo
    if hi < len(text):
        space = text.find(" ", hi - 1, hi + 20)
        hi = space if space != -1 else hi
    return lo, max(hi, end)


def _fold(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with white space folded to single spaces; a block break after a
    line with no closing punctuation (a heading, an unfinished turn) becomes " — ", so a
    heading and the sentence after it never run together."""
    piece = text[start:end]
    if "\n\n" not in piece and "\n\r\n" not in piece:  # no block break: the fast way
        return _SPACE.sub(" ", piece)

    def gap(match: re.Match[str]) -> str:
        at = match.start()
        heading = "\n\n" in match.group().replace("\r", "") and at > 0
        return BREAK if heading and piece[at - 1] not in _CLOSING else " "

    return _SPACE.sub(gap, piece)


def _render(text: str, lo: int, hi: int, spans: list[tuple[int, int]]) -> Snippet:
    """Cut ``text[lo:hi]``, fold white space to single spaces, and re-base the spans."""
    out: list[str] = [ELLIPSIS] if lo > 0 else []
    length = len(out[0]) if out else 0
    highlights: list[tuple[int, int]] = []
    pos = lo
    inside = [(max(s, lo), min(e, hi)) for s, e in spans if s < hi and e > lo]
    for s, e in inside:
        plain = _fold(text, pos, s)
        if not out or out == [ELLIPSIS]:
            plain = plain.lstrip()
        out.append(plain)
        length += len(plain)
        hit = _fold(text, s, e)
        highlights.append((length, length + len(hit)))
        out.append(hit)
        length += len(hit)
        pos = e
    tail = _fold(text, pos, hi).rstrip()
    if not inside:
        tail = tail.lstrip()
    out.append(tail)
    if hi < len(text):
        out.append(ELLIPSIS)
    return Snippet("".join(out), highlights)


@lru_cache(maxsize=64)
def name_pattern(name: str | None) -> re.Pattern[str] | None:
    """Where a name (the show's) stands in a text, in any case and spacing."""
    words = re.findall(r"\w+", name or "")
    if not words:
        return None
    # No leading \b: re then scans for the first word as a literal, several times faster
    # over a long transcript; ``_Aside`` checks that a match starts a word.
    return re.compile(r"\W+".join(map(re.escape, words)) + r"\b", re.IGNORECASE)


def _in_word(char: str) -> bool:
    """Whether ``char`` is one re's ``\\w`` matches: a letter, digit or underscore."""
    return char.isalnum() or char == "_"


class _Aside:
    """Where ``aside`` matches in the whole text, and how many hits each match holds: a
    window's count is then two bisections (matching it anew in each of an episode's dozens
    of candidate windows was most of choosing the snippets of a word in the show's name)."""

    def __init__(self, aside: re.Pattern[str], text: str, starts, ends) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.before = [0]  # hits inside the matches before each one
        at = 0
        while (m := aside.search(text, at)) is not None:
            if m.start() and _in_word(text[m.start() - 1]):  # inside a longer word
                at = m.start() + 1
                continue
            at = m.end()
            inside = max(0, bisect_right(ends, m.end()) - bisect_left(starts, m.start()))
            self.starts.append(m.start())
            self.ends.append(m.end())
            self.before.append(self.before[-1] + inside)

    def hits_in(self, lo: int, hi: int) -> int:
        """How many hits stand inside the matches that lie within ``lo`` to ``hi``."""
        first, last = bisect_left(self.starts, lo), bisect_right(self.ends, hi)
        return self.before[last] - self.before[first] if last > first else 0


def make_snippets(
    text: str,
    spans: list[tuple[int, int]],
    count: int = 3,
    width: int = 200,
    aside: re.Pattern[str] | None = None,
) -> list[Snippet]:
    """Up to ``count`` passages of about ``width`` characters, the densest in hits first chosen,
    returned in the order they stand in the text. With no hits, the opening of the text.
    Hits inside a match of ``aside`` (the show's name, said in every intro) do not count
    toward a passage: the conversation is preferred to "Welcome to the show"."""
    if not text.strip():
        return []
    spans = sorted(spans)
    if len(text) <= width:  # a title, a quote: all of it, nothing to choose
        return [_render(text, 0, len(text), spans)]
    if not spans:
        lo, hi = 0, min(len(text), width)
        if hi < len(text):
            space = text.rfind(" ", 0, hi)
            hi = space if space > width // 2 else hi
        return [_render(text, 0, hi, [])]
    # Spans come sorted and apart, so their ends are sorted too: hits inside a window are
    # counted by bisection (counting them one by one was quadratic in an episode's hits).
    starts = [s for s, _e in spans]
    ends = [e for _s, e in spans]
    named = _Aside(aside, text, starts, ends) if aside is not None else None
    candidates = []
    # A window starting at each hit, or at every few hits when there are very many (a
    # common word in every other sentence): the densest passages are found either way.
    for i in range(0, len(spans), max(1, len(spans) // MAX_CANDIDATES)):
        lo, hi = _window(text, spans, i, width)
        hits = max(0, bisect_right(ends, hi) - bisect_left(starts, lo))
        aside_hits = named.hits_in(lo, hi) if named is not None and hits else 0
        candidates.append((-(hits - aside_hits), -hits, lo, hi))
    if any(neg_worth < 0 for neg_worth, *_rest in candidates):  # some passage is worth it
        candidates = [c for c in candidates if c[0] < 0]
    chosen: list[tuple[int, int]] = []
    for _neg_worth, _neg_hits, lo, hi in sorted(candidates):
        if all(hi <= c_lo or lo >= c_hi for c_lo, c_hi in chosen):
            chosen.append((lo, hi))
            if len(chosen) == count:
                break
    return [_render(text, lo, hi, spans) for lo, hi in sorted(chosen)]
