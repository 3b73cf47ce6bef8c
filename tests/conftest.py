"""Test set-up shared by the whole suite.

Every test gets its own data folder (through the same environment variable users have) and
its own HOME, so nothing a test does can touch the real user's notes, settings or caches.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from reader.model import Episode, Section, Segment

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The data folder the app under test uses; HOME and XDG folders point into tmp too."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    folder = tmp_path / "episode-reader-data"
    monkeypatch.setenv("EPISODE_READER_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def sample_library() -> Path:
    return REPO_ROOT / "episodes"


@pytest.fixture
def small_library(tmp_path: Path) -> Path:
    """A library of three short transcripts we wrote for these tests."""
    root = tmp_path / "library"
    (root / "show-a").mkdir(parents=True)
    (root / "show-a" / "ep01-first-steps.txt").write_text(
        "Episode 1: First Steps\n\nWelcome to Show A. Today we talk about delegation.\n",
        encoding="utf-8",
    )
    (root / "show-a" / "ep02-second-steps.md").write_text(
        "# Episode 2: Second Steps\n\n**Host:** Feedback is a gift.\n", encoding="utf-8"
    )
    (root / "ep03-captions.srt").write_text(
        "1\n00:00:01,000 --> 00:00:03,000\nHost: Hello there.\n", encoding="utf-8"
    )
    (root / "cover.jpg").write_bytes(b"\xff\xd8\xff not a transcript")
    (root / ".hidden-notes.txt").write_text("private", encoding="utf-8")
    return root


@pytest.fixture
def search_library(tmp_path: Path) -> Path:
    """A copy of ``tests/fixtures/library`` (four short episodes we wrote) that tests may edit."""
    return Path(shutil.copytree(Path(__file__).parent / "fixtures" / "library", tmp_path / "lib"))


@pytest.fixture(scope="session")
def edge_cases() -> ModuleType:
    """``tests/stress/cases_edges.py``: real-process scenarios the reliability script runs too."""
    path = Path(__file__).parent / "stress" / "cases_edges.py"
    spec = importlib.util.spec_from_file_location("cases_edges", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def three_blocks() -> Episode:
    """A heading, then two timed paragraphs; the first was merged from two cues (0:10, 0:12).

    Text: ``Opening`` [0, 7), blank line, ``Alpha one speaks here.`` [9, 31), blank line,
    ``Beta two answers now.`` [33, 54). For the "what is at this offset" rules.
    """
    alpha = Segment("Alpha one speaks here.", "Ann", 10.0, times=[(0, 10.0), (6, 12.0)])
    beta = Segment("Beta two answers now.", "Ben", 20.0)
    return Episode(
        id="ep.txt",
        source=Path("ep.txt"),
        format="plain text",
        title="Three Blocks",
        sections=[Section("Opening", [alpha, beta])],
    )
