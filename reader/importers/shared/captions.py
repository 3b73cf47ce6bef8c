"""Caption helpers shared by SRT and WebVTT: times, speaker labels, dialogue dashes, tag and
entity clean-up, turn merging."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from reader.importers.shared import turns
from reader.importers.shared.text import (
    ENDS_SENTENCE,
    Piece,
    clean_inline,
    merge_turns,
    parse_timestamp,
)
from reader.model import Segment

# ---------------------------------------------------------------------------------------------
# Times shared with WebVTT

#: A time line: two stamps around an arrow, then anything (SRT coordinates, WebVTT settings).
TIME_LINE = re.compile(r"^[ \t]*(?P<start>[0-9:.,]+)[ \t]*-->[ \t]*(?P<end>[0-9:.,]+)(?P<rest>.*)$")
_COLON_MILLIS = re.compile(r"^(\d+:\d+:\d+):(\d+)$")  # 00:00:01:500 (seen in the wild)
_LONG_FRACTION = re.compile(r"([.,]\d{3})\d+$")
_SHORT_FRACTION = re.compile(r"([.,])(\d{1,2})$")
_START_FRACTION = re.compile(r"\d:\d{1,2}[,.:](\d{1,3})[ \t]*-->")


def stamp_seconds(stamp: str, unpadded: bool = False) -> float | None:
    """One subtitle time stamp in seconds, ``None`` when it is not one.

    Accepts ``,`` or ``.`` before the fraction, no fraction at all, a colon before the
    milliseconds, and digits past the third (cut). A short fraction is read as a decimal
    (``,46`` = 0.46 s, ``,5`` = 0.5 s): files with two-digit fractions come from tools that count
    centiseconds (ASS converters), and it is what ``parse_timestamp`` does. With ``unpadded``
    (see ``unpadded_fractions``) it is milliseconds that lost their leading zeros (``,46`` =
    0.046 s).
    """
    if not unpadded:
        seconds = parse_timestamp(stamp)
        if seconds is not None:
            return seconds
    stamp = _COLON_MILLIS.sub(r"\1.\2", stamp)
    stamp = _LONG_FRACTION.sub(r"\1", stamp)
    if unpadded:
        stamp = _SHORT_FRACTION.sub(lambda m: m[1] + m[2].zfill(3), stamp)
    return parse_timestamp(stamp)


def unpadded_fractions(text: str) -> bool:
    """Whether the file writes milliseconds without their leading zeros (``,46`` = 46 ms).

    Only a file that mixes three-digit and shorter fractions can be such a writer, and so can
    one that trims trailing zeros (``1.25`` for 1.250 s). They differ in what never appears:
    a trimming writer never ends a fraction in 0, a zero-dropping one never starts a short
    fraction with 0. So: mixed lengths, some three-digit fraction ending in 0, and no short one
    starting with 0. Decided once per file, from the start times; otherwise decimals.
    """
    fractions = set(_START_FRACTION.findall(text))
    lengths = {len(fraction) for fraction in fractions}
    if 3 not in lengths or not lengths & {1, 2}:
        return False
    short = [f for f in fractions if len(f) < 3]
    return any(len(f) == 3 and f.endswith("0") for f in fractions) and not any(
        f.startswith("0") and f != "0" for f in short
    )


def format_stamp(seconds: float) -> str:
    """``83.5`` -> ``00:01:23.500`` for warnings."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02}:{minutes:02}:{secs:02}.{millis:03}"


def short(text: str, limit: int = 40) -> str:
    """A line quoted in a warning, cut so that junk cannot flood the warnings list."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: The time line nearly every file has (``00:01:02,500 --> 00:01:04,000``), read in one match;
#: every other shape goes through ``stamp_seconds``, which uses ``parse_timestamp``.
_USUAL_TIME_LINE = re.compile(
    r"^[ \t]*(?:(\d{1,3}):)?([0-5]\d):([0-5]\d)[.,](\d{3})[ \t]*-->"
    r"[ \t]*(?:(\d{1,3}):)?([0-5]\d):([0-5]\d)[.,](\d{3})(?![\d:.,])"
)


def parse_time_line(
    line: str, unpadded: Callable[[], bool] | None = None
) -> tuple[float, float] | str:
    """Start and end of a cue's time line, or what is wrong with it, for a warning.

    ``unpadded`` says how to read short fractions (see ``unpadded_fractions``); it is only
    asked for when a stamp is not the usual ``HH:MM:SS,mmm``, so most files never pay for it.
    """
    usual = _USUAL_TIME_LINE.match(line)
    if usual:
        h1, m1, s1, f1, h2, m2, s2, f2 = usual.groups()
        start = (int(h1 or 0) * 3_600_000 + int(m1) * 60_000 + int(s1) * 1000 + int(f1)) / 1000
        end = (int(h2 or 0) * 3_600_000 + int(m2) * 60_000 + int(s2) * 1000 + int(f2)) / 1000
        if end >= start:
            return start, end
    match = TIME_LINE.match(line)
    short_millis = unpadded is not None and match is not None and unpadded()
    start_or_none = stamp_seconds(match["start"], short_millis) if match else None
    end_or_none = stamp_seconds(match["end"], short_millis) if match else None
    if start_or_none is None or end_or_none is None:
        return f"no valid time line ({short(line)!r})"
    if end_or_none < start_or_none:
        return (
            f"it ends ({format_stamp(end_or_none)}) "
            f"before it starts ({format_stamp(start_or_none)})"
        )
    return start_or_none, end_or_none


def clean_payloads(payloads: list[list[str]], clean: Callable[[str], str]) -> list[list[str]]:
    """Clean the text lines of every cue in one pass; each cue gets back one line per line.

    Running the tag, entity and space clean-up once over the whole file instead of cue by cue
    is what keeps 30,000 words of captions well under 100 ms. None of the patterns crosses a
    line break (and entities never decode to one), so lines stay aligned with the raw ones.
    """
    lines = clean("\n".join(line for payload in payloads for line in payload)).split("\n")
    out: list[list[str]] = []
    pos = 0
    for payload in payloads:
        out.append(lines[pos : pos + len(payload)])
        pos += len(payload)
    return out


# ---------------------------------------------------------------------------------------------
# Cue text shared with WebVTT

#: SRT formatting tags (and the few HTML ones editors leave in); other ``<...>`` is text.
_SRT_TAG = re.compile(
    r"</?(?:i|b|u|s|em|strong|font|span|c|v|ruby|rt|lang)\b[^<>\n]*>|<br\s*/?>", re.IGNORECASE
)
#: ASS/SSA override blocks such as ``{\an8}``, ``{\i1}``, ``{\pos(10,20)}``, and MicroDVD
#: control codes such as ``{y:i}`` or ``{C:$0000ff}`` (a brace and text stays text).
_ASS_TAG = re.compile(r"\{(?:\\|[A-Za-z]:)[^{}\n]*\}")
#: Character references that need their ``;`` (so "AT&T" or "R&D;" text stays as written).
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
#: Marks with no width that entities like ``&lrm;`` produce; they must not reach the text.
_INVISIBLE = re.compile("[\u200c-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\x00]")


def _entity(match: re.Match[str]) -> str:
    # "&#10;" must not add a line: cue lines are matched one to one with their raw lines.
    return html.unescape(match.group()).replace("\n", " ").replace("\r", " ")


def unescape(text: str) -> str:
    """Decode HTML character references (``&amp;``, ``&#8217;``, ``&nbsp;`` ...)."""
    if "&" not in text:
        return text
    return _ENTITY.sub(_entity, text)


def clean_text(text: str) -> str:
    """Decode entities, drop invisible marks and collapse spaces; line breaks are kept."""
    text = unescape(text)
    if not text.isascii():
        text = _INVISIBLE.sub("", text)
    return clean_inline(text)


def strip_override_tags(text: str) -> str:
    """Remove ASS override blocks (``{\\an8}``) and MicroDVD codes (``{y:i}``) from cue text:
    converters leave them in SRT and WebVTT files alike."""
    return _ASS_TAG.sub("", text) if "{" in text else text


def strip_srt_markup(text: str) -> str:
    """Remove SRT/ASS formatting and entities from cue text; line breaks are kept."""
    if "<" in text:
        text = _SRT_TAG.sub("", text)
    return clean_text(strip_override_tags(text))


#: A dialogue dash opening a line: ``- text`` or ``-text`` (an em dash is punctuation, not this),
#: or the ``>>`` that broadcast and YouTube captions put at a change of speaker.
_DASH = re.compile(r"^(?:-(?:[ \t]+|(?=[^\W\d_]))|>>>?[ \t]*)")
#: A second speaker's mark inside one line: a dash after a sentence end (``- Ready? - Yes.``),
#: or ``>>`` anywhere (it is never punctuation).
_INNER_DASH = re.compile(r"(?<=[.!?…\"'”’)\]])[ \t]+-[ \t]+(?=\S)|[ \t]+>>>?[ \t]*(?=\S)")


def split_dialogue_lines(lines: list[str]) -> list[str]:
    """Lines with a speaker's dash inside them cut there, so each dash opens a line.

    Converters join a two-speaker cue onto one line (``- Ready? - Yes.``); a `` - `` right
    after a sentence end is that dash, not punctuation (a dash inside a sentence stays).
    """
    if not any(" -" in line or " >>" in line for line in lines):
        return lines
    out: list[str] = []
    for line in lines:
        if (" -" in line or " >>" in line) and _INNER_DASH.search(line):
            out.extend(part.strip() for part in _INNER_DASH.sub("\n- ", line).split("\n"))
        else:
            out.append(line)
    return out


#: The header shapes (``shared.turns``) a caption line can open with.
_LABEL_SHAPES = frozenset({"name-colon"})
_BRACKET_SHAPES = frozenset({"bracket-name"})


def split_label(line: str, known: set[str]) -> tuple[str | None, str]:
    """``"Grace Obi: Thanks"`` -> ``("Grace Obi", "Thanks")``; ``(None, line)`` if no label.

    A label is accepted when its name is plausible (``shared.speakers.plausible_name``) and the
    speech after it starts like a sentence: "Note: this matters" and "Rule one: never" are
    speech, because after a colon inside a sentence the text goes on in lower case. A name
    already accepted as a speaker in this file is trusted even before lower-case text
    ("Anna: and then ..."). Netflix-style ``[Name] text`` labels are read too.
    """
    if ":" in line:
        head = turns.read_header(line, _LABEL_SHAPES)
        if head is not None and head.speaker is not None:
            rest = head.text.strip()
            if head.speaker in known or not rest or not rest[0].islower():
                return head.speaker, rest
    if line.startswith("["):
        head = turns.read_header(line, _BRACKET_SHAPES)
        if head is not None and head.speaker is not None:
            return head.speaker, head.text
    return None, line


@dataclass(slots=True)
class Turn:
    speaker: str | None
    lines: list[str] = field(default_factory=list)
    new_turn: bool = False  # opened by a dialogue dash: another speaker, named or not


def split_turns(
    lines: list[str], speaker: str | None, known: set[str], labels: bool = True
) -> tuple[list[Turn], str | None]:
    """Split one cue's clean lines into speaker turns; returns them and the speaker after.

    - ``Name: text`` at the start of a line switches the speaker, and the speaker carries over
      to following lines and cues until another label appears.
    - Dialogue dashes (YouTube and TV style): a line opening with ``- `` (or ``>>``) starts a
      new speaker's turn, also at the start of a cue; with a label it belongs to that name,
      without one to someone unnamed (``None``). The turn is kept apart from its neighbours
      when merged.
    """
    if not any(line[0] in "-[>" or ":" in line for line in lines):
        return [Turn(speaker, lines)], speaker  # the usual cue: no label, no dialogue dash
    dashed = [line[0] in "->" and _DASH.match(line) is not None for line in lines]
    turns: list[Turn] = []
    for line, dash in zip(lines, dashed, strict=True):
        if dash:
            line = _DASH.sub("", line, count=1)
        name, rest = split_label(line, known) if labels else (None, line)
        if name is not None:
            known.add(name)
            speaker = name
            turns.append(Turn(speaker, new_turn=dash))
        elif dash:
            speaker = None  # someone answers; the cue does not say who
            turns.append(Turn(speaker, new_turn=True))
        elif not turns:
            turns.append(Turn(speaker))
        if rest:
            turns[-1].lines.append(rest)
    return [t for t in turns if t.lines], speaker


def turns_to_segments(turns: list[Turn], start: float, end: float) -> list[Segment]:
    """Segments of one cue; several turns in a cue share its times (captions time no finer).

    Turn lines are clean already, so joining them with spaces is ``join_lines`` without the
    second cleaning pass.
    """
    return [
        Piece(" ".join(t.lines), t.speaker, start, end, new_turn=t.new_turn)
        for t in turns
        if t.lines
    ]


#: A turn with no sentence end in this many words is cut into a new paragraph anyway.
UNPUNCTUATED_WORDS = 200


def merge_caption_turns(segments: list[Segment]) -> list[Segment]:
    """``merge_turns`` for caption cues, also for captions without punctuation.

    ``merge_turns`` closes a long turn only at a sentence end, so auto-captions with no
    punctuation would become one paragraph as long as the episode (30,000 words in one block).
    Cutting the cue list wherever ``UNPUNCTUATED_WORDS`` words went by without a sentence end
    keeps those paragraphs readable; punctuated captions merge exactly as ``merge_turns`` does.
    """
    merged: list[Segment] = []
    chunk: list[Segment] = []
    words = 0
    for seg in segments:
        if words >= UNPUNCTUATED_WORDS:
            merged.extend(merge_turns(chunk))
            chunk, words = [], 0
        chunk.append(seg)
        words = 0 if ENDS_SENTENCE.search(seg.text) else words + seg.text.count(" ") + 1
    merged.extend(merge_turns(chunk))
    return merged
