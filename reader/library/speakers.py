"""Speakers as people know them: within one show, "Priya" and "Priya Raman" are one person
when one name is the start of the other and nothing contradicts it (no second "Priya ..."
in the show), and "PRIYA" is "Priya". Applied to the index after each sync, from the names
each file gave (kept beside the shown ones), so a new episode can settle older ones.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from reader.search.index import LibraryIndex

log = logging.getLogger(__name__)

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")

Key = tuple[str, ...]


def _key(name: str) -> Key:
    return tuple(word.casefold() for word in _WORD.findall(name))


def _spelling(variants: Counter[str]) -> str:
    """The most used spelling of a name; mixed case over ALL CAPS when as common."""
    return max(variants, key=lambda name: (variants[name], not name.isupper(), -len(name)))


def reconcile(names: Iterable[str]) -> dict[str, str]:
    """Each name of one show -> the name of the person it is (itself when nothing merges)."""
    spellings: dict[Key, Counter[str]] = defaultdict(Counter)
    for name in names:
        key = _key(name)
        if key:
            spellings[key][name] += 1
    person: dict[str, str] = {}
    for key, variants in spellings.items():
        longer = [
            other for other in spellings if len(other) > len(key) and other[: len(key)] == key
        ]
        target = key
        if longer:
            fullest = max(longer, key=len)
            # "Priya" -> "Priya Raman" only if every longer "Priya ..." is that same person.
            if all(fullest[: len(other)] == other for other in longer):
                target = fullest
        for name in variants:
            person[name] = _spelling(spellings[target])
    return person


def settle_speakers(ix: LibraryIndex) -> int:
    """Give every indexed episode its show's reconciled speaker names; how many changed."""
    by_show: dict[str, list[dict]] = defaultdict(list)
    for doc in ix.stored_documents():
        show = (doc.get("show") or "").strip().casefold()
        if show:  # episodes of no show are left as their files name them
            by_show[show].append(doc)
    changes: dict[str, dict] = {}
    for docs in by_show.values():
        person = reconcile(name for doc in docs for name in _own(doc))
        for doc in docs:
            shown = ", ".join(dict.fromkeys(person.get(name, name) for name in _own(doc)))
            if shown != doc.get("speakers", ""):
                changes[doc["path"]] = {"speakers": shown}
    if changes:
        log.info("speakers reconciled in %d episodes of %s", len(changes), ix.library)
        ix.restamp(changes)
    return len(changes)


def _own(doc: dict) -> list[str]:
    """The speaker names the episode's file gave."""
    own = doc.get("own_speakers")
    return list(own) if isinstance(own, list | tuple) else []
