"""Finding a highlight again in a transcript that was re-imported or edited since.

A highlight keeps its passage and some text on each side (``Highlight.before``/``after``);
``anchor`` looks for the passage where it was, then among all its occurrences by how well the
surroundings match, then with whitespace, case and typographic quotes and dashes ignored. A
transcript is recognised across renames by ``fingerprint``, a hash of its text.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import logging
import unicodedata
from array import array

from reader.model import Episode
from reader.notes.model import Highlight, Note
from reader.util import digests

log = logging.getLogger(__name__)

#: Occurrences of a passage compared closely by context (short passages can occur thousands
#: of times; the rest are ranked by a cheap exact-context score first).
_SHORTLIST = 64
_FOLD_CHARS = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"}
)


def text_fingerprint(text: str) -> str:
    """A hash of ``text`` that ignores whitespace changes and Unicode normal forms."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return "b2:" + digests.blake2b(normal.encode("utf-8"), digest_size=16).hexdigest()


def fingerprint(episode: Episode) -> str:
    """What identifies a transcript across renames and moves: its text, not its file name."""
    return text_fingerprint(episode.text)


def _find_all(haystack: str, needle: str) -> list[int]:
    found, pos = [], haystack.find(needle)
    while pos >= 0:
        found.append(pos)
        pos = haystack.find(needle, pos + 1)
    return found


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _matched_chars(a: str, b: str) -> int:
    if not a or not b:
        return 0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def _best_occurrence(
    text: str, starts: list[int], length: int, before: str, after: str, old_start: int
) -> int:
    """The occurrence whose surroundings best match ``before``/``after``; ties: nearest."""

    def around(start: int) -> tuple[str, str]:
        return text[max(0, start - len(before)) : start], text[start + length :][: len(after)]

    def cheap(start: int) -> tuple[int, int]:
        b, a = around(start)
        return _common_suffix(before, b) + _common_prefix(after, a), -abs(start - old_start)

    shortlist = sorted(starts, key=cheap, reverse=True)[:_SHORTLIST]

    def close(start: int) -> tuple[int, int, int]:
        b, a = around(start)
        return _matched_chars(before, b) + _matched_chars(after, a), *cheap(start)

    return max(shortlist, key=close)


@functools.lru_cache(maxsize=4)
def _fold(text: str) -> tuple[str, array[int]]:
    """``text`` with whitespace runs as one space, case folded and typographic quotes and dashes
    made plain, and for each character of the result the index it came from in ``text``
    (an array: a transcript of a million characters must not cost a million int objects)."""
    out: list[str] = []
    origin = array("q")
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space:
                out.append(" ")
                origin.append(i)
            in_space = True
            continue
        in_space = False
        for folded in ch.casefold().translate(_FOLD_CHARS):
            out.append(folded)
            origin.append(i)
    return "".join(out), origin


def anchor(highlight: Highlight, text: str) -> tuple[int, int] | None:
    """Where ``highlight`` stands in ``text`` (maybe a re-imported, slightly edited transcript).

    In order: the old offsets when the passage and its context are still there; else, of every
    exact occurrence of the passage, the one whose surroundings best match the saved context
    (ties: the one nearest the old position; the old offsets win a tie); else the same with
    whitespace, case, curly quotes and dashes ignored; else None (the caller keeps the
    highlight and reports it as not found).
    """
    passage, before, after = highlight.text, highlight.before, highlight.after
    start, end = highlight.start, highlight.end
    if not passage:
        return None
    if 0 <= start <= end <= len(text) and text[start:end] == passage:
        b = text[max(0, start - len(before)) : start]
        a = text[end : end + len(after)]
        if b == before and a == after:
            return start, end  # the usual case: nothing moved
    starts = _find_all(text, passage)
    if starts:
        best = _best_occurrence(text, starts, len(passage), before, after, start)
        return best, best + len(passage)
    folded_text, origin = _fold(text)
    folded_passage = _fold(passage)[0].strip()
    if not folded_passage:
        return None
    starts = _find_all(folded_text, folded_passage)
    if not starts:
        return None
    folded_before, folded_after = _fold(before)[0], _fold(after)[0]
    near = bisect.bisect_left(origin, start)  # the old start, in folded positions
    best = _best_occurrence(
        folded_text, starts, len(folded_passage), folded_before, folded_after, near
    )
    return origin[best], origin[best + len(folded_passage) - 1] + 1


def reanchor(note: Note, text: str) -> list[Highlight]:
    """Update each highlight's offsets for ``text``; returns those not found (kept)."""
    missing = []
    for highlight in note.highlights:
        span = anchor(highlight, text)
        highlight.anchored = span is not None
        if span is None:
            missing.append(highlight)
        else:
            highlight.start, highlight.end = span
    if missing:
        log.info("%d highlight(s) of %s not found in its text", len(missing), note.episode_id)
    return missing
