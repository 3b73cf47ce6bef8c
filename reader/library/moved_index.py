"""A moved, renamed or copied library keeps its search index instead of indexing it again.

The index cache is one folder per library path (``search.index.index_folder``), so a library
moved to another path found no index there and re-imported every file: minutes at 10,000
episodes, while its notes (found by the library's id, ``identity``) followed at once. So each
index folder records the id of the library it was made for (``library-id.txt``), and when a
library with an id has no index at its path, the index of a library with that id whose folder
is gone is moved to the new path. Episode ids are paths inside the library, so the index is
valid as it is; the next sync checks every file as usual.

A copy keeps its id while the original is still there: the copy gets a copy of its index
(seconds, where indexing again took minutes), and each goes its own way from then on. An
index whose library is being synced by another process at that moment is left alone.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

from reader.library.identity import library_identity
from reader.search import lock as index_lock
from reader.search.index import LibraryIndex, index_folder
from reader.search.lock import IndexBusy
from reader.util.atomic import atomic_write_text

log = logging.getLogger(__name__)

ID_FILE = "library-id.txt"


def open_following_moves(library: Path, cache_dir: Path) -> LibraryIndex:
    """``LibraryIndex(library, cache_dir)``, for the one that syncs it: a moved or copied
    library's index found first, and the library's id noted for a later move."""
    follow_moved_library(cache_dir, library)
    ix = LibraryIndex(library, cache_dir)
    record_library(ix.folder, library)
    return ix


def follow_moved_library(cache_dir: Path, library: Path) -> Path | None:
    """Before ``library``'s index is opened: give it a moved library's index if it has none
    (the index folder it came from, if one was)."""
    library_id = _id_of(library)
    target = index_folder(cache_dir, library)
    if library_id is None or (target / "whoosh").exists():
        return None
    return _adopt(target, library, library_id)


def record_library(index_folder_: Path, library: Path) -> None:
    """Once its index is open: note the library's id in its index folder, for a later move
    (the id is made now if the library has none yet, as opening it for its notes does)."""
    library_id = _id_of(library, create=True)
    if library_id is not None and index_folder_.is_dir():
        _remember(index_folder_, library_id)


def _id_of(library: Path, create: bool = False) -> str | None:
    try:
        return library_identity(library, create=create).id
    except OSError:
        return None


def _recorded_id(folder: Path) -> str | None:
    try:
        return (folder / ID_FILE).read_text("utf-8").strip() or None
    except (OSError, UnicodeDecodeError):
        return None


def _remember(folder: Path, library_id: str) -> None:
    if _recorded_id(folder) != library_id:
        try:
            atomic_write_text(folder / ID_FILE, library_id + "\n", False)
        except OSError as exc:  # a read-only cache: the next move re-indexes, nothing lost
            log.info("cannot record the library id in %s: %s", folder, exc)


def _library_of(folder: Path) -> Path | None:
    try:
        meta = json.loads((folder / "meta.json").read_text("utf-8"))
        return Path(meta["library"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _adopt(target: Path, library: Path, library_id: str) -> Path | None:
    try:
        candidates = [f for f in target.parent.iterdir() if f.is_dir() and f != target]
    except OSError:
        return None
    for folder in candidates:
        if _recorded_id(folder) != library_id or not (folder / "whoosh").is_dir():
            continue
        was = _library_of(folder)
        if was is None or os.path.lexists(target):
            continue
        copied = was.exists()  # a copy beside its original: the original keeps its own
        try:
            with index_lock.exclusive(folder, index_lock.SYNC, 0.0):  # no commit meanwhile
                if copied:
                    _copy_index(folder, target)
                else:
                    folder.rename(target)
        except (IndexBusy, OSError) as exc:
            log.info("not taking the index of %s for %s: %s", was, library, exc)
            continue
        _point_at(target, library)
        how = "copied" if copied else "moved"
        log.info("the library was %s from %s to %s: so was its index", how, was, library)
        return folder
    return None


def _copy_index(folder: Path, target: Path) -> None:
    """A copy of the index in ``folder`` at ``target``, whole or not at all."""
    partial = target.with_name(target.name + ".copying")
    shutil.rmtree(partial, ignore_errors=True)
    try:
        shutil.copytree(folder, partial, symlinks=True)
        partial.rename(target)
    except OSError:
        shutil.rmtree(partial, ignore_errors=True)
        raise


def _point_at(folder: Path, library: Path) -> None:
    """Its description names the new path (the next move is found from it)."""
    try:
        meta = json.loads((folder / "meta.json").read_text("utf-8"))
        meta["library"] = str(library.resolve())
        atomic_write_text(folder / "meta.json", json.dumps(meta, indent=2))
    except (OSError, ValueError, TypeError) as exc:
        log.warning("cannot update %s: %s", folder / "meta.json", exc)
