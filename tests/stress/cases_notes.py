"""Reliability case for notes: kill -9 a real process that saves a note and its highlights.

``CASES`` maps a case name to ``callable(runs) -> list of failure reasons`` (empty: all runs
passed); ``tests/stress/reliability.py`` runs every ``cases_*.py`` and prints a table, and
``tests/notes/test_pair.py`` runs this one with fewer kills. Not collected by pytest.

Each save N writes a note whose body starts ``save N`` and one highlight tagged ``N``, so both
files change on every save. After each kill the note on disk must be one save, both halves
(as another process reads it without writing, and after the window's ``load`` repairs it), and
no older than the last save the child finished.
"""

from __future__ import annotations

import logging
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import sys
from pathlib import Path
from reader.model import Episode, Section, Segment
from reader.notes import Highlight, NotesStore

data, library, text = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
episode = Episode(id="show/ep01.txt", source=library / "show/ep01.txt", format="text",
                  title="Kill test", sections=[Section(segments=[Segment(text)])])
store = NotesStore(data, library)
note = store.load(episode)
n = int(note.body.split()[1]) if note.body.startswith("save ") else 0
print("ready", n, flush=True)
filler = "Typed steadily, without a pause, for fifteen seconds. " * 20
while True:
    n += 1
    note.body = f"save {n} " + filler
    note.highlights = [Highlight.create(text, n % 200, n % 200 + 20, tag=str(n))]
    store.save(note)
    print(n, flush=True)
"""

TEXT = "Delegation builds trust, and trust builds teams. " * 12
_SAVE_RE = re.compile(r"save (\d+) ")


def _numbers(data: Path, library: Path, repair: bool) -> tuple[int | None, int | None]:
    """(save number of the body, save number of the highlights) as a fresh store reads them."""
    from reader.model import Episode, Section, Segment
    from reader.notes import NotesStore

    store = NotesStore(data, library)
    episode = Episode(
        id="show/ep01.txt",
        source=library / "show/ep01.txt",
        format="text",
        title="Kill test",
        sections=[Section(segments=[Segment(TEXT)])],
    )
    note = store.load(episode) if repair else store.peek(episode)
    match = _SAVE_RE.match(note.body)
    body = int(match.group(1)) if match else None
    tags = {h.tag for h in note.highlights}
    highlights = int(tags.pop()) if len(tags) == 1 else None
    return body, highlights


def kill_during_saves(runs: int, seed: int = 11) -> list[str]:
    """SIGKILL a process saving note + highlights in a loop, ``runs`` times at random moments."""
    rng = random.Random(seed)
    failures: list[str] = []
    repairs = logging.getLogger("reader.notes.pair")  # "finishing the save…" after each kill
    level, repairs.level = repairs.level, logging.ERROR
    try:
        _kill_runs(runs, rng, failures)
    finally:
        repairs.setLevel(level)
    return failures


def _kill_runs(runs: int, rng: random.Random, failures: list[str]) -> None:
    from reader.notes import NotesStore, parse_highlights

    with tempfile.TemporaryDirectory(prefix="notes-kill-") as tmp:
        data, library = Path(tmp, "data"), Path(tmp, "lib")
        (library / "show").mkdir(parents=True)
        (library / "show" / "ep01.txt").write_text(TEXT, encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        for run in range(1, runs + 1):
            proc = subprocess.Popen(
                [sys.executable, "-c", CHILD, str(data), str(library), TEXT],
                stdout=subprocess.PIPE,
                text=True,
                env=env,
            )
            assert proc.stdout is not None
            ready = proc.stdout.readline().split()
            if not ready or ready[0] != "ready":
                proc.kill()
                proc.wait()
                failures.append(f"run {run}: the child did not start ({ready})")
                continue
            time.sleep(rng.uniform(0.02, 0.25))
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
            done = [int(line) for line in proc.stdout.read().split()]
            proc.stdout.close()
            last = done[-1] if done else int(ready[1])
            problems = []
            for how, repair in (("read", False), ("loaded", True)):
                body, marks = _numbers(data, library, repair)
                if body != marks:
                    problems.append(f"{how}: note of save {body}, highlights of save {marks}")
                elif body is None or body < last:
                    problems.append(f"{how}: save {body}, but save {last} had finished")
            md = NotesStore(data, library).note_path("show/ep01.txt")
            on_disk = _SAVE_RE.search(md.read_text(encoding="utf-8"))
            marks = parse_highlights(md.with_name("ep01.highlights.json").read_bytes()) or []
            if not on_disk or [h.tag for h in marks] != [on_disk.group(1)]:
                problems.append("the files on disk still disagree after loading")
            if problems:
                failures.append(f"run {run} (after save {last}): " + "; ".join(problems))


CASES = {"notes: kill -9 while saving note + highlights": kill_during_saves}

if __name__ == "__main__":
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    for name, case in CASES.items():
        found = case(runs)
        print(f"{name}: {runs} runs, {len(found)} failures")
        for reason in found:
            print("  ", reason)
