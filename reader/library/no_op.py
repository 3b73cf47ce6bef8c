"""The quick answer of a sync with nothing to do: the folder is as the last such sync saw it.

Every one-shot ``episode-reader search`` starts with a sync, and on an unchanged library of
10,000 files most of its time went to reading what the index holds (every file's indexed
state, the text cache's listing) only to find nothing to do. A sync that found nothing to
do leaves ``unchanged-2.json`` in the index folder: the digest of the folder
(``folder_state``: each file's name, size, modification and change times and inode, the
names of its audio files), the commit it compared with, the text cache folder's time, the
state of the user's speaker corrections (``speakers.json``), and the failures it reported.
The next sync takes that digest first (nothing else can see a file edited in place), and
when all of that is still the same it gives the same report without reading the index, nor
building the scan of the folder.

Anything else takes the full sync: a file added, removed, renamed or written (its times or
inode move, even if its size and time were put back), a file that cannot be looked at, a
commit by anyone (notes, merges, a rebuild), a cached text deleted (the text folder's time
moves) or noted as damaged, an audio file added, removed or renamed, ``speakers.json``
written, created or removed (or broken: its problem must be reported each time), files the
scan skips (FIFOs, links out of the library: it warns of them each time), a rebuild asked
for, or this file missing or unreadable. The digest is taken before the scan of a full sync:
a change between the two moves a file's change time, so it is never taken for that state.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from reader.library.settle_names import corrections_file
from reader.library.sync_run import SyncReport
from reader.model import ImportFailure
from reader.search.health import SUSPECT_TEXTS
from reader.search.index import LibraryIndex
from reader.util.atomic import atomic_write_text

log = logging.getLogger(__name__)

#: A new name for the digest of ``folder_state`` (version 1, ``unchanged.json``, hashed the
#: scan): an older copy of the app sharing the cache keeps its own file, not a wrong one.
FILE_NAME = "unchanged-2.json"
FORMAT_VERSION = 2


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


def remembered_report(ix: LibraryIndex, folder: str | None) -> SyncReport | None:
    """The report of the last sync with nothing to do (its unchanged files and failures),
    if nothing changed since (``folder``: the digest of the folder now); None: do the full
    sync."""
    if folder is None:
        return None
    try:
        saved = json.loads((ix.folder / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    state = _state(ix, folder)
    if not isinstance(saved, dict) or saved.get("version") != FORMAT_VERSION or state is None:
        return None
    if any(saved.get(key) != value for key, value in state.items()):
        return None
    report = SyncReport()
    try:
        report.unchanged = int(saved["unchanged"])
        report.failed = [ImportFailure(_path_of(path), str(why)) for path, why in saved["failed"]]
    except (KeyError, TypeError, ValueError):
        return None
    return report


def remember(ix: LibraryIndex, folder: str | None, report: SyncReport, settled: bool) -> None:
    """After a sync that found nothing to do: what it compared (``folder``: the digest
    taken before its scan) and reported (a cache, so no fsync, and failing to write it only
    costs the next sync its shortcut). ``settled``: false when something has a problem to
    report again in its own words next time (a broken ``speakers.json``, files the scan
    skipped and warns of): then no shortcut."""
    state = _state(ix, folder) if settled else None
    path = ix.folder / FILE_NAME
    try:
        if state is None:
            path.unlink(missing_ok=True)
            return
        failed = [[_stored(failure.source), failure.problem] for failure in report.failed]
        data = {"version": FORMAT_VERSION, **state, "unchanged": report.unchanged}
        atomic_write_text(path, json.dumps({**data, "failed": failed}), durable=False)
    except OSError as exc:
        log.info("Could not note the unchanged state of %s: %s", ix.folder, exc)


def _stored(path: Path) -> str:
    """A full path as JSON text, whatever bytes its name holds (one character per byte)."""
    return os.fsencode(path).decode("latin-1")


def _path_of(stored: str) -> Path:
    return Path(os.fsdecode(stored.encode("latin-1")))
