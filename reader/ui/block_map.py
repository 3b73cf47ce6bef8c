"""Where the transcript text sits in the laid-out document, block by block.

The view inserts a speaker label before each segment's text and pull-quote blocks between
segments, so an offset in ``Episode.text`` and a position in the document differ by a
different amount in every block. For each block that holds transcript text, the map keeps
the text offset where it starts and the document positions where its text starts and ends;
bisecting those lists turns one into the other."""

from __future__ import annotations

import bisect


class BlockMap:
    def __init__(self) -> None:
        self.starts: list[int] = []  # episode-text offset where each mapped block starts
        self.positions: list[int] = []  # document position of the same
        self.ends: list[int] = []  # document position where each mapped block's text ends

    def add(self, start: int, position: int, end: int) -> None:
        """Map the block whose text (from offset ``start``) spans ``position``…``end``."""
        self.starts.append(start)
        self.positions.append(position)
        self.ends.append(end)

    def position_of(self, offset: int) -> int:
        """Document position of an offset in the episode's transcript text."""
        if not self.starts:
            return 0
        i = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        return self.positions[i] + (offset - self.starts[i])

    def offset_of(self, position: int) -> int | None:
        """The transcript-text offset of a document position (None outside the text, e.g. in
        a speaker label or a pull-quote block)."""
        i = bisect.bisect_right(self.positions, position) - 1
        if i < 0 or position > self.ends[i]:
            return None
        return self.starts[i] + (position - self.positions[i])

    def nearest_offset(self, position: int, forward: bool) -> int | None:
        """Offset of ``position``, or of the nearest text position inward when it falls on a
        speaker label or between blocks (a selection that starts on a label still counts)."""
        offset = self.offset_of(position)
        if offset is not None:
            return offset
        if forward:
            i = bisect.bisect_right(self.positions, position)
            return self.starts[i] if i < len(self.starts) else None
        i = bisect.bisect_right(self.positions, position) - 1
        return self.starts[i] + (self.ends[i] - self.positions[i]) if i >= 0 else None
