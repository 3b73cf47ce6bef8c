"""Speakers and shows as people know them, settled over the whole library after each sync.

Within one show, "Priya" and "Priya Raman" are one person when one name is the start of the
other and nothing contradicts it (no second "Priya ..." in the show), and "PRIYA" is "Priya";
the user's corrections (``speaker_corrections``) rename, merge and keep names apart on top.
An episode whose file names no show takes its siblings' or its folder's (``folder_show``).
Applied to the index from what each file gave (kept beside the shown names), so a new
episode, or a changed corrections file, can settle older ones without re-importing them.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from reader.importers.shared.folder_show import shows_in_folders
from reader.library.speaker_corrections import ShowCorrections, SpeakerCorrections
from reader.model import Episode
from reader.search.index import LibraryIndex

log = logging.getLogger(__name__)

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")

Key = tuple[str, ...]


def _key(name: str) -> Key:
    return tuple(word.casefold() for word in _WORD.findall(name))


def _spelling(variants: Counter[str]) -> str:
    """The most used spelling of a name; mixed case over ALL CAPS when as common."""
    return max(variants, key=lambda name: (variants[name], not name.isupper(), -len(name)))


def reconcile(names: Iterable[str], apart: Collection[str] = ()) -> dict[str, str]:
    """Each name of one show -> the name of the person it is (itself when nothing merges).
    ``apart``: folded names the user split off, which take no part in merging."""
    spellings: dict[Key, Counter[str]] = defaultdict(Counter)
    for name in names:
        key = _key(name)
        if key:
            spellings[key][name] += 1
    kept_apart = {_key(name) for name in apart}
    mergeable = [key for key in spellings if key not in kept_apart]
    person: dict[str, str] = {}
    for key, variants in spellings.items():
        longer = [
            other for other in mergeable if len(other) > len(key) and other[: len(key)] == key
        ]
        target = key
        if longer and key not in kept_apart:
            fullest = max(longer, key=len)
            # "Priya" -> "Priya Raman" only if every longer "Priya ..." is that same person.
            if all(fullest[: len(other)] == other for other in longer):
                target = fullest
        for name in variants:
            person[name] = _spelling(spellings[target])
    return person


def shown_names(
    names: Iterable[str], corrections: ShowCorrections, merge: bool = True
) -> dict[str, str]:
    """Each speaker name of one show -> the name it is shown under: merged automatically
    (``merge``: episodes of no show are not), then as the user corrected it."""
    names = list(names)
    merged = reconcile(names, corrections.apart) if merge else {n: n for n in names}
    return {name: corrections.renamed(name, merged.get(name, name)) for name in names}


def settle_speakers(
    ix: LibraryIndex,
    corrections: SpeakerCorrections | None = None,
    changed: Mapping[str, str] | None = None,
) -> list[str]:
    """Give every indexed episode its settled show and its show's speaker names (reconciled,
    then corrected); the episodes that changed.

    ``changed``: when only these episodes were added, updated or removed since the library
    was last settled (each with the show it was in before, "" if none), only their folders'
    shows and the shows they were or are in are settled again: nothing else can change, and
    at 10,000 episodes settling all of them was most of a one-file sync."""
    corrections = corrections or SpeakerCorrections()
    docs = ix.kept_documents()
    near = docs
    if changed is not None:  # a show comes from the episode's folder and nothing further
        folders = {_folder(path) for path in changed}
        near = [doc for doc in docs if _folder(doc["path"]) in folders]
    shows = shows_in_folders({doc["path"]: doc.get("own_show") or None for doc in near})
    settled = {doc["path"]: shows.get(doc["path"]) or "" for doc in near}
    if changed is not None:
        keys = {_show_key(show) for show in [*changed.values(), *settled.values()]}
        keys |= {_show_key(doc.get("show")) for doc in near}
        docs = [d for d in docs if _show_key(settled.get(d["path"], d.get("show"))) in keys]
    by_show: dict[str, list[dict]] = defaultdict(list)
    changes: dict[str, dict] = defaultdict(dict)
    for doc in docs:
        show = settled.get(doc["path"], doc.get("show") or "")
        if show != (doc.get("show") or ""):
            changes[doc["path"]]["show"] = show
        by_show[_show_key(show)].append({**doc, "show": show})
    for key, group in by_show.items():
        show = group[0]["show"]
        own_names = (name for doc in group for name in _own(doc))
        names = shown_names(own_names, corrections.for_show(show), merge=bool(key))
        for doc in group:
            renamed = {own: names[own] for own in _own(doc) if names.get(own, own) != own}
            shown = ", ".join(dict.fromkeys(names.get(own, own) for own in _own(doc)))
            if shown != doc.get("speakers", ""):
                changes[doc["path"]]["speakers"] = shown
            if renamed != (doc.get("speaker_names") or {}):
                changes[doc["path"]]["speaker_names"] = renamed
    if changes:
        log.info("speakers and shows settled in %d episodes of %s", len(changes), ix.library)
        ix.restamp(dict(changes))
    return sorted(changes)


def _folder(episode_id: str) -> str:
    return episode_id.rpartition("/")[0]


def _show_key(show: str | None) -> str:
    """Episodes whose shows have one key are one show (their speakers reconcile together)."""
    return (show or "").strip().casefold()


def _own(doc: dict) -> list[str]:
    """The speaker names the episode's file gave."""
    own = doc.get("own_speakers")
    return list(own) if isinstance(own, list | tuple) else []


def as_known(episode: Episode, stored: dict | None) -> Episode:
    """``episode`` (just imported) with the show and speaker names the library shows it under
    (``stored``: its index document; None leaves it as its file says). Changed in place."""
    if not stored:
        return episode
    episode.show = stored.get("show") or episode.show
    names = stored.get("speaker_names") or {}
    if not isinstance(names, dict) or not names:
        return episode
    for segment in episode.segments():
        if segment.speaker:
            segment.speaker = names.get(segment.speaker, segment.speaker)
    for quote in episode.quotes:
        if quote.speaker:
            quote.speaker = names.get(quote.speaker, quote.speaker)
    episode.speakers = list(dict.fromkeys(names.get(s, s) for s in episode.speakers))
    return episode


def with_known_names(episodes: dict[str, Episode], cache_dir: Path, library: Path) -> None:
    """Give just-imported ``episodes`` the show and speaker names the library shows them
    under (``as_known``), from its index if it has one; as their files say otherwise."""
    try:
        ix = LibraryIndex(library, cache_dir, create=False)
    except Exception as exc:  # no index yet, or a damaged one: the files' own names
        log.info("exporting %s with the files' own names: %s", library, exc)
        return
    try:
        for episode_id, episode in episodes.items():
            as_known(episode, ix.stored(episode_id))
    except Exception:
        log.exception("the library's names for %s failed", library)
    finally:
        ix.close()


def names_of(episode: Episode) -> tuple:
    """What ``as_known`` may change: two loads of one file with other names differ here."""
    quotes = [quote.speaker for quote in episode.quotes]
    return episode.show, episode.speakers, [s.speaker for s in episode.segments()], quotes


@dataclass(frozen=True)
class Person:
    """A speaker as the Speakers dialog lists them: shown name, episodes, names in files."""

    name: str
    episodes: int
    file_names: tuple[str, ...]


def speakers_by_show(
    docs: Iterable[dict], corrections: SpeakerCorrections
) -> dict[str, list[Person]]:
    """Show (as indexed; "" for none) -> its speakers under ``corrections``, most heard first."""
    shows: dict[str, list[dict]] = defaultdict(list)
    for doc in docs:
        shows[_show_key(doc.get("show"))].append(doc)
    listed: dict[str, list[Person]] = {}
    for key, group in sorted(shows.items(), key=lambda item: (not item[0], item[0])):
        show = (group[0].get("show") or "").strip()
        own_names = [name for doc in group for name in _own(doc)]
        names = shown_names(own_names, corrections.for_show(show), merge=bool(key))
        episodes: Counter[str] = Counter()
        files: dict[str, dict[str, None]] = defaultdict(dict)
        for doc in group:
            episodes.update({names[own] for own in _own(doc)})
            for own in _own(doc):
                files[names[own]][own] = None
        people = [Person(name, count, tuple(files[name])) for name, count in episodes.items()]
        listed[show] = sorted(people, key=lambda p: (-p.episodes, p.name.casefold()))
    return listed
