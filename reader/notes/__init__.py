"""Notes and highlights: the user's own words, kept as plain files the user owns.

One library's notes live in ``<data>/notes/<library-name>-<12 hex>/``, mirroring the library:
``show/ep12-title.txt`` has its note in ``show/ep12-title.md`` (Markdown with a small header
naming the episode) and its highlights in ``show/ep12-title.highlights.json``. Every write is
atomic (temp file, fsync, replace), so a crash leaves either the old or the new file, never a
half-written or empty one. An outside edit is detected and never silently overwritten (a
conflict copy keeps it), and notes follow their transcript when it is renamed or moved inside
the library, matched by a fingerprint of its text. Nothing here deletes a note that has text.

The parts: ``model`` (Highlight, Note), ``anchoring`` (finding a highlight again in edited
text), ``note_file`` (the two file formats), ``disk_state`` (noticing outside edits),
``folder`` (where each note lives), ``pair`` (both files as one save), ``store``
(``NotesStore``), ``for_search`` (what the search index reads) and ``export`` (Markdown export;
not imported here, as it needs the importers).

No Qt here: the window, the CLI (``export-notes``) and the tests all use this package directly.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.notes.anchoring import anchor, fingerprint, reanchor, text_fingerprint
    from reader.notes.folder import notes_folder
    from reader.notes.for_search import IndexedNotes, text_for_index
    from reader.notes.model import CONTEXT_CHARS, HIGHLIGHT_COLORS, Highlight, Note
    from reader.notes.note_file import (
        format_highlights,
        format_note,
        parse_highlights,
        parse_note,
    )
    from reader.notes.store import NotesStore

#: Where each name is: loaded on first use, so a sync that only needs to know where the
#: library's ``speakers.json`` is (``speakers_file``) does not load the store and anchoring.
_HOMES = {
    "anchor": "anchoring", "fingerprint": "anchoring", "reanchor": "anchoring",
    "text_fingerprint": "anchoring", "notes_folder": "folder", "IndexedNotes": "for_search",
    "text_for_index": "for_search", "CONTEXT_CHARS": "model", "HIGHLIGHT_COLORS": "model",
    "Highlight": "model", "Note": "model", "format_highlights": "note_file",
    "format_note": "note_file", "parse_highlights": "note_file", "parse_note": "note_file",
    "NotesStore": "store",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


__all__ = [
    "CONTEXT_CHARS",
    "HIGHLIGHT_COLORS",
    "Highlight",
    "IndexedNotes",
    "Note",
    "NotesStore",
    "anchor",
    "fingerprint",
    "format_highlights",
    "format_note",
    "notes_folder",
    "parse_highlights",
    "parse_note",
    "reanchor",
    "text_fingerprint",
    "text_for_index",
]
