"""The episode model every importer produces: plain data, no Qt, no file formats.

An episode's *transcript text* is one string built from its sections: each section's heading
(when it has one) and each segment's text, separated by blank lines. Quote offsets, search hit
spans and highlights are character offsets into that string, so every part of the app agrees
on where a passage stands.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

BLOCK_SEPARATOR = "\n\n"


@dataclass
class Segment:
    """A stretch of speech: one turn of one speaker, or a paragraph when nobody is named."""

    text: str
    speaker: str | None = None
    start: float | None = None  # seconds from the start of the episode
    end: float | None = None
    #: Where each timed piece it was merged from (a caption cue, a JSON word) begins in
    #: ``text``, and that piece's start: ``[(0, 12.0), (48, 15.5), ...]``. Empty when the
    #: segment has one time only (``start``).
    times: list[tuple[int, float]] = field(default_factory=list)

    def time_at(self, offset: int) -> float | None:
        """When the words at ``offset`` in ``text`` were said: the start of the piece they
        came from, else the segment's start."""
        if self.times:
            index = bisect.bisect_right(self.times, offset, key=lambda time: time[0]) - 1
            if index >= 0:
                return self.times[index][1]
        return self.start


@dataclass
class Section:
    heading: str | None = None
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Quote:
    """A pull quote; ``start``/``end`` locate the body passage it repeats, if it repeats one."""

    text: str
    speaker: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Block:
    """Where one heading or segment stands in the transcript text."""

    start: int
    end: int
    section: int
    segment: int | None  # None for the section heading


@dataclass(eq=False)
class Episode:
    id: str  # path relative to the library root, with forward slashes
    source: Path
    format: str
    title: str
    number: int | None = None
    show: str | None = None
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) when the source gives one
    speakers: list[str] = field(default_factory=list)
    description: str = ""
    topics: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    audio: str | None = None

    @cached_property
    def layout(self) -> tuple[str, list[Block]]:
        """The transcript text and where each heading and segment stands in it."""
        parts: list[str] = []
        blocks: list[Block] = []
        pos = 0
        for s_index, section in enumerate(self.sections):
            pieces: list[tuple[int | None, str]] = (
                [(None, section.heading)] if section.heading else []
            )
            pieces += list(enumerate(s.text for s in section.segments))
            for seg_index, text in pieces:
                if parts:
                    parts.append(BLOCK_SEPARATOR)
                    pos += len(BLOCK_SEPARATOR)
                parts.append(text)
                blocks.append(Block(pos, pos + len(text), s_index, seg_index))
                pos += len(text)
        return "".join(parts), blocks

    @property
    def text(self) -> str:
        """The transcript text (headings and segments, blank lines between); see the module doc."""
        return self.layout[0]

    def segments(self) -> list[Segment]:
        return [seg for section in self.sections for seg in section.segments]

    def block_at(self, offset: int) -> int | None:
        """Index in ``layout[1]`` of the last block starting at or before transcript offset
        ``offset`` (the first block for an offset before it); ``None`` when there are none.
        An offset in the blank lines after a block gives that block."""
        blocks = self.layout[1]
        if not blocks:
            return None
        return max(bisect.bisect_right(blocks, offset, key=lambda block: block.start) - 1, 0)

    def segment_at(self, offset: int) -> tuple[Segment, int] | None:
        """The segment holding transcript offset ``offset`` and the offset within its text;
        an offset in the blank lines before a segment belongs to it. ``None`` on a heading."""
        index = self.block_at(offset)
        if index is None:
            return None
        blocks = self.layout[1]
        block = blocks[index]
        if offset > block.end and index + 1 < len(blocks):
            block = blocks[index + 1]
        if block.segment is None:
            return None
        segment = self.sections[block.section].segments[block.segment]
        return segment, max(0, min(offset, block.end) - block.start)

    def spoken_pieces(self, start: int, end: int) -> list[tuple[int, int, Segment]]:
        """The parts of ``text[start:end]`` that someone said, in order: one ``(start, end,
        segment)`` per segment the span touches; headings (nobody's words) and blank pieces
        are left out. Quotes and exports split a passage where its speaker changes from this."""
        start, end = sorted((start, end))
        blocks = self.layout[1]
        index = self.block_at(start)
        pieces: list[tuple[int, int, Segment]] = []
        for block in blocks[index or 0 :]:
            if block.start >= end:
                break
            if block.segment is None or block.end <= start:
                continue
            piece = (max(start, block.start), min(end, block.end))
            if self.text[piece[0] : piece[1]].strip():
                segment = self.sections[block.section].segments[block.segment]
                pieces.append((*piece, segment))
        return pieces

    def time_at(self, offset: int) -> float | None:
        """When the words at transcript offset ``offset`` were said, if the file says."""
        found = self.segment_at(offset)
        return found[0].time_at(found[1]) if found else None

    def word_count(self) -> int:
        return sum(len(seg.text.split()) for seg in self.segments())

    def to_json(self) -> dict[str, Any]:
        """The ``episode-reader show --json`` object (a documented contract: keep its shape)."""
        return {
            "title": self.title,
            "number": self.number,
            "show": self.show,
            "format": self.format,
            "speakers": list(self.speakers),
            "description": self.description,
            "topics": list(self.topics),
            "quotes": [{"text": q.text, "speaker": q.speaker} for q in self.quotes],
            "sections": [
                {
                    "heading": section.heading,
                    "segments": [segment_json(s) for s in section.segments],
                }
                for section in self.sections
            ],
            "warnings": list(self.warnings),
        }


def segment_json(segment: Segment) -> dict[str, Any]:
    """One segment in ``show --json``; ``times`` only when it was merged from several."""
    data: dict[str, Any] = {
        "speaker": segment.speaker,
        "start": segment.start,
        "end": segment.end,
        "text": segment.text,
    }
    if len(segment.times) > 1:
        data["times"] = [[offset, seconds] for offset, seconds in segment.times]
    return data


@dataclass(frozen=True)
class ImportFailure:
    """A file that could not be imported, and why, in words a user understands."""

    source: Path
    problem: str

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}"
