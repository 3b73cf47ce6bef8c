"""``search --show/--speaker/--year``: real processes; the same filters as the window's, the
JSON shape and the exit codes as before."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.search.filter_library import write_filter_library


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_filter_library(tmp_path / "lib")


def _paths(library: Path, *args: str) -> list[str]:
    result = run("search", "feedback", "--library", str(library), "--json", *args)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["query", "total", "suggestion", "results"]
    assert data["total"] == len(data["results"])
    return sorted(r["path"] for r in data["results"])


def test_each_filter_narrows_the_results_and_they_combine(library: Path) -> None:
    assert len(_paths(library)) == 4
    assert _paths(library, "--show", "leaders lab") == ["leaders-lab/ep-7.md"]
    assert _paths(library, "--speaker", "Priya Raman") == [
        "the-coaching-hour/ep-101.md", "the-coaching-hour/ep-102.md"
    ]  # fmt: skip
    assert _paths(library, "--year", "2024") == [
        "leaders-lab/ep-7.md", "the-coaching-hour/ep-103.md"
    ]  # fmt: skip
    assert _paths(library, "--show", "The Coaching Hour", "--speaker", "ana lima",
                  "--year", "2024") == ["the-coaching-hour/ep-103.md"]  # fmt: skip
    assert _paths(library, "--show", "Nowhere") == []


def test_the_text_output_lists_only_the_filtered_episodes(library: Path) -> None:
    result = run("search", "feedback", "--library", str(library), "--year", "2023")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("2 episodes match 'feedback'\n")
    assert "leaders-lab" not in result.stdout


def test_a_year_that_is_not_one_is_a_usage_error(library: Path) -> None:
    result = run("search", "feedback", "--library", str(library), "--year", "23")
    assert result.returncode == 2
    assert result.stderr == "episode-reader: --year must be a year such as 2023, not '23'\n"
    assert result.stdout == ""
