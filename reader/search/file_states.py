"""An indexed file's state (``FileState``) with its audio, from an episode or its stored fields.

The audio pairing depends on the folder, not only on the file, so the sync compares it too
(``reader.library.audio_sync``): it is kept with the size, time and digest, in the stored
fields and the file manifest.
"""

from __future__ import annotations

from dataclasses import replace

from reader.audio.pairing import audio_is_there
from reader.model import Episode
from reader.search.results import FileState


def audio_fields(episode: Episode) -> dict:
    """The stored audio fields: its reference, and the same when that file is there."""
    reference, parents, depth = episode.audio, episode.source.parents, episode.id.count("/")
    root = parents[depth] if depth < len(parents) else None  # the library the id is below
    there = reference is not None and audio_is_there(episode.source, reference, root)
    return {"audio": reference if there else None, "audio_ref": reference}


def indexed_state(episode: Episode, state: FileState) -> FileState:
    """``state`` (the file's) with the episode's audio, as the index now holds it."""
    return replace(state, **audio_fields(episode))


def file_state(stored: dict) -> FileState:
    """The state a file was indexed in, from its stored fields."""
    audio = {"audio": stored.get("audio"), "audio_ref": stored.get("audio_ref")}
    return FileState(stored["size"], stored["mtime"], stored["digest"], **audio)
