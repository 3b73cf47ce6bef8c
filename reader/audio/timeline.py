"""Playback time <-> transcript text, for the player: which words are being said at a moment,
and at which moment a passage was said.

The finest timing the file gives is used: each caption cue or JSON word a segment was merged
from (``Segment.times``) is a piece of its own, else the whole segment is one piece from its
``start``. Text to time reuses ``Episode.time_at`` (the same lookup quotes and the tooltip use);
time to text bisects over the pieces' starts. Segments without a time have no piece, so a
transcript without times maps nothing: the player plays, and no line claims to be spoken.
No Qt here."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from reader.model import Episode


@dataclass(frozen=True)
class Piece:
    """A stretch of transcript text said from ``start`` seconds: ``text[begin:end]``."""

    start: float
    begin: int
    end: int


class Timeline:
    def __init__(self, episode: Episode) -> None:
        self.episode = episode
        pieces: list[Piece] = []
        text, blocks = episode.layout
        for block in blocks:
            if block.segment is None:
                continue
            segment = episode.sections[block.section].segments[block.segment]
            times = segment.times or ([(0, segment.start)] if segment.start is not None else [])
            if not times:
                continue  # untimed: no moment is claimed for it
            bounds = [offset for offset, _seconds in times[1:]] + [block.end - block.start]
            for (offset, seconds), until in zip(times, bounds, strict=True):
                begin, end = block.start + offset, block.start + until
                while end > begin and text[end - 1].isspace():
                    end -= 1  # the mark ends on the last word, not the space before the next
                if end > begin:
                    pieces.append(Piece(seconds, begin, end))
        # Stable: pieces said at the same moment stay in reading order; a file whose times go
        # back (a re-ordered export) still finds the piece that started last before a moment.
        pieces.sort(key=lambda piece: piece.start)
        self.pieces = pieces
        self._starts = [piece.start for piece in pieces]

    @property
    def timed(self) -> bool:
        """Whether any of the transcript says when it was said."""
        return bool(self.pieces)

    def piece_at(self, seconds: float) -> Piece | None:
        """The piece being said at ``seconds``: the last one that started by then (``None``
        before the first one, e.g. during an intro, and for a transcript without times)."""
        index = bisect.bisect_right(self._starts, seconds) - 1
        return self.pieces[index] if index >= 0 else None

    def time_at(self, offset: int) -> float | None:
        """When the words at transcript offset ``offset`` were said, if the file says."""
        return self.episode.time_at(offset)
