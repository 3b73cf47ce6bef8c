"""Where a library's speaker corrections (``speakers.json``, read and written by
``reader.library.speaker_corrections``) live: in its notes folder, so they move, sync and
switch layout (``--notes-in-library``) together with the notes."""

from __future__ import annotations

from pathlib import Path

from reader.notes.location import locate_notes

FILE_NAME = "speakers.json"


def speakers_file(data_dir: Path, library: Path) -> Path:
    return locate_notes(data_dir, Path(library).resolve()).root / FILE_NAME  # as notes_folder
