"""Where the user left each episode: the transcript offset at the top of the view, the side
panel's tab and, for an episode with audio, where playback stood, per library (by its id, so
places follow a moved library) and episode, in one small JSON file in the data folder.

Written atomically (a crash never leaves half a file) and bounded: only the most recently read
``MAX_PLACES`` episodes are kept. A damaged or foreign file is ignored (the places are a
convenience; losing them loses nothing the user wrote). No Qt here."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path

from reader.library.identity import library_identity
from reader.util.atomic import atomic_write_text

log = logging.getLogger(__name__)

FILE_NAME = "reading-places.json"
MAX_PLACES = 500
VERSION = 1


@dataclass(frozen=True)
class Place:
    offset: int  # transcript-text offset at the top of the view
    tab: int  # side panel tab index
    audio: float | None = None  # seconds into the episode's audio, when it was played


def _key(library: Path | str, episode_id: str) -> str:
    return f"{library}\n{episode_id}"


def library_key(library: Path | str) -> str:
    """``id:<library id>`` when the library has one (its places follow it when it moves),
    else its path, as places were kept before ids."""
    identity = library_identity(Path(library), create=False)
    return f"id:{identity.id}" if identity.id else str(library)


class ReadingPlaces:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / FILE_NAME
        self._places: dict[str, dict[str, float]] | None = None
        self._keys: dict[str, str] = {}

    def _library(self, library: Path | str) -> str:
        """The library's key; places kept under its path before it had an id move to it."""
        key = self._keys.get(str(library))
        if key is None:
            key = self._keys[str(library)] = library_key(library)
            places, old = self._load(), f"{library}\n"
            if key != str(library):
                for name in [k for k in places if k.startswith(old)]:
                    new = key + "\n" + name.removeprefix(old)
                    value = places.pop(name)
                    places.setdefault(new, value)
        return key

    def _load(self) -> dict[str, dict[str, float]]:
        if self._places is None:
            self._places = {}
            try:
                raw = json.loads(self.path.read_text("utf-8"))
                places = raw.get("places", {}) if isinstance(raw, dict) else {}
                for key, value in places.items():
                    if isinstance(value, dict) and isinstance(value.get("offset"), int):
                        self._places[str(key)] = value
            except FileNotFoundError:
                pass
            except (OSError, ValueError, AttributeError) as exc:
                log.warning("ignoring reading places in %s: %s", self.path, exc)
        return self._places

    def get(self, library: Path | str, episode_id: str) -> Place | None:
        value = self._load().get(_key(self._library(library), episode_id))
        if value is None:
            return None
        tab = value.get("tab", 0)
        audio = value.get("audio")
        return Place(
            max(0, int(value["offset"])),
            int(tab) if isinstance(tab, int) else 0,
            max(0.0, float(audio)) if isinstance(audio, int | float) else None,
        )

    def put(self, library: Path | str, episode_id: str, place: Place) -> None:
        """Remember ``place`` and write the file (the oldest places beyond the bound go)."""
        key = self._library(library)
        places = self._load()
        value: dict[str, float] = {"offset": place.offset, "tab": place.tab, "at": time.time()}
        if place.audio is not None:
            value["audio"] = round(place.audio, 3)
        places[_key(key, episode_id)] = value
        if len(places) > MAX_PLACES:
            newest = sorted(places.items(), key=lambda kv: kv[1].get("at", 0), reverse=True)
            self._places = places = dict(newest[:MAX_PLACES])
        try:
            text = json.dumps({"version": VERSION, "places": places}, ensure_ascii=False)
            atomic_write_text(self.path, text, durable=False)
        except OSError as exc:
            log.warning("cannot save reading places to %s: %s", self.path, exc)
