"""Searches while syncs, notes updates and merges commit: one process's share of the work.

Usage: ``python tests/stress/churn.py ROLE LIBRARY CACHE SECONDS`` with ROLE ``writer``
(syncs after changing a transcript, notes updates, merges), ``searcher`` (two threads
searching in a loop) or ``both`` (a writer thread and two searcher threads). Prints one
JSON line: searches done, commits made, merges made, and every failed search's reason.

Every transcript of the library says the marker word throughout and the writer never
removes one, so a search for it must always find all of them: a search that fails, or
finds fewer, is a failure. ``make_library`` writes such a library.
"""

from __future__ import annotations

import json
import sys
import threading
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reader.library.sync import sync_library  # noqa: E402
from reader.search.index import IndexNotReady, LibraryIndex  # noqa: E402
from reader.search.lock import IndexBusy  # noqa: E402

MARKER = "people"
EPISODES = 24


def make_library(root: Path, episodes: int = EPISODES) -> Path:
    """Transcripts that all say ``MARKER`` many times, with a few other words."""
    root.mkdir(parents=True, exist_ok=True)
    for n in range(episodes):
        words = f"{MARKER} feedback trust calendar meeting{n} " * 30
        text = f"Episode {n}: Talk {n}\n\n{words}\n"
        (root / f"ep{n:02d}.txt").write_text(text, encoding="utf-8")
    return root


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.searches = self.commits = self.merges = 0
        self.writing = 0  # writer threads still at work in this process
        self.failures: list[str] = []

    def fail(self, reason: str) -> None:
        with self.lock:
            self.failures.append(reason)


#: Work each role does at least, past its seconds if the machine is slow (up to GRACE more
#: seconds), so a loaded machine still tests commits and merges under searches.
MIN_COMMITS, MIN_MERGES, MIN_SEARCHES, GRACE = 10, 2, 20, 60.0


def _going(until: float, short: bool) -> bool:
    now = time.monotonic()
    return now < until or (short and now < until + GRACE)


def write(library: Path, cache: Path, until: float, tally: Tally) -> None:
    """Commit as often as possible: a changed transcript synced, a note, a merge."""
    ix = LibraryIndex(library, cache)
    files = sorted(library.glob("*.txt"))
    n = 0
    tally.writing += 1
    try:
        while _going(until, tally.commits < MIN_COMMITS or tally.merges < MIN_MERGES):
            n += 1
            path = files[n % len(files)]
            try:
                path.write_text(path.read_text(encoding="utf-8") + f" change{n}", encoding="utf-8")
                if sync_library(ix).changed:
                    tally.commits += 1
                episode = files[(n * 7) % len(files)].name
                if ix.update_notes(episode, f"note {n} about {MARKER}"):
                    tally.commits += 1
                if ix.tidy():
                    tally.merges += 1
            except IndexBusy:
                continue  # the other process is writing: fine, try again
    finally:
        tally.writing -= 1
        ix.close()


def search(library: Path, cache: Path, until: float, tally: Tally) -> None:
    """Search, sorted and by relevance, and list the episodes, as the window does."""
    ix = _open_reader(library, cache, until)
    expected = len(list(library.glob("*.txt")))
    try:
        while _going(until, tally.searches < MIN_SEARCHES or tally.writing > 0):
            try:
                ix.refresh()
                found = ix.search(MARKER, limit=5).total
                by_title = ix.search(f"{MARKER} trust", sort="title", limit=5).total
                listed = len(ix.episodes())
            except Exception as exc:
                tally.fail(f"{type(exc).__name__}: {exc} | {_where(exc)}")
                continue
            with tally.lock:
                tally.searches += 1
            if (found, by_title, listed) != (expected,) * 3:
                tally.fail(f"found {found}, {by_title} and listed {listed} of {expected}")
    finally:
        ix.close()


def _open_reader(library: Path, cache: Path, until: float) -> LibraryIndex:
    while True:
        try:
            return LibraryIndex(library, cache, create=False)
        except IndexNotReady:
            if time.monotonic() > until:
                raise
            time.sleep(0.05)


def _where(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    return f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"


def run(role: str, library: Path, cache: Path, seconds: float) -> dict:
    tally = Tally()
    until = time.monotonic() + seconds
    jobs = {"writer": [write], "searcher": [search, search], "both": [write, search, search]}
    threads = [
        threading.Thread(target=job, args=(library, cache, until, tally)) for job in jobs[role]
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "searches": tally.searches,
        "commits": tally.commits,
        "merges": tally.merges,
        "failures": tally.failures,
    }


if __name__ == "__main__":
    role, library, cache, seconds = sys.argv[1:5]
    print(json.dumps(run(role, Path(library), Path(cache), float(seconds))))
