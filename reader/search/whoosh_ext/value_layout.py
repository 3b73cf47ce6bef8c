"""How a transcript posting's value is laid out, and reading many values at once with numpy.

A value (``FastCharacters``) is a varint header, the frequency n times two plus one if
the positions are wide, then the n positions of the word in the episode, ascending, each a
fixed little-endian integer (two bytes, or four where a position passes 65535), then n
start deltas (from the previous occurrence's end) and n lengths, varints.

Positions are fixed-width so that a phrase can look one up: whether "the" stands at
position 4,711 of an episode is a binary search among that episode's positions of "the",
with no position before it decoded. As varint deltas, every position of every word of the
phrase had to be decoded, and for a phrase with a common word ("in the team", "the hard
conversation") that was millions of numbers, 300-500 ms at 10,000 episodes.
"""

from __future__ import annotations

import numpy as np

from reader.search.whoosh_ext import varints

#: Positions up to this fit two bytes.
NARROW_LIMIT = 1 << 16
#: Most bytes a varint takes here (numbers below 2**35).
_MOST = 5


def byte_ranges(at: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """The byte indices of the ranges ``at[i]`` to ``at[i] + sizes[i]``, one after another."""
    total = int(sizes.sum())
    return np.repeat(at - np.cumsum(sizes) + sizes, sizes) + np.arange(total)


def running(deltas: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Each run's deltas summed from its first (runs of ``counts``, some may be empty)."""
    sums = np.cumsum(deltas)
    before = np.concatenate(([0], sums))[np.cumsum(counts) - counts]
    return sums - np.repeat(before, counts)


def within_runs(counts: np.ndarray) -> np.ndarray:
    """Each item's place in its run (runs of ``counts``): 0, 1, ... for each run."""
    return np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)


def varint_runs(
    raw: np.ndarray,
    at: np.ndarray,
    sizes: np.ndarray,
    counts: np.ndarray,
    too_short: str,
    mismatch: str,
) -> np.ndarray:
    """The varints of several byte ranges, each of which must hold ``counts[i]`` of them
    (a number never runs from one range into the next; a range may be empty). A range that
    does not is damage: ValueError ``too_short`` (fewer bytes than numbers) or ``mismatch``."""
    if (sizes < counts).any():
        raise ValueError(too_short)
    picked = raw[byte_ranges(at, sizes)]
    lasts = picked < 128
    range_ends = np.cumsum(sizes)
    closed = np.concatenate(([0], np.cumsum(lasts)))[range_ends]  # numbers ended so far
    whole = lasts[range_ends[sizes > 0] - 1].all()  # each range ends a number
    if not whole or not (np.diff(closed, prepend=0) == counts).all():
        raise ValueError(mismatch)
    return varints.decode_ending(picked, lasts)


# -- writing -------------------------------------------------------------------------------
def pack_values(
    freqs: np.ndarray, positions: np.ndarray, start_deltas: np.ndarray, lengths: np.ndarray
) -> tuple[bytes, np.ndarray]:
    """The values of several words, one after another, and where each starts (with the end
    last). ``freqs[k]`` occurrences each; ``positions`` (ascending within each word),
    ``start_deltas`` and ``lengths`` are the occurrences word after word."""
    words, count = len(freqs), len(positions)
    heads = np.cumsum(freqs) - freqs  # each word's first occurrence
    word_of = np.repeat(np.arange(words), freqs)
    wide = positions[heads + freqs - 1] >= NARROW_LIMIT  # the last position is the largest
    headers = freqs * 2 + wide
    width = np.where(wide, 4, 2)
    # each word's start deltas, then its lengths
    within = np.arange(count) - heads[word_of]
    offsets = np.empty(2 * count, dtype=np.int64)
    offsets[2 * heads[word_of] + within] = start_deltas
    offsets[2 * heads[word_of] + freqs[word_of] + within] = lengths
    header_sizes, offset_sizes = varints.byte_counts(headers), varints.byte_counts(offsets)
    offset_bytes_of = np.add.reduceat(offset_sizes, 2 * heads) if words else offset_sizes
    position_sizes = width * freqs
    sizes = header_sizes + position_sizes + offset_bytes_of
    edges = np.concatenate(([0], np.cumsum(sizes)))
    out = np.empty(int(edges[-1]), dtype=np.uint8)
    out[byte_ranges(edges[:-1], header_sizes)] = np.frombuffer(
        varints.encode(headers, header_sizes), dtype=np.uint8
    )
    four = positions.astype("<u4").view(np.uint8).reshape(-1, 4)
    out[byte_ranges(edges[:-1] + header_sizes, position_sizes)] = four[
        np.arange(4) < width[word_of][:, None]
    ]
    out[byte_ranges(edges[:-1] + header_sizes + position_sizes, offset_bytes_of)] = np.frombuffer(
        varints.encode(offsets, offset_sizes), dtype=np.uint8
    )
    return out.tobytes(), edges


def pack_value(positions: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> bytes:
    """One value (the occurrences sorted by position)."""
    if not len(positions):
        return varints.encode(np.zeros(1, dtype=np.int64))
    start_deltas = starts - np.concatenate(([0], ends[:-1]))
    data, _edges = pack_values(np.array([len(positions)]), positions, start_deltas, ends - starts)
    return data


def unpack_value(value: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One value's positions, start and end offsets (ValueError if it is damaged)."""
    header, size = varints.first(value)
    n, width = header >> 1, 4 if header & 1 else 2
    if size + width * n > len(value):
        raise ValueError("a posting's value is cut off")
    positions = np.frombuffer(value, dtype=f"<u{width}", count=n, offset=size).astype(np.int64)
    numbers = varints.decode(value[size + width * n :])
    if len(numbers) != 2 * n:
        raise ValueError("a posting's offsets do not match its frequency")
    lengths = numbers[n:]
    ends = np.cumsum(numbers[:n] + lengths)
    return positions, ends - lengths, ends


# -- reading many --------------------------------------------------------------------------
class Values:
    """The values of some postings (rows) in ``raw`` (uint8), each from ``starts[i]`` to
    ``ends[i]``: their frequencies, position widths, and where their positions and offsets
    are; positions read, looked up, or offsets decoded for all rows at once."""

    def __init__(self, raw: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> None:
        self.raw, self.ends = raw, ends
        header, size = _leading_number(raw, starts, ends)
        self.counts = header >> 1  # each row's occurrences
        self.width = 2 + 2 * (header & 1)
        self.position_at = starts + size
        self.offset_at = self.position_at + self.width * self.counts
        if (self.offset_at > ends).any():
            raise ValueError("a posting's value is cut off")

    def positions(self) -> np.ndarray:
        """Every position of every row, row after row."""
        counts = self.counts
        if not len(counts):
            return np.empty(0, dtype=np.int64)
        if (self.width == 2).all():  # the usual case: two bytes each, one gather
            picked = self.raw[byte_ranges(self.position_at, 2 * counts)]
            return picked.view("<u2").astype(np.int64)
        row = np.repeat(np.arange(len(counts)), counts)
        at = self.position_at[row] + self.width[row] * within_runs(counts)
        return self._read(at, self.width[row])

    def contain(self, rows: np.ndarray, targets: np.ndarray) -> np.ndarray:
        """Whether row ``rows[i]`` has position ``targets[i]``, for each i: a binary search
        in each row's positions, reading about log2(frequency) of them."""
        low = np.zeros(len(rows), dtype=np.int64)
        high = self.counts[rows].copy()
        base, width = self.position_at[rows], self.width[rows]
        active = np.flatnonzero(low < high)
        while len(active):
            middle = (low[active] + high[active]) >> 1
            less = (
                self._read(base[active] + width[active] * middle, width[active]) < (targets[active])
            )
            low[active] = np.where(less, middle + 1, low[active])
            high[active] = np.where(less, high[active], middle)
            active = active[low[active] < high[active]]
        found = np.zeros(len(rows), dtype=bool)
        inside = np.flatnonzero(low < self.counts[rows])
        at = base[inside] + width[inside] * low[inside]
        found[inside] = self._read(at, width[inside]) == targets[inside]
        return found

    def occurrences(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every row's positions, start and end offsets, row after row."""
        counts = self.counts
        sizes = self.ends - self.offset_at
        damaged = "a posting's offsets do not match its frequency"
        numbers = varint_runs(self.raw, self.offset_at, sizes, 2 * counts, damaged, damaged)
        firsts = np.repeat(2 * (np.cumsum(counts) - counts), counts)
        within = within_runs(counts)
        start_deltas = numbers[firsts + within]
        lengths = numbers[firsts + np.repeat(counts, counts) + within]
        ends = running(start_deltas + lengths, counts)
        return self.positions(), ends - lengths, ends

    def _read(self, at: np.ndarray, width: np.ndarray) -> np.ndarray:
        raw = self.raw
        value = raw[at].astype(np.int64) | raw[at + 1].astype(np.int64) << 8
        wide = np.flatnonzero(width == 4)
        if len(wide):
            w = at[wide]
            value[wide] |= raw[w + 2].astype(np.int64) << 16 | raw[w + 3].astype(np.int64) << 24
        return value


def _leading_number(
    raw: np.ndarray, starts: np.ndarray, ends: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The varint each value starts with and how many bytes it takes."""
    if not len(starts):
        empty = np.empty(0, dtype=np.int64)
        return empty, empty
    if (ends <= starts).any():
        raise ValueError("a posting's value is empty")
    at = np.minimum(starts[:, None] + np.arange(_MOST), (ends - 1)[:, None])
    head = raw[at].astype(np.int64)
    more = np.cumprod(head >= 128, axis=1)  # byte j follows on from byte j - 1
    size = 1 + more[:, : _MOST - 1].sum(axis=1)
    inside = np.arange(_MOST) < size[:, None]
    value = (((head & 127) << (7 * np.arange(_MOST))) * inside).sum(axis=1)
    if (size > ends - starts).any():
        raise ValueError("a posting's value is cut off")
    return value, size
