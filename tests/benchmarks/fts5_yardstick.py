"""SQLite FTS5 over the same files and queries: the yardstick of the search benchmark.

Searched four ways so no ratio is flattered: the top 20 and the app's own limit, each with
FTS5's ``snippet()`` (one per row) and without it (FTS5's snippet cost is part of its time).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from timing import latency

from reader.importers import import_file
from reader.library import list_transcripts
from reader.model import Episode

MB = 1024 * 1024
FTS_SOURCE = "each file imported with reader.importers.import_file (Episode.title and .text)"
TOP = 20  # the benchmark's own page of results (and the CLI's default --limit)

#: The same search as one fresh process (``python -c``): connect, query, print; what a
#: one-shot script on an FTS5 database pays, beside ``episode-reader search``.
ONE_SHOT = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute(
    "SELECT path, title, snippet(t, 2, '[', ']', '…', 32) FROM t WHERE t MATCH ? "
    "ORDER BY rank LIMIT 20", (sys.argv[2],)).fetchall()
total = db.execute("SELECT count(*) FROM t WHERE t MATCH ?", (sys.argv[2],)).fetchone()[0]
print(total)
for row in rows:
    print(*row)
"""


def build(library: Path, db_path: Path) -> tuple[sqlite3.Connection, dict]:
    """Import every file and insert it; the open database and the build's figures."""
    db = sqlite3.connect(db_path)
    db.execute(
        "CREATE VIRTUAL TABLE t USING fts5(path UNINDEXED, title, text, "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    # Title boosted as in LibraryIndex (FIELD_BOOSTS["title"] == 4).
    db.execute("INSERT INTO t(t, rank) VALUES('rank', 'bm25(0.0, 4.0, 1.0)')")
    importing = 0.0
    start = time.perf_counter()
    with db:
        for path in list_transcripts(library):
            t0 = time.perf_counter()
            episode = import_file(path, library)
            t1 = time.perf_counter()
            if isinstance(episode, Episode):
                db.execute(
                    "INSERT INTO t VALUES (?, ?, ?)", (episode.id, episode.title, episode.text)
                )
            importing += t1 - t0
    seconds = time.perf_counter() - start  # includes the commit
    return db, {
        "seconds": round(seconds, 2),
        "import_seconds": round(importing, 2),
        "index_seconds": round(seconds - importing, 2),
        "db_mb": round(db_path.stat().st_size / MB, 1),
    }


def searcher(db: sqlite3.Connection, limit: int, snippets: bool):
    """A search of ``limit`` rows (with FTS5's snippet() or not) and the exact count."""
    columns = "path, snippet(t, 2, '[', ']', '…', 32)" if snippets else "path"
    sql = f"SELECT {columns} FROM t WHERE t MATCH ? ORDER BY rank LIMIT {int(limit)}"

    def search(q: str) -> int:
        rows = db.execute(sql, (q,)).fetchall()
        total = db.execute("SELECT count(*) FROM t WHERE t MATCH ?", (q,)).fetchone()[0]
        assert len(rows) == min(total, limit)
        return total

    return search


def bench_fts(
    library: Path, db_path: Path, queries: dict[str, list[str | None]], runs: int, app_limit: int
) -> dict:
    """Build, then time every category of queries the four ways."""
    db, built = build(library, db_path)
    out: dict = {"source": FTS_SOURCE, "build": built}
    ways = {
        "search": searcher(db, TOP, snippets=True),
        "search_no_snippet": searcher(db, TOP, snippets=False),
        "app": searcher(db, app_limit, snippets=True),
        "app_no_snippet": searcher(db, app_limit, snippets=False),
    }
    for way, search in ways.items():
        out[way] = {}
        for category, category_queries in queries.items():
            fts = [q for q in category_queries if q is not None]
            out[way][category] = latency(search, fts, runs) if fts else None
    db.close()
    return out
