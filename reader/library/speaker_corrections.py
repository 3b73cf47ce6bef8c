"""The user's corrections to speaker names: ``speakers.json`` beside the library's notes
(``reader.notes.speakers_file`` says where).

A small plain file people may edit by hand (its shape is in the README)::

    {"shows": {"The Coaching Hour": {"rename": {"Priya Raman": "Dr Priya Raman",
                                                "Sam": "Sam Ortiz"},
                                     "apart": ["Priya"]}}}

``rename`` shows a name (as a file gives it, or as names are merged automatically) under
another; two names renamed to one are merged. ``apart`` names are never merged automatically
(a wrong "Priya" = "Priya Raman" split again). Shows and names match in any case; episodes of
no show are under ``""``. A file that cannot be read or parsed is reported and never written
over: the app then applies no corrections until it is fixed.
"""

from __future__ import annotations

import copy
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.util import digests
from reader.util.atomic import atomic_write_text

log = logging.getLogger(__name__)

#: Renames followed one after another (A -> B, B -> C) at most this far (a loop stops too).
MAX_CHAIN = 20


def fold(name: str) -> str:
    """How names and shows are compared: any case, any spacing."""
    return " ".join(name.split()).casefold()


class CorrectionsError(Exception):
    """``speakers.json`` cannot be read or has the wrong shape; names the file."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@dataclass(frozen=True)
class ShowCorrections:
    """One show's corrections, keyed by folded name."""

    rename: dict[str, str] = field(default_factory=dict)
    apart: frozenset[str] = frozenset()

    def renamed(self, own: str, merged: str) -> str:
        """The name ``own`` is shown under, ``merged`` being its automatic person."""
        current = own if fold(own) in self.rename else merged
        seen: set[str] = set()
        while fold(current) in self.rename and fold(current) not in seen and len(seen) < MAX_CHAIN:
            seen.add(fold(current))
            current = self.rename[fold(current)]
        return current


@dataclass
class SpeakerCorrections:
    """The whole file: ``data`` as written (unknown keys kept), ``stamp`` its content's hash."""

    data: dict[str, Any] = field(default_factory=lambda: {"shows": {}})
    stamp: str = ""

    def for_show(self, show: str) -> ShowCorrections:
        rename: dict[str, str] = {}
        apart: set[str] = set()
        for name, entry in self._shows().items():
            if fold(name) == fold(show):
                rename.update({fold(k): " ".join(v.split()) for k, v in entry["rename"].items()})
                apart.update(fold(n) for n in entry["apart"])
        return ShowCorrections(rename, frozenset(apart))

    def _shows(self) -> dict[str, dict]:
        return self.data["shows"]

    def _entry(self, show: str) -> dict:
        for name, entry in self._shows().items():
            if fold(name) == fold(show):
                return entry
        return self._shows().setdefault(show, {"rename": {}, "apart": []})

    # -- what the Speakers dialog does (each returns a changed copy) -------------------------
    def renaming(self, show: str, names: list[str], to: str) -> SpeakerCorrections:
        """``names`` (one: a rename; several: a merge) are shown as ``to`` from now on."""
        changed = SpeakerCorrections(copy.deepcopy(self.data), self.stamp)
        entry = changed._entry(show)
        to = " ".join(to.split())
        for name in names:
            _drop(entry["rename"], name)
            if fold(name) != fold(to):
                entry["rename"][name] = to
        _drop(entry["rename"], to)  # "to" is the name now, not renamed on
        return changed

    def splitting(self, show: str, name: str) -> SpeakerCorrections:
        """A file's name ``name`` stands on its own again: no rename, no automatic merge."""
        changed = SpeakerCorrections(copy.deepcopy(self.data), self.stamp)
        entry = changed._entry(show)
        _drop(entry["rename"], name)
        if fold(name) not in {fold(n) for n in entry["apart"]}:
            entry["apart"].append(name)
        return changed


def _drop(rename: dict[str, str], name: str) -> None:
    for key in [k for k in rename if fold(k) == fold(name)]:
        del rename[key]


def _checked(data: object, path: Path) -> dict[str, Any]:
    """``data`` if it has the documented shape, else ``CorrectionsError`` saying where not."""
    if not isinstance(data, dict):
        raise CorrectionsError(path, 'expected a JSON object with a "shows" object')
    shows = data.setdefault("shows", {})
    if not isinstance(shows, dict):
        raise CorrectionsError(path, '"shows" must be an object of show name -> corrections')
    for show, entry in shows.items():
        if not isinstance(entry, dict):
            raise CorrectionsError(path, f'show "{show}": expected an object')
        rename = entry.setdefault("rename", {})
        if not isinstance(rename, dict) or not all(
            isinstance(v, str) and v.strip() for v in rename.values()
        ):
            raise CorrectionsError(path, f'show "{show}": "rename" must map names to names')
        apart = entry.setdefault("apart", [])
        if not isinstance(apart, list) or not all(isinstance(n, str) for n in apart):
            raise CorrectionsError(path, f'show "{show}": "apart" must be a list of names')
    return data


def load_corrections(path: Path) -> SpeakerCorrections:
    """The corrections in ``path`` (none when it does not exist); ``CorrectionsError`` when it
    cannot be read or parsed."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return SpeakerCorrections()
    except OSError as exc:
        raise CorrectionsError(path, f"cannot read it: {exc.strerror or exc}") from exc
    stamp = digests.blake2b(raw, digest_size=12).hexdigest()
    if not raw.strip():
        return SpeakerCorrections(stamp=stamp)
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise CorrectionsError(path, "not UTF-8 text") from exc
    except ValueError as exc:
        raise CorrectionsError(path, f"not valid JSON ({exc})") from exc
    return SpeakerCorrections(_checked(data, path), stamp)


def save_corrections(path: Path, corrections: SpeakerCorrections) -> SpeakerCorrections:
    """Write ``corrections`` atomically; refuses (``CorrectionsError``) when the file on disk
    changed since ``corrections`` were read from it, or cannot be parsed (it is never lost)."""
    on_disk = load_corrections(path)  # raises for a broken file: we do not write over it
    if on_disk.stamp != corrections.stamp:
        raise CorrectionsError(path, "it was changed by another program; open it again")
    text = json.dumps(corrections.data, ensure_ascii=False, indent=2) + "\n"
    atomic_write_text(path, text)
    log.info("saved speaker corrections to %s", path)
    return load_corrections(path)
