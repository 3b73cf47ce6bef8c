"""Keep the index's audio pairings in step with the folder.

An audio file added, removed or renamed beside a transcript that did not change must still
change that episode's audio: the sync pairs every unchanged episode again with the audio
files the scan found (``reader.audio.pairing.LibraryAudio``) and re-stamps the stored audio
of those whose pairing changed, without importing them again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from reader.audio.pairing import LibraryAudio
from reader.search.index import LibraryIndex
from reader.search.results import FileState

log = logging.getLogger(__name__)


def changed_pairings(
    states: dict[str, FileState], episode_ids: Iterable[str], audio_ids: list[str]
) -> dict[str, dict]:
    """The stored audio fields that change, per episode among ``episode_ids`` (indexed in
    ``states``), now that the library's audio files are ``audio_ids``."""
    if not audio_ids and not any(state.audio_ref for state in states.values()):
        return {}  # no audio anywhere, before or now: the common case costs one pass
    audio = LibraryAudio(audio_ids)
    changes: dict[str, dict] = {}
    for episode_id in episode_ids:
        state = states[episode_id]
        reference, there = audio.pairing(episode_id, state.audio_ref)
        now = reference if there else None
        if (now, reference) != (state.audio, state.audio_ref):
            changes[episode_id] = {"audio": now, "audio_ref": reference}
    return changes


def settle_audio(
    ix: LibraryIndex, states: dict[str, FileState], episode_ids: Iterable[str], audio_ids: list[str]
) -> list[str]:
    """Re-stamp the episodes whose audio changed (see ``changed_pairings``); their ids."""
    changes = changed_pairings(states, episode_ids, audio_ids)
    if changes:
        ix.restamp(changes)
        log.info("audio paired again for %d episodes", len(changes))
    return sorted(changes)
