"""What a one-shot ``episode-reader search`` must not load: each was measured as a slice of
its start-up that buys the search nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = "import json, sys\nfrom reader.cli import main\ntry:\n    status = main(sys.argv[1:])\n"
PROBE += "except SystemExit as end:\n    status = end.code\n"
PROBE += "print('\\nLOADED=' + json.dumps(sorted(sys.modules)))\nsys.exit(status)\n"


def _modules_after(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1].removeprefix("LOADED=")))


@pytest.mark.parametrize(
    "query", ["calendar", "calendar goals", '"the calendar"', "goals NOT calendar", "deleg*"]
)
def test_a_search_does_not_load_numpy_masked_arrays(search_library: Path, query: str):
    """numpy 2's ``unique`` and ``union1d`` import ``numpy.ma`` on first use (about 15 ms of
    every one-shot search); the engine's own sorted-set helpers give the same arrays."""
    loaded = _modules_after("search", query, "--library", str(search_library))
    assert "numpy" in loaded  # it did search with the block engine
    assert not {m for m in loaded if m == "numpy.ma" or m.startswith("numpy.ma.")}


def test_help_and_a_search_with_a_data_folder_do_not_load_platformdirs(search_library: Path):
    """platformdirs is only asked when no data folder was given (``--data-dir`` or the
    environment variable, as scripts and tests give it): ``--help`` needs no folders at all."""
    assert "platformdirs" not in _modules_after("--help")
    loaded = _modules_after(
        "--data-dir", str(search_library.parent / "data"), "search", "calendar",
        "--library", str(search_library),
    )  # fmt: skip
    assert "whoosh.reading" in loaded  # it did search
    assert "platformdirs" not in loaded


def test_a_search_finds_speakers_json_without_loading_the_notes_files_code(
    search_library: Path,
):
    """Every no-op sync looks at the library's ``speakers.json`` in its notes folder; finding
    that folder needs the library's id, not the code that reads, pairs and names note files
    (about 4 ms of every one-shot search)."""
    _modules_after("search", "calendar", "--library", str(search_library))  # indexes it
    loaded = _modules_after("search", "calendar", "--library", str(search_library))
    assert "reader.notes.location" in loaded  # it did look for the notes folder
    assert not loaded & {"reader.notes.note_file", "reader.notes.pair", "reader.notes.folder"}
