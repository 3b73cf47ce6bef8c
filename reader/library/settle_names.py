"""After a sync: settle shows and speaker names (``speakers``) when the episodes or the user's
corrections (``speakers.json``) changed since the index was last settled.

The corrections last applied are kept in the index folder with their hash, so an unchanged
file costs one small read per sync, and a file broken by a hand edit keeps the names the last
good one gave (its problem is listed with the library's problems) until it is fixed.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from pathlib import Path

from reader.library.speaker_corrections import (
    CorrectionsError,
    SpeakerCorrections,
    load_corrections,
)
from reader.library.sync_run import SyncReport
from reader.model import ImportFailure
from reader.search.index import LibraryIndex
from reader.util.atomic import atomic_write_text

log = logging.getLogger(__name__)

APPLIED = "speakers-applied.json"


def corrections_file(ix: LibraryIndex) -> Path | None:
    """The library's ``speakers.json``, when the index is kept with the user's notes: the
    notes layer (above this one) knows where they are (``IndexedNotes.speakers_file``)."""
    where = getattr(ix.notes_source, "speakers_file", None)
    return where() if callable(where) else None


def applied_corrections(ix: LibraryIndex) -> SpeakerCorrections | None:
    """The corrections the index was last settled with, if it was."""
    try:
        raw = json.loads((ix.folder / APPLIED).read_text("utf-8"))
        return SpeakerCorrections(raw["data"], str(raw["stamp"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def settle_after_sync(
    ix: LibraryIndex, report: SyncReport, shows_before: Mapping[str, str] | None = None
) -> None:
    """Settle names if the sync changed episodes or the corrections changed; a broken
    corrections file goes into ``report.failed`` and the last good one stays applied.
    ``shows_before``: the shows the added, updated and removed episodes were in before the
    sync (``shows_of``), when only they need settling; None settles the whole library."""
    applied = applied_corrections(ix)
    path = corrections_file(ix)
    corrections = SpeakerCorrections()
    if path is not None:
        try:
            corrections = load_corrections(path)
        except CorrectionsError as exc:
            log.warning("%s", exc)
            report.failed.append(ImportFailure(path, exc.problem))
            corrections = applied or corrections
    if report.cancelled:  # what it imported is not settled: the next sync settles it all
        forget_applied(ix)
        return
    same = applied is not None and applied.stamp == corrections.stamp
    if report.changed or not same:
        from reader.library.speakers import settle_speakers  # the importers' show rules

        changed = None
        if same and shows_before is not None:
            changed = {path: shows_before.get(path, "") for path in report.touched()}
        forget_applied(ix)  # until it is done: a failed settle is done whole next time
        report.renamed = settle_speakers(ix, corrections, changed)
        record = {"stamp": corrections.stamp, "data": corrections.data}
        atomic_write_text(ix.folder / APPLIED, json.dumps(record, ensure_ascii=False), False)


def forget_applied(ix: LibraryIndex) -> None:
    """The next sync settles every episode's names (``settle_after_sync``)."""
    (ix.folder / APPLIED).unlink(missing_ok=True)


#: Above this many changed episodes a sync settles the whole library (it costs about as much).
MOST_LOOKED_UP = 200


def shows_of(ix: LibraryIndex, episode_ids: list[str]) -> dict[str, str] | None:
    """The shows these indexed episodes are in now (before a sync changes them), for
    ``settle_after_sync``; None when there are too many to look up one by one."""
    if len(episode_ids) > MOST_LOOKED_UP:
        return None
    shows = {}
    for episode_id in episode_ids:
        stored = ix.stored(episode_id)
        shows[episode_id] = (stored or {}).get("show") or ""
    return shows
