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

from reader.notes.anchoring import anchor, fingerprint, reanchor, text_fingerprint
from reader.notes.folder import notes_folder
from reader.notes.for_search import IndexedNotes, text_for_index
from reader.notes.model import CONTEXT_CHARS, HIGHLIGHT_COLORS, Highlight, Note
from reader.notes.note_file import format_highlights, format_note, parse_highlights, parse_note
from reader.notes.store import NotesStore

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
