"""A sync that finds its index damaged rebuilds it at once and syncs again.

The sync reads every stored document of the index first (``LibraryIndex.files``); damage
there marks the index (``index_health``), so reopening it rebuilds it. Used by the CLI's
``index`` and ``search`` and by the window's sync thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from reader.library.sync import sync_library
from reader.library.sync_run import SyncReport
from reader.search.health import IndexDamaged
from reader.search.index import LibraryIndex

log = logging.getLogger(__name__)


def sync_or_rebuild(
    ix: LibraryIndex, reopen: Callable[[], LibraryIndex], **sync_options
) -> tuple[LibraryIndex, SyncReport]:
    """Sync ``ix``; if it is damaged, close it, ``reopen`` it (a rebuild) and sync that.
    Returns the index synced (the caller closes it) and the report."""
    try:
        return ix, sync_library(ix, **sync_options)
    except IndexDamaged as exc:
        log.warning("%s; rebuilding it now", exc)
        ix.close()
    ix = reopen()
    return ix, sync_library(ix, **sync_options)
