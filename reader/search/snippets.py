"""Short passages around search hits, with the hit positions inside each passage.

Works on the transcript text and hit spans alone, so search results and the reader agree on
what matched, and no markup ever has to be parsed back out of a highlighter's output.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

_SPACE = re.compile(r"\s+")
ELLIPSIS = "…"
#: Most windows weighed per episode when choosing its snippets.
MAX_CANDIDATES = 24


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


def _render(text: str, lo: int, hi: int, spans: list[tuple[int, int]]) -> Snippet:
    """Cut ``text[lo:hi]``, fold white space to single spaces, and re-base the spans."""
    out: list[str] = [ELLIPSIS] if lo > 0 else []
    length = len(out[0]) if out else 0
    highlights: list[tuple[int, int]] = []
    pos = lo
    inside = [(max(s, lo), min(e, hi)) for s, e in spans if s < hi and e > lo]
    for s, e in inside:
        plain = _SPACE.sub(" ", text[pos:s])
        if not out or out == [ELLIPSIS]:
            plain = plain.lstrip()
        out.append(plain)
        length += len(plain)
        hit = _SPACE.sub(" ", text[s:e])
        highlights.append((length, length + len(hit)))
        out.append(hit)
        length += len(hit)
        pos = e
    tail = _SPACE.sub(" ", text[pos:hi]).rstrip()
    if not inside:
        tail = tail.lstrip()
    out.append(tail)
    if hi < len(text):
        out.append(ELLIPSIS)
    return Snippet("".join(out), highlights)


def make_snippets(
    text: str, spans: list[tuple[int, int]], count: int = 3, width: int = 200
) -> list[Snippet]:
    """Up to ``count`` passages of about ``width`` characters, the densest in hits first chosen,
    returned in the order they stand in the text. With no hits, the opening of the text."""
    if not text.strip():
        return []
    spans = sorted(spans)
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
    candidates = []
    # A window starting at each hit, or at every few hits when there are very many (a
    # common word in every other sentence): the densest passages are found either way.
    for i in range(0, len(spans), max(1, len(spans) // MAX_CANDIDATES)):
        lo, hi = _window(text, spans, i, width)
        hits = max(0, bisect_right(ends, hi) - bisect_left(starts, lo))
        candidates.append((-hits, lo, hi))
    chosen: list[tuple[int, int]] = []
    for _neg_hits, lo, hi in sorted(candidates):
        if all(hi <= c_lo or lo >= c_hi for c_lo, c_hi in chosen):
            chosen.append((lo, hi))
            if len(chosen) == count:
                break
    return [_render(text, lo, hi, spans) for lo, hi in sorted(chosen)]
