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

from reader.importers.base import Draft, Importer, ParseError
from reader.importers.shared import turns
from reader.importers.shared.captions import merge_caption_turns
from reader.importers.shared.metadata import split_title
from reader.importers.shared.text import ENDS_SENTENCE, join_lines
from reader.model import Section, Segment

SNIFF_CHARS = 8192

#: The header shapes (``shared.turns``) a labelled export can use; name-colon is decided apart.
_SHAPES = frozenset(
    {"whisper", "time-first", "rev-continued", "bracket-name-time", "bracket-name", "descript",
     "otter", "rev", "name-time", "name-colon"}
)  # fmt: skip
#: Share of non-blank lines that must be headers of the file's family. Families that put the
#: header on a line of its own (Otter, Rev, name-time, Descript) have about half at most;
#: families that put header and words on one line have nearly every line a header.
_NEEDED_SHARE = {"bracketed": 0.5, "bracket-name": 0.5, "whisper-cli": 0.5}
_DEFAULT_SHARE = 0.2
#: Shapes whose lines are caption fragments, merged into paragraphs like caption cues.
_FRAGMENT_SHAPES = frozenset({"time-text", "time-voice", "whisper"})
_OTTER_FOOTER = re.compile(r"^\s*Transcribed by\s+(?:https?://)?(?:www\.)?otter\.ai\S*\s*$", re.I)

# Signs that a text is something else: subtitles, JSON, HTML, or an episode page copied from
# the web (its chrome lines and "..." ~ Name Share on X pull quotes).
_SUBTITLE = re.compile(r"-->|^WEBVTT", re.M)
_WEB_PAGE = re.compile(
    r"^(?:Listen on\b|Subscribe\b|Play in new window|Download \(|(?:Full )?Episode Transcript\s*$"
    r"|.*~\s*[^~\n]{1,60}(?:Share on X|Click to Tweet|Tweet this)\s*$)",
    re.M | re.I,
)
# "Onboarding New Leads - Episode 5": a title, then its number.
_TITLE_THEN_NUMBER = re.compile(
    r"^(?P<title>.+?)\s*[,:|–—-]\s*(?:episode|ep\.?|\#|no\.?)\s*\#?(?P<number>\d{1,5})\s*$", re.I
)
#: Timed lines shorter than this on average are caption fragments, not paragraphs.
FRAGMENT_CHARS = 160
#: The score for a labelled file that opens with a Markdown "# Title": below Markdown's.
MARKDOWN_TITLED = 0.7
_MARKDOWN_TITLE = re.compile(r"#{1,6}[ \t]")
MAX_TITLE_CHARS = 120
MAX_TITLE_WORDS = 16


def _head(line: str) -> turns.Head | None:
    """The header a line opens with; indented lines are always text."""
    return turns.read_header(line, _SHAPES) if line[:1].strip() else None


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
    """Lines opening a turn in each family, the name-colon labels seen (by name), and the
    labels that open a paragraph (after a blank line)."""
    counts: Counter[str] = Counter()
    names: Counter[str] = Counter()
    opening: set[str] = set()
    previous_blank = True
    for line in lines:
        blank = not line.strip()
        after_blank, previous_blank = previous_blank, blank
        head = None if blank else _head(line)
        if head is None:
            continue
        if head.shape != "name-colon":
            counts[turns.FAMILY[head.shape]] += 1
            continue
        names[head.speaker or ""] += 1
        if after_blank:
            opening.add(head.speaker or "")
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
        head = _head(line)
        if head is not None and head.shape == "name-colon" and head.speaker in speakers:
            labelled += 1
    return labelled / len(starts)


def _choose(lines: list[str]) -> tuple[str | None, float, set[str]]:
    """The family of these lines, how sure we are, and the speaker names (name-colon only)."""
    nonblank = sum(1 for line in lines if line.strip())
    if not nonblank:
        return None, 0.0, set()
    counts, names, opening = _count_flavours(lines)
    if counts:
        family, n = counts.most_common(1)[0]
        share = n / nonblank
        if n >= 2 and share >= _NEEDED_SHARE.get(family, _DEFAULT_SHARE):
            return family, 0.9, set()
        if n == 1 and family not in _NEEDED_SHARE:
            # One header: sure only when it opens the file, or follows a title line.
            heads = [_head(line) for line in lines if line.strip()][:2]
            if any(h is not None and turns.FAMILY[h.shape] == family for h in heads):
                return family, 0.5, set()
    speakers = _speaker_names(names, opening)
    total = sum(n for name, n in names.items() if name in speakers)
    if len(speakers) <= 8 and total >= 2 and _name_colon_share(lines, speakers) >= 0.6:
        return "name-colon", 0.75, speakers
    return None, 0.0, set()


def sniff(text: str) -> float:
    head = text[:SNIFF_CHARS]
    stripped = head.lstrip()
    if not stripped or stripped.startswith(("{", "[{", "<", "WEBVTT")):
        return 0.0
    lines = head.split("\n")
    if len(text) > SNIFF_CHARS and len(lines) > 1:
        lines = lines[:-1]  # the last line is probably cut
    otter_footer = any(_OTTER_FOOTER.match(line) for line in text[-400:].split("\n"))
    family, score, _ = _choose(_lines("\n".join(lines)))
    if family != "whisper-cli" and _SUBTITLE.search(head):
        return 0.0  # subtitles quoting names: the caption importers read those
    if family == "otter" and otter_footer:
        return 0.95
    if family is not None and _MARKDOWN_TITLE.match(stripped):
        return min(score, MARKDOWN_TITLED)  # "# Title" over Rev turns: Markdown's, unless .txt
    if family in (None, "name-colon") and _WEB_PAGE.search(head):
        return 0.0
    return score


class _Builder:
    """Collects paragraphs into segments: a head starts a turn, a blank line a paragraph."""

    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.speaker: str | None = None
        self.start: float | None = None
        self.end: float | None = None
        self.lines: list[str] = []

    def flush(self) -> None:
        if not self.lines:
            return  # a blank line between a header and its words: the time still waits
        if turns.one_paragraph_a_line(self.lines):
            for i, line in enumerate(self.lines):
                start = self.start if i == 0 else None
                self.segments.append(Segment(join_lines(line), self.speaker, start))
        else:
            text = join_lines("\n".join(self.lines))
            if text:
                self.segments.append(Segment(text, self.speaker, self.start, self.end))
        self.lines = []
        self.start = self.end = None

    def head(self, head: turns.Head) -> None:
        self.flush()
        if head.speaker is not None:
            self.speaker = head.speaker
        self.start, self.end = head.start, head.end
        if head.text.strip():
            self.lines.append(head.text)

    def line(self, line: str) -> None:
        if line.strip():
            self.lines.append(line)
        else:
            self.flush()


def _title(lines: list[str], draft: Draft) -> int:
    """A title line above the first header ("Onboarding New Leads - Episode 5" before
    "Speaker 1  0:03") is the title and number, not speech; returns the lines it took."""
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if len(nonblank) < 2 or _head(lines[nonblank[0]]) is not None:
        return 0
    first, after = lines[nonblank[0]].strip().lstrip("#").strip(), _head(lines[nonblank[1]])
    if after is None:
        return 0
    if len(first) > MAX_TITLE_CHARS or len(first.split()) > MAX_TITLE_WORDS:
        return 0
    if ENDS_SENTENCE.search(first) or first.endswith((",", ";", ":")):
        return 0
    match = _TITLE_THEN_NUMBER.match(first)
    if match:
        draft.title, draft.number = match["title"].strip(), int(match["number"])
    else:
        draft.number, draft.title = split_title(first)
    return nonblank[0] + 1


def parse(text: str) -> Draft:
    lines = _lines(text)
    family, _score, speakers = _choose(lines)
    if family is None:
        raise ParseError("no speaker-labelled turns found")
    draft = Draft(format=family)
    builder = _Builder()
    fragments = 0
    heads = 0
    chars = 0
    for line in lines[_title(lines, draft) :]:
        found = _head(line)
        if found is not None and family == "name-colon":
            found = found if found.shape == "name-colon" and found.speaker in speakers else None
        elif found is not None and turns.FAMILY[found.shape] != family:
            found = None
        if found is not None:
            builder.head(found)
            heads += 1
            fragments += found.shape in _FRAGMENT_SHAPES
            chars += len(found.text)
        else:
            builder.line(line)
    builder.flush()
    if not builder.segments:
        raise ParseError("no speaker-labelled turns found")
    segments = builder.segments
    if fragments * 2 > heads and chars < FRAGMENT_CHARS * heads:
        # Timed lines as short as caption cues: merge them into readable paragraphs.
        segments = merge_caption_turns(segments)
    draft.sections = [Section(None, segments)]
    return draft


IMPORTER = Importer(name="labelled-text", suffixes=frozenset({".txt"}), sniff=sniff, parse=parse)
