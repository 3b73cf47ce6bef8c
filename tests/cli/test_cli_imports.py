"""Scripted commands start fast: `--help`, `paths` and `show` load no search engine, numpy or Qt."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("whoosh", "numpy", "PySide6")
PROBE = """
import json, sys
from reader.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = sorted({name.split(".")[0] for name in sys.modules} & set(%r))
print("\\nLOADED=" + json.dumps(heavy))
"""


def _loaded(*args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE % (HEAVY,), *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert done.returncode == 0 or args == ("--help",), done.stderr
    line = [ln for ln in done.stdout.splitlines() if ln.startswith("LOADED=")]
    assert line, done.stderr
    return json.loads(line[-1].removeprefix("LOADED="))


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["dossier", "--help"],
        ["who-said", "--help"],
        ["paths"],
        ["paths", "--json"],
        ["show", "--json", "episodes/the-coaching-hour/episode-103-goals-that-stick.srt"],
    ],
    ids=" ".join,
)
def test_scripted_commands_do_not_load_the_engine_numpy_or_qt(args: list[str]):
    assert _loaded(*args) == []
