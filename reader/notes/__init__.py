"""Notes and highlights: the user's own words, kept as plain files the user owns."""

from __future__ import annotations

from reader.notes.store import (
    CONTEXT_CHARS,
    HIGHLIGHT_COLORS,
    Highlight,
    IndexedNotes,
    Note,
    NotesStore,
    anchor,
    fingerprint,
    format_highlights,
    format_note,
    notes_folder,
    parse_highlights,
    parse_note,
    text_fingerprint,
)

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
    "text_fingerprint",
]
