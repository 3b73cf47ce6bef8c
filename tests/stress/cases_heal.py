"""Reliability cases for the index's reading side (issue 10, items 3, 4 and 6).

Each case runs real processes ``runs`` times and returns the reasons of the runs that
failed (an empty list: all passed). Discovered by ``reliability.py`` through ``CASES``.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from damage import DAMAGES, damage  # noqa: E402

#: Seconds each round of searches against commits lasts.
CHURN_SECONDS = 8.0
#: Files that make ``index`` import in worker processes (``workers.PARALLEL_MIN``).
CLEAN_BUILD_EPISODES = 240


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EPISODE_READER_DATA_DIR": str(data)}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True, text=True, timeout=600, check=False, env=env, cwd=ROOT,
    )  # fmt: skip


def _churn(role: str, library: Path, cache: Path) -> subprocess.Popen[str]:
    args = [sys.executable, str(HERE / "churn.py"), role, str(library), str(cache)]
    return subprocess.Popen([*args, str(CHURN_SECONDS)], stdout=subprocess.PIPE, text=True)


def searches_during_commits(runs: int) -> list[str]:
    """Two processes: one commits (syncs, notes, merges) while two of its threads search,
    the other searches; no search may fail or miss an episode."""
    from churn import make_library

    from reader.library.sync import sync_library
    from reader.search.index import LibraryIndex

    failures = []
    for run in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            library, cache = make_library(Path(tmp) / "library"), Path(tmp) / "cache"
            ix = LibraryIndex(library, cache)
            sync_library(ix)
            ix.close()
            processes = [_churn("both", library, cache), _churn("searcher", library, cache)]
            outcomes = [json.loads(p.communicate(timeout=120)[0]) for p in processes]
        failed = [reason for outcome in outcomes for reason in outcome["failures"]]
        searches = sum(outcome["searches"] for outcome in outcomes)
        if failed:
            failures.append(f"run {run}: {len(failed)} of {searches} searches: {failed[0]}")
        elif outcomes[0]["merges"] == 0:
            failures.append(f"run {run}: no merge happened (the case tested nothing)")
    return failures


def damaged_index_heals(runs: int) -> list[str]:
    """Damage one file kind one way (cycling through all of them), then in real processes:
    ``search`` answers right or says the index is damaged (exit 3), never a traceback;
    ``index`` exits 0; the same search then answers as before the damage."""
    cases = [case for case in DAMAGES if case != ("text-cache", "truncated")]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        library = Path(shutil.copytree(ROOT / "tests" / "fixtures" / "library", base / "lib"))
        template = base / "template"
        _cli(template, "index", str(library))
        query = ("search", "calendar", "--library", str(library), "--json")
        expected = _answer(_cli(template, *query))
        for run in range(runs):
            kind, way = cases[run % len(cases)]
            data = base / f"run{run}"
            shutil.copytree(template, data)
            damage(next((data / "cache" / "index").iterdir()), kind, way, seed=run)
            reason = _heals(data, library, expected)
            if reason:
                failures.append(f"{kind} {way}: {reason}")
            shutil.rmtree(data)
    return failures


def _heals(data: Path, library: Path, expected: list | None) -> str | None:
    search = _cli(data, "search", "calendar", "--library", str(library), "--json")
    if "Traceback" in search.stderr:
        return "search: traceback: " + search.stderr.strip().splitlines()[-1]
    if search.returncode not in (0, 3):
        return f"search exited {search.returncode}"
    if search.returncode == 3 and len(search.stderr.splitlines()) != 1:
        return f"search said more than one line: {search.stderr!r}"
    index = _cli(data, "index", str(library))
    if index.returncode != 0 or "Traceback" in index.stderr:
        return f"index exited {index.returncode}: {index.stderr.strip()[-200:]}"
    again = _answer(_cli(data, "search", "calendar", "--library", str(library), "--json"))
    return None if again == expected else f"after index the search gave {again}"


def _answer(search: subprocess.CompletedProcess[str]) -> list | None:
    if search.returncode != 0:
        return None
    results = json.loads(search.stdout)["results"]
    return [(r["path"], r["matches"], r["snippets"]) for r in results]


WORDS = ("trust", "calendar", "coach", "team", "budget")


def minus_excludes_after_clean_builds(runs: int) -> list[str]:
    """A clean build with worker processes, then ``search 'feedback -people'``: no result
    may say "people", and every episode that says "feedback" and not "people" is found."""
    failures = []
    for run in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            library = Path(tmp) / "library"
            texts = _write_library(library, random.Random(run))
            data = Path(tmp) / "data"
            built = _cli(data, "index", str(library))
            if built.returncode != 0:
                failures.append(f"run {run}: index exited {built.returncode}")
                continue
            search = _cli(
                data, "search", "feedback -people", "--library", str(library),
                "--json", "--limit", "1000",
            )  # fmt: skip
            found = {r["path"] for r in json.loads(search.stdout)["results"]}
        says = _saying(texts)
        truth = says("feedback") - says("people")
        if found != truth:
            wrong, missed = sorted(found - truth), sorted(truth - found)
            failures.append(f"run {run}: {len(wrong)} wrong {wrong[:3]}, {len(missed)} missed")
    return failures


def _write_library(root: Path, rng: random.Random) -> dict[str, str]:
    root.mkdir(parents=True)
    texts = {}
    for n in range(CLEAN_BUILD_EPISODES):
        # As in the library the bug was found in: "people" in most episodes (up to 28
        # times), "feedback" in a few, so a segment's first candidate often says both.
        words = rng.choices(WORDS, k=rng.randint(50, 400))
        if rng.random() < 0.6:
            words += ["people"] * rng.randint(1, 28)
        if rng.random() < 0.2:
            words += ["feedback"] * rng.randint(1, 5)
        rng.shuffle(words)
        name = f"ep{n:03d}.txt"
        texts[name] = f"Episode {n}: Talk {n}\n\n{' '.join(words)}\n"
        (root / name).write_text(texts[name], encoding="utf-8")
    return texts


def _saying(texts: dict[str, str]) -> Callable[[str], set[str]]:
    return lambda word: {n for n, t in texts.items() if re.search(rf"\b{word}\b", t, re.I)}


CASES: dict[str, Callable[[int], list[str]]] = {
    "search during commits and merges (2 processes)": searches_during_commits,
    "damaged index file heals (search, index, search)": damaged_index_heals,
    "NOT/minus excludes after a clean parallel build": minus_excludes_after_clean_builds,
}
