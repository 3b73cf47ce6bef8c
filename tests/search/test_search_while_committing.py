"""No search fails because a commit or a merge is replacing segments (issue 10, item 4).

Two real processes on one library: one commits as fast as it can (a changed transcript
synced, a note, a merge of the small segments) while two of its threads search, and the
other process searches too. Every search must answer, and find every episode. The longer
version is ``tests/stress/cases_heal.py`` (``python tests/stress/reliability.py``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.library.sync import sync_library
from reader.search.index import LibraryIndex

CHURN = Path(__file__).parents[1] / "stress" / "churn.py"
SECONDS = 3.0


def churn(role: str, library: Path, cache: Path) -> subprocess.Popen[str]:
    args = [sys.executable, str(CHURN), role, str(library), str(cache), str(SECONDS)]
    return subprocess.Popen(args, stdout=subprocess.PIPE, text=True)


def outcome(process: subprocess.Popen[str]) -> dict:
    out, _err = process.communicate(timeout=180)
    assert process.returncode == 0
    return json.loads(out)


@pytest.mark.slow
def test_searches_never_fail_while_commits_and_merges_replace_segments(tmp_path: Path):
    sys.path.insert(0, str(CHURN.parent))
    from churn import EPISODES, make_library

    library, cache = make_library(tmp_path / "library"), tmp_path / "cache"
    ix = LibraryIndex(library, cache)
    assert len(sync_library(ix).added) == EPISODES
    ix.close()
    committing, searching = churn("both", library, cache), churn("searcher", library, cache)
    here, there = outcome(committing), outcome(searching)
    assert here["failures"] == []
    assert there["failures"] == []
    assert here["commits"] >= 10  # the commits really happened meanwhile
    assert here["merges"] >= 2
    assert here["searches"] >= 20
    assert there["searches"] >= 20
