"""The quick answer of a sync with nothing to do: the folder is as the last such sync saw it.

Every one-shot ``episode-reader search`` starts with a sync, and on an unchanged library of
10,000 files most of its time went to reading what the index holds (every file's indexed
state, the text cache's listing) only to find nothing to do. A sync that found nothing to
do leaves ``unchanged.json`` in the index folder: a fingerprint of the folder (each file's
id, size, modification and change times and inode, and the names of its audio files), the
commit it compared with, the text cache folder's time, the state of the user's speaker
corrections (``speakers.json``), and the failures it reported. The next sync walks the
folder as always (nothing else can see a file edited in place), and when all of that is
still the same it gives the same report without reading the index.

Anything else takes the full sync: a file added, removed, renamed or written (its times or
inode move, even if its size and time were put back), a file that cannot be looked at, a
commit by anyone (notes, merges, a rebuild), a cached text deleted (the text folder's time
moves) or noted as damaged, an audio file added, removed or renamed, ``speakers.json``
written, created or removed (or broken: its problem must be reported each time), a rebuild
asked for, or this file missing or unreadable.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from array import array
from pathlib import Path
from typing import cast

from reader.library.folder import StatedScan
from reader.library.settle_names import corrections_file
from reader.model import ImportFailure
from reader.search.health import SUSPECT_TEXTS
from reader.search.index import LibraryIndex
from reader.util.atomic import atomic_write_text

log = logging.getLogger(__name__)

FILE_NAME = "unchanged.json"
FORMAT_VERSION = 1


def fingerprint(scan: StatedScan) -> str | None:
    """A digest of every file's id and state; None if some file could not be looked at."""
    states = [stat for _id, _full, stat in scan.files]
    if any(isinstance(stat, OSError) for stat in states):
        return None
    stats = cast(list[os.stat_result], states)
    digest = hashlib.blake2b("\0".join([i for i, _, _ in scan.files]).encode(), digest_size=16)
    times = [n for s in stats for n in (s.st_size, s.st_mtime_ns, s.st_ctime_ns)]
    digest.update(array("q", times).tobytes())  # whole arrays: a string per file cost 10 ms
    digest.update(array("Q", [s.st_ino for s in stats]).tobytes())
    digest.update("\0".join(scan.audio).encode("utf-8", "surrogatepass"))  # pairings follow
    return digest.hexdigest()


def _corrections_state(ix: LibraryIndex) -> list[int] | None:
    """The state of the library's ``speakers.json`` (``settle_names``): [] when there is none
    (or the index does not know where the notes are), else its size, time and inode."""
    path = corrections_file(ix)
    if path is None:
        return []
    try:
        found = os.stat(path)  # noqa: PTH116
    except FileNotFoundError:
        return []
    except OSError:
        return None
    return [found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino]


def _texts_time(ix: LibraryIndex) -> int | None:
    """The text cache folder's time (it moves when a text is deleted or written); None if
    a text is noted as damaged, or the folder cannot be looked at."""
    if (ix.folder / SUSPECT_TEXTS).exists():
        return None
    try:
        return os.stat(ix.texts).st_mtime_ns  # noqa: PTH116
    except OSError:
        return None


def _state(ix: LibraryIndex, folder: str | None) -> dict | None:
    texts = _texts_time(ix)
    corrections = _corrections_state(ix)
    if folder is None or texts is None or corrections is None:
        return None
    state = {"generation": ix.generation(), "folder": folder, "texts": texts}
    return {**state, "corrections": corrections}


def remembered_report(ix: LibraryIndex, scan: StatedScan) -> list[ImportFailure] | None:
    """The failures the last sync with nothing to do reported, if nothing changed since
    (then this sync has nothing to do either); None: do the full sync."""
    try:
        saved = json.loads((ix.folder / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    state = _state(ix, fingerprint(scan))
    if not isinstance(saved, dict) or saved.get("version") != FORMAT_VERSION or state is None:
        return None
    if any(saved.get(key) != value for key, value in state.items()):
        return None
    failed = saved.get("failed")
    if not isinstance(failed, dict):
        return None
    return [ImportFailure(Path(full), str(failed[i])) for i, full, _ in scan.files if i in failed]


def remember(
    ix: LibraryIndex, scan: StatedScan, failures: dict[str, dict], settled: bool = True
) -> None:
    """After a sync that found nothing to do: what it compared and reported (a cache, so no
    fsync, and failing to write it only costs the next sync its shortcut). ``settled``: false
    when something besides the files has a problem to report again next time (a broken
    ``speakers.json``): then no shortcut."""
    state = _state(ix, fingerprint(scan)) if settled else None
    path = ix.folder / FILE_NAME
    try:
        if state is None:
            path.unlink(missing_ok=True)
            return
        failed = {episode_id: str(f.get("problem")) for episode_id, f in failures.items()}
        data = {"version": FORMAT_VERSION, **state, "failed": failed}
        atomic_write_text(path, json.dumps(data, ensure_ascii=False), durable=False)
    except OSError as exc:
        log.info("Could not note the unchanged state of %s: %s", ix.folder, exc)
