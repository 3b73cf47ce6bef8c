"""The first positions of a word in each of some documents, decoded without the rest.

A phrase of common words ("of the", "you know") is in nearly every episode, and deciding
that decoded every position of both words: about four million numbers for "of the" at
10,000 episodes, most of a search. Whether an episode has the phrase is all the search
needs (its score is its words' scores), and one place is enough: so the first part of each
episode's positions of each word is decoded first (``first_positions``), the phrase is
looked for there, and only the episodes it was not found in are decoded whole. A place
found among the first positions is a real place, so the answers are the same.
"""

from __future__ import annotations

import numpy as np

from reader.search.whoosh_ext import varints
from reader.search.whoosh_ext.blocks.block_arrays import byte_ranges
from reader.search.whoosh_ext.blocks.postings import TermPostings

#: Most bytes a varint takes here (numbers below 2**35).
_MOST = 5


def first_positions(
    postings: TermPostings, rows: np.ndarray, share: float, least: int
) -> tuple[np.ndarray, np.ndarray]:
    """``document << 32 | position`` (sorted) of about the first ``share`` of each row's
    occurrences (at least ``least``) of a ``FastCharacters`` postings, and for each row
    whether those are all of its occurrences."""
    raw, starts, ends = postings.raw_values(rows)
    frequency, size = _leading_number(raw, starts, ends)
    wanted = np.minimum(frequency, np.maximum(least, np.ceil(frequency * share).astype(np.int64)))
    at = starts + size  # the first position delta
    # Room for the wanted deltas if each took two bytes, and for one of any size.
    window = np.minimum(ends - at, 2 * wanted + _MOST)
    picked = raw[byte_ranges(at, window)]
    last = picked < 128
    window_ends = np.cumsum(window) - 1
    cut = ~last[window_ends]  # a number cut off by the window's end: not counted
    last[window_ends] = True
    numbers = varints.decode_ending(picked, last)
    per_window = np.diff(np.cumsum(last)[window_ends], prepend=0)
    taken = np.minimum(per_window - cut, wanted)
    first_of_window = np.cumsum(per_window) - per_window
    deltas = numbers[byte_ranges(first_of_window, taken)]
    positions = _running(deltas, taken)
    docs = np.repeat(postings.ids[rows], taken)
    return (docs << 32) | positions, taken == frequency


def _leading_number(
    raw: np.ndarray, starts: np.ndarray, ends: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The varint each value starts with (its frequency) and how many bytes it takes."""
    at = np.minimum(starts[:, None] + np.arange(_MOST), np.maximum(ends - 1, 0)[:, None])
    head = raw[at].astype(np.int64)
    more = np.cumprod(head >= 128, axis=1)  # byte j follows on from byte j - 1
    size = 1 + more[:, : _MOST - 1].sum(axis=1)
    inside = np.arange(_MOST) < size[:, None]
    value = (((head & 127) << (7 * np.arange(_MOST))) * inside).sum(axis=1)
    if (size > ends - starts).any():
        raise ValueError("a posting's value is cut off")
    return value, size


def _running(deltas: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Each run's deltas summed from its first (runs of ``counts``, some empty)."""
    running = np.cumsum(deltas)
    before = np.concatenate(([0], running))[np.cumsum(counts) - counts]
    return running - np.repeat(before, counts)
