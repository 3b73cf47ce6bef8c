"""What a subtitle player hides or renders, kept out of caption text (SRT and WebVTT).

- ASS/SSA escapes that converters leave in SRT and WebVTT text: ``\\N`` and ``\\n`` are line
  breaks, ``\\h`` a hard space. A reader must see the break or the space, never the escape.
- Cues with no duration (``00:00:04,500 --> 00:00:04,500``) are never on screen; subtitle
  authors use them to hide data in a file. They are skipped, unless they are most of the file
  (a writer that leaves end times at the start): then they are the text.
"""

from __future__ import annotations

import re
from typing import Protocol, TypeVar

#: ``\\N`` and ``\\n``: ASS line breaks (hard and soft).
_ESCAPED_BREAK = re.compile(r"\\[Nn]")
_HARD_SPACE = "\\h"


class _Timed(Protocol):
    start: float
    end: float


CueT = TypeVar("CueT", bound=_Timed)


def split_escapes(lines: list[str]) -> list[str]:
    """A cue's lines with ``\\N``/``\\n`` made real line breaks and ``\\h`` a space.

    A break becomes its own line (not a space) so that a dialogue dash after it still opens
    a line: ``Ready?\\N- Yes.`` is two speakers' lines.
    """
    out: list[str] = []
    for line in lines:
        if "\\" not in line:
            out.append(line)
            continue
        line = line.replace(_HARD_SPACE, " ")
        out.extend(_ESCAPED_BREAK.split(line))
    return out


def has_escapes(text: str) -> bool:
    """Whether a file needs ``split_escapes`` at all (most never do)."""
    return "\\" in text and (_HARD_SPACE in text or _ESCAPED_BREAK.search(text) is not None)


def visible_cues(cues: list[CueT], warnings: list[str]) -> list[CueT]:
    """The cues a player shows: those with a duration, unless most cues have none."""
    hidden = sum(1 for cue in cues if cue.end <= cue.start)
    if not hidden or hidden * 2 > len(cues):
        return cues
    warnings.append(
        f"{hidden} cue{'s' if hidden > 1 else ''} with no duration skipped "
        "(players never show them)"
    )
    return [cue for cue in cues if cue.end > cue.start]
