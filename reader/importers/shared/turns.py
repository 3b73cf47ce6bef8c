"""Speaker-turn headers and timestamps: the one recogniser every text-like format uses.

Transcripts written as text mark a new turn with a header line (or the start of a line) that
names the speaker, gives a time, or both. ``SHAPES`` is the table of the header shapes met in
real exports; each entry names its shape, the *family* of files written that way (reported as
the episode's ``format`` by labelled text), and examples. ``read_header`` tries the shapes a
format allows on one line; the formats decide what to do with what it finds (labelled text
picks one family per file, Markdown accepts the shapes that fit Markdown, captions and web
pages only the speaker labels). Whether a label is a name is decided by
``shared.speakers.plausible_name``, the same everywhere.

=====================  =================  ===============================================
shape                  family             example
=====================  =================  ===============================================
whisper                whisper-cli        ``[00:00:00.000 --> 00:00:05.740]  Hello.``
time-voice             bracketed          ``00:00:00 <v Maya Okafor>Hello.``
time-label             bracketed          ``[00:01:23] Maya Okafor: Hello.``
time-text              bracketed          ``00:00:06 Hello.`` / ``[00:01:23] Hello.``
rev-continued          rev                ``(00:01:21):`` (same speaker goes on)
bracket-name-time      bracket-name       ``[Speaker 1] [00:00] Hello.``
bracket-name           bracket-name       ``[Maya Okafor] Hello.``
descript               descript           ``**Maya Okafor** [00:00:00] Hello.``
bold-label             markdown           ``**Maya Okafor:** Hello.``
otter                  otter              ``Maya Okafor  0:03`` (words on the next line)
rev                    rev                ``Maya Okafor (00:01:23):``
name-time              name-time          ``Maya Okafor: 00:00:12`` (words on the next line)
name-colon             name-colon         ``Maya Okafor: Hello.`` / ``Maya Okafor:``
=====================  =================  ===============================================
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

from reader.importers.shared.speakers import plausible_name
from reader.importers.shared.text import parse_timestamp

#: A name: one to six words starting with a letter or digit ("Speaker 2", "Dr. Ana de la Cruz").
NAME = r"[^\W_][\w.'’\-]*(?:[ \t][\w.'’\-]+){0,5}?"
#: A time as transcripts write it: ``0:03``, ``00:01:23``, ``0:00:11.6``, ``00:01:23,500``.
STAMP = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_CUE_STAMP = r"(?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3}"
#: A stamp in brackets anywhere in a line, escaped or not: ``[00:04:01]``, ``\[00:04:01.06\]``.
ANY_STAMP = re.compile(rf"\\?\[({STAMP})\\?\]")
#: Cue settings or SRT coordinates after a time line: ``align:start``, ``X1:40 Y1:20``.
_SETTINGS = re.compile(r"^(?:[A-Za-z][\w-]*:\S+[ \t]*)+$")


@dataclass(frozen=True, slots=True)
class Head:
    """A line that opens a turn: its shape, who speaks (None: the same speaker goes on, or
    nobody is named), from when, until when (whisper only), and any words on the same line."""

    shape: str
    speaker: str | None
    start: float | None
    text: str = ""
    end: float | None = None


@dataclass(frozen=True, slots=True)
class Shape:
    name: str
    family: str
    first: str  # characters (other than letters and digits) a line of this shape starts with
    words: bool  # whether it can start with a letter or digit
    read: Callable[[str], Head | None]


def _stamp(match: re.Match[str], *groups: str) -> float | None:
    for group in groups:
        if match[group]:
            return parse_timestamp(match[group])
    return None


# --------------------------------------------------------------------------- the shapes

_WHISPER = re.compile(
    rf"^(?:\[(?P<b1>{_CUE_STAMP})[ \t]*-->[ \t]*(?P<b2>{_CUE_STAMP})\]"
    rf"|(?P<s1>{_CUE_STAMP})[ \t]*-->[ \t]*(?P<s2>{_CUE_STAMP}))[ \t]+(?P<text>\S.*)$"
)


def _whisper(line: str) -> Head | None:
    """whisper-cli console output saved as text, one segment a line::

    [00:00:00.000 --> 00:00:05.740]  And so my fellow Americans
    00:00:05,740 --> 00:00:09,120  ask not what your country
    """
    match = _WHISPER.match(line)
    if not match or _SETTINGS.match(match["text"]):
        return None  # an SRT/VTT time line with coordinates or settings
    start = _cue_seconds(match["b1"] or match["s1"])
    end = _cue_seconds(match["b2"] or match["s2"])
    if start is None or end is None:
        return None
    return Head("whisper", None, start, match["text"].strip(), end)


def _cue_seconds(stamp: str) -> float | None:
    return parse_timestamp(stamp.replace(",", "."))


_TIME_FIRST = re.compile(
    rf"^(?:\[(?P<bstamp>{STAMP})\]|\((?P<pstamp>{STAMP})\)|(?P<stamp>{STAMP}))(?P<text>[ \t].*)$"
)
_LABEL_AFTER_TIME = re.compile(rf"^(?P<name>{NAME})[ \t]*:(?:[ \t]+|$)(?P<text>.*)$")
_VOICE_AFTER_TIME = re.compile(r"^<v(?:\.[^\s>]*)?[ \t]+(?P<name>[^>\n]+)>(?P<text>.*)$")
#: Voice tags inside the words (a caption tool that restarts the voice mid-line).
_VOICE_TAG = re.compile(r"<v(?:\.[^\s>]*)?(?:[ \t]+[^>\n]*)?>|</v[ \t]*>")


def _time_first(line: str) -> Head | None:
    """A time, then a voice tag, a label or just the words (bracketed stamps, or bare ones
    in files of timed lines)::

    00:00:00 <v Maya Okafor>Welcome back to the show.
    [00:01:23] Maya Okafor: Welcome back.
    0:00:11.6 Omar Haddad: Thanks.
    00:00:06 Welcome back to the show.
    [00:01:23] And the one nobody asks.
    """
    match = _TIME_FIRST.match(line)
    if not match:
        return None
    start = _stamp(match, "bstamp", "pstamp", "stamp")
    if start is None:
        return None
    text = match["text"].strip()
    voice = _VOICE_AFTER_TIME.match(text) if text.startswith("<v") else None
    if voice and plausible_name(voice["name"].strip()):
        words = " ".join(_VOICE_TAG.sub(" ", voice["text"]).split())
        return Head("time-voice", voice["name"].strip(), start, words)
    label = _LABEL_AFTER_TIME.match(text) if ":" in text else None
    if label and plausible_name(label["name"]):
        return Head("time-label", label["name"].strip(), start, label["text"].strip())
    return Head("time-text", None, start, text)


_REV_CONTINUED = re.compile(rf"^\((?P<stamp>{STAMP})\)[ \t]*:[ \t]*(?P<text>.*)$")


def _rev_continued(line: str) -> Head | None:
    """Rev's stamp for the same speaker going on, the words on this or the next line::

    (00:01:21):
    (00:01:21): And another thing.
    """
    match = _REV_CONTINUED.match(line)
    start = parse_timestamp(match["stamp"]) if match else None
    if match is None or start is None:
        return None
    return Head("rev-continued", None, start, match["text"])


_BRACKET_NAME_TIME = re.compile(
    rf"^\[(?P<name>[^\[\]\n]{{1,40}})\][ \t]*(?:\[(?P<bstamp>{STAMP})\]|(?P<stamp>{STAMP}))"
    r"[ \t]*:?(?:[ \t]+(?P<text>.*)|$)"
)


def _bracket_name_time(line: str) -> Head | None:
    """A bracketed name, then a time (diarised exports, Zoom-style)::

    [Speaker 1] [00:00] Welcome back.
    [Maya Okafor] 00:01:12
    """
    match = _BRACKET_NAME_TIME.match(line)
    if not match or not plausible_name(match["name"].strip(), bracketed=True):
        return None
    start = _stamp(match, "bstamp", "stamp")
    if start is None:
        return None
    return Head("bracket-name-time", match["name"].strip(), start, (match["text"] or "").strip())


_BRACKET_NAME = re.compile(r"^\[(?P<name>[^\[\]\n]{1,40})\][ \t]*:?[ \t]*(?P<text>\S.*)$")


def _bracket_name(line: str) -> Head | None:
    """A bracketed name before the words, no time (Netflix-style captions, diarised text)::

    [Maya Okafor] Welcome back.
    [Speaker 2] Thanks.
    """
    match = _BRACKET_NAME.match(line)
    if not match or not plausible_name(match["name"].strip(), bracketed=True):
        return None
    return Head("bracket-name", match["name"].strip(), None, match["text"].strip())


_DESCRIPT = re.compile(
    rf"^\*\*(?P<name>{NAME})\*\*[ \t]*\[(?P<stamp>{STAMP})\][ \t]*:?[ \t]*(?P<text>.*)$"
)


def _descript(line: str) -> Head | None:
    """Descript: a bold name and a bracketed time, words on this or the next line::

    **Maya Okafor** [00:00:00] Welcome back.
    **Omar Haddad** [00:00:04]
    """
    match = _DESCRIPT.match(line)
    if not match or not plausible_name(match["name"].strip()):
        return None
    start = parse_timestamp(match["stamp"])
    return None if start is None else Head("descript", match["name"].strip(), start, match["text"])


_BOLD_LABEL = re.compile(
    r"^(?:\*\*|__)(?P<name>[^*_\n:]{1,60}?)[ \t]*(?::[ \t]*(?:\*\*|__)|(?:\*\*|__)[ \t]*:)"
    r"[ \t]*(?P<text>.*)$"
)


def _bold_label(line: str) -> Head | None:
    """A Markdown bold label (a time may follow it)::

    **Maya Okafor:** Welcome back.
    **Maya Okafor**: Welcome back.
    __Maya Okafor:__ \\[00:04:01\\] Welcome back.
    """
    match = _BOLD_LABEL.match(line)
    if not match or not plausible_name(match["name"].strip()):
        return None
    return Head("bold-label", match["name"].strip(), None, match["text"])


_OTTER = re.compile(
    rf"^(?:\*\*(?P<bold>{NAME})\*\*[ \t]+|(?P<name>{NAME})[ \t]{{2,}}|(?P<tab>{NAME})\t+)"
    rf"(?P<stamp>{STAMP})[ \t]*$"
)


def _otter(line: str) -> Head | None:
    """Otter: the name, two or more spaces (or a tab) and the time, words on the next line::

    Maya Okafor  0:03
    **Omar Haddad**  1:02:07
    """
    match = _OTTER.match(line)
    if not match:
        return None
    name = (match["bold"] or match["name"] or match["tab"]).strip()
    start = parse_timestamp(match["stamp"])
    if start is None or not plausible_name(name):
        return None
    return Head("otter", name, start)


_REV = re.compile(rf"^(?P<name>{NAME})[ \t]+\((?P<stamp>{STAMP})\)[ \t]*:[ \t]*(?P<text>.*)$")


def _rev(line: str) -> Head | None:
    """Rev: the name and the time in parentheses, then a colon::

    Maya Okafor (00:01:23):
    Omar Haddad (00:01:30): Of course.
    """
    match = _REV.match(line)
    if not match or not plausible_name(match["name"].strip()):
        return None
    start = parse_timestamp(match["stamp"])
    return None if start is None else Head("rev", match["name"].strip(), start, match["text"])


_NAME_TIME = re.compile(
    rf"^(?P<name>{NAME})[ \t]*:[ \t]*(?:\[(?P<bstamp>{STAMP})\]|(?P<stamp>{STAMP}))[ \t]*$"
)


def _name_time(line: str) -> Head | None:
    """The name, a colon and the time alone on a line, the words on the next ones
    (bitcointranscripts)::

    Maya Okafor: 00:00:12
    Omar Haddad: [00:01:05]
    """
    match = _NAME_TIME.match(line)
    if not match or not plausible_name(match["name"].strip()):
        return None
    start = _stamp(match, "bstamp", "stamp")
    return None if start is None else Head("name-time", match["name"].strip(), start)


_NAME_COLON = re.compile(rf"^(?P<name>{NAME})[ \t]*:(?:[ \t]+(?P<text>\S.*)|[ \t]*$)")


def _name_colon(line: str) -> Head | None:
    """A name and a colon, the words on this line or the next (Zoom cues, plain exports);
    alone it is weak evidence, so formats ask for repeated names before trusting it::

    Maya Okafor: Welcome back.
    Omar Haddad:
    """
    match = _NAME_COLON.match(line)
    if not match or not plausible_name(match["name"].strip()):
        return None
    return Head("name-colon", match["name"].strip(), None, match["text"] or "")


#: Every header shape, in the order they are tried (more specific shapes first).
SHAPES: tuple[Shape, ...] = (
    Shape("whisper", "whisper-cli", "[", True, _whisper),
    Shape("time-first", "bracketed", "[(", True, _time_first),
    Shape("rev-continued", "rev", "(", False, _rev_continued),
    Shape("bracket-name-time", "bracket-name", "[", False, _bracket_name_time),
    Shape("bracket-name", "bracket-name", "[", False, _bracket_name),
    Shape("descript", "descript", "*", False, _descript),
    Shape("bold-label", "markdown", "*_", False, _bold_label),
    Shape("otter", "otter", "*", True, _otter),
    Shape("rev", "rev", "", True, _rev),
    Shape("name-time", "name-time", "", True, _name_time),
    Shape("name-colon", "name-colon", "", True, _name_colon),
)
#: The family of each shape ``Head.shape`` can name ("time-first" reads three of them).
FAMILY = {shape.name: shape.family for shape in SHAPES} | {
    "time-voice": "bracketed",
    "time-label": "bracketed",
    "time-text": "bracketed",
}
_ALL = frozenset(shape.name for shape in SHAPES)


def read_header(line: str, allowed: Collection[str] = _ALL) -> Head | None:
    """The turn header ``line`` opens with, trying only the ``allowed`` shapes (by name)."""
    if not line:
        return None
    first = line[0]
    word = first.isalnum()
    for shape in SHAPES:
        if shape.name not in allowed or not (shape.words if word else first in shape.first):
            continue
        head = shape.read(line)
        if head is not None:
            return head
    return None


def lead_stamp(text: str) -> tuple[float | None, str]:
    """A paragraph's opening ``[00:01:23]`` / ``(00:01:23)`` time and the text after it."""
    head = _TIME_FIRST.match(text) if text[:1] in "[(" else None
    if head is None or not (head["bstamp"] or head["pstamp"]):
        return None, text
    return _stamp(head, "bstamp", "pstamp"), head["text"].strip()


#: Lines this long on average are paragraphs written one a line, not text wrapped for width.
PARAGRAPH_LINE_CHARS = 200


def one_paragraph_a_line(lines: list[str]) -> bool:
    """Several long lines with no blank line between them: each is a paragraph of its own.

    Text wrapped for width has lines of 60-100 characters, and a turn written a sentence a
    line (bitcointranscripts) about as short; a paragraph a line runs to hundreds.
    """
    if len(lines) < 2:
        return False
    return sum(len(line) for line in lines) >= PARAGRAPH_LINE_CHARS * len(lines)


_WHISPER_SHAPE = frozenset({"whisper"})


def whisper_console(text: str) -> bool:
    """Whether the first time lines of ``text`` carry their words on the same line, as
    whisper-cli prints them: then it is no SRT or WebVTT file, whose words follow the line."""
    found = 0
    for line in text.split("\n", 40)[:40]:
        if "-->" not in line:
            continue
        if read_header(line.strip(), _WHISPER_SHAPE) is None:
            return False
        found += 1
        if found == 2:
            return True
    return False
