"""A library: a folder of transcripts, and keeping its search index in step with it.

- ``folder``: check a library folder and list its transcripts (re-exported here);
- ``sync``: bring the index up to date: only new, changed and removed files, failures
  remembered, cancellable;
- ``sync_run``: what one sync works on and reports (``Progress``, ``SyncReport``);
- ``batches``: the import in this process, committed in batches;
- ``workers``: a big import in parallel, in spawned worker processes that end with their
  parent (``parent_watch``);
- ``repair``: a sync that finds its index damaged rebuilds it and syncs again.

Only the folder names are re-exported: importing ``reader.library`` must stay cheap (the
CLI's ``show`` and ``paths`` check folders without loading the search engine). Import the
sync from ``reader.library.sync``.
"""

from __future__ import annotations

from reader.library.folder import (
    TRANSCRIPT_SUFFIXES,
    LibraryError,
    LibraryScan,
    check_library,
    list_transcripts,
    scan_library,
    transcripts_by_id,
)

__all__ = [
    "TRANSCRIPT_SUFFIXES",
    "LibraryError",
    "LibraryScan",
    "check_library",
    "list_transcripts",
    "scan_library",
    "transcripts_by_id",
]
