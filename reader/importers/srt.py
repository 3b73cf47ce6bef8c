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
dialogue dashes, tag and entity clean-up, turn merging) live here and
``reader.importers.webvtt`` imports them.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from reader.importers.base import (
    ENDS_SENTENCE,
    Draft,
    Importer,
    ParseError,
    clean_inline,
    merge_turns,
    parse_timestamp,
)
from reader.model import Section, Segment

SNIFF_CHARS = 4096

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
#: ASS/SSA override blocks such as ``{\an8}``, ``{\i1}``, ``{\pos(10,20)}``.
_ASS_TAG = re.compile(r"\{\\[^{}\n]*\}")
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


def strip_srt_markup(text: str) -> str:
    """Remove SRT/ASS formatting and entities from cue text; line breaks are kept."""
    if "<" in text:
        text = _SRT_TAG.sub("", text)
    if "{" in text:
        text = _ASS_TAG.sub("", text)
    return clean_text(text)


#: A label at the start of a line: ``Name: text`` or ``Name:`` alone.
_LABEL = re.compile(
    r"^(?P<name>[^\W\d_][\w'’.\-]*(?:[ \t]+[\w'’.\-]+){0,3})[ \t]*:(?:[ \t]+(?P<rest>.*)|$)"
)
#: Netflix-style ``[Name] text``.
_BRACKET_LABEL = re.compile(r"^\[(?P<name>[^\[\]\n]{1,40})\][ \t]*(?P<rest>.*)$")
#: A dialogue dash opening a line: ``- text`` or ``-text`` (an em dash is punctuation, not this).
_DASH = re.compile(r"^-(?:[ \t]+|(?=[^\W\d_]))")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Lower-case name particles: "Ludwig van Beethoven", "Ana de Armas".
_PARTICLES = _words(
    "van von der den de del della di da dos das du le la bin bint al el ibn y ter ten"
)
#: First words of ``X: ...`` that start a clause, not a name ("Note: this", "Step two: call").
_NOT_NAMES = _words(
    """
    the an and but or so if then now well yes no yeah okay ok oh also plus here there this that
    these those it its i we you he she they my our your his her their what why how when where
    who which one two three four five six seven eight nine ten first second third fourth fifth
    finally next last step steps rule rules note notes nb ps tip tips hint warning caution
    important example examples question questions answer update edit reminder today tonight
    tomorrow yesterday summary lesson lessons point problem solution result results goal goals
    objective objectives takeaway takeaways bonus spoiler fact facts truth reality translation
    source sources definition option options idea ideas plan verdict quote title chapter part
    section episode season time date location subject re fyi agenda action actions item items
    key topic topics challenge context background conclusion outcome advice link links website
    email phone music intro outro transcript caption captions kind language homework exercise
    disclaimer sponsor sponsors ad promo day week month year morning evening night
    """
)
#: Bracketed sounds and descriptions that look like ``[Name]`` labels.
_NOT_BRACKET_NAMES = _NOT_NAMES | _words(
    """
    applause laughter laughs laughing laugh inaudible crosstalk silence noise cheering cheers
    sighs sigh coughs cough indistinct chatter static beep bell ringing door sound sounds sfx
    foreign unintelligible pause theme song singing clapping groans gasps chuckles chuckling
    giggles bleep blank_audio speaking whispering whispers sniffs sniffing mumbles mumbling
    background audio video break ends end continues
    """
)
_MAX_NAME_CHARS = 40


def plausible_name(name: str, stoplist: frozenset[str] = _NOT_NAMES) -> bool:
    """Whether ``name`` reads like a person's name or speaker id, not the start of a sentence.

    1-4 words, each capitalised (lower-case particles like "van" and numbers like the "2" of
    "Speaker 2" allowed), no sentence punctuation, a full stop only in a short abbreviation or
    initial ("Dr.", "J."), and a first word that is not a common clause opener ("Note", "Rule",
    "Today", "So", ...).
    """
    words = name.split()
    if not words or len(words) > 4 or len(name) > _MAX_NAME_CHARS:
        return False
    if words[0].rstrip(".").lower() in stoplist or not words[0][0].isupper():
        return False
    for word in words:
        if word.endswith(".") and len(word) > 4:
            return False
        if not (word[0].isupper() or word in _PARTICLES or word.isdigit()):
            return False
    return True


def split_label(line: str, known: set[str]) -> tuple[str | None, str]:
    """``"Grace Obi: Thanks"`` -> ``("Grace Obi", "Thanks")``; ``(None, line)`` if no label.

    A label is accepted when its name is plausible (see ``plausible_name``) and the speech after
    it starts like a sentence: "Note: this matters" and "Rule one: never" are speech, because
    after a colon inside a sentence the text goes on in lower case. A name already accepted as a
    speaker in this file is trusted even before lower-case text ("Anna: and then ...").
    """
    if ":" in line:
        match = _LABEL.match(line)
        if match:
            name = match["name"].strip()
            rest = (match["rest"] or "").strip()
            if plausible_name(name) and (name in known or not rest or not rest[0].islower()):
                return name, rest
    if line.startswith("["):
        match = _BRACKET_LABEL.match(line)
        if match:
            name = match["name"].strip()
            rest = match["rest"].strip()
            if rest and not name.isupper() and plausible_name(name, _NOT_BRACKET_NAMES):
                return name, rest
    return None, line


@dataclass(slots=True)
class Turn:
    speaker: str | None
    lines: list[str] = field(default_factory=list)


def split_turns(
    lines: list[str], speaker: str | None, known: set[str], labels: bool = True
) -> tuple[list[Turn], str | None]:
    """Split one cue's clean lines into speaker turns; returns them and the speaker after.

    - ``Name: text`` at the start of a line switches the speaker, and the speaker carries over
      to following lines and cues until another label appears.
    - Dialogue dashes: when a cue holds two speakers' lines (two ``- `` lines, or a ``- `` line
      after an undashed one), each dashed line is its own turn; a dashed line with a label
      belongs to that name, one without belongs to someone unnamed (``None``), except the cue's
      first line, which goes on with the current speaker. A lone leading dash is just removed.
    """
    if not any(line[0] in "-[" or ":" in line for line in lines):
        return [Turn(speaker, lines)], speaker  # the usual cue: no label, no dialogue dash
    dashed = [line[0] == "-" and _DASH.match(line) is not None for line in lines]
    dialogue = sum(dashed) >= 2 or (any(dashed) and not dashed[0])
    turns: list[Turn] = []
    for position, (line, dash) in enumerate(zip(lines, dashed, strict=True)):
        if dash:
            line = _DASH.sub("", line, count=1)
        name, rest = split_label(line, known) if labels else (None, line)
        if name is not None:
            known.add(name)
            speaker = name
            turns.append(Turn(speaker))
        elif dash and dialogue:
            if position > 0:
                speaker = None
            turns.append(Turn(speaker))
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
    return [Segment(" ".join(t.lines), t.speaker, start, end) for t in turns if t.lines]


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
    cues = _cues(text, warnings)
    segments: list[Segment] = []
    speaker: str | None = None
    known: set[str] = set()
    for cue, lines in zip(
        cues, clean_payloads([c.lines for c in cues], strip_srt_markup), strict=True
    ):
        clean = [line for line in lines if line]
        if not clean:
            continue  # an empty cue: nothing was said
        turns, speaker = split_turns(clean, speaker, known)
        segments.extend(turns_to_segments(turns, cue.start, cue.end))
    if not segments:
        if cues:
            raise ParseError("no cues found: every cue is empty")
        raise ParseError("no cues found: no line holds a valid 'start --> end' time")
    return Draft(sections=[Section(None, merge_caption_turns(segments))], warnings=warnings)


IMPORTER = Importer(name="srt", suffixes=frozenset({".srt"}), sniff=sniff, parse=parse)
