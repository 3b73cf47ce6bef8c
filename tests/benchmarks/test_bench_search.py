"""The search benchmark keeps working and reports every figure issue 4 asks for."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).with_name("bench_search.py")
CATEGORIES = ("word", "two words", "phrase", "prefix", "fuzzy")


def positive(value: object) -> bool:
    return isinstance(value, int | float) and value > 0


@pytest.mark.slow  # builds a 20-episode library in a subprocess: about 10 s
def test_benchmark_runs_and_reports_every_figure():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--episodes", "20", "--json"],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    r = json.loads(result.stdout)

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

    assert len(r["targets"]) == 9
    assert all(isinstance(t["pass"], bool) for t in r["targets"]), r["targets"]
