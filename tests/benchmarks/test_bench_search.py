"""The search benchmark keeps working and reports every figure issues 4 and 14 ask for."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

SCRIPT = Path(__file__).with_name("bench_search.py")
CATEGORIES = (
    "word", "two words", "phrase", "common phrase", "rare phrase", "prefix", "short prefix",
    "fuzzy",
)  # fmt: skip
ONE_SHOT = ("word", "two words", "phrase", "common phrase", "short prefix")


def positive(value: object) -> bool:
    return isinstance(value, int | float) and value > 0


def timing(figure: dict) -> bool:
    return positive(figure["median_ms"]) and figure["p95_ms"] >= figure["median_ms"]


@pytest.fixture(scope="module")
def r() -> dict:
    """One tiny run (a 20-episode library, few timed runs) in a subprocess: about 30 s."""
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--episodes", "20", "--runs", "4", "--cli-runs", "2",
         "--json"],
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    return json.loads(result.stdout)


@pytest.mark.slow
def test_benchmark_runs_and_reports_every_figure(r):

    generated = r["generation"]
    assert sum(generated["formats"].values()) == 20
    assert set(generated["formats"]) == {"markdown", "otter", "srt"}
    assert 5000 * 20 <= generated["words"] <= 7500 * 20, generated

    build = r["build"]
    assert build["added"] == build["doc_count"] == 20, build
    assert build["failed"] == []
    assert positive(build["seconds"])
    assert positive(build["mb_per_s"])
    assert all(positive(v) for v in r["index_mb"].values()), r["index_mb"]
    assert all(positive(v) for v in r["peak_rss_mb"].values()), r["peak_rss_mb"]

    assert positive(r["reopen"]["seconds"])
    assert r["reopen"]["unchanged"] == 20
    assert r["reopen"]["changed"] is False
    assert r["update"]["found"] is True
    assert positive(r["update"]["ms"])

    fts = r["fts5"]
    assert fts["source"]
    assert positive(fts["build"]["seconds"])
    assert positive(fts["build"]["db_mb"])
    for category in CATEGORIES:
        whoosh = r["search"][category]
        assert positive(whoosh["median_ms"])
        assert whoosh["p95_ms"] >= whoosh["median_ms"]
        assert any(total > 0 for total in whoosh["totals"].values()), (category, whoosh)
        if category == "fuzzy":
            assert fts["search"][category] is None
            assert r["ratio"][category] is None
        else:
            assert positive(fts["search"][category]["median_ms"])
            assert any(total > 0 for total in fts["search"][category]["totals"].values())
            assert positive(r["ratio"][category])
            for way in ("search_no_snippet", "app", "app_no_snippet"):
                assert timing(fts[way][category]), (way, category)
                # the same queries find the same number of episodes however they are shown
                assert fts[way][category]["totals"] == fts["search"][category]["totals"]

    assert len(r["targets"]) == 9
    assert all(isinstance(t["pass"], bool) for t in r["targets"]), r["targets"]


@pytest.mark.slow
def test_benchmark_reports_the_app_path_memory_tree_and_one_shot_commands(r):
    from reader.ui.workers import FIRST_SNIPPETS, ROW_SNIPPETS, SEARCH_LIMIT

    # the app's own figures, read from its code, not copied
    assert r["app"]["limit"] == SEARCH_LIMIT
    assert r["app"]["snippets_for"] == FIRST_SNIPPETS
    assert r["app"]["snippets_per_hit"] == ROW_SNIPPETS
    for category in CATEGORIES:
        app, top = r["app_search"][category], r["search"][category]
        assert timing(app), category
        assert app["totals"] == top["totals"], category  # same matches, more rows shown
    assert r["queries"]["rare phrase"], "a rare phrase found in the library"
    assert all(q.startswith('"') for q in r["queries"]["rare phrase"])
    for total in r["search"]["rare phrase"]["totals"].values():
        assert 1 <= total < 20  # rare: in some episodes, not all
    assert set(r["queries"]["short prefix"]) >= {"m*", "co*"}
    assert set(r["queries"]["common phrase"]) >= {'"of the"', '"you know"'}

    first = r["first_after_commit"]
    assert timing(first["first"])
    assert timing(first["warm"])
    assert positive(first["ratio"])
    assert first["pairs"]
    assert min(first["pairs"]) <= first["pair_ratio"] <= max(first["pairs"])

    tree = r["tree_memory_mb"]
    # The tree includes this process (whose lifetime peak, parent_maxrss, may predate the build).
    assert tree["build_peak"] >= tree["parent_rss_before"] * 0.9
    assert tree["samples"] >= 2
    assert tree["processes"] >= 1
    assert positive(r["fts5"]["tree_memory_mb"]["peak"])

    shot = r["one_shot"]
    assert shot["runs"] == 2
    assert timing(shot["help"])
    assert set(shot["search"]) == set(shot["fts5"]) == set(ONE_SHOT)
    assert timing(shot["help_cpu"])
    assert shot["bytecode"] == "cached, as installed"
    for category in ONE_SHOT:
        assert timing(shot["search"][category])
        assert timing(shot["fts5"][category])
        assert timing(shot["search_cpu"][category])
        assert timing(shot["fts5_cpu"][category])
        assert positive(shot["ratio"][category])

    ratios = r["ratios"]
    assert positive(ratios["index_vs_fts5_db"])
    assert positive(ratios["build_vs_fts5"])
    for key in ("top20_vs_fts5_no_snippet", "app_vs_fts5_app", "app_vs_fts5_app_no_snippet"):
        assert positive(ratios[key]["word"]), key
        assert ratios[key]["fuzzy"] is None
    assert len(r["targets_14"]) == 14
    assert all(isinstance(t["pass"], bool) for t in r["targets_14"]), r["targets_14"]


def test_tree_memory_counts_the_children_a_parent_starts(tmp_path):
    """A child holding 200 MB shows in the tree's peak, not in this process's own memory."""
    sys.path.insert(0, str(SCRIPT.parent))
    from process_tree import TreePeak

    ready = tmp_path / "ready"
    child = (
        "import sys, time, pathlib\n"
        "block = bytearray(200 * 1024 * 1024)\n"
        "for i in range(0, len(block), 4096): block[i] = 1\n"
        "pathlib.Path(sys.argv[1]).write_text('x')\n"
        "time.sleep(30)\n"
    )
    with TreePeak(interval=0.02) as peak:
        process = subprocess.Popen([sys.executable, "-c", child, str(ready)])
        try:
            deadline = time.monotonic() + 30
            while not ready.exists() and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(0.2)  # a few samples with the child at its peak
        finally:
            process.kill()
            process.wait()
    assert ready.exists()
    assert peak.processes >= 2
    assert peak.mb >= 200
