"""Damage found while reading an index is remembered, so the next sync rebuilds it.

Opening an index only reads its table of contents and term dictionaries; a damaged
postings, lengths or stored-fields file shows only when a search reads it. Then the
engine raises whatever it raises (``ValueError: seek out of range``, ``Block tag error``,
``TypeError``). ``engine_read`` turns any such exception into ``IndexDamaged`` and leaves a
marker file in the index folder; ``LibraryIndex`` treats a marked index like a missing
one: the next open that may create (a sync: the window's sync thread, ``index``,
``search``) rebuilds it, and readers that may not create wait for that.

The text cache (transcript texts kept beside the index for snippets) is checked the same
way, per episode: a missing text, or one that no longer fits the hits the postings point
at, is noted, and the next sync re-imports that episode (``texts_to_refill``).
"""

from __future__ import annotations

import functools
import gc
import json
import logging
import os
import re
import time
import warnings
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path
from typing import TypeVar

from whoosh import index
from whoosh.searching import Searcher

from reader.search.whoosh_ext.segment_files import MappedStorage
from reader.util.atomic import atomic_write_text

log = logging.getLogger(__name__)

MARKER = "damaged.json"
SUSPECT_TEXTS = "texts-to-refill.json"
_WORD_CHAR = re.compile(r"\w")
T = TypeVar("T")


class IndexDamaged(Exception):
    """The index could not be read; it is marked, and the next sync rebuilds it."""

    def __init__(self, folder: Path, problem: str) -> None:
        super().__init__(
            f"the search index {folder} is damaged ({problem}); it will be rebuilt "
            "the next time the library is indexed"
        )
        self.folder = folder
        self.problem = problem


def describe(exc: BaseException) -> str:
    """An exception as one short line (engine messages can be long or span lines)."""
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}"[:160] if text else type(exc).__name__


def mark_damaged(folder: Path, problem: str) -> None:
    with suppress(OSError):  # a read-only cache still gets the message, just no marker
        atomic_write_text(folder / MARKER, json.dumps({"problem": problem, "time": time.time()}))


def recorded_damage(folder: Path) -> str | None:
    """Why the index was marked damaged, or None."""
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return "unknown problem"
    problem = data.get("problem") if isinstance(data, dict) else None
    return str(problem) if problem else "unknown problem"


def try_open(folder: Path, weighting) -> tuple[index.Index | None, Searcher | None, str | None]:
    """Open an index and read it once; on any failure say why (the caller rebuilds it).

    Whoosh leaves the file it failed to read open; it is closed here, quietly, rather than
    with a ResourceWarning whenever the garbage collector gets to it.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            ix = MappedStorage(folder).open_index()
            searcher = ix.searcher(weighting=weighting)
            searcher.doc_count()
        except Exception as exc:  # any failure to read it means: rebuild the cache
            problem = f"the index could not be read ({type(exc).__name__}: {exc})"
        else:
            return ix, searcher, None
        gc.collect()
    return None, None, problem


def engine_read(*not_damage: type[BaseException]) -> Callable:
    """Decorate a ``LibraryIndex`` method that reads the index: an exception from the
    engine is retried once on the latest commit (it may have come from one being made), and
    then marks the index damaged and raises ``IndexDamaged``. Exceptions of the types in
    ``not_damage`` are the caller's, and pass through."""
    passing: tuple[type[BaseException], ...] = (IndexDamaged, *not_damage)

    def decorate(method: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(method)
        def guarded(ix, *args, **kwargs) -> T:
            try:
                return method(ix, *args, **kwargs)
            except passing:
                raise
            except Exception as first:
                problem = describe(first)
            try:
                if ix.refresh():  # a newer commit: read that instead
                    return method(ix, *args, **kwargs)
            except passing:
                raise
            except Exception as exc:
                problem = describe(exc)
            log.info("The search index %s is damaged: %s", ix.folder, problem)  # callers say it
            mark_damaged(ix.folder, problem)
            raise IndexDamaged(ix.folder, problem) from None

        return guarded

    return decorate


def text_fits(text: str, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether a cached transcript text can be the one the hits were indexed from: each
    hit starts and ends on a word character inside it (a truncated, emptied or zeroed text
    cannot). Each distinct edge character is tested once: a short prefix gives each of
    200 rows hundreds of hits, but they begin and end on a few dozen letters."""
    spans = spans if isinstance(spans, list) else list(spans)
    size = len(text)
    if not all(0 <= start < end <= size for start, end in spans):
        return False
    edges = {text[start] for start, _end in spans}
    edges.update([text[end - 1] for _start, end in spans])
    return all(_WORD_CHAR.match(edge) for edge in edges)


def suspect_text(folder: Path, episode_id: str) -> None:
    """Note that an episode's cached text is missing or damaged: the next sync re-imports it."""
    suspects = _read_suspects(folder)
    if episode_id not in suspects:
        suspects[episode_id] = time.time()
        log.warning("The cached text of %s is damaged; it will be re-imported", episode_id)
        with suppress(OSError):
            atomic_write_text(folder / SUSPECT_TEXTS, json.dumps(suspects), durable=False)


def texts_to_refill(folder: Path, texts: Path, text_names: dict[str, str]) -> set[str]:
    """Indexed episodes (id -> cached text's file name in ``texts``) whose cached text must
    be written again: missing, or noted as damaged and not rewritten since."""
    try:
        present = set(os.listdir(texts))  # noqa: PTH208 (names: a Path each was most of this)
    except OSError:
        present = set()
    refill = {id_ for id_, name in text_names.items() if name not in present}
    suspects = _read_suspects(folder)
    if not suspects:
        return refill
    left = {}
    for episode_id, noted in suspects.items():
        name = text_names.get(episode_id)
        if name is None:
            continue  # no longer indexed
        with suppress(OSError):
            if (texts / name).stat().st_mtime > noted:
                continue  # written again since
        left[episode_id] = noted
        refill.add(episode_id)
    if left != suspects:
        with suppress(OSError):
            atomic_write_text(folder / SUSPECT_TEXTS, json.dumps(left), durable=False)
    return refill


def _read_suspects(folder: Path) -> dict[str, float]:
    try:
        data = json.loads((folder / SUSPECT_TEXTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): float(v) for k, v in data.items() if isinstance(v, int | float)}
