"""Small text helpers every format shares: times, spaces, caption lines, turn merging."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from reader.model import Segment

_TIMESTAMP = re.compile(
    r"^\s*(?:(?P<h>\d{1,3}):)?(?P<m>\d{1,2}):(?P<s>\d{1,2})(?:[.,](?P<frac>\d{1,3}))?\s*$"
)


def parse_timestamp(value: str) -> float | None:
    """``1:02:03,5`` / ``01:02.250`` / ``0:03`` -> seconds; ``None`` when it is not a time.

    A fraction is read as a decimal fraction (``,46`` = 0.46 s), the reading SRT tools agree on
    most often.
    """
    match = _TIMESTAMP.match(value)
    if not match:
        return None
    hours = int(match["h"] or 0)
    minutes, seconds = int(match["m"]), int(match["s"])
    if seconds >= 60 or (match["h"] is not None and minutes >= 60):
        return None
    frac = float(f"0.{match['frac']}") if match["frac"] else 0.0
    return round(hours * 3600 + minutes * 60 + seconds + frac, 3)


_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def clean_inline(text: str) -> str:
    """Collapse runs of spaces (including no-break and thin spaces) and trim each line."""
    if "\n" not in text:  # most calls: one caption line, one paragraph
        return _SPACE.sub(" ", text).strip()
    return "\n".join(line.strip() for line in _SPACE.sub(" ", text).split("\n"))


def join_lines(text: str) -> str:
    """Subtitle and caption lines are one sentence broken for the screen: join with spaces."""
    return " ".join(part for part in clean_inline(text).split("\n") if part)


@dataclass
class Piece(Segment):
    """A segment waiting to be merged; ``new_turn`` says another speaker begins here, even
    when nobody is named (a dialogue dash), so it never joins the turn before it."""

    new_turn: bool = False


def finer_times(times: list[tuple[int, float]], start: float | None) -> list[tuple[int, float]]:
    """``times`` if they say more than ``start`` alone does, else ``[]``."""
    return times if len(times) > 1 or (times and times[0] != (0, start)) else []


def add_times(times: list[tuple[int, float]], offset: int, segment: Segment) -> None:
    """Append ``segment``'s piece times to ``times`` as if its text began at ``offset``
    (a time equal to the one before adds nothing: the earlier piece already covers it)."""
    own = segment.times or ([(0, segment.start)] if segment.start is not None else [])
    for at, seconds in own:
        if not times or times[-1][1] != seconds:
            times.append((offset + at, seconds))


def merge_turns(segments: Iterable[Segment], paragraph_words: int = 150) -> list[Segment]:
    """Merge consecutive segments of one speaker into turns (first start, last end kept).

    Caption cues and one-word JSON segments become readable turns this way. A turn that has
    reached ``paragraph_words`` and ends a sentence is closed, so long monologues (and captions
    with no speaker at all) still read as paragraphs that each keep their own start time.
    Unlabelled segments without times are paragraphs already and are never merged. A merged
    turn keeps the start of every piece in it (``Segment.times``), so a sentence in the
    middle of a paragraph still knows when it was said.
    """
    merged: list[Segment] = []
    pieces: list[str] = []  # texts of the turn being built, joined once it is closed
    times: list[tuple[int, float]] = []  # (offset in the joined text, start) of its pieces
    length = 0  # length of the joined text so far
    words = 0

    def close() -> None:
        if merged and pieces:
            merged[-1].text = " ".join(pieces)
            merged[-1].times = finer_times(times, merged[-1].start)

    for seg in segments:
        if not seg.text:
            continue
        prev = merged[-1] if merged else None
        same = prev is not None and prev.speaker == seg.speaker
        if prev is not None and same and seg.speaker is None:
            same = prev.start is not None and seg.start is not None
        if same and words >= paragraph_words and ENDS_SENTENCE.search(pieces[-1][-4:]):
            same = False
        if same and type(seg) is Piece and seg.new_turn:
            same = False
        if prev is not None and same:
            length += 1  # the space that joins it
            if seg.start is not None or seg.times:
                add_times(times, length, seg)
            pieces.append(seg.text)
            length += len(seg.text)
            prev.end = seg.end if seg.end is not None else prev.end
            words += seg.text.count(" ") + 1
        else:
            close()
            merged.append(Segment(seg.text, seg.speaker, seg.start, seg.end))
            pieces, times, length = [seg.text], [], len(seg.text)
            add_times(times, 0, seg)
            words = seg.text.count(" ") + 1
    close()
    return merged


#: The end of a sentence, with any closing quotes or brackets after the stop.
ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$")
