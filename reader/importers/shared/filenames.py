"""Turn file names into something a person would call the episode."""

from __future__ import annotations

import re
from pathlib import Path

from reader.pathnames import for_display

_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "or",
        "the",
        "to",
        "vs",
        "with",
    ]
)
_SEPARATORS = re.compile(r"[\s_\-.]+")


def title_from_filename(path: str | Path) -> str:
    """``ep-12-delegating-decisions.txt`` -> ``Ep 12 Delegating Decisions``.

    Used wherever a transcript names no title of its own (subtitles, Otter exports).
    """
    stem = for_display(Path(path).stem)  # an undecodable byte shows as U+FFFD
    words = [w for w in _SEPARATORS.split(stem) if w]
    if not words:
        return stem or for_display(path)
    titled = []
    for i, word in enumerate(words):
        lower = word.lower()
        if i and lower in _SMALL_WORDS:
            titled.append(lower)
        elif word.islower():
            titled.append(word[0].upper() + word[1:])
        else:
            titled.append(word)
    return " ".join(titled)
