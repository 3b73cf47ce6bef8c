"""Turn any transcript file into an ``Episode``: the one entry point for every format.

``import_file`` never raises for bad input: binary junk, empty or oversized files, unknown
formats and parse errors come back as an ``ImportFailure`` naming the file and the problem,
so one bad file never stops a library from loading.
"""

from __future__ import annotations

import functools
import importlib
import logging
import pkgutil
from functools import cache
from pathlib import Path

from reader.decoding import DecodeError, decode_bytes
from reader.filenames import title_from_filename
from reader.importers.base import Draft, Importer, ParseError
from reader.importers.metadata import (
    guess_show,
    number_from_filename,
    split_show_title,
    split_title,
)
from reader.importers.quotes import find_passage
from reader.model import Episode, ImportFailure

log = logging.getLogger(__name__)

#: Files above this size are refused: the longest real transcripts are a few MB, so anything
#: bigger is almost certainly not one, and would make the app slow to index and display.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: How much a matching file suffix adds to an importer's content score.
SUFFIX_BONUS = 0.3
#: The catch-all importer; it is only used for its own suffixes, never to guess a format.
FALLBACK = "text"


@cache
@functools.cache
def importers() -> tuple[Importer, ...]:
    """Every format module in this package that exposes an ``IMPORTER``, by name (looked up
    once: the search took longer than sniffing a file)."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        importer = getattr(module, "IMPORTER", None)
        if isinstance(importer, Importer):
            found.append(importer)
    return tuple(sorted(found, key=lambda imp: imp.name))


def detect(text: str, suffix: str) -> Importer | None:
    """The importer for ``text``: best content score, with a bonus for a matching suffix."""
    suffix = suffix.lower()
    best: tuple[float, Importer] | None = None
    for importer in importers():
        try:
            score = importer.sniff(text)
        except Exception:  # a sniffing bug must not stop the import: that format just loses
            log.exception("importer %s could not sniff the text", importer.name)
            score = 0.0
        if importer.name == FALLBACK and suffix not in importer.suffixes:
            continue
        if score <= 0 and suffix not in importer.suffixes:
            continue
        if suffix in importer.suffixes:
            score += SUFFIX_BONUS
        if best is None or score > best[0]:
            best = (score, importer)
    return best[1] if best else None


def import_file(path: str | Path, root: str | Path | None = None) -> Episode | ImportFailure:
    """Import one transcript; ``root`` is the library folder the episode id is relative to."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return ImportFailure(
                path,
                f"file is too large ({size / 1e6:.1f} MB; the limit is "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB)",
            )
        data = path.read_bytes()
    except OSError as exc:
        return ImportFailure(path, f"cannot read the file: {exc.strerror or exc}")
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        return ImportFailure(path, str(exc))
    return import_text(text, path, root)


def import_text(text: str, path: Path, root: str | Path | None = None) -> Episode | ImportFailure:
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
    episode = finish(draft, path, root, importer.name)
    if not episode.segments():
        return ImportFailure(path, f"no transcript text found (read as {episode.format})")
    return episode


def _episode_id(path: Path, root: str | Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            pass
    return path.name


def finish(draft: Draft, path: Path, root: str | Path | None, fmt: str) -> Episode:
    """Fill what the format left open, the same way for every format."""
    sections = [s for s in draft.sections if s.segments or s.heading]
    for section in sections:
        section.segments = [seg for seg in section.segments if seg.text.strip()]
    number, title, show = draft.number, (draft.title or "").strip(), draft.show
    if title and number is None:  # a format that found the number has split it off already
        named_show, number, title = split_show_title(title)
        show = show or named_show
    if not title:
        title = title_from_filename(path)
        found, rest = split_title(title)
        if found is not None and rest != title:
            title = rest[:1].upper() + rest[1:]  # "ep15-the-audit" -> "The Audit"
    if number is None:
        number = number_from_filename(path.stem)
    episode = Episode(
        id=_episode_id(path, root),
        source=path,
        format=draft.format or fmt,
        title=title,
        number=number,
        show=show,
        date=draft.date,
        description=draft.description.strip(),
        topics=[t for t in draft.topics if t],
        sections=sections,
        quotes=list(draft.quotes),
        warnings=list(draft.warnings),
    )
    segments = episode.segments()
    speakers = draft.speakers or [s.speaker for s in segments if s.speaker]
    speakers = speakers or [q.speaker for q in episode.quotes if q.speaker]
    episode.speakers = list(dict.fromkeys(s for s in speakers if s))
    if episode.show is None:
        edges = segments[:3] + segments[-4:]
        episode.show = guess_show(" ".join(s.text for s in edges) + " " + episode.description)
    text = episode.text
    for quote in episode.quotes:
        span = find_passage(text, quote.text)
        if span is not None:
            quote.start, quote.end = span
    return episode


__all__ = ["MAX_FILE_BYTES", "Draft", "ImportFailure", "Importer", "ParseError", "import_file"]
