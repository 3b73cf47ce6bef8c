"""After a sync: settle shows and speaker names (``speakers``) when the episodes or the user's
corrections (``speakers.json``) changed since the index was last settled.

The corrections last applied are kept in the index folder with their hash, so an unchanged
file costs one small read per sync, and a file broken by a hand edit keeps the names the last
good one gave (its problem is listed with the library's problems) until it is fixed.
"""

from __future__ import annotations

import json
import logging
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


def settle_after_sync(ix: LibraryIndex, report: SyncReport) -> None:
    """Settle names if the sync changed episodes or the corrections changed; a broken
    corrections file goes into ``report.failed`` and the last good one stays applied."""
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
    if report.cancelled:
        return
    if report.changed or applied is None or applied.stamp != corrections.stamp:
        from reader.library.speakers import settle_speakers  # the importers' show rules

        report.renamed = settle_speakers(ix, corrections)
        record = {"stamp": corrections.stamp, "data": corrections.data}
        atomic_write_text(ix.folder / APPLIED, json.dumps(record, ensure_ascii=False), False)
