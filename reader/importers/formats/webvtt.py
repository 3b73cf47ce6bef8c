"""WebVTT (.vtt) captions, as Zoom, Teams, YouTube, whisper and caption editors write them.

Our own block scanner, after the WebVTT spec but lenient where real files are not: a missing
``WEBVTT`` line or SRT-style comma decimals cost a warning, not the episode.

What it recovers: the header text as the title (``WEBVTT - Show, Episode 34: Title``), speakers
from voice spans (``<v Name>``, ``<v.loud Name>``, several per cue), Zoom ``Name: text`` cues and
``[Name]`` labels; what it removes: NOTE/STYLE/REGION blocks, cue ids and settings, every tag,
ruby readings, inline word timings, entities. YouTube auto-captions repeat each line in the
next cue and add ~10 ms "hold" cues; both are folded so every spoken word appears once.

``webvtt-py`` 0.6.0 was measured against these rules on our fixtures and rejected: comma
decimals give 0 captions, silently; no header raises ``MalformedFileError``; entities stay
escaped (``R&amp;D``, ``&lrm;``); ``.voice`` reads only a ``<v>`` at the start of a cue, so a
second voice's words go to the first speaker; ruby readings stay in the text (``漢kan字ji``);
YouTube captions come out with every line twice plus the hold cues; a cue with a broken time
line or stray text is dropped without a word, and a cue ending before it starts is kept;
``start_in_seconds`` is a whole number. (Its header text, NOTE/STYLE/REGION and cue id
handling are fine, but we would need our own reader for the cases above anyway.)
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field

from reader.importers.base import Draft, Importer, ParseError
from reader.importers.shared import turns
from reader.importers.shared.captions import (
    TIME_LINE,
    clean_payloads,
    clean_text,
    merge_caption_turns,
    parse_time_line,
    short,
    split_dialogue_lines,
    split_turns,
    strip_override_tags,
    turns_to_segments,
)
from reader.importers.shared.captions import Turn as _Turn
from reader.importers.shared.cue_cleanup import has_escapes, split_escapes, visible_cues
from reader.model import Section, Segment

SNIFF_CHARS = 4096
#: Cues this short are YouTube's "hold" cues (10 ms in practice) when they repeat text.
HOLD_SECONDS = 0.020
#: Share of cues that must start by repeating the previous cue's last line to call the file
#: rolling captions (YouTube auto-captions); ordinary captions almost never do it.
ROLLING_SHARE = 0.25

_HEADER = re.compile(r"^WEBVTT(?:[ \t]+(?P<text>.*))?$")
_HEADER_TITLE_SEP = re.compile(r"^[\s\-–—:|]+")
_HEADER_FIELD = re.compile(r"^[A-Za-z][\w-]*[ \t]*[:=]")
_VOICE = re.compile(r"(<v(?:\.[^\s>]*)?(?:[ \t]+[^>\n]*)?>|</v[ \t]*>)")
_VOICE_NAME = re.compile(r"^<v(?:\.[^\s>]*)?[ \t]+(?P<name>[^>\n]*)>$")
_RUBY_TEXT = re.compile(r"<(rt|rp)(?:[.\s][^>]*)?>.*?</\1>", re.DOTALL)  # readings, not speech
#: In WebVTT a literal "<" must be written "&lt;", so "<...>" is always a tag; one left open at
#: the end of a line ("<v Anna") is one too, but a stray "a < b" or "I <3 you" stays text.
_TAG = re.compile(r"<[^>\n]*>|<[/A-Za-z][^<>\n]*$", re.MULTILINE)
_DASH = re.compile(r"^-[ \t]+")
_SNIFF_TIME = re.compile(
    r"^[ \t]*(?:\d{1,3}:)?\d{1,2}:\d{1,2}(?P<sep>[.,])\d{1,3}[ \t]*-->", re.MULTILINE
)


def sniff(text: str) -> float:
    """Certain with a ``WEBVTT`` first line; plausible for headerless dot-decimal cues."""
    head = text[:SNIFF_CHARS].replace("\ufeff", "").lstrip()
    if _HEADER.match(head.split("\n", 1)[0].rstrip("\r")):
        return 0.99
    match = _SNIFF_TIME.search(head)
    if not match:
        return 0.0
    if turns.whisper_console(head):
        return 0.0  # whisper-cli output saved as text: labelled text reads it
    if match["sep"] == ",":
        return 0.2  # SRT times: the srt importer is surer
    # Dot decimals are WebVTT's; with the .vtt suffix bonus this beats SRT's score for
    # dot-decimal cues, so a headerless .vtt file still reads as WebVTT (with its warning).
    return 0.6 if "<v" in head or "align:" in head or "position:" in head else 0.5


@dataclass(slots=True)
class _Cue:
    start: float
    end: float
    payload: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Timed:
    start: float
    end: float
    raw: list[str]  # payload lines that hold text (ruby readings removed)
    clean: list[str]  # the same lines without tags or entities, spaces collapsed


def _scan(text: str, warnings: list[str]) -> tuple[str | None, bool, list[_Cue]]:
    """Header text, whether a ``WEBVTT`` line was there, and the timed cues in order.

    Blocks are split at empty lines (a line of spaces, as YouTube writes, belongs to its cue).
    Ordinary blocks, an optional id, one time line and text, take a fast path; anything else
    goes through a line-by-line reading that also copes with cues run together without a blank
    line, junk, and NOTE, STYLE and REGION blocks.
    """
    title: str | None = None
    header = False
    cues: list[_Cue] = []
    cue: _Cue | None = None
    skipping = False  # inside a NOTE, STYLE or REGION block, or junk
    block: list[tuple[int, str]] = []  # lines of a block that is not a cue yet
    commas = False

    def open_cue(ident: str | None, number: int, line: str) -> _Cue:
        nonlocal commas
        times = parse_time_line(line)
        if isinstance(times, str):
            name = f"cue {ident}" if ident else f"cue at line {number}"
            warnings.append(f"{name} skipped: {times}")
            return _Cue(0.0, 0.0)  # collects the broken cue's text, which is dropped
        if "," in line:
            match = TIME_LINE.match(line)
            commas = commas or (match is not None and "," in match["start"] + match["end"])
        cues.append(_Cue(*times))
        return cues[-1]

    def drop_block() -> None:
        if block and not skipping:
            number, first = block[0]
            warnings.append(f"text at line {number} skipped: it is in no cue ({short(first)!r})")
        block.clear()

    def feed(number: int, line: str) -> None:
        """One line of a block that is not an ordinary cue; ``""`` ends the block."""
        nonlocal cue, skipping
        if cue is not None:
            if line == "":
                cue = None
            elif "-->" in line:  # the next cue began without a blank line
                ident = None
                if len(cue.payload) >= 2 and not cue.payload[-2].strip():
                    ident = cue.payload.pop().strip()
                cue = open_cue(ident, number, line)
            else:
                cue.payload.append(line)
            return
        stripped = line.strip()
        if not stripped:
            drop_block()
            skipping = False
        elif "-->" in line:  # NOTE, STYLE and REGION blocks cannot hold "-->"
            ident = block.pop()[1].strip() if len(block) == 1 else None
            drop_block()
            skipping = False
            cue = open_cue(ident, number, line)
        elif skipping:
            return
        elif not block and (
            stripped in ("NOTE", "STYLE", "REGION") or stripped.startswith(("NOTE ", "NOTE\t"))
        ):
            skipping = True
        elif not block and not cues and _HEADER_FIELD.match(stripped):
            skipping = True  # header fields after a stray blank line
        else:
            block.append((number, line))
            if len(block) == 2:  # two lines and no time line: not a cue
                drop_block()
                skipping = True

    number = 1
    first = True
    for chunk in text.split("\n\n"):
        start = number
        number += chunk.count("\n") + 2
        lines = chunk.split("\n")
        while lines and not lines[0].strip():
            lines.pop(0)
            start += 1
        if not lines:
            continue
        if first:
            first = False
            match = _HEADER.match(lines[0].strip())
            if match:
                header = True
                title = _HEADER_TITLE_SEP.sub("", match["text"] or "").strip() or None
                # Header fields ("Kind: captions", "X-TIMESTAMP-MAP=...") fill the rest of the
                # block; a time line among them means the blank line after them was forgotten.
                at = next((i for i, line in enumerate(lines) if "-->" in line), None)
                if at is None:
                    continue
                lines, start = lines[at:], start + at
        head = lines[0].strip()
        if head in ("NOTE", "STYLE", "REGION") or head.startswith(("NOTE ", "NOTE\t")):
            continue  # a comment, style sheet or region, even one that quotes a time line
        if chunk.count("-->") == 1:
            at = 0 if "-->" in lines[0] else 1
            ident = head if at else None
            if at == 0 or (ident and "-->" in lines[1]):
                open_cue(ident, start + at, lines[at]).payload.extend(lines[at + 1 :])
                continue
        for offset, line in enumerate(lines):
            feed(start + offset, line)
        feed(start + len(lines), "")
    if commas:
        warnings.append("times are written with commas, as in SRT, not dots; read them anyway")
    return title, header, cues


def _comparable(text: str) -> str:
    return " ".join(text.casefold().split())


def _clean(text: str) -> str:
    """Cue text without tags or entities, spaces collapsed; line breaks are kept."""
    return clean_text(strip_override_tags(_TAG.sub("", text) if "<" in text else text))


def _timed_cues(cues: list[_Cue], ruby: bool) -> list[_Timed]:
    """Each cue's text lines, raw and clean, index for index (for de-duplication and voices)."""
    if ruby:
        for cue in cues:
            if any("<r" in line for line in cue.payload):  # ruby readings may span lines
                cue.payload = _RUBY_TEXT.sub("", "\n".join(cue.payload)).split("\n")
    timed: list[_Timed] = []
    for cue, clean in zip(cues, clean_payloads([c.payload for c in cues], _clean), strict=True):
        raw = cue.payload
        if not all(clean):
            keep = [i for i, line in enumerate(clean) if line]
            raw, clean = [raw[i] for i in keep], [clean[i] for i in keep]
        timed.append(_Timed(cue.start, cue.end, raw, clean))
    return timed


def _overlap(previous: list[str], current: list[str]) -> int:
    """How many leading lines of ``current`` repeat the trailing lines of ``previous``."""
    for size in range(min(len(previous), len(current)), 0, -1):
        if previous[-size:] == current[:size]:
            return size
    return 0


def _fold_rolling(cues: list[_Timed]) -> None:
    """Keep only new lines: YouTube rolls each line into the next cue and adds hold cues.

    Hold cues (≤ 20 ms) that only repeat lines are folded in any file; other cues only when
    the file shows the rolling pattern, so a speaker genuinely repeating a line survives in
    ordinary captions. Lines are compared without tags, case or spacing.
    """
    rolls = sum(
        1
        for prev, cur in itertools.pairwise(cues)
        if prev.clean
        and cur.clean
        and (
            prev.clean[-1] == cur.clean[0]
            or _comparable(prev.clean[-1]) == _comparable(cur.clean[0])
        )
    )
    rolling = rolls >= 2 and rolls >= ROLLING_SHARE * (len(cues) - 1)
    compared: dict[int, list[str]] = {}

    def texts(i: int) -> list[str]:  # computed before cue i loses lines (we go backwards)
        if i not in compared:
            compared[i] = [_comparable(line) for line in cues[i].clean]
        return compared[i]

    for i in range(len(cues) - 1, 0, -1):
        cue = cues[i]
        if not rolling and cue.end - cue.start > HOLD_SECONDS:
            continue
        drop = _overlap(cues[i - 1].clean, cue.clean) or _overlap(texts(i - 1), texts(i))
        if drop:
            voices = [v for raw in cue.raw[:drop] if "<v" in raw for v in _VOICE.findall(raw)]
            cue.raw, cue.clean = cue.raw[drop:], cue.clean[drop:]
            if voices and cue.raw and voices[-1].startswith("<v"):
                cue.raw[0] = voices[-1] + cue.raw[0]


@functools.lru_cache(maxsize=256)
def _voice_name(tag: str) -> str:
    """``<v.loud Grace Obi>`` -> ``Grace Obi``; ``""`` for ``</v>`` or a voice with no name."""
    match = _VOICE_NAME.match(tag)
    return clean_text(match["name"]).strip() if match else ""


def _voiced_turns(raw: str, speaker: str | None, known: set[str]) -> tuple[list[_Turn], str | None]:
    """Turns of a cue with voice spans: each ``<v Name>`` starts a turn of that name.

    Text before the first voice may carry ``Name:`` labels; text after a closing ``</v>`` goes
    on with the same voice.
    """
    turns: list[_Turn] = []
    voiced = False
    for position, piece in enumerate(_VOICE.split(raw)):
        if position % 2:  # a voice tag
            name = _voice_name(piece)
            if name:
                speaker, voiced = name, True
                known.add(name)
            continue
        lines = [line for line in _clean(piece).split("\n") if line]
        if voiced:
            lines = [_DASH.sub("", line, count=1) for line in lines]
            turns.append(_Turn(speaker, [line for line in lines if line]))
        else:
            found, speaker = split_turns(split_dialogue_lines(lines), speaker, known)
            turns.extend(found)
    return [t for t in turns if t.lines], speaker


def parse(text: str) -> Draft:
    """Header title, then cues -> speaker turns; broken cues become warnings."""
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    warnings: list[str] = []
    title, has_header, cues = _scan(text, warnings)
    cues = visible_cues(cues, warnings)
    if has_escapes(text):
        for cue in cues:
            cue.payload = split_escapes(cue.payload)
    timed = _timed_cues(cues, "<r" in text)
    if not has_header:
        if not timed:
            raise ParseError("not a WebVTT file: no WEBVTT header line and no cues")
        warnings.insert(0, "the WEBVTT header line is missing; read as WebVTT anyway")
    _fold_rolling(timed)
    segments: list[Segment] = []
    speaker: str | None = None
    known: set[str] = set()
    for timed_cue in timed:
        if not timed_cue.clean:
            continue
        first = timed_cue.raw[0]
        voices = sum(line.count("<v") for line in timed_cue.raw)
        if voices == 1 and first.startswith("<v"):  # the usual cue: one voice, from the start
            name = _voice_name(first[: first.find(">") + 1])
            if name:
                speaker = name
                known.add(name)
            lines = [_DASH.sub("", x, count=1) if x[0] == "-" else x for x in timed_cue.clean]
            turns = [_Turn(speaker, lines)]
        elif voices:
            turns, speaker = _voiced_turns("\n".join(timed_cue.raw), speaker, known)
        else:
            turns, speaker = split_turns(split_dialogue_lines(timed_cue.clean), speaker, known)
        segments.extend(turns_to_segments(turns, timed_cue.start, timed_cue.end))
    if not segments:
        raise ParseError("no cues found" if not timed else "no cues found: every cue is empty")
    return Draft(
        title=title, sections=[Section(None, merge_caption_turns(segments))], warnings=warnings
    )


IMPORTER = Importer(name="webvtt", suffixes=frozenset({".vtt"}), sniff=sniff, parse=parse)
