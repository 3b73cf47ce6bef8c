"""The episodes a dossier or a who-said answer quotes from, with speakers and times.

Made again from the index's text and layout caches (``search.layout_cache``), so a dossier
over hundreds of episodes imports no file. An episode the layout cache lacks (an index made
before it) is imported once and cached; if its file no longer holds the indexed text the
hit offsets would point at other words, so it gets no speakers or times rather than wrong
ones.
"""

from __future__ import annotations

import logging
from pathlib import Path

from reader.importers import import_file
from reader.model import BLOCK_SEPARATOR, Episode, Section, Segment
from reader.search.index import LibraryIndex
from reader.search.layout_cache import cached_episode
from reader.util.pathnames import library_file

log = logging.getLogger(__name__)


class EpisodeShapes:
    """Episodes of one index, made once each (a dossier asks for each a few times)."""

    def __init__(self, ix: LibraryIndex) -> None:
        self._ix = ix
        self._made: dict[str, Episode] = {}

    def episode(self, path: str, stored: dict, text: str) -> Episode:
        """The episode ``path`` as indexed: ``text`` is its cached transcript text."""
        made = self._made.get(path)
        if made is not None and made.text == text:
            return made
        cache = self._ix.text_cache
        name = cache.name(path)
        source = library_file(self._ix.library, path)
        layout = cache.layouts.read(name)
        episode = cached_episode(layout, text, path, source, stored) if layout else None
        if episode is None:
            episode = self._imported(path, stored, text) or _speakerless(path, source, stored, text)
        self._made[path] = episode
        return episode

    def _imported(self, path: str, stored: dict, text: str) -> Episode | None:
        result = import_file(library_file(self._ix.library, path), self._ix.library)
        if not isinstance(result, Episode) or result.text != text:
            log.info("%s changed since it was indexed: its moments have no speakers", path)
            return None
        try:
            self._ix.text_cache.layouts.write(self._ix.text_cache.name(path), result)
        except OSError as exc:  # a read-only cache: made again next time
            log.debug("layout of %s not cached: %s", path, exc)
        return result


def _speakerless(path: str, source: Path, stored: dict, text: str) -> Episode:
    """The cached text alone, one paragraph per block: no speakers, no times."""
    segments = [Segment(part) for part in text.split(BLOCK_SEPARATOR)]
    return Episode(
        id=path,
        source=source,
        format=stored.get("format") or "",
        title=stored.get("title") or path,
        number=stored.get("number"),
        show=stored.get("show") or None,
        date=stored.get("date") or None,
        sections=[Section(None, segments)],
    )
