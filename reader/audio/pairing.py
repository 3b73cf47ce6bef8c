"""Which audio file belongs to a transcript: the recording beside it, or the one it names.

The rules, each tested in ``tests/audio/test_pairing.py``:

- The same stem beside it: ``ep12.vtt`` + ``ep12.m4a``. A language tag on the transcript is
  dropped when nothing matches with it: ``ep12.en.vtt`` + ``ep12.mp3`` (``ep12.en.mp3``
  beside it wins). Whisper names its output after the audio: ``ep12.mp3.json`` + ``ep12.mp3``.
- Stems compare exactly, types case-insensitively (``ep12.MP3`` pairs, ``ep120.mp3``,
  ``ep12b.mp3`` and ``Ep12.mp3`` do not). Several types of one stem: the first in
  ``AUDIO_SUFFIXES``. Several transcripts of one stem (``ep1.vtt``, ``ep1.srt``) are the same
  recording's and share it.
- Metadata that names the audio (front matter ``audio:``, a JSON ``"audio"``) decides, even
  when that file is missing (the player then says so): a relative path inside the library.
  A URL (never fetched), an absolute path or one leading out of the library names nothing.
- Only regular files are audio (a FIFO or a folder named ``ep1.mp3`` is not), and hidden ones
  are not; a link counts when it leads to a regular file inside the library.

A reference is the audio's path relative to the transcript's folder, with forward slashes
(``Episode.audio``). No Qt, no file format: names and the folder listing only.
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
import stat
import time
from collections.abc import Iterable
from pathlib import Path

from reader.util.pathnames import is_storable

log = logging.getLogger(__name__)

#: Audio types, in the order one is chosen when a stem has several.
AUDIO_SUFFIXES = (".mp3", ".m4a", ".aac", ".mp4", ".ogg", ".opus", ".wav", ".flac")
_SUFFIX_RANK = {suffix: rank for rank, suffix in enumerate(AUDIO_SUFFIXES)}
#: A language tag as subtitle tools add it: en, eng, pt-BR, zh-Hant, en_US.
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?")
#: A scheme (``https:``, ``file:``, ``data:``) or a drive (``C:``): not a path in the library.
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
#: A folder listing younger than this may miss a change within its time stamp's resolution.
_SETTLED_SECONDS = 2.0


def is_audio_name(name: str) -> bool:
    """True if ``name`` has one of the audio types (any case)."""
    return posixpath.splitext(name)[1].lower() in _SUFFIX_RANK


def _stem_and_rank(name: str) -> tuple[str, int]:
    stem, suffix = posixpath.splitext(name)
    return stem, _SUFFIX_RANK[suffix.lower()]


def _wanted_stems(transcript_name: str) -> list[str]:
    """The stems its audio may have, best first: its own, then without a language tag."""
    base = posixpath.splitext(transcript_name)[0]
    stems = [base]
    head, dot, tag = base.rpartition(".")
    if dot and head and _LANGUAGE.fullmatch(tag):
        stems.append(head)
    return stems


class AudioNames:
    """The audio files of one folder (names; other types are left out), by stem."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = {name for name in names if is_audio_name(name)}
        self._by_stem: dict[str, list[tuple[int, str]]] = {}
        for name in self.names:
            stem, rank = _stem_and_rank(name)
            self._by_stem.setdefault(stem, []).append((rank, name))

    def pair(self, transcript_name: str) -> str | None:
        """The one that belongs to the transcript named ``transcript_name``, else None."""
        base = posixpath.splitext(transcript_name)[0]
        if base in self.names:  # Whisper: ep12.mp3.json is the transcript of ep12.mp3
            return base
        for stem in _wanted_stems(transcript_name):
            if stem in self._by_stem:
                return min(self._by_stem[stem])[1]
        return None


def pair_by_name(transcript_name: str, audio_names: Iterable[str]) -> str | None:
    """The audio file among ``audio_names`` (names in the transcript's folder, audio types
    only) that belongs to the transcript named ``transcript_name``, else None."""
    return AudioNames(audio_names).pair(transcript_name)


def named_reference(value: str | None, transcript_id: str) -> str | None:
    """What metadata names as the audio, as a reference (relative to the transcript's folder,
    normalised), or None when it names no file in the library: a URL, an absolute path, a
    path leading out of the library, or not an audio type. ``transcript_id`` is the
    transcript's path below the library (its name alone when there is no library: then the
    transcript's folder is the boundary)."""
    value = (value or "").strip()
    if not value or "\x00" in value or "\\" in value or _SCHEME.match(value):
        return None
    if value.startswith("/") or not is_audio_name(value):
        return None
    folder = posixpath.dirname(transcript_id)
    inside = posixpath.normpath(posixpath.join(folder, value))
    if inside == ".." or inside.startswith("../") or inside.startswith("/"):
        return None
    return posixpath.relpath(inside, folder or ".")


def library_id(transcript_id: str, reference: str) -> str:
    """The library id (path below the library) of the audio ``reference`` names."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(transcript_id), reference))


def is_stem_pair(transcript_id: str, reference: str) -> bool:
    """True if ``reference`` is a file the name rules would pair (beside it, matching)."""
    if "/" in reference or not is_audio_name(reference):
        return False
    name = transcript_id.rpartition("/")[2]
    if posixpath.splitext(name)[0] == reference:
        return True
    return posixpath.splitext(reference)[0] in _wanted_stems(name)


class LibraryAudio:
    """The regular audio files of a library (ids with forward slashes), by folder: what a
    sync pairs unchanged transcripts with."""

    def __init__(self, audio_ids: Iterable[str]) -> None:
        self.ids = set(audio_ids)
        by_folder: dict[str, list[str]] = {}
        for audio_id in self.ids:
            folder, _slash, name = audio_id.rpartition("/")
            by_folder.setdefault(folder, []).append(name)
        self._by_folder = {folder: AudioNames(names) for folder, names in by_folder.items()}

    def pairing(self, transcript_id: str, reference: str | None) -> tuple[str | None, bool]:
        """The transcript's reference and whether its file is there, given the reference it
        was indexed with: a named one stays (its metadata did not change); one the name rules
        made is made again from the files there now."""
        if reference is not None and not is_stem_pair(transcript_id, reference):
            return reference, library_id(transcript_id, reference) in self.ids
        folder, _slash, name = transcript_id.rpartition("/")
        names = self._by_folder.get(folder)
        found = names.pair(name) if names is not None else None
        return found, found is not None


# -- the folder on disk (an import) ---------------------------------------------------------
#: Folder -> (its modification time, when it was listed, its audio files).
_listings: dict[str, tuple[int, float, AudioNames]] = {}


def _inside(path: str, root: str) -> bool:
    return os.path.realpath(path).startswith(os.path.join(os.path.realpath(root), ""))  # noqa: PTH118


def is_audio_file(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> bool:
    """True if ``path`` is an audio file to play: a regular file (or a link to one) inside
    ``root``, of an audio type, not hidden."""
    path = os.fspath(path)
    name = os.path.basename(path)  # noqa: PTH119
    if name.startswith(".") or not is_audio_name(name):
        return False
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # noqa: PTH116
            return False
    except OSError:
        return False
    return _inside(path, os.fspath(root))


def folder_audio(folder: str, root: str) -> AudioNames:
    """The audio files in ``folder``, listed once per change of the folder."""
    try:
        changed = os.stat(folder).st_mtime_ns  # noqa: PTH116
    except OSError:
        return AudioNames(())
    cached, now = _listings.get(folder), time.time()
    # A listing taken within a time stamp's resolution of the folder's last change may miss a
    # file added in that tick: trusted for a second only (an import of thousands of files
    # into a new folder still lists it about once a second, and the next sync pairs again).
    if cached is not None and cached[0] == changed:
        settled = cached[1] - changed / 1e9 > _SETTLED_SECONDS
        if settled or now - cached[1] < 1.0:
            return cached[2]
    try:
        with os.scandir(folder) as listing:
            entries = [e for e in listing if not e.name.startswith(".") and is_audio_name(e.name)]
    except OSError as exc:
        log.info("cannot list %s for audio: %s", folder, exc.strerror or exc)
        return AudioNames(())
    names = AudioNames(
        e.name
        for e in entries
        if is_storable(e.name) and (_regular(e) or (e.is_symlink() and is_audio_file(e.path, root)))
    )
    if len(_listings) > 256:
        _listings.clear()
    _listings[folder] = (changed, now, names)
    return names


def _regular(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file(follow_symlinks=False)
    except OSError:
        return False


def find_audio(
    transcript: Path, named: str | None, transcript_id: str, root: Path | None
) -> str | None:
    """The reference of ``transcript``'s audio (see the module doc), from ``named`` (what its
    metadata names) or the files beside it."""
    reference = named_reference(named, transcript_id)
    if reference is not None:
        return reference
    folder = os.fspath(transcript.parent)
    return folder_audio(folder, os.fspath(root or transcript.parent)).pair(transcript.name)


def audio_is_there(transcript: Path, reference: str | None, root: Path | None) -> bool:
    """True if the audio ``reference`` names (beside ``transcript``) is a file to play."""
    if reference is None:
        return False
    return is_audio_file(transcript.parent / reference, root or transcript.parent)
