"""Research speed: a topic dossier and "who said this?" on a synthetic library.

Usage: ``python tests/benchmarks/bench_dossier.py --episodes N [--highlights H] [--json]
[--keep DIR]``. Targets of issue 15 (1,000 episodes, 5,000 highlights): a dossier for a
common word under 300 ms; who-said for a 15-word quote under 200 ms, exact and paraphrased.

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
from reader.research.dossier import build_dossier  # noqa: E402
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
    cold_ms, dossier = timed(lambda: build_dossier(ix, word, notes))
    warm = [timed(lambda: build_dossier(ix, word, notes))[0] for _ in range(RUNS)]
    marked = sum(bool(m.highlights) for g in dossier.groups for m in g.moments)
    by_speaker = [timed(lambda: build_dossier(ix, word, notes, by="speaker"))[0] for _ in range(5)]

    asked = quotes(ix, RUNS, seed=5)
    results: dict[str, dict] = {}
    for kind in ("exact", "changed word", "missing word", "punctuation and case"):
        timings, right = [], 0
        for path, exact, variants in asked:
            quote = exact if kind == "exact" else variants[kind]
            ms, passages = timed(lambda q=quote: who_said(ix, q))
            timings.append(ms)
            right += bool(passages) and passages[0].path == path
        results[kind] = {**summary(timings), "right_first": f"{right}/{len(asked)}"}
    nonsense = timed(lambda: who_said(ix, "purple elephants dance across the frozen moon"))
    ix.close()
    return {
        "episodes": episodes,
        "highlights": saved,
        "index_s": round(indexed_s, 1),
        "dossier": {
            "query": word,
            "episodes_with_it": in_episodes,
            "moments": dossier.total,
            "moments_with_highlights": marked,
            "cold_ms": round(cold_ms, 1),
            **summary(warm),
            "by_speaker": summary(by_speaker),
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
    print(f"{figures['episodes']} episodes, {figures['highlights']} highlights "
          f"(indexed in {figures['index_s']} s)")  # fmt: skip
    print(f"dossier {d['query']!r}: {d['moments']} moments in {d['episodes_with_it']} episodes "
          f"({d['moments_with_highlights']} with highlights)")  # fmt: skip
    print(f"  median {d['median_ms']} ms, p95 {d['p95_ms']} ms, cold {d['cold_ms']} ms "
          f"(target < 300 ms); by speaker median {d['by_speaker']['median_ms']} ms")  # fmt: skip
    for kind, row in figures["who_said"].items():
        print(f"who-said, {kind:<21} median {row['median_ms']:>6} ms, p95 {row['p95_ms']:>6} ms "
              f"(target < 200 ms), right episode first {row['right_first']}")  # fmt: skip
    nothing = figures["nothing_close"]
    print(f"who-said, nothing close: {nothing['ms']} ms, {nothing['results']} results")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
