"""A damaged index never gives a traceback, and the next sync heals it (issue 10, item 3).

A small index is built once; for each file kind, damaged in the ways that broke it (see
``tests/stress/damage.py``), a copy is damaged and ``episode-reader search`` runs on it in a
real process: it answers right (damage found on opening or by its own sync is healed at
once) or prints one line naming the index and saying it will be rebuilt, with exit code 3.
Then ``index`` heals it, and the same search answers as before the damage.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from reader.cli.common import EXIT_INDEX_DAMAGED
from reader.cli.search import run_index
from reader.paths import AppPaths
from reader.search.index import LibraryIndex

sys.path.insert(0, str(Path(__file__).parents[1] / "stress"))
from damage import damage

QUERY = "calendar"
#: A kind read only by some queries is searched with one of those (a phrase of two common
#: words reads the pairs column and no positions).
QUERY_OF = {"pairs": '"for the"'}
#: Every kind, each in a way that used to give tracebacks or is found on opening; all of
#: ``DAMAGES`` (but a text cache cut after its last hit, which looks whole) are run by
#: ``tests/stress/cases_heal.py``.
CASES = [
    ("postings", "truncated"),
    ("postings", "zeroed"),
    ("postings", "random"),
    ("postings", "emptied"),
    ("lengths", "truncated"),
    ("lengths", "zeroed"),
    ("stored-fields", "random"),
    ("stored-fields", "emptied"),
    ("terms", "random"),
    ("sort-keys", "deleted"),
    ("pairs", "truncated"),
    ("pairs", "zeroed"),
    ("pairs", "random"),
    ("pairs", "emptied"),
    ("pairs", "deleted"),
    ("toc", "truncated"),
    ("meta", "holds-list"),
    ("meta", "deleted"),
    ("word-list", "random"),
    ("text-cache", "deleted"),
    ("text-cache", "zeroed"),
    ("text-cache", "random"),
]
DAMAGED_LINE = re.compile(
    r"episode-reader: the search index (?P<folder>\S+) is damaged \([^\n]+\); "
    r"it will be rebuilt the next time the library is indexed\n"
)


def cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EPISODE_READER_DATA_DIR": str(data)}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True, text=True, timeout=120, check=False, env=env,
    )  # fmt: skip


def essentials(found: list[dict]) -> list[dict]:
    """What a user sees of each result: the episode, its match count and its snippets."""
    return [{k: r[k] for k in ("path", "matches", "snippets")} for r in found]


def results(output: str) -> list[dict]:
    return essentials(json.loads(output)["results"])


def index_folder(data: Path) -> Path:
    # The only folder there: the sync lock file beside it is no index.
    return next(p for p in (AppPaths.resolve(data).cache / "index").iterdir() if p.is_dir())


@pytest.fixture(scope="module")
def searched(tmp_path_factory: pytest.TempPathFactory):
    """Every damaged copy, searched in its own process (several at once): case -> (data
    folder, completed search), with the library and the undamaged answer."""
    base = tmp_path_factory.mktemp("damage")
    library = Path(
        shutil.copytree(Path(__file__).parents[1] / "fixtures" / "library", base / "lib")
    )
    template = base / "template"
    assert cli(template, "index", str(library)).returncode == 0
    expected = {}
    for query in {QUERY, *QUERY_OF.values()}:
        answer = cli(template, "search", query, "--library", str(library), "--json")
        assert answer.returncode == 0
        expected[query] = results(answer.stdout)
        assert len(expected[query]) == 2, query

    def run(case: tuple[str, str]) -> tuple[Path, subprocess.CompletedProcess[str]]:
        data = base / "-".join(case)
        shutil.copytree(template, data)
        damage(index_folder(data), *case)
        query = QUERY_OF.get(case[0], QUERY)
        return data, cli(data, "search", query, "--library", str(library), "--json")

    with ThreadPoolExecutor(max_workers=4) as pool:
        done = dict(zip(CASES, pool.map(run, CASES), strict=True))
    return library, expected, done


@pytest.mark.slow
@pytest.mark.parametrize(("kind", "way"), CASES)
def test_a_damaged_index_says_so_then_heals(searched, kind: str, way: str, capsys):
    library, answers, done = searched
    query = QUERY_OF.get(kind, QUERY)
    expected = answers[query]
    data, search = done[(kind, way)]
    assert "Traceback" not in search.stderr
    if search.returncode == 0:  # healed on opening, or by the search's own sync
        assert [r["path"] for r in results(search.stdout)] == [r["path"] for r in expected]
    else:
        assert search.returncode == EXIT_INDEX_DAMAGED
        assert search.stdout == ""
        line = DAMAGED_LINE.fullmatch(search.stderr)
        assert line, search.stderr
        assert line["folder"] == str(index_folder(data))
    paths = AppPaths.resolve(data)
    assert run_index(paths, library, rebuild=False) == 0
    assert "Traceback" not in capsys.readouterr().err
    ix = LibraryIndex(library, paths.cache, create=False)
    try:
        healed = ix.search(query).to_json()["results"]
    finally:
        ix.close()
    assert essentials(healed) == expected
