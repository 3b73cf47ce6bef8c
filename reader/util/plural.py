"""Counted nouns for what the window and the CLI say: "1 hit", "9 hits", "1 match"."""

from __future__ import annotations

#: Nouns whose plural is not simply noun + "s" or "es".
_IRREGULAR = {"match": "matches", "episode": "episodes"}


def plural_of(noun: str) -> str:
    """The plural of an English noun as the app uses them (hit, match, episode, problem)."""
    if noun in _IRREGULAR:
        return _IRREGULAR[noun]
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def counted(count: int, noun: str) -> str:
    """``count`` and ``noun`` in the right number: one form, one helper, everywhere."""
    return f"{count} {noun if count == 1 else plural_of(noun)}"
