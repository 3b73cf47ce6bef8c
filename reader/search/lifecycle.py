"""Whether an index folder holds a usable index, and making a new one.

The index is a rebuildable cache: a folder with no index, a missing or damaged description
file (``meta.json``), another version's schema, an index marked damaged (see ``health``) or
one that cannot be read all mean "rebuild it", each with a sentence saying why.
"""

from __future__ import annotations

import json
from contextlib import suppress
from pathlib import Path

from whoosh import index
from whoosh.searching import Searcher

from reader.search.health import recorded_damage, try_open
from reader.search.schema import SCHEMA_VERSION, make_schema
from reader.search.whoosh_ext.scoring import WEIGHTING
from reader.search.whoosh_ext.segment_files import MappedStorage
from reader.util.atomic import atomic_write_text

NO_INDEX = "no index yet"


def open_existing(folder: Path) -> tuple[str | None, tuple[index.Index, Searcher] | None]:
    """(None, (index, searcher)) if ``folder`` holds a usable index, else (why not, None)."""
    problem = problem_of(folder)
    if problem is None:
        ix, searcher, problem = try_open(folder / "whoosh", WEIGHTING)
        if ix is not None and searcher is not None:
            return None, (ix, searcher)  # the searcher that proved it readable serves
    return problem, None


def problem_of(folder: Path) -> str | None:
    """Why the index in ``folder`` cannot be used as it is, judged from its files alone."""
    meta_path = folder / "meta.json"
    if not (folder / "whoosh").is_dir():
        return NO_INDEX
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        meta = None
    if not isinstance(meta, dict):
        return "its description file is missing or damaged"
    if meta.get("schema_version") != SCHEMA_VERSION:
        return f"it was made by another version (schema {meta.get('schema_version')})"
    damage = recorded_damage(folder)
    return f"it was found damaged ({damage})" if damage else None


def create(folder: Path, library: Path) -> index.Index:
    """An empty index of ``library`` in ``folder``, replacing whatever was there."""
    with suppress(FileNotFoundError):
        import shutil  # only to rebuild: not loaded by every command

        shutil.rmtree(folder)
    (folder / "whoosh").mkdir(parents=True)
    (folder / "texts").mkdir(parents=True, exist_ok=True)
    ix = MappedStorage(folder / "whoosh").create_index(make_schema())
    meta = {"schema_version": SCHEMA_VERSION, "library": str(library)}
    atomic_write_text(folder / "meta.json", json.dumps(meta, indent=2))
    return ix
