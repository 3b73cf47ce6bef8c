"""SubRip (.srt) subtitles: cues of an optional index, a time line and text lines.

Real files bend every rule: indices go missing or start at 0, times use dots or lose their
milliseconds, time lines carry screen coordinates, cues hold ``<font>`` and ``{\\an8}`` tags,
and one broken cue must not cost the user the rest of the episode. So this is our own scanner:
a cue starts at a line holding ``-->``, its text runs to the next blank line, and anything
unusable is skipped with a warning that names it.

Libraries measured against these rules on our fixtures (and rejected):

- ``srt`` 3.5.3: a second BOM in a concatenated file swallows that file's first cue into the
  previous cue's text; short fractions are read as whole milliseconds (``00:01:02.5`` =
  62.005 s); one malformed cue raises for the whole file, and with ``ignore_errors`` a bad cue
  is skipped with only a log line, a cue ending before it starts is kept, and orphan or junk lines
  are glued onto the previous cue's text; no tag stripping.
- ``pysrt`` 1.1.2: times without milliseconds give 0 cues, silently; the BOM stays in the
  first index (``'\\ufeff1'``); a broken time line becomes a cue starting at 0.0; junk is
  dropped silently; ``text_without_tags`` leaves ``{\\an8}``; it pulls in ``chardet``.

Neither knows speakers. The caption helpers shared with WebVTT (times, speaker labels,
dialogue dashes, tag and entity clean-up, turn merging) live in
``reader.importers.shared.captions``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from reader.importers.base import Draft, Importer, ParseError
from reader.importers.shared import turns
from reader.importers.shared.captions import (
    clean_payloads,
    merge_caption_turns,
    parse_time_line,
    short,
    split_dialogue_lines,
    split_turns,
    strip_srt_markup,
    turns_to_segments,
    unpadded_fractions,
)
from reader.importers.shared.cue_cleanup import has_escapes, split_escapes, visible_cues
from reader.model import Section, Segment

SNIFF_CHARS = 4096

# ---------------------------------------------------------------------------------------------
# SRT


@dataclass(slots=True)
class _Cue:
    start: float
    end: float
    lines: list[str] = field(default_factory=list)


_INDEX = re.compile(r"^[ \t]*\d{1,9}[ \t]*$")
_BLANKISH = re.compile(r"^[ \t]+$", re.MULTILINE)
_SNIFF_TIME = re.compile(
    r"^[ \t]*\d{1,3}:\d{1,2}:\d{1,2}(?P<sep>[,.:]?)\d{0,3}[ \t]*-->[ \t]*\d{1,3}:\d{1,2}:\d{1,2}",
    re.MULTILINE,
)


def sniff(text: str) -> float:
    """SRT when the first cue is an index line then a ``HH:MM:SS,mmm --> ...`` time line."""
    head = text[:SNIFF_CHARS].replace("\ufeff", "").replace("\r", "")
    if head.lstrip().startswith("WEBVTT"):
        return 0.0
    match = _SNIFF_TIME.search(head)
    if not match:
        return 0.0
    if turns.whisper_console(head):
        return 0.0  # whisper-cli output saved as text: labelled text reads it
    before = head[: match.start()].rstrip("\n").split("\n")
    indexed = bool(_INDEX.match(before[-1])) if before else False
    preamble = "\n".join(before[:-1] if indexed else before).strip()
    if preamble:  # text before the first cue: some other format quoting a time line
        return 0.3
    if match["sep"] == ",":
        return 0.95 if indexed else 0.85
    return 0.7 if indexed else 0.5


def _cues(text: str, warnings: list[str]) -> list[_Cue]:
    """Timed cues in order; broken cues and text outside cues are reported as warnings.

    Blocks are split at blank lines. The usual block (index, time line, text) takes a fast
    path; anything else is read line by line: a cue starts at a line holding ``-->`` (its index
    is a number line just before), so cues run together without a blank line still part.
    """
    if " \n" in text or "\t\n" in text:
        text = _BLANKISH.sub("", text)  # a line of spaces separates cues too
    unpadded = functools.cache(lambda: unpadded_fractions(text))
    cues: list[_Cue] = []
    number = 1
    for chunk in text.split("\n\n"):
        start = number
        number += chunk.count("\n") + 2
        lines = chunk.split("\n")
        while lines and not lines[0]:
            lines.pop(0)
            start += 1
        if not lines:
            continue
        if chunk.count("-->") == 1:
            at = 0 if "-->" in lines[0] else 1
            index = lines[0].strip() if at else None
            if at == 0 or (index and index.isdigit() and "-->" in lines[1]):
                times = parse_time_line(lines[at], unpadded)
                if isinstance(times, str):
                    name = f"cue {index}" if index else f"cue at line {start}"
                    warnings.append(f"{name} skipped: {times}")
                else:
                    cues.append(_Cue(times[0], times[1], lines[at + 1 :]))
                continue
        _read_block(start, lines, cues, warnings, unpadded)
    return cues


def _read_block(
    first: int,
    lines: list[str],
    cues: list[_Cue],
    warnings: list[str],
    unpadded: Callable[[], bool],
) -> None:
    """Line-by-line reading of one block that is not a plain cue."""
    current: _Cue | None = None
    loose: list[tuple[int, str]] = []  # lines that belong to no cue

    def drop_loose() -> None:
        if not loose:
            return
        number, line = loose[0]
        if _INDEX.match(line):
            warnings.append(f"cue {line.strip()} skipped: it has no time line")
        else:
            warnings.append(f"text at line {number} skipped: it is in no cue ({short(line)!r})")
        loose.clear()

    for number, line in enumerate(lines, start=first):
        if not line:
            continue
        if "-->" in line:
            index = None
            if current is None and loose and _INDEX.match(loose[-1][1]):
                index = loose.pop()[1].strip()
            elif current is not None and current.lines and _INDEX.match(current.lines[-1]):
                index = current.lines.pop().strip()  # no blank line before this cue
            drop_loose()
            times = parse_time_line(line, unpadded)
            if isinstance(times, str):
                name = f"cue {index}" if index is not None else f"cue at line {number}"
                warnings.append(f"{name} skipped: {times}")
                current = _Cue(0.0, 0.0)  # collects the broken cue's text, which is dropped
            else:
                current = _Cue(*times)
                cues.append(current)
        elif current is not None:
            current.lines.append(line)
        else:
            loose.append((number, line))
    drop_loose()


def parse(text: str) -> Draft:
    """Cues -> speaker turns; broken cues become warnings unless no cue is usable."""
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    warnings: list[str] = []
    cues = visible_cues(_cues(text, warnings), warnings)
    if has_escapes(text):
        for cue in cues:
            cue.lines = split_escapes(cue.lines)
    segments: list[Segment] = []
    speaker: str | None = None
    known: set[str] = set()
    for cue, lines in zip(
        cues, clean_payloads([c.lines for c in cues], strip_srt_markup), strict=True
    ):
        clean = [line for line in lines if line]
        if not clean:
            continue  # an empty cue: nothing was said
        turns, speaker = split_turns(split_dialogue_lines(clean), speaker, known)
        segments.extend(turns_to_segments(turns, cue.start, cue.end))
    if not segments:
        if cues:
            raise ParseError("no cues found: every cue is empty")
        raise ParseError("no cues found: no line holds a valid 'start --> end' time")
    return Draft(sections=[Section(None, merge_caption_turns(segments))], warnings=warnings)


IMPORTER = Importer(name="srt", suffixes=frozenset({".srt"}), sniff=sniff, parse=parse)
