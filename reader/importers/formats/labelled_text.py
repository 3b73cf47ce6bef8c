"""Speaker-labelled text exports: Otter, Rev, Descript, timestamped lines and ``Name: text``.

Flavours and the ``format`` they report:

- ``otter``: a ``Name  0:03`` header line (two or more spaces; M:SS or H:MM:SS; also
  ``**Name**  0:03``), then the turn's text; the "Transcribed by https://otter.ai" footer is
  dropped.
- ``rev``: ``Name (00:01:23):`` with the text on the same or the next lines.
- ``descript``: ``**Name** [00:00:00] text``, the text possibly on the next lines.
- ``bracketed``: ``[00:01:23] Name: text`` or ``0:00:11.6 Name: text`` (a time, then a label).
- ``name-colon``: ``Name: text`` or ``Name:`` alone on a line, only when most paragraphs open
  that way and the names are plausible (one to four capitalised words, repeated).

One flavour is chosen per file and only its labels start turns, so a line like "Note: ..."
inside an Otter turn stays text. Blank-line separated paragraphs without a label continue the
last speaker as segments of their own. These exports name no title: the registry takes it
from the file name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from reader.importers.base import Draft, Importer, ParseError
from reader.importers.shared.speakers import plausible_name
from reader.importers.shared.text import join_lines, parse_timestamp
from reader.model import Section, Segment

SNIFF_CHARS = 8192

# A name: one to five words starting with a letter or digit ("Speaker 2", "Dr. Ana de la Cruz").
_NAME = r"[^\W_][\w.'’\-]*(?:[ \t][\w.'’\-]+){0,5}?"
_STAMP = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"

_OTTER = re.compile(
    rf"^(?:\*\*(?P<bold>{_NAME})\*\*[ \t]+|(?P<name>{_NAME})[ \t]{{2,}}|(?P<tab>{_NAME})\t+)"
    rf"(?P<stamp>{_STAMP})[ \t]*$"
)
_REV = re.compile(rf"^(?P<name>{_NAME})[ \t]+\((?P<stamp>{_STAMP})\)[ \t]*:[ \t]*(?P<text>.*)$")
_DESCRIPT = re.compile(
    rf"^\*\*(?P<name>{_NAME})\*\*[ \t]*\[(?P<stamp>{_STAMP})\][ \t]*:?[ \t]*(?P<text>.*)$"
)
_BRACKETED = re.compile(
    rf"^(?:\[(?P<bstamp>{_STAMP})\]|\((?P<pstamp>{_STAMP})\)|(?P<stamp>{_STAMP}))"
    rf"[ \t]+(?:(?P<name>{_NAME})[ \t]*:(?:[ \t]+|$))?(?P<text>.*)$"
)
_NAME_COLON = re.compile(rf"^(?P<name>{_NAME})[ \t]*:(?:[ \t]+(?P<text>\S.*)|[ \t]*$)")
_OTTER_FOOTER = re.compile(r"^\s*Transcribed by\s+(?:https?://)?(?:www\.)?otter\.ai\S*\s*$", re.I)

# Signs that a text is something else: subtitles, JSON, HTML, or an episode page copied from
# the web (its chrome lines and "..." ~ Name Share on X pull quotes).
_SUBTITLE = re.compile(r"-->|^WEBVTT", re.M)
_WEB_PAGE = re.compile(
    r"^(?:Listen on\b|Subscribe\b|Play in new window|Download \(|(?:Full )?Episode Transcript\s*$"
    r"|.*~\s*[^~\n]{1,60}(?:Share on X|Click to Tweet|Tweet this)\s*$)",
    re.M | re.I,
)


@dataclass
class _Head:
    """A line that opens a turn: who speaks, from when, and any text on the same line."""

    speaker: str | None
    start: float | None
    text: str = ""


def _otter_head(line: str) -> _Head | None:
    match = _OTTER.match(line)
    if not match:
        return None
    name = (match["bold"] or match["name"] or match["tab"]).strip()
    start = parse_timestamp(match["stamp"])
    if start is None or not plausible_name(name):
        return None
    return _Head(name, start)


def _rev_head(line: str) -> _Head | None:
    match = _REV.match(line)
    if not match or not plausible_name(match["name"]):
        return None
    start = parse_timestamp(match["stamp"])
    return None if start is None else _Head(match["name"].strip(), start, match["text"])


def _descript_head(line: str) -> _Head | None:
    match = _DESCRIPT.match(line)
    if not match or not plausible_name(match["name"]):
        return None
    start = parse_timestamp(match["stamp"])
    return None if start is None else _Head(match["name"].strip(), start, match["text"])


def _bracketed_head(line: str) -> _Head | None:
    match = _BRACKETED.match(line)
    if not match:
        return None
    start = parse_timestamp(match["bstamp"] or match["pstamp"] or match["stamp"])
    if start is None:
        return None
    name = match["name"]
    if name is not None and not plausible_name(name):
        return None  # "[00:01] Well: that's..." is text after a bare stamp; keep it simple
    if name is None and not (match["bstamp"] or match["pstamp"]):
        return None  # a bare "1:30 text" line is too likely to be prose
    return _Head(name.strip() if name else None, start, match["text"])


def _name_colon_candidate(line: str) -> tuple[str, str] | None:
    match = _NAME_COLON.match(line)
    if not match or not plausible_name(match["name"]):
        return None
    return match["name"].strip(), match["text"] or ""


_TIMED_FLAVOURS = {
    "otter": _otter_head,
    "rev": _rev_head,
    "descript": _descript_head,
    "bracketed": _bracketed_head,
}


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.split("\n") if not _OTTER_FOOTER.match(line)]


def _paragraph_starts(lines: list[str]) -> Iterator[str]:
    """The first line of each blank-line separated paragraph, or every line when none are."""
    previous_blank = True
    for line in lines:
        if not line.strip():
            previous_blank = True
            continue
        if previous_blank:
            yield line
        previous_blank = False


def _count_flavours(lines: list[str]) -> tuple[Counter[str], Counter[str], set[str]]:
    """Lines opening a turn in each flavour, the name-colon labels seen (by name), and the
    labels that open a paragraph (after a blank line)."""
    counts: Counter[str] = Counter()
    names: Counter[str] = Counter()
    opening: set[str] = set()
    previous_blank = True
    for line in lines:
        blank = not line.strip()
        after_blank, previous_blank = previous_blank, blank
        if blank or line[0].isspace():
            continue
        for flavour, head in _TIMED_FLAVOURS.items():
            if head(line) is not None:
                counts[flavour] += 1
                break
        else:
            candidate = _name_colon_candidate(line)
            if candidate is not None:
                names[candidate[0]] += 1
                if after_blank:
                    opening.add(candidate[0])
    return counts, names, opening


def _speaker_names(names: Counter[str], opening: set[str]) -> set[str]:
    """Labels that name speakers: repeated, or clearly a full name / "Speaker 2".

    Once such a speaker is established, a one-word label used once also counts when it opens
    a paragraph (a guest who speaks once); inside a paragraph it stays text ("First: ...").
    """
    sure = {name for name, n in names.items() if n >= 2 or len(name.split()) >= 2}
    return sure | (opening if sure else set())


def _name_colon_share(lines: list[str], speakers: set[str]) -> float:
    starts = [line for line in _paragraph_starts(lines) if line.strip()]
    if not starts:
        return 0.0
    if len(starts) * 3 < sum(1 for line in lines if line.strip()):
        # Few blank lines: people write one turn per line, so judge every line.
        starts = [line for line in lines if line.strip()]
    labelled = 0
    for line in starts:
        candidate = _name_colon_candidate(line)
        if candidate is not None and candidate[0] in speakers:
            labelled += 1
    return labelled / len(starts)


def _choose(lines: list[str]) -> tuple[str | None, float, set[str]]:
    """The flavour of these lines, how sure we are, and the speaker names (name-colon only)."""
    nonblank = sum(1 for line in lines if line.strip())
    if not nonblank:
        return None, 0.0, set()
    counts, names, opening = _count_flavours(lines)
    if counts:
        flavour, n = counts.most_common(1)[0]
        share = n / nonblank
        # Otter and Rev put a header before each turn's text: about half the lines at most.
        needed = 0.5 if flavour == "bracketed" else 0.2
        if n >= 2 and share >= needed:
            return flavour, 0.9, set()
        first = next(line for line in lines if line.strip())
        if n == 1 and _TIMED_FLAVOURS[flavour](first) is not None and flavour != "bracketed":
            return flavour, 0.5, set()
    speakers = _speaker_names(names, opening)
    total = sum(n for name, n in names.items() if name in speakers)
    if len(speakers) <= 8 and total >= 2 and _name_colon_share(lines, speakers) >= 0.6:
        return "name-colon", 0.75, speakers
    return None, 0.0, set()


def sniff(text: str) -> float:
    head = text[:SNIFF_CHARS]
    stripped = head.lstrip()
    if not stripped or stripped.startswith(("{", "[{", "<")) or _SUBTITLE.search(head):
        return 0.0
    lines = head.split("\n")
    if len(text) > SNIFF_CHARS and len(lines) > 1:
        lines = lines[:-1]  # the last line is probably cut
    otter_footer = any(_OTTER_FOOTER.match(line) for line in text[-400:].split("\n"))
    flavour, score, _ = _choose(_lines("\n".join(lines)))
    if flavour == "otter" and otter_footer:
        return 0.95
    if flavour in (None, "name-colon") and _WEB_PAGE.search(head):
        return 0.0
    return score


class _Builder:
    """Collects paragraphs into segments: a head starts a turn, a blank line a paragraph."""

    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.speaker: str | None = None
        self.start: float | None = None
        self.lines: list[str] = []

    def flush(self) -> None:
        text = join_lines("\n".join(self.lines))
        if text:
            self.segments.append(Segment(text, self.speaker, self.start))
        self.lines = []
        self.start = None

    def head(self, speaker: str | None, start: float | None, text: str) -> None:
        self.flush()
        if speaker is not None:
            self.speaker = speaker
        self.start = start
        if text.strip():
            self.lines.append(text)

    def line(self, line: str) -> None:
        if line.strip():
            self.lines.append(line)
        else:
            self.flush()


def parse(text: str) -> Draft:
    lines = _lines(text)
    flavour, _score, speakers = _choose(lines)
    if flavour is None:
        raise ParseError("no speaker-labelled turns found")
    builder = _Builder()
    if flavour == "name-colon":
        for line in lines:
            candidate = _name_colon_candidate(line) if line[:1].strip() else None
            if candidate is not None and candidate[0] in speakers:
                builder.head(candidate[0], None, candidate[1])
            else:
                builder.line(line)
    else:
        read_head = _TIMED_FLAVOURS[flavour]
        for line in lines:
            found = read_head(line) if line[:1].strip() else None
            if found is not None:
                builder.head(found.speaker, found.start, found.text)
            else:
                builder.line(line)
    builder.flush()
    if not builder.segments:
        raise ParseError("no speaker-labelled turns found")
    return Draft(sections=[Section(None, builder.segments)], format=flavour)


IMPORTER = Importer(name="labelled-text", suffixes=frozenset({".txt"}), sniff=sniff, parse=parse)
