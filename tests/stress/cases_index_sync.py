"""Concurrency cases for the index, with real processes (issue 10, items 1 and 2).

Each case in ``ONE_RUN`` takes an empty work folder and returns None when it held, else the
reason it did not; ``CASES`` repeats them in new folders for ``tests/stress/reliability.py``.
``tests/search/test_index_concurrency.py`` runs each once. The library is generated here (no real
transcripts are copied).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reader.search.index import LibraryIndex  # noqa: E402

EPISODES = 300
GROUPS = 3  # "groupN" is in every third episode
FILLER = [
    *("delegation", "feedback", "meetings", "agenda", "hiring", "coaching", "trust", "teams"),
    *("leaders", "goals", "review", "budget", "roadmap", "onboarding", "mentoring", "culture"),
]
TIMEOUT = 180

#: Runs ``episode-reader`` with the import done in this process or in worker processes.
LAUNCH = """
import sys
from reader.library import workers
mode = sys.argv[1]
if mode == "in-process":
    workers.PARALLEL_MIN = 10**9
elif mode == "workers":
    workers.PARALLEL_MIN = 1
    workers.worker_count = lambda: 2
from reader.cli import main
sys.exit(main(sys.argv[2:]))
"""
MODES = ("in-process", "workers")


def make_library(root: Path, episodes: int = EPISODES) -> Path:
    """``episodes`` short transcripts in a few shows: plain text and Markdown."""
    for i in range(episodes):
        show = root / f"show-{i % 6}"
        show.mkdir(parents=True, exist_ok=True)
        filler = " ".join(FILLER[(i * 7 + k) % len(FILLER)] for k in range(120))
        body = f"Host: common group{i % GROUPS} marker{i}. {filler}.\n"
        if i % 2:
            (show / f"ep{i:03d}-talk.md").write_text(
                f"# Episode {i}: Talk {i}\n\n{body}", encoding="utf-8"
            )
        else:
            (show / f"ep{i:03d}-talk.txt").write_text(
                f"Episode {i}: Talk {i}\n\n{body}", encoding="utf-8"
            )
    return root


class Setup:
    """A work folder's library, data folder and the environment its processes run in."""

    def __init__(self, work: Path, episodes: int = EPISODES) -> None:
        self.work = work
        self.library = make_library(work / "library", episodes)
        self.data = work / "data"
        self.env = {**os.environ, "EPISODE_READER_DATA_DIR": str(self.data)}
        self.env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p
        )

    def start(self, mode: str, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-c", LAUNCH, mode, *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env,
        )  # fmt: skip

    def run(self, mode: str, *args: str) -> tuple[int, str, str]:
        return finish(self.start(mode, *args))

    def census(self) -> tuple[int, Counter]:
        """(documents, path -> documents) of the index as another process finds it."""
        ix = LibraryIndex(self.library, self.data / "cache", create=False)
        try:
            return ix.doc_count(), Counter(e.path for e in ix.episodes())
        finally:
            ix.close()

    def files(self) -> set[str]:
        return {p.relative_to(self.library).as_posix() for p in self.library.rglob("ep*")}


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    try:
        out, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        return -1, out, err + "\n(timed out)"
    return process.returncode, out, err


def one_document_per_file(setup: Setup) -> str | None:
    documents, per_path = setup.census()
    twice = sorted(p for p, n in per_path.items() if n > 1)
    if twice:
        return f"{documents} documents for {len(per_path)} files; twice: {twice[:3]}"
    if set(per_path) != setup.files():
        return f"the index holds {len(per_path)} files, the library {len(setup.files())}"
    if documents != len(per_path):
        return f"{documents} documents for {len(per_path)} paths"
    return None


def summary_counts(out: str) -> dict[str, int] | None:
    """``Indexed LIB: 3 added, 0 updated, ...`` -> {"added": 3, "updated": 0, ...}."""
    for line in out.splitlines():
        if line.startswith("Indexed "):
            parts = line.rsplit(": ", 1)[1].split(", ")
            return {kind: int(n) for n, kind in (p.split(" ", 1) for p in parts)}
    return None


def traceback_in(*streams: str) -> str | None:
    for stream in streams:
        if "Traceback" in stream:
            return stream[stream.index("Traceback") :][-600:]
    return None


# -- the cases --------------------------------------------------------------------------------
def two_syncs(work: Path, mode: str) -> str | None:
    """Two ``episode-reader index`` started together on a new 300-file library: every file is
    indexed once; one reports the files added, the other (which waited) finds them done."""
    setup = Setup(work)
    first = setup.start(mode, "index", str(setup.library))
    second = setup.start(mode, "index", str(setup.library))
    results = [finish(first), finish(second)]
    for code, out, err in results:
        if (tb := traceback_in(out, err)) is not None:
            return f"a traceback: {tb}"
        if code != 0:
            return f"exit {code}: {err.strip()}"
    counts = [summary_counts(out) for _code, out, _err in results]
    if None in counts:
        return f"no summary in {[out for _c, out, _e in results]}"
    added = sorted(c["added"] for c in counts if c)
    unchanged = sorted(c["unchanged"] for c in counts if c)
    if added != [0, EPISODES] or unchanged != [0, EPISODES]:
        return f"reported added {added}, unchanged {unchanged}"
    return one_document_per_file(setup)


def index_and_search(work: Path, mode: str) -> str | None:
    """``index`` and ``search`` started together (as the window's first sync and a search in a
    terminal): the search answers from what was saved, no file is indexed twice."""
    setup = Setup(work)
    indexing = setup.start(mode, "index", str(setup.library))
    searching = setup.start(mode, "search", "--json", "group1", "--library", str(setup.library))
    (icode, iout, ierr), (scode, sout, serr) = finish(indexing), finish(searching)
    if (tb := traceback_in(iout, ierr, sout, serr)) is not None:
        return f"a traceback: {tb}"
    if icode != 0 or scode != 0:
        return f"exit codes {icode}, {scode}: {ierr.strip()} {serr.strip()}"
    total = json.loads(sout)["total"]
    if total not in (0, EPISODES // GROUPS) and "searching what it last saved" not in serr:
        return f"the search found {total} of {EPISODES // GROUPS} and did not say it waited"
    code, out, _err = setup.run(mode, "index", str(setup.library))
    if code != 0 or (summary_counts(out) or {}).get("unchanged") != EPISODES:
        return f"a third index did not find everything done: {out.strip()}"
    return one_document_per_file(setup)


def two_rebuilds(work: Path, mode: str = "workers") -> str | None:
    """Two ``index --rebuild`` at once: the second waits or says another rebuild is running
    (exit 1, one line); never a traceback; the index ends complete, once per file."""
    setup = Setup(work)
    code, out, err = setup.run(mode, "index", str(setup.library))
    if code != 0:
        return f"the first index failed: {err.strip()}"
    first = setup.start(mode, "index", "--rebuild", str(setup.library))
    second = setup.start(mode, "index", "--rebuild", str(setup.library))
    results = [finish(first), finish(second)]
    for code, out, err in results:
        if (tb := traceback_in(out, err)) is not None:
            return f"a traceback: {tb}"
        if code == 0 and (summary_counts(out) or {}).get("added") != EPISODES:
            return f"a rebuild reported {out.strip()}"
        if code != 0 and "another rebuild of this library's index is running" not in err:
            return f"exit {code} without saying another rebuild runs: {err.strip()}"
    if all(code != 0 for code, _o, _e in results):
        return "both rebuilds gave up"
    return one_document_per_file(setup)


#: Runs in its own process: searches in a loop until told to stop, as a new process would
#: (a new LibraryIndex each time) and as the window does (one index, refreshed). Prints one
#: JSON line per answer: the query's total, or the error.
SEARCHER = """
import json, sys, time, traceback
from pathlib import Path
from reader.search.index import LibraryIndex
library, cache, stop = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
queries = sys.argv[4:]
kept = LibraryIndex(library, cache, create=False)
n = 0
while not stop.exists() or n < 2 * len(queries):
    query = queries[n % len(queries)]
    for how in ("new", "kept"):
        try:
            if how == "new":
                ix = LibraryIndex(library, cache)
                total = ix.search(query, limit=3).total
                ix.close()
            else:
                kept.refresh()
                total = kept.search(query, limit=3).total
            answer = {"query": query, "how": how, "total": total, "t": time.time()}
            print(json.dumps(answer), flush=True)
        except Exception:
            print(json.dumps({"query": query, "how": how, "error": traceback.format_exc()}),
                  flush=True)
    n += 1
"""


def search_during_rebuild(work: Path, mode: str = "workers") -> str | None:
    """A process searching in a loop while ``index --rebuild`` runs gets the complete answers
    every time (the old index's, then the new one's): never fewer, never an error."""
    setup = Setup(work)
    code, _out, err = setup.run(mode, "index", str(setup.library))
    if code != 0:
        return f"the first index failed: {err.strip()}"
    expected = {"common": EPISODES, "group2": EPISODES // GROUPS, "marker7": 1}
    stop = work / "stop-searching"
    searcher = subprocess.Popen(
        [sys.executable, "-c", SEARCHER, str(setup.library), str(setup.data / "cache"),
         str(stop), *expected],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=setup.env,
    )  # fmt: skip
    assert searcher.stdout is not None
    searcher.stdout.readline()  # searching has begun
    started = time.time()
    rebuild = setup.start(mode, "index", "--rebuild", str(setup.library))
    cli_answers = []
    while rebuild.poll() is None:  # meanwhile, CLI searches too
        cli_answers.append(setup.run(mode, "search", "--json", "group2"))
    rcode, rout, rerr = finish(rebuild)
    ended = time.time()
    stop.touch()
    _code, sout, serr = finish(searcher)
    if (tb := traceback_in(rout, rerr, serr)) is not None:
        return f"a traceback: {tb}"
    if rcode != 0 or (summary_counts(rout) or {}).get("added") != EPISODES:
        return f"the rebuild failed: {rerr.strip()} {rout.strip()}"
    answers = [json.loads(line) for line in sout.splitlines() if line.strip()]
    for answer in answers:
        if "error" in answer:
            return f"a search failed ({answer['how']}): {answer['error'][-400:]}"
        if answer["total"] != expected[answer["query"]]:
            return f"{answer['query']!r} ({answer['how']}) found {answer['total']}"
    for code, out, err in cli_answers:
        if (tb := traceback_in(out, err)) is not None:
            return f"a CLI search traceback: {tb}"
        if code != 0 or json.loads(out)["total"] != expected["group2"]:
            return f"a CLI search gave exit {code}: {out[:200]} {err.strip()}"
    during = [a for a in answers if started < a["t"] < ended]
    if len(during) < 4:
        return f"only {len(during)} searches during the {ended - started:.1f} s rebuild"
    return one_document_per_file(setup)


def repeated(case: Callable[[Path], str | None]) -> Callable[[int], list[str]]:
    """``case`` run ``runs`` times, each in a new empty work folder: the reasons it failed."""

    def run(runs: int) -> list[str]:
        reasons = []
        for _ in range(runs):
            with tempfile.TemporaryDirectory(prefix="episode-reader-stress-") as work:
                try:
                    reason = case(Path(work))
                except Exception as exc:  # a case that raises has failed too
                    reason = f"raised {exc!r}"
            if reason is not None:
                reasons.append(reason)
        return reasons

    return run


ONE_RUN: dict[str, Callable[[Path], str | None]] = {
    "two syncs at once (in-process)": lambda work: two_syncs(work, "in-process"),
    "two syncs at once (workers)": lambda work: two_syncs(work, "workers"),
    "index and search at once": lambda work: index_and_search(work, "workers"),
    "two rebuilds at once": two_rebuilds,
    "search during rebuild (in-process)": lambda work: search_during_rebuild(work, "in-process"),
    "search during rebuild (workers)": lambda work: search_during_rebuild(work, "workers"),
}

#: The reliability script's contract: name -> callable(runs) -> failure reasons.
CASES = {name: repeated(case) for name, case in ONE_RUN.items()}
