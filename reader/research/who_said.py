""" "Who said this?": the passages a pasted, exact or half-remembered quote comes from.

The index finds the stretches where the quote's words crowd together
(``search.passage_finder``); here the quote is lined up word by word against each
stretch's text (a local alignment on stemmed words, so "happen" meets "happens"), and scored
by how much of it lines up: 1.0 for the words verbatim, a little less for a changed, missing or
extra word. Punctuation and curly or straight quote marks are not words, so they never count.
Below ``CLOSE`` a passage is not offered: no answer is better than a poor one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from reader.quotes.attribution import QuoteInfo, quote_info
from reader.research.episodes import EpisodeShapes
from reader.search.analysis import EXACT, STEMMED
from reader.search.index import LibraryIndex
from reader.search.passage_finder import Stretch, crowded_stretches

#: The least score a passage needs to be offered.
CLOSE = 0.6
#: Share of the quote's words that must line up with the passage.
MIN_MATCHED = 0.5
#: Passages offered at most.
LIMIT = 10
#: Characters of text looked at on each side of a stretch.
MARGIN = 120
#: How much the unstemmed words (the exact wording) count in the score.
EXACT_WEIGHT = 0.15


@dataclass(frozen=True)
class Passage:
    """Where a quote was said: ``text`` the transcript's own words, ``start``/``end`` its
    offsets in the episode's transcript text, ``time`` seconds into the episode."""

    path: str
    title: str
    speaker: str | None
    time: float | None
    text: str
    score: float
    start: int
    end: int
    info: QuoteInfo  # the attribution Copy Quote gives it

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "title": self.title,
            "speaker": self.speaker,
            "start": self.time,
            "text": self.text,
            "score": self.score,
        }


@dataclass(frozen=True)
class _Fit:
    score: float
    start: int
    end: int


def who_said(ix: LibraryIndex, quote: str, limit: int = LIMIT) -> list[Passage]:
    """The passages ``quote`` most likely comes from, best first; empty when none is close."""
    q_stems = STEMMED.words(quote)[0]
    q_words = EXACT.words(quote)[0]
    if not q_stems:
        return []
    fits: list[tuple[_Fit, Stretch, str]] = []
    texts: dict[str, str] = {}
    for stretch in crowded_stretches(ix, quote):
        text = texts.get(stretch.path)
        if text is None:
            text = texts[stretch.path] = ix.text_of(stretch.path)
        fit = _line_up(q_stems, q_words, text, stretch.start, stretch.end)
        if fit is not None:
            fits.append((fit, stretch, text))
    fits.sort(key=lambda item: -item[0].score)  # stable: the finder's order breaks ties
    shapes = EpisodeShapes(ix)
    kept: list[Passage] = []
    for fit, stretch, text in fits:
        if any(p.path == stretch.path and p.start < fit.end and fit.start < p.end for p in kept):
            continue
        episode = shapes.episode(stretch.path, stretch.stored, text)
        found = episode.segment_at(fit.start)
        speaker = found[0].speaker if found and found[0].speaker else None
        kept.append(
            Passage(
                path=stretch.path,
                title=episode.title,
                speaker=speaker,
                time=episode.time_at(fit.start) if found else None,
                text=text[fit.start : fit.end],
                score=fit.score,
                start=fit.start,
                end=fit.end,
                info=quote_info(episode, fit.start, fit.end),
            )
        )
        if len(kept) == limit:
            break
    return kept


def _line_up(
    q_stems: list[str], q_words: list[str], text: str, start: int, end: int
) -> _Fit | None:
    """How well the quote lines up with the text around ``text[start:end]``, and the
    verbatim stretch it lines up with; None when it is not close."""
    lo, hi = max(0, start - MARGIN), min(len(text), end + MARGIN)
    region = text[lo:hi]
    stems, starts, ends = STEMMED.words(region)
    pairs = align(q_stems, stems)
    if len(pairs) < max(min(2, len(q_stems)), math.ceil(MIN_MATCHED * len(q_stems))):
        return None
    first, last = pairs[0][1], pairs[-1][1]
    # Quote words left over at either end stand for the passage's words there (a changed
    # last word): the passage takes as many more words, within its sentence.
    for _ in range(pairs[0][0]):
        if first == 0 or _BREAK.search(region, int(ends[first - 1]), int(starts[first])):
            break
        first -= 1
    for _ in range(len(q_stems) - 1 - pairs[-1][0]):
        if last + 1 >= len(stems) or _BREAK.search(region, int(ends[last]), int(starts[last + 1])):
            break
        last += 1
    span = last - first + 1
    words = EXACT.words(region)[0]
    same = sum(q_words[i] == words[j] for i, j in pairs)
    stem_score = 2 * len(pairs) / (len(q_stems) + span)
    exact_score = 2 * same / (len(q_stems) + span)
    score = round((1 - EXACT_WEIGHT) * stem_score + EXACT_WEIGHT * exact_score, 4)
    if score < CLOSE:
        return None
    return _Fit(score, lo + int(starts[first]), lo + int(ends[last]))


#: What ends a sentence or a paragraph between two words.
_BREAK = re.compile(r"[.!?;:…]|\n\n")

#: Local alignment scores: a word that lines up, one that differs, one left out on a side.
_SAME, _DIFFERENT, _GAP = 2, -1, -1


def align(quote: list[str], words: list[str]) -> list[tuple[int, int]]:
    """The best local alignment of ``quote`` with ``words`` (Smith-Waterman): the pairs
    (quote index, word index) of the words that line up, in order. Unlike difflib's greedy
    longest-block-first matching, a changed word does not send the rest of the quote to
    the next place its words happen to recur."""
    rows, cols = len(quote), len(words)
    score = [[0] * (cols + 1) for _ in range(rows + 1)]
    best, at = 0, (0, 0)
    for i in range(1, rows + 1):
        term, above, here = quote[i - 1], score[i - 1], score[i]
        for j in range(1, cols + 1):
            value = max(
                0,
                above[j - 1] + (_SAME if words[j - 1] == term else _DIFFERENT),
                above[j] + _GAP,
                here[j - 1] + _GAP,
            )
            here[j] = value
            if value >= best and value:  # the longer of equal alignments
                best, at = value, (i, j)
    pairs = []
    i, j = at
    while i > 0 and j > 0 and score[i][j] > 0:
        same = quote[i - 1] == words[j - 1]
        if score[i][j] == score[i - 1][j - 1] + (_SAME if same else _DIFFERENT):
            if same:
                pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif score[i][j] == score[i - 1][j] + _GAP:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]
