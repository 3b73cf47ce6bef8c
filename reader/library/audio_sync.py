"""Keep the index's audio pairings in step with the folder.

An audio file added, removed or renamed beside a transcript that did not change must still
change that episode's audio: the sync pairs every unchanged episode again with the audio
files the scan found (``reader.audio.pairing.LibraryAudio``) and re-stamps the stored audio
of those whose pairing changed, without importing them again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from contextlib import suppress

from reader.audio.pairing import LibraryAudio
from reader.search.index import LibraryIndex
from reader.search.results import FileState
from reader.util import digests
from reader.util.atomic import atomic_write_text

log = logging.getLogger(__name__)

#: Beside the index: a digest of the library's audio files when their pairings were settled.
SETTLED_FILE = "audio-settled.txt"


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
    ix: LibraryIndex,
    states: dict[str, FileState],
    episode_ids: Iterable[str],
    audio_ids: list[str],
    imported: bool,
) -> list[str]:
    """Re-stamp the episodes whose audio changed (see ``changed_pairings``); their ids.

    When the library holds the same audio files as when this last ran, and this sync
    imported nothing (a fresh import may have listed its folder a moment too early), no
    pairing can have changed: the common no-op sync skips the pass."""
    seen = _audio_digest(audio_ids)
    if not imported and _last_settled(ix) == seen:
        return []
    changes = changed_pairings(states, episode_ids, audio_ids)
    if changes:
        ix.restamp(changes)
        log.info("audio paired again for %d episodes", len(changes))
    try:
        atomic_write_text(ix.folder / SETTLED_FILE, seen, durable=False)
    except OSError as exc:  # only a shortcut for the next sync
        log.info("could not note the audio files of %s: %s", ix.library, exc)
    return sorted(changes)


def forget_settled(ix: LibraryIndex) -> None:
    """The next sync pairs every episode again (after a rebuild, which paired none)."""
    with suppress(OSError):
        (ix.folder / SETTLED_FILE).unlink()


def _audio_digest(audio_ids: list[str]) -> str:
    listing = "\n".join(sorted(audio_ids)).encode("utf-8", "surrogatepass")
    return digests.blake2b(listing, digest_size=16).hexdigest()


def _last_settled(ix: LibraryIndex) -> str | None:
    try:
        return (ix.folder / SETTLED_FILE).read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None
