"""Whoosh's writer, driven step by step where its public ``commit`` does the wrong thing.

Three places need the steps of ``SegmentWriter.commit`` one at a time:

* a worker process writes a segment that the parent commits (``worker_writer``,
  ``finish_segment``): the writer's own commit or cancel would delete the temporary folder
  every writer of the index shares, the parent's included;
* the parent commits the workers' segments as they are (``commit_segments``), as Whoosh's
  multi-process writer does with its sub-writers', without re-reading every posting;
* a commit that fails, most often on a full disk, is undone (``abandon``).
"""

from __future__ import annotations

import io
import logging
import re
from contextlib import suppress
from pathlib import Path

from whoosh.index import TOC, clean_files
from whoosh.writing import NO_MERGE, SegmentWriter

from reader.search.whoosh_ext.codec import FastCodec
from reader.search.whoosh_ext.packed_postings import PackedPostings

log = logging.getLogger(__name__)


def open_writer(ix, timeout: float) -> SegmentWriter:
    """The index's writer (its lock, waiting up to ``timeout``) with this app's codec."""
    return ix.writer(timeout=timeout, delay=0.1, codec=FastCodec(), compound=False)


def worker_writer(ix) -> SegmentWriter:
    """A writer of one new segment that takes no lock: the parent holds it and commits."""
    writer = SegmentWriter(ix, _lk=False, codec=FastCodec(), compound=False)
    writer.pool = PackedPostings()
    return writer


def buffered_bytes(writer: SegmentWriter) -> int:
    """About how much memory a ``worker_writer``'s postings not yet written take."""
    return writer.pool.nbytes


def finish_segment(writer: SegmentWriter, documents: int) -> object | None:
    """Close a ``worker_writer``: its finished segment, or None when it wrote nothing.

    Not the writer's commit() or cancel(): those delete the temporary folder that all
    writers of the index share, the parent's included (Whoosh's sub-writers do the same).
    """
    if documents:
        return writer._finalize_segment()
    writer._close_segment()
    return None


def commit_segments(writer: SegmentWriter, segments: list, fresh: bool) -> None:
    """Commit segments other writers finished, with ``writer``'s deletions, as one change.

    What Whoosh's MpWriter does with its sub-writers' segments (multisegment=True): keep the
    existing segments (with this writer's deletions), add the new ones, write one table of
    contents. No merging: that would rewrite every posting in Python. ``fresh``: the new
    segments replace every existing one (a rebuild).
    """
    kept = [] if fresh else writer._merge_segments(NO_MERGE, False, False)
    writer._close_segment()
    if fresh:  # the old files stay for readers opening them now; the next commit
        toc = TOC(writer.schema, segments, writer.generation)  # deletes them
        toc.write(writer.storage, writer.indexname)
    else:
        writer._commit_toc(kept + segments)
    writer._finish()


def abandon(writer) -> None:
    """Close a Whoosh writer whose commit failed: delete what it wrote, release the lock.

    Whoosh leaves a failed commit half done: the writer lock still held (every later sync of
    the app would be "busy"), its temporary folder, and the files of the new segment (and of
    worker processes' segments) that no table of contents names. This undoes all of that
    while it still holds the lock, so no other writer can be adding files meanwhile; the
    last complete commit stays the index, and searches keep using it.
    """
    if writer.is_closed:
        return
    with suppress(Exception):  # flushing its files may fail again on a full disk
        writer._close_segment()
    _close_files_of(writer)  # those a failed close above left open
    try:
        _remove_unnamed_files(writer.storage, writer.indexname)
    except Exception:
        log.exception("could not remove the files of a failed commit")
    with suppress(Exception):
        writer._tempstorage.destroy()
    if writer.writelock is not None:
        with suppress(Exception):
            writer.writelock.release()
    writer.is_closed = True


def _close_files_of(writer, limit: int = 5000) -> None:
    """Close every open file the writer's Whoosh objects hold (segment and temporary files)."""
    seen: set[int] = set()
    todo = [writer]
    while todo and len(seen) < limit:
        item = todo.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, io.IOBase):
            with suppress(Exception):
                item.close()
            continue
        if isinstance(item, dict | list | tuple | set):
            todo.extend(item.values() if isinstance(item, dict) else item)
        elif type(item).__module__.startswith("whoosh") and hasattr(item, "__dict__"):
            todo.extend(vars(item).values())


def _remove_unnamed_files(storage, indexname: str) -> None:
    """Segment files the current table of contents does not name, and half-written tables."""
    toc = TOC.read(storage, indexname)
    clean_files(storage, indexname, toc.generation, toc.segments)
    unfinished = re.compile(rf"^_{re.escape(indexname)}_([0-9]+)\.toc\..+$")
    for name in list(storage):
        if unfinished.match(name):
            with suppress(OSError):
                storage.delete_file(name)
    log.info("removed the files of a failed commit in %s", Path(storage.folder))
