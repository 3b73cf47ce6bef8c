"""The import benchmark keeps working, and every synthetic format is recognised by content."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).with_name("bench_import.py")


def test_benchmark_runs_and_every_format_is_detected():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--words", "2000", "--runs", "1", "--json"],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    rows = json.loads(result.stdout)
    assert [r["error"] for r in rows] == [None] * len(rows)
    detected = {r["format"]: r["detected"] for r in rows}
    assert detected == {name: name for name in detected}
    assert all(r["words"] >= 1900 for r in rows), rows
