"""Worker processes end with the process that started them (real processes, kill -9)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from types import ModuleType

import pytest

from reader.library.workers import worker_count

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes in /proc"),
]


@pytest.mark.skipif(worker_count() < 2, reason="index uses worker processes on 2+ cores only")
def test_kill_9_of_index_mid_import_leaves_no_workers_and_frees_the_pipes(
    edge_cases: ModuleType,
):
    assert edge_cases.kill_during_import(runs=2) == []


PARENT = """
import multiprocessing, sys, time
from reader.library import parent_watch

def child(parent_pid):
    parent_watch._kill_me_with_parent = lambda: False  # only the portable watchdog is left
    parent_watch.exit_with_parent(parent_pid)
    time.sleep(120)

if __name__ == "__main__":
    import os
    process = multiprocessing.get_context("spawn").Process(target=child, args=(os.getpid(),))
    process.start()
    print(process.pid, flush=True)
    time.sleep(120)
"""


def test_without_the_linux_death_signal_the_watchdog_ends_an_orphaned_worker(
    tmp_path: Path, edge_cases: ModuleType
):
    cases = edge_cases
    script = tmp_path / "parent.py"
    script.write_text(textwrap.dedent(PARENT), encoding="utf-8")
    parent = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        time.sleep(1.0)  # the child has armed its watchdog
        worker = {
            pid: started for pid, started in cases.children(parent.pid).items() if pid == child
        }
        assert worker, "the child is not running"
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 5
        while cases.survivors(worker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert cases.survivors(worker) == []
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(parent.pid, signal.SIGKILL)
        parent.wait()
        parent.stdout.close()
