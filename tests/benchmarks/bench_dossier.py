"""Research speed: a topic dossier and "who said this?" on a synthetic library.

Usage: ``python tests/benchmarks/bench_dossier.py --episodes N [--highlights H] [--json]
[--keep DIR]``. Targets of issue 15 (1,000 episodes, 5,000 highlights): a dossier for a
common word under 300 ms (the window's first screen: its best ``FIRST_EPISODES`` episodes;
the whole dossier, the CLI's default, is timed too); who-said for a 15-word quote under
200 ms, exact and paraphrased. Wall and CPU time are both printed: on a shared machine the
CPU time is the cost.

The library (``synthetic_library``) is indexed as the app indexes it; the highlights are
saved through ``NotesStore`` as the window saves them, spread over the episodes. Quotes are
15-word passages of random episodes, asked verbatim and with a word changed, a word left
out, and other punctuation and case; each answer is checked to name the right episode.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT), str(HERE)]

from synthetic_library import generate, rare_words, sentences  # noqa: E402
from timing import summary  # noqa: E402

from reader.library.sync import sync_library  # noqa: E402
from reader.notes import NotesStore  # noqa: E402
from reader.notes.model import Highlight  # noqa: E402
from reader.research.dossier import FIRST_EPISODES, build_dossier  # noqa: E402
from reader.research.episodes import EpisodeShapes  # noqa: E402
from reader.research.who_said import who_said  # noqa: E402
from reader.search.index import LibraryIndex  # noqa: E402
from reader.search.passage_finder import quote_terms  # noqa: E402

#: Words of the synthetic library's sentences; the one in the most episodes is the query.
COMMON_CANDIDATES = ("team", "feedback", "manager", "people", "meeting", "delegation", "trust")
QUOTE_WORDS = 15
RUNS = 20


def add_highlights(ix: LibraryIndex, notes: NotesStore, count: int, seed: int) -> int:
    """``count`` highlights of a few words each, spread over the episodes, saved per episode."""
    rng = random.Random(seed)
    paths = sorted(ix.files())
    per_episode: dict[str, int] = {}
    for _ in range(count):
        path = rng.choice(paths)
        per_episode[path] = per_episode.get(path, 0) + 1
    shapes = EpisodeShapes(ix)
    stored = {doc["path"]: doc for doc in ix.stored_documents()}
    for path, wanted in per_episode.items():
        text = ix.text_of(path)
        episode = shapes.episode(path, stored[path], text)
        note = notes.load(episode)
        words = [m.span() for m in re.finditer(r"\w+", text)]
        for _ in range(wanted):
            first = rng.randrange(0, max(1, len(words) - 8))
            start, end = words[first][0], words[first + rng.randint(1, 7)][1]
            note.highlights.append(Highlight.create(text, start, end, tag=rng.choice(["", "key"])))
        notes.save(note)
    return sum(per_episode.values())


def common_word(ix: LibraryIndex) -> tuple[str, int]:
    """The candidate word in the most episodes, and in how many."""
    counts = {w: ix.searcher.doc_frequency("text", quote_terms(w)[0]) for w in COMMON_CANDIDATES}
    word = max(counts, key=lambda w: counts[w])
    return word, counts[word]


def quotes(ix: LibraryIndex, count: int, seed: int) -> list[tuple[str, str, dict[str, str]]]:
    """(episode, exact quote, {kind: variant}) for ``count`` random 15-word passages."""
    rng = random.Random(seed)
    paths = sorted(ix.files())
    found = []
    while len(found) < count:
        path = rng.choice(paths)
        text = ix.text_of(path)
        paragraphs = [p for p in text.split("\n\n") if len(p.split()) > QUOTE_WORDS + 5]
        if not paragraphs:
            continue
        words = rng.choice(paragraphs).split()
        at = rng.randrange(0, len(words) - QUOTE_WORDS)
        exact = words[at : at + QUOTE_WORDS]
        changed = list(exact)
        changed[QUOTE_WORDS // 2] = "something"
        missing = exact[:4] + exact[5:]
        punctuated = [re.sub(r"[^\w']", "", w).lower() for w in exact]
        found.append(
            (
                path,
                " ".join(exact),
                {
                    "changed word": " ".join(changed),
                    "missing word": " ".join(missing),
                    "punctuation and case": "“" + " ".join(punctuated) + "…”",
                },
            )
        )
    return found


def timed(run) -> tuple[float, object]:
    start = time.perf_counter()
    answer = run()
    return (time.perf_counter() - start) * 1000, answer


def cpu_timed(run) -> tuple[float, float]:
    """Wall and CPU ms of one call (CPU shows the cost on a machine other jobs share)."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def bench(workdir: Path, episodes: int, highlights: int) -> dict:
    library = workdir / "library"
    reuse = library.exists()  # --keep DIR of an earlier run: its library and highlights
    if not reuse:
        library.mkdir()
        pool = sentences()
        generate(library, episodes, 7, pool, rare_words(pool))
    ix = LibraryIndex(library, workdir / "cache")
    start = time.perf_counter()
    sync_library(ix)
    indexed_s = time.perf_counter() - start
    notes = NotesStore(workdir / "data", library)
    if reuse:
        saved = sum(len(note.highlights) for note in notes.all_notes())
    else:
        saved = add_highlights(ix, notes, highlights, seed=3)

    word, in_episodes = common_word(ix)
    cold_ms, dossier = timed(lambda: build_dossier(ix, word, notes, limit=FIRST_EPISODES))
    first = [cpu_timed(lambda: build_dossier(ix, word, notes, limit=FIRST_EPISODES))
             for _ in range(RUNS)]  # fmt: skip
    by_speaker = [
        cpu_timed(lambda: build_dossier(ix, word, notes, by="speaker", limit=FIRST_EPISODES))
        for _ in range(5)
    ]
    full_ms, full = timed(lambda: build_dossier(ix, word, notes))
    marked = sum(bool(m.highlights) for g in full.groups for m in g.moments)

    asked = quotes(ix, RUNS, seed=5)
    results: dict[str, dict] = {}
    for kind in ("exact", "changed word", "missing word", "punctuation and case"):
        timings, right = [], 0
        for path, exact, variants in asked:
            quote = exact if kind == "exact" else variants[kind]
            found: list = []
            timings.append(cpu_timed(lambda q=quote, out=found: out.extend(who_said(ix, q))))
            # The synthetic library repeats its sentences: the same words elsewhere count.
            right += bool(found) and (found[0].path == path or words(found[0].text) == words(exact))
        results[kind] = {
            "wall": summary([w for w, _c in timings]),
            "cpu": summary([c for _w, c in timings]),
            "right_first": f"{right}/{len(asked)}",
        }
    nonsense = timed(lambda: who_said(ix, "purple elephants dance across the frozen moon"))
    ix.close()
    return {
        "episodes": episodes,
        "highlights": saved,
        "index_s": round(indexed_s, 1),
        "dossier": {
            "query": word,
            "episodes_with_it": in_episodes,
            "first_screen": {
                "episodes": dossier.episodes(),
                "moments": dossier.total,
                "cold_ms": round(cold_ms, 1),
                "wall": summary([w for w, _c in first]),
                "cpu": summary([c for _w, c in first]),
                "by_speaker_cpu": summary([c for _w, c in by_speaker]),
            },
            "all": {"moments": full.total, "with_highlights": marked, "ms": round(full_ms)},
        },
        "who_said": results,
        "nothing_close": {"ms": round(nonsense[0], 1), "results": len(nonsense[1])},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=1000)
    parser.add_argument("--highlights", type=int, default=5000)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--keep", type=Path, help="work in DIR and keep it")
    args = parser.parse_args(argv)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="bench-dossier-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        figures = bench(workdir, args.episodes, args.highlights)
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    d = figures["dossier"]
    f = d["first_screen"]
    print(f"{figures['episodes']} episodes, {figures['highlights']} highlights "
          f"(synced in {figures['index_s']} s)")  # fmt: skip
    print(f"dossier {d['query']!r} (in {d['episodes_with_it']} episodes), the window's first "
          f"{f['episodes']} episodes, {f['moments']} moments (target < 300 ms):")  # fmt: skip
    print(f"  wall median {f['wall']['median_ms']} ms, p95 {f['wall']['p95_ms']} ms; "
          f"CPU median {f['cpu']['median_ms']} ms, p95 {f['cpu']['p95_ms']} ms; "
          f"cold {f['cold_ms']} ms; by speaker CPU "
          f"{f['by_speaker_cpu']['median_ms']} ms")  # fmt: skip
    print(f"  every episode (the CLI's default): {d['all']['moments']} moments "
          f"({d['all']['with_highlights']} with highlights) in {d['all']['ms']} ms")  # fmt: skip
    for kind, row in figures["who_said"].items():
        print(f"who-said, {kind:<21} wall median {row['wall']['median_ms']:>6} ms, p95 "
              f"{row['wall']['p95_ms']:>6}; CPU median {row['cpu']['median_ms']:>6}, p95 "
              f"{row['cpu']['p95_ms']:>6} (target < 200 ms); "
              f"right first {row['right_first']}")  # fmt: skip
    nothing = figures["nothing_close"]
    print(f"who-said, nothing close: {nothing['ms']} ms, {nothing['results']} results")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
