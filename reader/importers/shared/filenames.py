"""Turn file names into something a person would call the episode.

Used wherever a transcript names no title of its own (subtitles, Otter exports, archives of
Markdown files). What a name can carry besides words:

- an episode number: ``ep-12-...``, ``episode_7_...``, ``450-api-versioning``,
  ``000_introducing_the_show``, ``go-time-100``, ``the-changelog-594`` (a year such as
  ``deep-work-2024`` or a ``part-2`` is not one);
- a language tag that downloaders and caption tools add (``talk.en.vtt``, ``.en-US``,
  ``.pt-BR``) and the audio suffix whisper.cpp keeps (``ep.wav.vtt``): neither is a title.

Words keep a sensible case: a word already cased in the name stays (``RACI``, ``iOS``), the
casing of a show the library knows wins (``JS Party``), then a small table of acronyms
(``API``, ``Q&A``); other words are capitalised, small words after the first lower-cased.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reader.importers.shared.metadata import number_from_filename, split_title
from reader.util.pathnames import for_display


def _word_list(text: str) -> list[str]:
    """Tables below are written as space-separated words."""
    return text.split()


_SMALL_WORDS = frozenset(
    _word_list("a an and as at but by for from in into nor of on or the to vs with")
)
#: Words a file name writes in lower case that have a fixed spelling.
_ACRONYMS = {
    word.lower(): word
    for word in _word_list(
        """
    AI API APIs AMA AWS CDN CEO CFO CLI CMS CPU CSS CTO DevOps DIY DNS FAQ GPU GraphQL GitHub
    GitLab HR HTML HTTP HTTPS IDE iOS IoT JavaScript JS JSON JVM KPI KPIs LLM LLMs macOS ML MVP
    NPM OKR OKRs PDF PHP PR RSS SaaS SDK SEO SQL SSH TDD TLS TV TypeScript UI URL UX VP VR
    UTF Wasm XML YAML
    """
    )
} | {"qa": "Q&A"}
#: ISO 639-1 codes that caption tools append (``.en``), with an optional region or script.
_LANGUAGES = frozenset(
    _word_list(
        """
    af ar az be bg bn bs ca cs cy da de el en eo es et eu fa fi fil fr ga gl gu he hi hr hu hy
    id is it ja ka kk km kn ko lt lv mk ml mn mr ms my nb ne nl nn no pa pl pt ro ru si sk sl
    sq sr sv sw ta te th tl tr uk ur uz vi zh zu
    """
    )
)
_LANGUAGE_TAG = re.compile(r"^([a-z]{2,3})(?:[-_](?:[A-Za-z]{2}|[A-Za-z]{4}|\d{3}))?$")
_MEDIA_SUFFIXES = frozenset(_word_list("wav mp3 m4a mp4 aac ogg oga opus flac webm mkv mov"))
_SEPARATORS = re.compile(r"[\s_\-.]+")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
#: Words before a trailing number that make it something other than an episode number:
#: parts and counts, and names that end in a number ("utf-8", "windows-1252", "python-3").
_NOT_EPISODE = frozenset(
    _word_list(
        """
        part pt vol volume season chapter ch day week top v version take no
        utf windows cp iso latin gb big mp h x ipv python py es ecma web
        """
    )
)
_MAX_NUMBER_DIGITS = 5


@dataclass(frozen=True)
class FileName:
    """What a file name says: a title, maybe an episode number and a known show."""

    title: str
    number: int | None = None
    show: str | None = None


def file_stem(path: str | Path) -> str:
    """The name without its suffix, language tag (``.en-US``) or audio suffix (``.wav``)."""
    stem = for_display(Path(path).stem)  # an undecodable byte shows as U+FFFD
    for _ in range(2):
        base, dot, last = stem.rpartition(".")
        if not dot or not base:
            break
        tag = _LANGUAGE_TAG.match(last)
        if (tag and tag[1] in _LANGUAGES) or last.lower() in _MEDIA_SUFFIXES:
            stem = base
        else:
            break
    return stem


def _casings(shows: Iterable[str]) -> dict[str, str]:
    """Lower-case word -> its spelling in a known show name, where that is not just a
    capital first letter ("JS" of "JS Party", "GoTime")."""
    found: dict[str, str] = {}
    for show in shows:
        for word in show.split():
            if word != word.lower().capitalize() and word != word.lower():
                found.setdefault(word.lower(), word)
    return found


def _case(words: list[str], casings: dict[str, str]) -> list[str]:
    titled = []
    for i, word in enumerate(words):
        lower = word.lower()
        if not word.islower():
            titled.append(word)  # cased by whoever named the file: "RACI", "iOS"
        elif lower in casings:
            titled.append(casings[lower])
        elif lower in _ACRONYMS:
            titled.append(_ACRONYMS[lower])
        elif i and lower in _SMALL_WORDS:
            titled.append(lower)
        else:
            titled.append(word[0].upper() + word[1:])
    return titled


def _episode_number(word: str) -> int | None:
    if word.isdigit() and len(word) <= _MAX_NUMBER_DIGITS and not _YEAR.match(word):
        return int(word)
    return None


def _known_show(words: list[str], shows: Iterable[str]) -> str | None:
    """The known show whose words open the name (the longest one)."""
    lowered = [w.lower() for w in words]
    best = None
    for show in shows:
        show_words = [w.lower() for w in _SEPARATORS.split(show) if w]
        longer = best is None or len(show_words) > len(best.split())
        if show_words and lowered[: len(show_words)] == show_words and longer:
            best = show
    return best


def read_filename(path: str | Path, shows: Iterable[str] = ()) -> FileName:
    """Title, episode number and (when the library knows it) show from a file's name."""
    shows = [s for s in shows if s and s.strip()]
    stem = file_stem(path)
    words = [w for w in _SEPARATORS.split(stem) if w]
    if not words:
        return FileName(stem or for_display(path))
    number = number_from_filename(stem)
    if number is None and len(words) > 1:
        first = _episode_number(words[0])
        if first is not None and (len(words[0]) >= 3 or words[0].startswith("0")):
            number, words = first, words[1:]  # "450-api-versioning", not "3-ways-to-lead"
        else:
            last = _episode_number(words[-1])
            if last is not None and words[-2].lower() not in _NOT_EPISODE:
                number = last  # "go-time-100": the number stays in the title
    show = _known_show(words, shows)
    title = " ".join(_case(words, _casings(shows)))
    found, rest = split_title(title)
    if found is not None and rest != title:
        title = rest[:1].upper() + rest[1:]  # "ep15-the-audit" -> "The Audit"
        number = number if number is not None else found
    return FileName(title, number, show)


def title_from_filename(path: str | Path) -> str:
    """``ep-12-delegating-decisions-not-tasks.txt`` -> ``Ep 12 Delegating Decisions Not Tasks``."""
    stem = file_stem(path)
    words = [w for w in _SEPARATORS.split(stem) if w]
    return " ".join(_case(words, {})) if words else (stem or for_display(path))
