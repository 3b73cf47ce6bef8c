"""Turn any transcript file into an ``Episode``: the one entry point for every format.

``import_file`` never raises for bad input: binary junk, empty or oversized files, unknown
formats and parse errors come back as an ``ImportFailure`` naming the file and the problem,
so one bad file never stops a library from loading.

Layout: ``base`` is the contract a format meets, ``formats/`` holds one module per format,
``shared/`` the pieces formats share, ``registry`` picks the format, ``finish`` completes the
episode.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from reader.importers.base import Draft, Importer, ParseError
from reader.importers.finish import finish
from reader.importers.registry import detect, importers
from reader.model import Episode, ImportFailure
from reader.util.decoding import DecodeError, decode_bytes
from reader.util.regular_files import FileRefused, read_regular

log = logging.getLogger(__name__)

#: Files above this size are refused: the longest real transcripts are a few MB, so anything
#: bigger is almost certainly not one, and would make the app slow to index and display.
MAX_FILE_BYTES = 20 * 1024 * 1024


def import_file(
    path: str | Path, root: str | Path | None = None, shows: Iterable[str] = ()
) -> Episode | ImportFailure:
    """Import one transcript; ``root`` is the library folder the episode id is relative to,
    ``shows`` the show names the library knows (see ``finish``)."""
    path = Path(path)
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except FileRefused as exc:  # a FIFO, a device, a file too large: never read
        return ImportFailure(path, str(exc))
    except OSError as exc:
        return ImportFailure(path, f"cannot read the file: {exc.strerror or exc}")
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        return ImportFailure(path, str(exc))
    return import_text(text, path, root, shows)


def import_text(
    text: str, path: Path, root: str | Path | None = None, shows: Iterable[str] = ()
) -> Episode | ImportFailure:
    """Import already-decoded text as if it came from ``path``."""
    if not text.strip():
        return ImportFailure(path, "empty file")
    importer = detect(text, path.suffix)
    if importer is None:
        return ImportFailure(path, "unsupported format: not a transcript Episode Reader knows")
    try:
        draft = importer.parse(text)
    except ParseError as exc:
        return ImportFailure(path, f"not a valid {importer.name} transcript: {exc}")
    except Exception as exc:  # a parser bug must not take the library down with it
        log.exception("importer %s failed on %s", importer.name, path)
        return ImportFailure(path, f"could not read it as {importer.name}: {exc!r}")
    episode = finish(draft, path, root, importer.name, shows)
    if not episode.segments():
        return ImportFailure(path, f"no transcript text found (read as {episode.format})")
    return episode


__all__ = [
    "MAX_FILE_BYTES",
    "Draft",
    "ImportFailure",
    "Importer",
    "ParseError",
    "detect",
    "finish",
    "import_file",
    "import_text",
    "importers",
]
