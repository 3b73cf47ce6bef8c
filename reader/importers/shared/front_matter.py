"""YAML front matter (``---`` lines around ``key: value`` lines) atop any text transcript.

Static-site generators, transcript archives and note apps put an episode's metadata there:
``title``, ``episode``/``number``, ``date``, ``speakers``, ``show``/``podcast``/``channel``,
``description``/``summary``, ``topics`` and ``audio`` (``named_audio``). It is YAML, so it is
read with a YAML parser (PyYAML's ``safe_load``, never a loader that builds objects): quoted
and folded scalars come out as the text they mean (``'It''s'`` is "It's", ``>-`` and ``|``
blocks are their lines).

Front matter is someone else's file, so it is read defensively: a block over ``MAX_CHARS``,
one nested deeper than ``MAX_NESTING``, or one that fails to parse is not read, and a warning
names the problem (with its line) while the body still imports. Only the known keys are read,
and only one level deep, with caps on text length and list size: an alias bomb ("billion
laughs") costs nothing because nothing ever expands it.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from reader.importers.base import Draft
from reader.importers.shared.named_audio import named_audio

log = logging.getLogger(__name__)

#: Front matter above this size is not parsed (the largest real ones are a few KB).
MAX_CHARS = 32_000
#: The closing ``---`` must come within this many lines.
MAX_LINES = 1_000
#: Flow collections (``[...]``, ``{...}``) nested deeper than this are refused before parsing.
MAX_NESTING = 20
#: At most this many speakers or topics are taken from one list.
MAX_ITEMS = 100
MAX_TITLE_CHARS = 300
MAX_DESCRIPTION_CHARS = 10_000

_FENCE = "---"
_CLOSING = ("---", "...")
#: The first line inside the fences must look like a YAML key, else the block is not front
#: matter (a Markdown rule, for one, can open a file).
_KEY_LINE = re.compile(
    r"""^(?:[A-Za-z_][\w .-]{0,60}|"[^"\n]{1,60}"|'[^'\n]{1,60}')[ \t]*:(?:\s|$)"""
)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%Y.%m.%d")
_DIGITS = re.compile(r"\d{1,5}")
_LIST_SEPARATOR = re.compile(r"\s*[,;]\s*")
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")

_TITLE_KEYS = ("title",)
_NUMBER_KEYS = ("episode", "episode_number", "number", "ep")
_DATE_KEYS = ("date", "published", "pubdate", "publish_date", "published_at")
_SHOW_KEYS = ("show", "podcast", "channel", "series", "program", "programme")
_DESCRIPTION_KEYS = ("description", "summary", "excerpt")
_SPEAKER_KEYS = ("speakers",)
_TOPIC_KEYS = ("topics",)


@dataclass
class FrontMatter:
    """What the front matter says about the episode; ``None``/empty where it says nothing."""

    title: str | None = None
    number: int | None = None
    date: str | None = None  # ISO 8601
    show: str | None = None
    description: str | None = None
    speakers: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    audio: str | None = None  # the audio file it names, as written
    warnings: list[str] = field(default_factory=list)


def _block_end(lines: list[str]) -> int | None:
    """Index of the closing fence of a front-matter block opening ``lines``, else ``None``."""
    if not lines or lines[0].rstrip() != _FENCE:
        return None
    first = next((line for line in lines[1:MAX_LINES] if line.strip()), "")
    if first.rstrip() in _CLOSING or not (first.startswith("#") or _KEY_LINE.match(first)):
        return None
    return next(
        (i for i in range(1, min(len(lines), MAX_LINES)) if lines[i].rstrip() in _CLOSING), None
    )


def has_front_matter(text: str) -> bool:
    """Cheap check for sniffing: the text opens with a closed block of ``key: value`` lines."""
    if not text.startswith(_FENCE):
        return False
    return _block_end(text[: MAX_CHARS * 2].split("\n", MAX_LINES)) is not None


def split_front_matter(text: str) -> tuple[FrontMatter | None, int]:
    """The front matter atop ``text`` (``None`` if there is none) and the line where the body
    starts. A block that cannot be read still ends there, with a warning saying why."""
    if not text.startswith(_FENCE):
        return None, 0
    lines = text.split("\n", MAX_LINES)
    end = _block_end(lines)
    if end is None:
        return None, 0
    block = "\n".join(lines[1:end])
    front = FrontMatter()
    values = _load(block, front.warnings)
    if values is not None:
        _read_values(values, front)
    return front, end + 1


def _nesting(block: str) -> int:
    """How deep flow collections nest (quotes ignored: an over-estimate is harmless)."""
    depth = deepest = 0
    for char in block:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(0, depth - 1)
    return deepest


def _load(block: str, warnings: list[str]) -> dict[str, Any] | None:
    """The front matter as a mapping with lower-case keys, or ``None`` with a warning."""
    if len(block) > MAX_CHARS:
        warnings.append(
            f"front matter not read: it is longer than {MAX_CHARS // 1000} KB; "
            "the transcript is imported without it"
        )
        return None
    if ("[" in block or "{" in block) and _nesting(block) > MAX_NESTING:
        warnings.append("front matter not read: it is nested too deeply")
        return None
    try:
        data = yaml.safe_load(block)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 2}: " if mark is not None else ""  # +1 fence, +1 from 0
        problem = exc.problem or exc.context or "not valid YAML"
        warnings.append(
            f"front matter not read ({where}{problem}); the transcript is imported without it"
        )
        return None
    except ValueError as exc:  # a date or number YAML recognises but cannot build: 2024-02-30
        warnings.append(
            f"front matter not read (a value is not valid: {str(exc)[:60]}); "
            "the transcript is imported without it"
        )
        return None
    except (yaml.YAMLError, RecursionError) as exc:
        log.debug("front matter failed to parse: %r", exc)
        warnings.append(
            f"front matter not read ({type(exc).__name__}); the transcript is imported without it"
        )
        return None
    if data is None:
        return {}
    if not isinstance(data, dict):
        warnings.append("front matter not read: it is not a list of 'key: value' lines")
        return None
    return {_key(key): value for key, value in data.items()}


def _key(key: Any) -> str:
    """``Episode Number`` / ``episode-number`` -> ``episode_number``."""
    return str(key).strip().lower().replace(" ", "_").replace("-", "_")


def _one_line(value: Any, limit: int = MAX_TITLE_CHARS) -> str | None:
    """A scalar as one line of text; lists, mappings, booleans and nulls are no title."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str | int | float | dt.date):
        text = " ".join(str(value).split())
        return text[:limit] or None
    return None


def _paragraphs(value: Any) -> str | None:
    """A description: line breaks inside a paragraph become spaces, blank lines stay."""
    if not isinstance(value, str):
        return _one_line(value, MAX_DESCRIPTION_CHARS)
    text = value.replace("\r\n", "\n").replace("\r", "\n")[:MAX_DESCRIPTION_CHARS]
    paragraphs = (" ".join(p.split()) for p in _BLANK_LINES.split(text))
    return "\n\n".join(p for p in paragraphs if p) or None


def _names(value: Any) -> list[str]:
    """A list of names or a comma-separated string; ``- name: X`` items count too."""
    if isinstance(value, str):
        items: list[Any] = _LIST_SEPARATOR.split(value)
    elif isinstance(value, list):
        items = value[:MAX_ITEMS]
    else:
        return []
    names = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name")
        name = _one_line(item) if not isinstance(item, int | float) else None
        if name:
            names.append(name)
    return list(dict.fromkeys(names))[:MAX_ITEMS]


def iso_date(value: str) -> str | None:
    """``2024-03-05``, ``March 5, 2024``, ``5 Mar 2024``, ``2024/03/05`` -> ``2024-03-05``."""
    value = value.strip()
    match = _ISO_DATE.match(value)
    try:
        if match:
            return dt.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _date(value: Any, warnings: list[str]) -> str | None:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):  # YAML reads an unquoted 2024-03-05 as a date
        return value.isoformat()
    text = _one_line(value, 60)
    if text is None:
        return None
    found = iso_date(text)
    if found is None:
        warnings.append(f"front matter date not understood: {text[:40]}")
    return found


def _number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and 0 <= value < 100_000 and value == int(value):
        return int(value)
    if isinstance(value, str):
        digits = _DIGITS.search(value)
        return int(digits.group()) if digits else None
    return None


def _first(values: dict[str, Any], keys: tuple[str, ...]) -> Any:
    """The value of the first key present with something in it."""
    for key in keys:
        value = values.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _read_values(values: dict[str, Any], front: FrontMatter) -> None:
    front.title = _one_line(_first(values, _TITLE_KEYS))
    front.show = _one_line(_first(values, _SHOW_KEYS))
    front.description = _paragraphs(_first(values, _DESCRIPTION_KEYS))
    front.number = _number(_first(values, _NUMBER_KEYS))
    date = _first(values, _DATE_KEYS)
    front.date = _date(date, front.warnings) if date is not None else None
    front.speakers = _names(_first(values, _SPEAKER_KEYS))
    front.topics = _names(_first(values, _TOPIC_KEYS))
    front.audio = named_audio(values)


def apply_front_matter(draft: Draft, front: FrontMatter) -> None:
    """Copy what the front matter says into ``draft`` (its warnings too)."""
    draft.title = front.title or draft.title
    draft.number = front.number if front.number is not None else draft.number
    draft.date = front.date or draft.date
    draft.show = front.show or draft.show
    draft.description = front.description or draft.description
    draft.speakers = front.speakers or draft.speakers
    draft.topics = front.topics or draft.topics
    draft.audio = front.audio or draft.audio
    draft.warnings.extend(front.warnings)
