"""Scripted commands start fast: `--help`, `paths` and `show` load no search engine, numpy or Qt;
`search` loads only what it uses."""

from __future__ import annotations

import json
import os
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


#: What only an import needs: the importers and what they load, the worker processes, and
#: the notes store (notes are indexed with each episode). Where the notes folder is
#: (``reader.notes.folder``) every sync needs: the user's ``speakers.json`` lives there.
IMPORTING = (
    "reader.importers", "charset_normalizer", "reader.library.workers",
    "reader.notes.store", "reader.notes.for_search", "reader.notes.anchoring",
)  # fmt: skip


#: What ``--help`` has no use for and once loaded: dataclasses (with inspect and ast, for
#: the data folders' record and the library scan's) and the results' types (for the sort
#: names). A quarter of its start-up.
NOT_FOR_HELP = ("dataclasses", "inspect", "reader.library", "reader.model", "reader.search.results")
#: Standard modules --help and --version do without: together a fifth of their time.
NOT_FOR_HELP_EITHER = ("logging", "json", "shutil")


@pytest.mark.parametrize("asked", ["--help", "--version", "search --help"])
def test_help_loads_neither_dataclasses_nor_the_library_code(asked: str):
    probe = "import sys\nfrom reader.cli import main\ntry:\n    main(sys.argv[1:])\n"
    probe += "except SystemExit:\n    pass\nprint('\\nLOADED=' + ' '.join(sorted(sys.modules)))\n"
    done = subprocess.run(
        [sys.executable, "-c", probe, *asked.split()], capture_output=True, text=True, check=False
    )
    assert "episode-reader" in done.stdout, done.stderr  # the help (or version) itself
    loaded = set(done.stdout.splitlines()[-1].removeprefix("LOADED=").split())
    unwanted = set(NOT_FOR_HELP) | set(NOT_FOR_HELP_EITHER)
    assert loaded.isdisjoint(unwanted), sorted(loaded & unwanted)


@pytest.mark.parametrize("columns", ["50", "200"])
def test_help_is_laid_out_as_argparse_lays_it_out(columns: str, monkeypatch: pytest.MonkeyPatch):
    """The terminal's width found without shutil, as shutil finds it (``COLUMNS`` here)."""
    import argparse

    import reader.cli as cli

    monkeypatch.setenv("COLUMNS", columns)
    ours = cli.build_parser().format_help()
    with monkeypatch.context() as plain:
        plain.setattr(cli, "_HelpFormatter", argparse.HelpFormatter)
        theirs = cli.build_parser().format_help()
    assert ours == theirs
    assert (max(map(len, ours.splitlines())) > 100) == (columns == "200")


def _modules_after(*args: str) -> set[str]:
    probe = "import json, sys\nfrom reader.cli import main\nstatus = main(sys.argv[1:])\n"
    probe += "print('\\nLOADED=' + json.dumps(sorted(sys.modules)))\nsys.exit(status)\n"
    done = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1].removeprefix("LOADED=")))


def test_a_search_of_an_unchanged_library_loads_no_importer(search_library: Path):
    """Every one-shot search starts with a sync; when no file changed it imports nothing,
    so it must not pay for loading the importers either (a tenth of its start-up)."""
    loaded = _modules_after("index", str(search_library))
    assert set(IMPORTING) <= loaded  # the probe sees them when they are used
    loaded = _modules_after("search", "calendar", "--library", str(search_library))
    assert {m for m in loaded if m.startswith(IMPORTING)} == set()
    (search_library / "show-a" / "ep09-new.md").write_text("# Ep 9: New\n\nCalendar talk.\n")
    assert set(IMPORTING) <= _modules_after("search", "calendar", "--library", str(search_library))


def test_a_search_loads_no_network_or_asyncio_code(search_library: Path):
    """Whoosh imports urllib.request, asyncio (through cached_property) and English word
    variations for nothing a search uses: a seventh of the engine's import time, so the CLI
    leaves them out."""
    loaded = _modules_after("search", '"the calendar" OR deleg*', "--library", str(search_library))
    unused = ("urllib.request", "http.client", "ssl", "email", "asyncio", "cached_property")
    unused += ("whoosh.lang.morph_en",)
    assert {m for m in loaded if m.startswith(unused)} == set()
    assert "whoosh.reading" in loaded  # it did search


@pytest.mark.parametrize(("chosen", "used"), [(None, "1"), ("3", "3")])
def test_a_search_starts_numpy_with_one_blas_thread_unless_the_user_chose(
    search_library: Path, chosen: str | None, used: str
):
    """Starting a BLAS thread per core was a third of numpy's import; the engine does no
    linear algebra. A number the user set is kept."""
    probe = "import os, sys\nfrom reader.cli import main\nstatus = main(sys.argv[1:])\n"
    probe += "print('\\nBLAS=' + os.environ['OPENBLAS_NUM_THREADS'])\nsys.exit(status)\n"
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if chosen is not None:
        env["OPENBLAS_NUM_THREADS"] = chosen
    done = subprocess.run(
        [sys.executable, "-c", probe, "search", "calendar", "--library", str(search_library)],
        capture_output=True, text=True, check=False, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == f"BLAS={used}"
