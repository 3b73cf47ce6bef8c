"""Reliability cases for the library's edges, with real ``episode-reader`` processes.

``CASES`` maps a case name to ``callable(runs) -> list of failure reasons`` (empty: all runs
passed); ``tests/stress/reliability.py`` runs every ``cases_*.py`` and prints a table. The
pytest tests (``tests/test_worker_processes.py``, ``tests/test_full_disk.py``) run the same
functions with fewer runs. Not collected by pytest.

- ``kill -9 index mid-import``: its worker processes must be gone within a few seconds, and the
  caller's output pipes must reach end-of-file (nothing else holds them).
- ``FIFO/socket/dev-zero in library``: ``index`` finishes and names each skipped file.
- ``full disk``: ``index`` on a full tmpfs says so in one line, exits 1, leaves no temporary
  files, and the old index still answers searches (needs root for ``mount``).
"""

from __future__ import annotations

import contextlib
import os
import random
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

#: Files a library for the kill case holds: above the 100 that make ``index`` use workers, and
#: enough that the import is still running when the kill comes.
KILL_LIBRARY_FILES = 400
#: How long workers and pipes may outlive a killed parent.
GRACE_SECONDS = 5.0
START_TIMEOUT = 60.0
EXIT_FAILED = 1

_WORDS = [
    *("delegation", "trust", "feedback", "hiring", "calendar", "meeting", "coaching", "leader"),
    *("team", "budget", "audit", "question", "answer", "decision", "story", "habit", "focus"),
    *("energy", "growth", "practice", "review", "plan", "goal"),
]


def episode_reader(data_dir: Path, *args: str) -> list[str]:
    """The command line of a real ``episode-reader`` with its own data folder."""
    return [sys.executable, "-m", "reader", "--data-dir", str(data_dir), *args]


def write_library(folder: Path, count: int, seed: int = 1, words: int = 3000) -> Path:
    """``count`` generated transcripts (about 20 KB each) that all need importing."""
    rng = random.Random(seed)
    for n in range(count):
        show = folder / f"show-{n % 5}"
        show.mkdir(parents=True, exist_ok=True)
        lines = [f"Episode {n}: Generated {n}", ""]
        for turn in range(words // 60):
            speaker = "Host" if turn % 2 == 0 else "Guest"
            lines.append(f"{speaker}: " + " ".join(rng.choice(_WORDS) for _ in range(60)))
        (show / f"ep{n:04d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


# -- processes, read from /proc ---------------------------------------------------------------
def _stat(pid: int) -> tuple[str, int, int] | None:
    """(state, parent pid, start time) of a process, or None if it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()
    return fields[0], int(fields[1]), int(fields[19])


def children(pid: int) -> dict[int, int]:
    """The live child processes of ``pid``: pid -> start time (to tell a reused pid apart)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            info = _stat(int(entry.name))
            if info is not None and info[1] == pid and info[0] != "Z":
                found[int(entry.name)] = info[2]
    return found


def survivors(processes: dict[int, int]) -> list[int]:
    """Those of ``processes`` still running (a zombie holds no memory and no pipes)."""
    alive = []
    for pid, started in processes.items():
        info = _stat(pid)
        if info is not None and info[2] == started and info[0] != "Z":
            alive.append(pid)
    return alive


def _command_line(pid: int) -> str:
    try:
        return (
            Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        )
    except OSError:
        return ""


def _drain_until_eof(process: subprocess.Popen[bytes], seconds: float) -> list[str]:
    """Read the child's stdout and stderr until both reach EOF; the names of those that don't."""
    selector = selectors.DefaultSelector()
    for stream, name in ((process.stdout, "stdout"), (process.stderr, "stderr")):
        assert stream is not None
        os.set_blocking(stream.fileno(), False)
        selector.register(stream, selectors.EVENT_READ, name)
    deadline = time.monotonic() + seconds
    while selector.get_map() and time.monotonic() < deadline:
        for key, _events in selector.select(timeout=0.1):
            if not os.read(key.fileobj.fileno(), 65536):  # type: ignore[union-attr]
                selector.unregister(key.fileobj)
    still_open = [key.data for key in selector.get_map().values()]
    selector.close()
    return still_open


# -- kill -9 during an import -----------------------------------------------------------------
def kill_during_import(runs: int, seed: int = 7) -> list[str]:
    """SIGKILL ``episode-reader index`` while its workers import; ``runs`` times."""
    rng = random.Random(seed)
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="edges-kill-") as tmp:
        library = write_library(Path(tmp) / "library", KILL_LIBRARY_FILES)
        for run in range(runs):
            data = Path(tmp) / f"data-{run}"
            problem = _kill_once(library, data, delay=rng.uniform(0.2, 1.5))
            if problem:
                failures.append(f"run {run + 1}: {problem}")
    return failures


def _kill_once(library: Path, data: Path, delay: float) -> str | None:
    process = subprocess.Popen(
        episode_reader(data, "index", str(library)),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    try:
        workers = _wait_for_workers(process)
        if not workers:
            return "no worker processes started (is there more than one CPU core?)"
        time.sleep(delay)  # somewhere in the middle of the import
        if process.poll() is not None:
            return f"index finished before the kill ({delay:.1f} s): use a bigger library"
        everyone = {**children(process.pid), **workers}
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        open_pipes = _drain_until_eof(process, GRACE_SECONDS)
        deadline = time.monotonic() + GRACE_SECONDS
        while survivors(everyone) and time.monotonic() < deadline:
            time.sleep(0.05)
        left = survivors(everyone)
        problems = []
        if left:
            names = ", ".join(f"{pid} ({_command_line(pid)[:60]})" for pid in left)
            problems.append(f"{len(left)} child process(es) still running: {names}")
        if open_pipes:
            problems.append(f"the caller's {' and '.join(open_pipes)} never reached EOF")
        return "; ".join(problems) or None
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # clean up after a failed run
        process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def _wait_for_workers(process: subprocess.Popen[bytes]) -> dict[int, int]:
    """The worker processes of ``index`` once they are running (pid -> start time)."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and process.poll() is None:
        workers = {
            pid: started
            for pid, started in children(process.pid).items()
            if "spawn_main" in _command_line(pid)
        }
        if len(workers) >= 2:
            return workers
        time.sleep(0.05)
    return {}


# -- FIFOs, sockets and a link to /dev/zero ---------------------------------------------------
SPECIAL_NAMES = ("stuck.txt", "listening.srt", "zero.txt")


@contextlib.contextmanager
def special_files(library: Path) -> Iterator[None]:
    """A FIFO, a listening socket and a link to ``/dev/zero`` in ``library``."""
    os.mkfifo(library / "stuck.txt")
    (library / "zero.txt").symlink_to("/dev/zero")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(library / "listening.srt"))
        server.listen(1)
        yield
    finally:
        server.close()


def index_with_special_files(runs: int) -> list[str]:
    """``index`` on a library with a FIFO, a socket and a link to ``/dev/zero``: finishes
    within a minute, names each of them and indexes the rest."""
    failures: list[str] = []
    for run in range(runs):
        with tempfile.TemporaryDirectory(prefix="edges-fifo-") as tmp:
            library = write_library(Path(tmp) / "library", 3, words=300)
            with special_files(library):
                try:
                    result = subprocess.run(
                        episode_reader(Path(tmp) / "data", "index", str(library)),
                        capture_output=True, text=True, timeout=60, check=False,
                    )  # fmt: skip
                except subprocess.TimeoutExpired:
                    failures.append(f"run {run + 1}: index still running after 60 s")
                    continue
            named = [n for n in SPECIAL_NAMES if f"  failed: {n}: " not in result.stdout]
            if result.returncode != 0 or named or "3 added" not in result.stdout:
                failures.append(
                    f"run {run + 1}: exit {result.returncode}, not named: {named}, "
                    f"output {result.stdout[-300:]!r} {result.stderr[-300:]!r}"
                )
    return failures


# -- a full disk ------------------------------------------------------------------------------
DISK_BYTES = 8 * 1024 * 1024
NEW_WORD = "zanzibar"


class MountRefused(RuntimeError):
    """A tmpfs cannot be mounted here (not root, or no mount namespace)."""


@contextlib.contextmanager
def small_disk(folder: Path, size: int = DISK_BYTES) -> Iterator[Path]:
    """A real, small file system (tmpfs) mounted on ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        raise MountRefused("mounting a tmpfs needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if mounted.returncode != 0:
        raise MountRefused(f"mount failed: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def mount_refusal() -> str | None:
    """Why a tmpfs cannot be mounted here, or None if it can."""
    with tempfile.TemporaryDirectory(prefix="edges-probe-") as tmp:
        try:
            with small_disk(Path(tmp) / "probe", size=1 << 20):
                return None
        except MountRefused as exc:
            return str(exc)


def fill(disk: Path) -> Path:
    """Fill ``disk`` to the last byte; returns the filler file (delete it to free the space)."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        for size in (1 << 20, 1 << 12, 1):
            with contextlib.suppress(OSError):
                while os.write(fd, b"\0" * size):
                    pass
    finally:
        os.close(fd)
    return filler


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.name != "filler"}


def full_disk(runs: int, new_files: int = 150) -> list[str]:
    """``index`` with its data folder on a full disk: one line saying so, exit 1, no files
    left but complete cached texts, the old index answers, and it recovers once freed."""
    failures: list[str] = []
    for run in range(runs):
        with tempfile.TemporaryDirectory(prefix="edges-disk-") as tmp:
            try:
                with small_disk(Path(tmp) / "disk") as disk:
                    problems = _full_disk_once(Path(tmp) / "library", disk, new_files)
            except MountRefused as exc:
                return [f"skipped: {exc}"]
            failures += [f"run {run + 1}: {problem}" for problem in problems]
    return failures


def _full_disk_once(library: Path, disk: Path, new_files: int) -> list[str]:
    problems: list[str] = []

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            episode_reader(disk, *args), capture_output=True, text=True, timeout=300, check=False
        )

    write_library(library, 4, words=300)
    first = cli("index", str(library))
    if first.returncode != 0:
        return [f"the first index failed: {first.stderr}"]
    for n in range(new_files):
        (library / f"new-{n:03d}.txt").write_text(
            f"Host: {NEW_WORD} {n} " + " ".join(_WORDS * 40) + "\n", encoding="utf-8"
        )
    filler = fill(disk)
    before = _files(disk)
    full = cli("index", str(library))
    lines = full.stderr.splitlines()
    if full.returncode != EXIT_FAILED:
        problems.append(f"index exited {full.returncode}, not {EXIT_FAILED}")
    if len(lines) != 1 or "the disk is full" not in full.stderr or str(disk) not in full.stderr:
        problems.append(f"not one line naming the full disk's folder: {full.stderr[-500:]!r}")
    left = sorted(f for f in _files(disk) - before if "/texts/" not in f)
    if left:
        problems.append(f"files left behind: {left[:5]}")
    old = cli("search", "--library", str(library), "delegation", "--json")
    if old.returncode != 0 or '"total": 4' not in old.stdout:
        problems.append(f"the old index did not answer: {old.returncode} {old.stderr[-300:]!r}")
    filler.unlink()
    again = cli("index", str(library))
    if again.returncode != 0 or f"{new_files} added" not in again.stdout:
        problems.append(f"no recovery after freeing space: {again.stdout!r} {again.stderr!r}")
    found = cli("search", "--library", str(library), NEW_WORD, "--json")
    if f'"total": {new_files}' not in found.stdout:
        problems.append(f"new files not found after recovery: {found.stdout[:200]!r}")
    return problems


CASES = {
    "kill -9 index mid-import (workers)": kill_during_import,
    "FIFO/socket/dev-zero in library": index_with_special_files,
    "full disk during index": full_disk,
}
