"""Where a library's speaker corrections (``speakers.json``, read and written by
``reader.library.speaker_corrections``) live: in its notes folder, so they move, sync and
switch layout (``--notes-in-library``) together with the notes."""

from __future__ import annotations

from pathlib import Path

from reader.notes.folder import notes_folder

FILE_NAME = "speakers.json"


def speakers_file(data_dir: Path, library: Path) -> Path:
    return notes_folder(data_dir, library) / FILE_NAME
