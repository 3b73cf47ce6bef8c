"""Search speed: build, reopen, update and query a synthetic library, next to SQLite FTS5.

Usage: ``python tests/benchmarks/bench_search.py --episodes N [--json] [--keep DIR]``.
Targets (issue 4) on the 2-core CI machine at 1,000 episodes: build under 15 s, reopen under
0.5 s, one-file update under 150 ms, word/two-word/prefix/fuzzy searches with top-20 snippets
under 30 ms p95, phrases under 80 ms p95, word searches within 2x of FTS5.

The library is made, like ``bench_import.py``'s transcripts, from the bundled sample library's
sentences (imported, so markup is stripped) recombined with a seeded RNG per episode, plus
made-up rare words drawn with a Zipf law so queries range from "every episode" to "a few".
The same files go through ``sync_library`` (as the app indexes them) and through
``import_file`` into an FTS5 table, so both engines search the same text in the same run.
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import os
import platform
import random
import re
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from whoosh import versionstring as whoosh_version  # noqa: E402

from reader.importers import import_file  # noqa: E402
from reader.library import list_transcripts  # noqa: E402
from reader.library.sync import sync_library  # noqa: E402
from reader.model import Episode  # noqa: E402
from reader.search.index import LibraryIndex  # noqa: E402

MB = 1024 * 1024
WORDS_PER_EPISODE = 6000  # give or take 10%
#: Share of each format: mostly Markdown, plus the Otter and SRT exports coaches also keep.
FORMAT_MIX = (("markdown", 0.70), ("otter", 0.15), ("srt", 0.15))
SUFFIX = {"markdown": ".md", "otter": ".txt", "srt": ".srt"}
SHOWS = (
    "The Delegation Desk",
    "Lead From the Middle",
    "The Coaching Hour",
    "Manager Tools Weekly",
    "First Time Leader",
)
NAMES = (
    "Maya Okafor", "Daniel Reyes", "Aisha Karimi", "Grace Obi", "Renée Laurent", "Tom Becker",
    "Priya Natarajan", "Lucas Moreau", "Hannah Schulz", "Kenji Watanabe", "Sofia Marquez",
    "Olu Adeyemi", "Ingrid Larsen", "Marco Bianchi", "Leila Haddad", "Sam Whitfield",
    "Chloé Dubois", "Ravi Menon", "Zoe Campbell", "Tariq Aziz", "Ana de la Cruz", "Ben Hollis",
)  # fmt: skip
TITLE_WORDS = (
    "Delegation", "Feedback", "Trust", "Meetings", "Calendar", "Burnout", "Hiring", "Goals",
    "Decisions", "Rituals", "Peers", "Conversations", "Priorities", "Coaching", "Teams",
    "Promotion", "Boundaries", "Focus", "Change", "Conflict", "Onboarding", "Recognition",
)  # fmt: skip
#: Made-up words; with a Zipf law of this exponent the top ones are in about half of the
#: episodes and most in a handful, like names, products and jargon in real shows.
RARE_VOCABULARY = 20_000
RARE_EXPONENT = 1.1
RARE_PER_WORDS = 200  # one rare word per this many words of text

#: Queries per category: (Whoosh syntax, FTS5 syntax or None when FTS5 has no equivalent).
#: "rare:N" stands for the rare word of Zipf rank N, so selective terms are in the mix too.
QUERIES: dict[str, list[tuple[str, str | None]]] = {
    "word": [
        ("team", "team"), ("manager", "manager"), ("meeting", "meeting"),
        ("calendar", "calendar"), ("feedback", "feedback"), ("conversation", "conversation"),
        ("rare:5", "rare:5"), ("rare:60", "rare:60"),
    ],
    "two words": [
        ("team meeting", "team meeting"), ("manager feedback", "manager feedback"),
        ("decision calendar", "decision calendar"), ("trust week", "trust week"),
        ("hiring conversation", "hiring conversation"), ("rare:3 team", "rare:3 team"),
    ],
    "phrase": [
        ('"two weeks"', '"two weeks"'), ('"new manager"', '"new manager"'),
        ('"skip level"', '"skip level"'), ('"next step"', '"next step"'),
        ('"follow up"', '"follow up"'), ('"first time"', '"first time"'),
    ],
    "prefix": [
        ("deleg*", "deleg*"), ("manag*", "manag*"), ("conver*", "conver*"),
        ("decis*", "decis*"), ("feedb*", "feedb*"), ("calend*", "calend*"),
    ],
    "fuzzy": [
        ("delegaton~", None), ("managr~", None), ("conversaton~", None),
        ("calendr~", None), ("feedbak~", None), ("decison~", None),
    ],
}  # fmt: skip
CATEGORIES = tuple(QUERIES)
#: Issue 4's targets, meant for 1,000 episodes: (figure, limit, unit).
TARGETS = (
    ("build", 15.0, "s"),
    ("reopen", 0.5, "s"),
    ("update", 150.0, "ms"),
    ("word p95", 30.0, "ms"),
    ("two words p95", 30.0, "ms"),
    ("phrase p95", 80.0, "ms"),
    ("prefix p95", 30.0, "ms"),
    ("fuzzy p95", 30.0, "ms"),
    ("word vs FTS5 (median)", 2.0, "x"),
)
FTS_SOURCE = "each file imported with reader.importers.import_file (Episode.title and .text)"


# -- the synthetic library ---------------------------------------------------------------------
def sentences() -> list[str]:
    """Sentences of the bundled sample library, as the importers read them (no markup)."""
    found: list[str] = []
    for path in list_transcripts(ROOT / "episodes"):
        episode = import_file(path)
        if isinstance(episode, Episode):
            found += re.findall(r"[A-Z][^.!?\n]{20,200}[.!?]", episode.text)
    found = [s for s in found if "Share on X" not in s and "Listen on" not in s]
    return list(dict.fromkeys(found))


def rare_words(pool: list[str], count: int = RARE_VOCABULARY, seed: int = 11) -> list[str]:
    """Pronounceable made-up words, none of them in the pool, in a fixed order (Zipf rank)."""
    rng = random.Random(seed)
    known = {w.lower() for s in pool for w in re.findall(r"\w+", s)}
    onsets = [
        "b", "br", "c", "ch", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l", "m",
        "n", "p", "pl", "qu", "r", "s", "sh", "st", "t", "tr", "v", "w", "z",
    ]  # fmt: skip
    vowels = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou"]
    codas = ["", "", "n", "r", "l", "s", "th", "x", "nd", "rk"]
    words: dict[str, None] = {}
    while len(words) < count:
        word = "".join(
            rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
            for _ in range(rng.randint(2, 4))
        )
        if word not in known and len(word) >= 6:
            words[word] = None
    return list(words)


_POOL: list[str] = []
_RARE: list[str] = []
_RARE_CUM: list[float] = []


def _init_worker(pool: list[str], rare: list[str]) -> None:
    global _POOL, _RARE, _RARE_CUM
    _POOL, _RARE = pool, rare
    _RARE_CUM = list(itertools.accumulate(1 / (k**RARE_EXPONENT) for k in range(1, len(rare) + 1)))


def stamp(seconds: float) -> str:
    ms = round(seconds * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


Turn = tuple[str, str, float]  # speaker, text, start seconds


def _turns(rng: random.Random, speakers: list[str], words: int) -> list[Turn]:
    """Turns of 1-6 pool sentences, rare words slipped into some sentences."""
    picked: list[str] = []
    total = 0
    while total < words:
        batch = rng.choices(_POOL, k=16)
        picked += batch
        total += sum(s.count(" ") + 1 for s in batch)
    for _ in range(words // RARE_PER_WORDS):
        i = rng.randrange(len(picked))
        parts = picked[i].split(" ")
        parts.insert(rng.randrange(1, len(parts)), rng.choices(_RARE, cum_weights=_RARE_CUM)[0])
        picked[i] = " ".join(parts)
    turns: list[Turn] = []
    clock, i = 0.0, 0
    while i < len(picked):
        n = rng.randint(1, 6)
        text = " ".join(picked[i : i + n])
        i += n
        speaker = speakers[0] if len(turns) % 2 == 0 else rng.choice(speakers[1:])
        turns.append((speaker, text, clock))
        clock += (text.count(" ") + 1) / 2.5
    return turns


def _markdown(title: str, turns: list[Turn], rng: random.Random) -> str:
    lines = [f"# {title}", "", " ".join(rng.choices(_POOL, k=2)), ""]
    for n, (speaker, text, _) in enumerate(turns):
        if n % 14 == 0:
            lines += [f"## {' '.join(rng.sample(TITLE_WORDS, 3))}", ""]
        lines += [f"**{speaker}:** {text}", ""]
    return "\n".join(lines)


def _otter(turns: list[Turn]) -> str:
    blocks = []
    for speaker, text, start in turns:
        m, s = divmod(int(start), 60)
        blocks.append(f"{speaker}  {m}:{s:02d}\n{text}\n")
    return "\n".join(blocks) + "\nTranscribed by https://otter.ai\n"


def _srt(turns: list[Turn]) -> str:
    blocks, n = [], 0
    for speaker, text, start in turns:
        words = text.split(" ")
        for i in range(0, len(words), 10):
            n += 1
            begin = start + i / 2.5
            chunk = words[i : i + 10]
            label = f"{speaker}: " if i == 0 else ""
            end = stamp(begin + len(chunk) / 2.5)
            blocks.append(f"{n}\n{stamp(begin)} --> {end}\n{label}{' '.join(chunk)}\n")
    return "\n".join(blocks)


def make_episode(args: tuple[Path, int, int]) -> tuple[str, int, int]:
    """Write episode ``i``; its RNG depends only on (seed, i), so workers need no order."""
    library, seed, i = args
    rng = random.Random(f"{seed}-{i}")
    show = SHOWS[i % len(SHOWS)]
    number = i // len(SHOWS) + 1
    host = NAMES[i % len(SHOWS)]
    guests = rng.sample(NAMES[len(SHOWS) :], rng.randint(1, 2))
    words = [*rng.sample(TITLE_WORDS, rng.randint(1, 3))]
    if rng.random() < 0.3:
        words.append(rng.choices(_RARE, cum_weights=_RARE_CUM)[0].capitalize())
    title = f"Episode {number}: {' '.join(words)}"
    turns = _turns(
        rng, [host, *guests], rng.randint(WORDS_PER_EPISODE * 9 // 10, WORDS_PER_EPISODE * 11 // 10)
    )
    fmt = rng.choices([f for f, _ in FORMAT_MIX], weights=[w for _, w in FORMAT_MIX])[0]
    if fmt == "markdown":
        text = _markdown(title, turns, rng)
    elif fmt == "otter":
        text = _otter(turns)
    else:
        text = _srt(turns)
    slug = re.sub(r"[^a-z0-9]+", "-", " ".join(words).lower()).strip("-")
    folder = library / re.sub(r"[^a-z0-9]+", "-", show.lower())
    path = folder / f"ep{number:04d}-{slug}{SUFFIX[fmt]}"
    data = text.encode("utf-8")
    path.write_bytes(data)
    return fmt, len(data), sum(t.count(" ") + 1 for _, t, _ in turns)


def generate(library: Path, episodes: int, seed: int, pool: list[str], rare: list[str]) -> dict:
    """Write the library with every core; the parent process stays small (peak RSS)."""
    for show in SHOWS:
        (library / re.sub(r"[^a-z0-9]+", "-", show.lower())).mkdir(parents=True, exist_ok=True)
    formats: Counter[str] = Counter()
    size = words = 0
    jobs = [(library, seed, i) for i in range(episodes)]
    with multiprocessing.Pool(os.cpu_count() or 1, _init_worker, (pool, rare)) as workers:
        for fmt, nbytes, nwords in workers.imap_unordered(make_episode, jobs, chunksize=25):
            formats[fmt] += 1
            size += nbytes
            words += nwords
    return {"formats": dict(sorted(formats.items())), "bytes": size, "words": words}


# -- measuring ---------------------------------------------------------------------------------
def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (process-wide, never goes down)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / MB


def latency(run: Callable[[str], int], queries: list[str], runs: int) -> dict:
    """Median and p95 over ``runs`` timed calls cycling through ``queries``, after a warm-up."""
    totals = {q: run(q) for q in queries}  # warm-up: caches, first-use costs
    timings = []
    for n in range(runs):
        q = queries[n % len(queries)]
        start = time.perf_counter()
        run(q)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {
        "queries": queries,
        "totals": totals,
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))], 2),
    }


def resolve(query: str, rare: list[str]) -> str:
    """Replace "rare:N" with the rare word of Zipf rank N."""
    return re.sub(r"rare:(\d+)", lambda m: rare[int(m[1]) - 1], query)


@contextmanager
def workdir(keep: str | None) -> Iterator[Path]:
    if keep is None:
        with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
            yield Path(tmp)
        return
    folder = Path(keep)
    if folder.exists() and any(folder.iterdir()):
        raise SystemExit(f"--keep {folder}: the folder is not empty")
    folder.mkdir(parents=True, exist_ok=True)
    yield folder


def bench_whoosh(library: Path, cache: Path, size: int, rare: list[str], runs: int) -> dict:
    """Everything the app does with its index, timed: build, reopen, update, search."""
    out: dict = {}
    start = time.perf_counter()
    ix = LibraryIndex(library, cache)
    report = sync_library(ix)
    seconds = time.perf_counter() - start
    out["build"] = {
        "seconds": round(seconds, 2),
        "mb_per_s": round(size / MB / seconds, 2),
        "added": len(report.added),
        "failed": [f"{f.path.name}: {f.problem}" for f in report.failed],
        "doc_count": ix.doc_count(),
    }
    out["peak_rss_mb"] = {"after_build": round(peak_rss_mb(), 1)}
    ix.close()
    out["index_mb"] = {
        "whoosh": round(folder_mb(ix.folder / "whoosh"), 1),
        "text_cache": round(folder_mb(ix.texts), 1),
        "total": round(folder_mb(ix.folder), 1),
    }

    reopens = []
    for n in range(3):  # the app reopens on every start: a new LibraryIndex, then a sync
        if n:
            ix.close()
        start = time.perf_counter()
        ix = LibraryIndex(library, cache)
        report = sync_library(ix)
        reopens.append(time.perf_counter() - start)
    out["reopen"] = {
        "seconds": round(statistics.median(reopens), 3),
        "runs": [round(s, 3) for s in reopens],
        "unchanged": report.unchanged,
        "changed": report.changed,
    }

    markdown = sorted(p for p in list_transcripts(library) if p.suffix == ".md")
    updates, found_all, words = [], True, []
    for k, path in enumerate(markdown[:5]):
        word = f"zyxquor{'abcde'[k]}blat"
        words.append(word)
        episode_id = path.relative_to(library).as_posix()
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"\n**Maya Okafor:** One last thing about {word} before we go.\n")
        start = time.perf_counter()
        sync_library(ix)
        found = False
        while time.perf_counter() - start < 10:
            if any(h.path == episode_id for h in ix.search(word).hits):
                found = True
                break
        updates.append((time.perf_counter() - start) * 1000)
        found_all = found_all and found
        ix.tidy()  # as the app does after each sync, once the change is searchable
    out["update"] = {
        "ms": round(statistics.median(updates), 1),
        "runs_ms": [round(ms, 1) for ms in updates],
        "words": words,
        "found": found_all,
    }

    out["search"] = {}
    for category in CATEGORIES:
        queries = [resolve(w, rare) for w, _ in QUERIES[category]]
        out["search"][category] = latency(lambda q: ix.search(q, limit=20).total, queries, runs)
    ix.close()
    return out


def bench_fts(library: Path, db_path: Path, rare: list[str], runs: int) -> dict:
    """The same files and searches through SQLite FTS5: the yardstick of the issue."""
    out: dict = {"source": FTS_SOURCE}
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
    out["build"] = {
        "seconds": round(seconds, 2),
        "import_seconds": round(importing, 2),
        "index_seconds": round(seconds - importing, 2),
        "db_mb": round(db_path.stat().st_size / MB, 1),
    }

    def search(q: str) -> int:
        rows = db.execute(
            "SELECT path, snippet(t, 2, '[', ']', '…', 32) FROM t WHERE t MATCH ? "
            "ORDER BY rank LIMIT 20",
            (q,),
        ).fetchall()
        total = db.execute("SELECT count(*) FROM t WHERE t MATCH ?", (q,)).fetchone()[0]
        assert len(rows) == min(total, 20)
        return total

    out["search"] = {}
    for category in CATEGORIES:
        queries = [resolve(f, rare) for _, f in QUERIES[category] if f is not None]
        out["search"][category] = latency(search, queries, runs) if queries else None
    db.close()
    return out


def run(episodes: int, seed: int, runs: int, keep: str | None) -> dict:
    pool = sentences()
    rare = rare_words(pool)
    result: dict = {
        "episodes": episodes,
        "seed": seed,
        "runs": runs,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "whoosh": whoosh_version(),
            "sqlite": sqlite3.sqlite_version,
        },
    }
    with workdir(keep) as work:
        library, cache = work / "library", work / "cache"
        start = time.perf_counter()
        info = generate(library, episodes, seed, pool, rare)
        info["seconds"] = round(time.perf_counter() - start, 2)
        size = info.pop("bytes")
        info["mb"] = round(size / MB, 1)
        result["generation"] = info
        rss_before = round(peak_rss_mb(), 1)
        result.update(bench_whoosh(library, cache, size, rare, runs))
        result["peak_rss_mb"] = {
            "before_build": rss_before,
            **result["peak_rss_mb"],
            "after_whoosh": round(peak_rss_mb(), 1),
        }
        result["fts5"] = bench_fts(library, work / "fts5.sqlite3", rare, runs)
        result["peak_rss_mb"]["end_with_fts5"] = round(peak_rss_mb(), 1)
        if keep is None:
            shutil.rmtree(cache, ignore_errors=True)
    result["ratio"] = {
        c: (
            round(result["search"][c]["median_ms"] / fts["median_ms"], 1)
            if (fts := result["fts5"]["search"][c])
            else None
        )
        for c in CATEGORIES
    }
    result["targets"] = targets(result)
    return result


def targets(r: dict) -> list[dict]:
    values = {
        "build": r["build"]["seconds"],
        "reopen": r["reopen"]["seconds"],
        "update": r["update"]["ms"],
        **{f"{c} p95": r["search"][c]["p95_ms"] for c in CATEGORIES},
        "word vs FTS5 (median)": r["ratio"]["word"],
    }
    return [
        {"figure": name, "value": values[name], "limit": limit, "unit": unit,
         "pass": values[name] is not None and values[name] < limit}
        for name, limit, unit in TARGETS
    ]  # fmt: skip


# -- output ------------------------------------------------------------------------------------
def mark(r: dict, figure: str) -> str:
    t = next(t for t in r["targets"] if t["figure"] == figure)
    return f"target < {t['limit']:g} {t['unit']}  {'PASS' if t['pass'] else 'FAIL'}"


def print_table(r: dict) -> None:
    g, b, m = r["generation"], r["build"], r["machine"]
    print(
        f"Search benchmark: {r['episodes']:,} synthetic episodes (seed {r['seed']}), "
        f"{m['cpus']} CPUs, Python {m['python']}, Whoosh {m['whoosh']}, SQLite {m['sqlite']}"
    )
    formats = ", ".join(f"{n} {f}" for f, n in g["formats"].items())
    print(
        f"Library: {g['mb']:,} MB, {g['words']:,} words ({formats}), generated in {g['seconds']} s"
    )
    if r["episodes"] != 1000:
        print("(The targets are set for 1,000 episodes; at other sizes they are for reference.)")
    print()
    print("Whoosh (LibraryIndex + sync_library)")
    failed = f", {len(b['failed'])} FAILED" if b["failed"] else ""
    print(
        f"  build (import + index)  {b['seconds']:>9.2f} s   {b['mb_per_s']:.2f} MB/s, "
        f"{b['added']} added{failed}   {mark(r, 'build')}"
    )
    for failure in b["failed"][:5]:
        print(f"      {failure}")
    size = r["index_mb"]
    print(
        f"  index size              {size['total']:>9.1f} MB  (Whoosh {size['whoosh']} MB, "
        f"text cache {size['text_cache']} MB)"
    )
    rss = r["peak_rss_mb"]
    print(
        f"  peak memory (maxrss)    {rss['after_build']:>9.1f} MB  after the build (process-wide;"
        f" {rss['before_build']} MB before it, {rss['after_whoosh']} MB after the searches, "
        f"{rss['end_with_fts5']} MB after FTS5)"
    )
    ro = r["reopen"]
    runs = ", ".join(f"{s:.3f}" for s in ro["runs"])
    print(f"  reopen, unchanged       {ro['seconds']:>9.3f} s   runs {runs}   {mark(r, 'reopen')}")
    up = r["update"]
    runs = ", ".join(f"{ms:.0f}" for ms in up["runs_ms"])
    found = "found" if up["found"] else "NOT FOUND"
    print(
        f"  one file changed        {up['ms']:>9.1f} ms  sync + search until {found} "
        f"(median; runs {runs})   {mark(r, 'update')}"
    )
    print()
    print(f"Search + count + top-20 snippets, {r['runs']} runs per category after a warm-up")
    print(
        f"  {'query':<11}{'Whoosh med':>11}{'p95':>8}{'FTS5 med':>10}{'p95':>8}{'ratio':>7}"
        f"   target (Whoosh p95)"
    )
    for c in CATEGORIES:
        w, f = r["search"][c], r["fts5"]["search"][c]
        fts = f"{f['median_ms']:>10.2f}{f['p95_ms']:>8.2f}" if f else f"{'n/a':>10}{'n/a':>8}"
        ratio = f"{r['ratio'][c]:>6.1f}x" if r["ratio"][c] is not None else f"{'n/a':>7}"
        print(f"  {c:<11}{w['median_ms']:>11.2f}{w['p95_ms']:>8.2f}{fts}{ratio}   ", end="")
        print(mark(r, f"{c} p95"))
    print(f"  word searches within 2x of FTS5 (median ratio): {mark(r, 'word vs FTS5 (median)')}")
    print()
    print("Queries (Whoosh total hits):")
    for c in CATEGORIES:
        totals = ", ".join(f"{q} {n}" for q, n in r["search"][c]["totals"].items())
        print(f"  {c:<11}{totals}")
    fb = r["fts5"]["build"]
    print()
    print(f"FTS5 text: {r['fts5']['source']}")
    print(
        f"FTS5 build {fb['seconds']:.2f} s (import {fb['import_seconds']:.2f} s + insert "
        f"{fb['index_seconds']:.2f} s), database {fb['db_mb']} MB; FTS5 snippet() gives one "
        "snippet per episode, Whoosh up to three; FTS5 has no fuzzy search"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--runs", type=int, default=30, help="timed searches per category")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", metavar="DIR", help="build in DIR (empty) and keep it")
    args = parser.parse_args(argv)
    result = run(args.episodes, args.seed, args.runs, args.keep)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
