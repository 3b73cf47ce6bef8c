"""A moment of a dossier: the sentence or two around a hit, within one speaker's turn.

The context is cut at sentence ends inside the paragraph (block) the hit stands in, so a
moment never mixes two speakers; a short sentence takes the next one too, and a paragraph
without punctuation (captions often have none) is cut a little way either side of the hit,
at a word boundary.
"""

from __future__ import annotations

import re

from reader.model import Episode

#: A moment shorter than this takes one more sentence.
SHORT = 90
#: A sentence longer than this is cut around the hit.
LONG = 360
#: Characters kept on each side of the hit when a sentence is cut.
AROUND = 150

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)")


def block_bounds(episode: Episode, offset: int) -> tuple[int, int]:
    """Where the heading or paragraph holding transcript offset ``offset`` starts and ends."""
    index = episode.block_at(offset)
    if index is None:
        return 0, len(episode.text)
    blocks = episode.layout[1]
    block = blocks[index]
    if offset >= block.end and index + 1 < len(blocks):
        block = blocks[index + 1]
    return block.start, block.end


def _sentence_start(text: str, lo: int, at: int) -> int:
    start = lo
    for match in _SENTENCE_END.finditer(text, lo, at):
        start = match.end()
    while start < at and text[start].isspace():
        start += 1
    return start


def _sentence_end(text: str, at: int, hi: int) -> int:
    match = _SENTENCE_END.search(text, at, hi)
    return match.end() if match else hi


def context_bounds(text: str, block: tuple[int, int], hit: tuple[int, int]) -> tuple[int, int]:
    """The sentence (or two) of ``text`` around ``hit`` inside ``block``."""
    lo, hi = block
    start = _sentence_start(text, lo, max(lo, hit[0]))
    end = _sentence_end(text, min(hit[1], hi), hi)
    if end - start < SHORT and end < hi:
        end = _sentence_end(text, min(end + 1, hi), hi)
    if end - start < SHORT and start > lo:
        start = _sentence_start(text, lo, max(lo, start - 1))
    if end - start > LONG:
        if hit[0] - start > AROUND:
            cut = hit[0] - AROUND
            space = text.find(" ", cut, hit[0])
            start = space + 1 if space >= 0 else cut
        if end - hit[1] > AROUND:
            cut = hit[1] + AROUND
            space = text.rfind(" ", hit[1], cut)
            end = space if space >= 0 else cut
    return start, max(end, hit[1])


def moments_of(episode: Episode, hits: list[tuple[int, int]]) -> list[tuple[int, int, list]]:
    """The moments of an episode's hits, in order: (start, end, hits in it), where hits
    whose contexts overlap share one moment."""
    text = episode.text
    found: list[tuple[int, int, list]] = []
    for hit in hits:
        block = block_bounds(episode, hit[0])
        start, end = context_bounds(text, block, hit)
        if found and start < found[-1][1] and found[-1][0] >= block[0]:
            last = found[-1]
            found[-1] = (last[0], max(last[1], end), [*last[2], hit])
        else:
            found.append((start, end, [hit]))
    return found
