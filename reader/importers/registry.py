"""Which importer reads a text: every format module's sniff score, plus a bonus for its suffix."""

from __future__ import annotations

import importlib
import logging
import pkgutil
from functools import cache

from reader.importers import formats
from reader.importers.base import Importer

log = logging.getLogger(__name__)

#: How much a matching file suffix adds to an importer's content score.
SUFFIX_BONUS = 0.3
#: The catch-all importer; it is only used for its own suffixes, never to guess a format.
FALLBACK = "text"


@cache
def importers() -> tuple[Importer, ...]:
    """Every format module in this package that exposes an ``IMPORTER``, by name (looked up
    once: the search took longer than sniffing a file)."""
    found = []
    for info in pkgutil.iter_modules(formats.__path__):
        module = importlib.import_module(f"{formats.__name__}.{info.name}")
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
