"""JSON transcripts: Podcasting 2.0, Whisper (and WhisperX) and whisper.cpp output.

All three are lists of timed pieces of text. Podcasting 2.0 files often hold one word per
segment and Whisper segments are sentence fragments, so consecutive pieces of one speaker are
merged into readable turns (``merge_turns``). A piece with a wrong type inside (a string where
a time should be, a null body) is skipped with a warning naming it: one bad entry in a file of
thousands should cost that entry, not the episode.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any

from reader.importers.base import Draft, Importer, ParseError
from reader.importers.shared.named_audio import named_audio
from reader.importers.shared.text import (
    ENDS_SENTENCE,
    finer_times,
    join_lines,
    merge_turns,
    parse_timestamp,
)
from reader.model import Section, Segment

SNIFF_CHARS = 4096
#: Individual "segment N skipped" warnings kept before the rest are summed up in one line.
MAX_WARNINGS = 20

_PODCAST_KEYS = re.compile(r'"(?:startTime|endTime|body)"\s*:')
_WHISPERCPP_KEYS = re.compile(r'"(?:transcription|offsets|timestamps)"\s*:')
_WHISPER_KEYS = re.compile(r'"(?:segments|start|end|text|language|seek|tokens)"\s*:')
_WHISPER_START = re.compile(r'^\{\s*"text"\s*:\s*"')
_ANY_KEY = re.compile(r'"[^"\\\n]{1,40}"\s*:')
_SENTENCE_TAIL = frozenset(".!?…\"'”’)]")  # the last character of anything it matches
_NUMBER = (int, float)  # exact types: JSON true/false are bools, never times
# Characters join_lines would change inside a piece of text.
_MESSY = re.compile(r"[\n\r\t\u00a0\u2000-\u200b\u202f\u205f\u3000]| {2}")
_Reader = Callable[[dict[str, Any]], Segment]
# whisper.cpp writes these for stretches without speech; they are not words anyone said.
_NON_SPEECH = frozenset({"[BLANK_AUDIO]", "[ Silence ]", "[silence]", "(silence)"})


def sniff(text: str) -> float:
    head = text[:SNIFF_CHARS].lstrip()
    if not head.startswith(("{", "[")):
        return 0.0
    if _WHISPERCPP_KEYS.search(head) and '"transcription"' in text[: SNIFF_CHARS * 4]:
        return 0.95
    podcast = len(_PODCAST_KEYS.findall(head))
    if podcast >= 2 or (podcast and '"segments"' in head):
        return 0.95
    whisper = len(_WHISPER_KEYS.findall(head))
    # Whisper puts the whole transcript in "text" before "segments": the head may be only that.
    if _WHISPER_START.match(head) or whisper >= 3:
        return 0.85
    if _ANY_KEY.search(head):
        return 0.3  # JSON, but not recognisably a transcript
    return 0.0


class _Problems:
    """Collects skipped-segment warnings, summing up the tail so thousands stay readable."""

    def __init__(self) -> None:
        self.warnings: list[str] = []
        self.skipped = 0

    def skip(self, index: int, why: str) -> None:
        self.skipped += 1
        if len(self.warnings) < MAX_WARNINGS:
            self.warnings.append(f"segment {index} skipped: {why}")

    def finish(self) -> list[str]:
        extra = self.skipped - len(self.warnings)
        if extra > 0:
            return [*self.warnings, f"{extra} more segments skipped for the same kinds of reasons"]
        return list(self.warnings)


class _Skip(Exception):
    """One segment is unusable; the message says why."""


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _seconds(entry: dict[str, Any], key: str) -> float | None:
    """A time in seconds from a JSON number; missing is None, anything else is a _Skip."""
    value = entry.get(key)
    if isinstance(value, _NUMBER) and not isinstance(value, bool) and 0 <= value < math.inf:
        return float(value)  # also refuses NaN; JSON true/false are bools, never times
    if value is None:
        return None
    if type(value) not in _NUMBER:
        raise _Skip(f'"{key}" is {_type_name(value)}, not a number of seconds')
    raise _Skip(f'"{key}" is not a valid time ({value})')


def _text(entry: dict[str, Any], key: str) -> str:
    value = entry.get(key)
    if type(value) is str:
        # Most pieces are one clean word or sentence: only messy ones go through join_lines.
        return join_lines(value) if _MESSY.search(value) else value.strip()
    if key not in entry:
        raise _Skip(f'no "{key}"')
    raise _Skip(f'"{key}" is {_type_name(value)}, not text')


class _Speakers:
    """Speaker names trimmed once each: the same few names repeat on every segment."""

    def __init__(self) -> None:
        self.seen: dict[str, str | None] = {}

    def __call__(self, entry: dict[str, Any]) -> str | None:
        value = entry.get("speaker")
        if value is None:
            return None
        if type(value) is not str:
            raise _Skip(f'"speaker" is {_type_name(value)}, not a name')
        name = self.seen.get(value, "")
        if name == "":
            name = self.seen[value] = " ".join(value.split()) or None
        return name


def _ordered_end(start: float | None, end: float | None) -> float | None:
    return None if start is not None and end is not None and end < start else end


def _timed_reader(start_key: str, end_key: str, text_key: str) -> Callable[[], _Reader]:
    """A segment reader for formats with number-of-seconds times (a fresh one per file)."""

    def make() -> _Reader:
        speaker = _Speakers()

        def read(entry: dict[str, Any]) -> Segment:
            start = _seconds(entry, start_key)
            end = _seconds(entry, end_key)
            return Segment(_text(entry, text_key), speaker(entry), start, _ordered_end(start, end))

        return read

    return make


def _whispercpp_time(entry: dict[str, Any], edge: str) -> float | None:
    """Offsets (integer ms) are exact; the "00:00:01,000" timestamps are the fallback."""
    offsets = entry.get("offsets")
    if isinstance(offsets, dict) and edge in offsets:
        value = offsets[edge]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _Skip(f'offset "{edge}" is {_type_name(value)}, not milliseconds')
        if not math.isfinite(value) or value < 0:
            raise _Skip(f'offset "{edge}" is not a valid time ({value})')
        return round(value / 1000, 3)
    stamps = entry.get("timestamps")
    if isinstance(stamps, dict) and edge in stamps:
        value = stamps[edge]
        seconds = parse_timestamp(value) if isinstance(value, str) else None
        if seconds is None:
            raise _Skip(f'timestamp "{edge}" is not a time ({str(value)[:30]})')
        return seconds
    return None


def _whispercpp_reader() -> _Reader:
    speaker = _Speakers()

    def read(entry: dict[str, Any]) -> Segment:
        start = _whispercpp_time(entry, "from")
        end = _whispercpp_time(entry, "to")
        return Segment(_text(entry, "text"), speaker(entry), start, _ordered_end(start, end))

    return read


def _segments(entries: list[Any], read: _Reader, problems: _Problems) -> list[Segment]:
    """Every usable piece as a segment; unusable ones are reported to ``problems``."""
    out = []
    for index, entry in enumerate(entries, 1):
        if type(entry) is not dict:
            problems.skip(index, f"it is {_type_name(entry)}, not an object")
            continue
        try:
            segment = read(entry)
        except _Skip as exc:
            problems.skip(index, str(exc))
            continue
        if segment.text and segment.text not in _NON_SPEECH:
            out.append(segment)
    return out


def _sentences(
    entries: list[Any], keys: tuple[str, str, str], read: _Reader, problems: _Problems
) -> list[Segment]:
    """Like ``_segments``, but consecutive pieces of one speaker are joined up to each sentence
    end, so ``merge_turns`` gets a few thousand sentences instead of 30,000 single words.

    The turns come out the same: ``merge_turns`` only ever closes a turn after a piece that
    ends a sentence, and those are exactly where these runs end. Well-formed entries take a
    fast path; anything else goes through ``read`` for a precise warning.
    """
    start_key, end_key, text_key = keys
    out: list[Segment] = []
    names: dict[str, str | None] = {}
    texts: list[str] = []
    run_speaker: str | None = None
    run_start: float | None = None
    run_end: float | None = None
    run_times: list[tuple[int, float]] = []  # where each piece starts in the run, and when
    run_length = 0

    def flush() -> None:
        nonlocal run_times
        times = finer_times(run_times, run_start)
        out.append(Segment(" ".join(texts), run_speaker, run_start, run_end, times))
        texts.clear()
        run_times = []

    for index, entry in enumerate(entries, 1):
        if type(entry) is not dict:
            problems.skip(index, f"it is {_type_name(entry)}, not an object")
            continue
        body = entry.get(text_key)
        start = entry.get(start_key)
        end = entry.get(end_key)
        speaker = entry.get("speaker")
        if (
            type(body) is str
            and (start is None or (type(start) in _NUMBER and 0 <= start < math.inf))
            and (end is None or (type(end) in _NUMBER and 0 <= end < math.inf))
            and (speaker is None or type(speaker) is str)
        ):
            if speaker is not None:
                name = names.get(speaker, "")
                if name == "":
                    name = names[speaker] = " ".join(speaker.split()) or None
                speaker = name
            if body.isascii() and "\n" not in body and "\t" not in body and "  " not in body:
                text = body.strip()  # already what join_lines would make of it
            else:
                text = join_lines(body)
            if start is not None:
                start = float(start)
            if end is not None:
                end = None if start is not None and end < start else float(end)
        else:
            try:
                segment = read(entry)
            except _Skip as exc:
                problems.skip(index, str(exc))
                continue
            text, speaker, start, end = segment.text, segment.speaker, segment.start, segment.end
        if not text or text in _NON_SPEECH:
            continue
        if texts and (
            speaker != run_speaker or (speaker is None and (run_start is None or start is None))
        ):
            flush()
        if not texts:
            run_speaker, run_start, run_end = speaker, start, end
            run_length = 0
        else:
            run_length += 1  # the joining space
            if end is not None:
                run_end = end
        if start is not None and (not run_times or run_times[-1][1] != start):
            run_times.append((run_length, start))
        run_length += len(text)
        texts.append(text)
        if (text[-1] in _SENTENCE_TAIL and ENDS_SENTENCE.search(text[-8:])) or (
            speaker is None and start is None
        ):
            flush()
    if texts:
        flush()
    return out


def _kind(data: Any) -> tuple[str, list[Any]]:
    """Which flavour the document is, and its list of pieces; ParseError when it is neither."""
    if isinstance(data, list):
        entries = data
        first = next((e for e in entries if isinstance(e, dict)), {})
        if "body" in first or "startTime" in first:
            return "podcasting20-json", entries
        if "text" in first:
            return "whisper-json", entries
        raise ParseError('not a JSON transcript: a list without "body" or "text" entries')
    if not isinstance(data, dict):
        raise ParseError(
            f'not a JSON transcript: expected an object with "segments", found {_type_name(data)}'
        )
    if "transcription" in data:
        if not isinstance(data["transcription"], list):
            raise ParseError('not a JSON transcript: "transcription" is not a list')
        return "whispercpp-json", data["transcription"]
    if "segments" not in data:
        if isinstance(data.get("text"), str):
            return "whisper-json", []
        keys = ", ".join(f'"{k}"' for k in list(data)[:5]) or "none"
        raise ParseError(
            f'not a JSON transcript: no "segments" or "transcription" list (keys found: {keys})'
        )
    entries = data["segments"]
    if not isinstance(entries, list):
        raise ParseError('not a JSON transcript: "segments" is not a list')
    dicts = [e for e in entries[:50] if isinstance(e, dict)]
    if any("body" in e or "startTime" in e for e in dicts):
        return "podcasting20-json", entries
    return "whisper-json", entries


#: The keys of the flavours whose entries are flat: start, end and text.
_FLAT_KEYS = {
    "podcasting20-json": ("startTime", "endTime", "body"),
    "whisper-json": ("start", "end", "text"),
}
_READERS: dict[str, Callable[[], _Reader]] = {
    "podcasting20-json": _timed_reader("startTime", "endTime", "body"),
    "whisper-json": _timed_reader("start", "end", "text"),
    "whispercpp-json": _whispercpp_reader,
}


def _load(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(
            f"truncated or invalid JSON (line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise ParseError("invalid JSON: nested too deeply") from None
    except ValueError as exc:  # e.g. an integer with more digits than Python will convert
        raise ParseError(f"invalid JSON: {exc}") from None


def parse(text: str) -> Draft:
    data = _load(text)
    fmt, entries = _kind(data)
    problems = _Problems()
    if fmt in _FLAT_KEYS:
        segments = _sentences(entries, _FLAT_KEYS[fmt], _READERS[fmt](), problems)
    else:
        segments = _segments(entries, _READERS[fmt](), problems)
    if not entries and isinstance(data, dict) and isinstance(data.get("text"), str):
        segments = [Segment(p) for p in (join_lines(b) for b in data["text"].split("\n\n")) if p]
    warnings = problems.finish()
    turns = merge_turns(segments)
    if not turns:
        if warnings:
            raise ParseError(f"no usable segments ({warnings[0]})")
        raise ParseError("the transcript has no segments with text")
    draft = Draft(sections=[Section(None, turns)], warnings=warnings, format=fmt)
    if isinstance(data, dict) and isinstance(data.get("title"), str):
        draft.title = " ".join(data["title"].split()) or None
    if isinstance(data, dict):
        draft.audio = named_audio(data)
    return draft


IMPORTER = Importer(name="json", suffixes=frozenset({".json"}), sniff=sniff, parse=parse)
