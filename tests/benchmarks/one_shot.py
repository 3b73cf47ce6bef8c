"""One-shot searches, each in a fresh process: ``episode-reader search`` as a script runs it
(start Python, import, no-op sync, search, print), ``--help``, and an FTS5 script doing the
same query, so start-up costs are counted as a user of the command line pays them.

Python's bytecode cache is kept as an installed package has it: ``PYTHONDONTWRITEBYTECODE``
(set where these benchmarks were first run) would make every run compile the app's modules
again, about 80 ms a process that no user pays. Each figure also has the processes' CPU
time (user + system), which a busy shared machine inflates far less than wall time."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

from fts5_yardstick import ONE_SHOT
from timing import ratio, summary

from reader.paths import DATA_DIR_ENV


def command() -> list[str]:
    """The installed ``episode-reader`` beside this Python, else ``python -m reader``."""
    script = Path(sys.executable).with_name("episode-reader")
    return [str(script)] if script.exists() else [sys.executable, "-m", "reader"]


def timed(argv: list[str], env: dict[str, str], cpu: list[float] | None = None) -> float:
    """Wall time in ms of one fresh process; it must succeed. ``cpu`` gets its CPU ms."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    # A blocking wait: ``subprocess.run(timeout=...)`` polls, sleeping up to 50 ms between
    # looks, which rounded every figure up by as much as 50 ms. A timer kills a hung one.
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL)
    killer = threading.Timer(120, process.kill)
    killer.start()
    try:
        status = process.wait()
    finally:
        killer.cancel()
    wall = (time.perf_counter() - start) * 1000
    if status:
        raise subprocess.CalledProcessError(status, argv)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        used = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        cpu.append(used * 1000)
    return wall


def bench_one_shot(
    library: Path,
    data_dir: Path,
    db_path: Path,
    queries: dict[str, list[tuple[str, str | None]]],
    runs: int,
) -> dict:
    """p50/p95 of ``runs`` fresh processes per category (cycling through its first two
    queries) for the CLI and the FTS5 script, and of ``--help``; one warm-up run each."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env[DATA_DIR_ENV] = str(data_dir)
    cli = command()
    help_argv = [*cli, "--help"]
    timed(help_argv, env)
    cpu: list[float] = []
    helps = [timed(help_argv, env, cpu) for _ in range(runs)]
    out: dict = {"command": " ".join(Path(a).name for a in cli), "runs": runs}
    out["bytecode"] = "cached, as installed"
    out["help"], out["help_cpu"] = summary(helps), summary(cpu)
    out["search"], out["fts5"], out["ratio"] = {}, {}, {}
    out["search_cpu"], out["fts5_cpu"] = {}, {}
    for category, pairs in queries.items():
        pairs = [(w, f) for w, f in pairs if f is not None][:2]
        ours = [[*cli, "search", "--library", str(library), w] for w, _ in pairs]
        theirs = [[sys.executable, "-c", ONE_SHOT, str(db_path), f] for _, f in pairs]
        for argv in ours + theirs:
            timed(argv, env)  # the page cache warm, as for a user's second search
        for name, argvs in (("search", ours), ("fts5", theirs)):
            cpu = []
            walls = [timed(argvs[n % len(argvs)], env, cpu) for n in range(runs)]
            out[name][category], out[f"{name}_cpu"][category] = summary(walls), summary(cpu)
        out["ratio"][category] = ratio(
            out["search"][category]["median_ms"], out["fts5"][category]["median_ms"]
        )
    return out
