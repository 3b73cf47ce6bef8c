"""What every format module provides.

A format module exposes one ``IMPORTER``: a name, the suffixes it usually has, a ``sniff``
that scores how sure it is from the text alone, and a ``parse`` that turns decoded text into a
``Draft``. The registry (``reader.importers``) picks the module, then completes the draft
(title fallback, episode number, show, speakers, quote positions) the same way for every
format, so format modules only extract what their format holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reader.model import Quote, Section


class ParseError(Exception):
    """The text is not valid in this format; the message is shown to the user as the problem."""


@dataclass
class Draft:
    """What a format module recovered; anything left empty is filled in by the registry."""

    title: str | None = None
    number: int | None = None
    show: str | None = None
    date: str | None = None
    speakers: list[str] = field(default_factory=list)
    description: str = ""
    topics: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)  # offsets are linked by the registry
    warnings: list[str] = field(default_factory=list)
    format: str | None = None  # a more precise format name than the importer's, e.g. "whisper-json"
    audio: str | None = None  # the audio file its metadata names, as written (``reader.audio``)


@dataclass(frozen=True)
class Importer:
    name: str
    suffixes: frozenset[str]
    sniff: Callable[[str], float]  # 0.0 = not this format ... 1.0 = certainly this format
    parse: Callable[[str], Draft]
