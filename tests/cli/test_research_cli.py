"""``episode-reader dossier`` and ``who-said`` as scripts call them: real processes, exact
shapes and exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.notes import NotesStore
from reader.notes.model import Highlight
from reader.paths import AppPaths
from reader.research.episodes import EpisodeShapes
from reader.search.index import LibraryIndex
from tests.cli.test_search import run
from tests.research.library import SILENCE_SENTENCE, write_library


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_library(tmp_path / "library")


def _highlight(library: Path, tmp_path: Path, passage: str, tag: str) -> None:
    """Highlight ``passage`` of the first episode, as the window would save it."""
    ix = LibraryIndex(library, tmp_path / "hl-cache")
    from reader.library.sync import sync_library

    sync_library(ix)
    path = "show-a/ep01-silence.vtt"
    text = ix.text_of(path)
    episode = EpisodeShapes(ix).episode(path, {"title": "Silence"}, text)
    ix.close()
    store = NotesStore(AppPaths.resolve().data, library)  # where the command looks
    note = store.load(episode)
    start = text.index(passage)
    note.highlights.append(Highlight.create(text, start, start + len(passage), tag=tag))
    store.save(note)


def test_dossier_json_has_the_documented_shape(library: Path, tmp_path: Path):
    _highlight(library, tmp_path, "where the thinking happens", "workshop")
    result = run("dossier", "silence", "--library", str(library), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["query", "total", "groups", "episodes"]  # "episodes" added
    assert (data["query"], data["total"]) == ("silence", 3)
    (group,) = data["groups"]
    assert list(group) == ["path", "title", "moments"]
    assert (group["path"], group["title"]) == ("show-a/ep01-silence.vtt", "Silence")
    first, tom, last = group["moments"]
    # The documented keys first; "path", "title", "matches" and "notes" were added after them.
    assert list(tom)[:4] == ["speaker", "start", "text", "highlights"]
    assert (tom["speaker"], tom["start"]) == ("Tom Becker", 70.0)
    assert tom["text"] == "I learned to wait. " + SILENCE_SENTENCE
    assert [tom["text"][a:b] for a, b in tom["highlights"]] == ["where the thinking happens"]
    assert [tom["text"][a:b] for a, b in tom["matches"]] == ["silence"]
    assert (tom["path"], tom["title"], tom["notes"]) == (group["path"], "Silence", ["workshop"])
    assert first["highlights"] == last["highlights"] == []
    assert isinstance(first["start"], float)


def test_dossier_by_speaker_groups_moments_under_each_name(library: Path):
    result = run(
        "dossier", "silence OR delegation", "--library", str(library), "--json", "--by", "speaker"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    groups = {g["title"]: g for g in data["groups"]}
    assert set(groups) == {"Maya Okafor", "Tom Becker", "Grace Obi", "Ben Hollis"}
    assert all(g["path"] == "" for g in data["groups"])  # a speaker's moments span episodes
    assert [m["path"] for m in groups["Grace Obi"]["moments"]] == ["show-b/ep02-handing-over.md"]
    assert all(m["speaker"] == "Maya Okafor" for m in groups["Maya Okafor"]["moments"])
    assert data["total"] == sum(len(g["moments"]) for g in data["groups"])


def test_dossier_prints_markdown_attributed_like_copy_quote(library: Path):
    result = run("dossier", "silence", "--library", str(library))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:3] == ["# Dossier: silence", "", "3 moments in 1 episode."]
    assert "## Episode 1: Silence" in lines
    assert "*Show a · show-a/ep01-silence.vtt*" in lines
    assert (
        "> “I learned to wait. The **silence** is where the thinking happens, and I keep quiet.”"
        in lines
    )
    assert "> — Tom Becker, Show a, Episode 1: Silence (1:10)" in lines


def test_dossier_of_nothing_says_so_and_exits_0(library: Path):
    result = run("dossier", "zeppelin", "--library", str(library), "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == {
        "query": "zeppelin",
        "total": 0,
        "groups": [],
        "episodes": 0,
    }


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["dossier", "  "], 2, "episode-reader: QUERY is empty: say what to look for\n"),
        (["who-said", "?!"], 2, "episode-reader: TEXT has no words: paste the quote to look for\n"),
    ],
)
def test_empty_questions_are_usage_errors(library: Path, args, status, message):
    result = run(*args, "--library", str(library))
    assert (result.returncode, result.stderr, result.stdout) == (status, message, "")


def test_a_bad_grouping_is_refused_by_the_parser(library: Path):
    result = run("dossier", "silence", "--by", "show", "--library", str(library))
    assert result.returncode == 2
    assert "invalid choice: 'show'" in result.stderr


@pytest.mark.parametrize("command", [["dossier", "silence"], ["who-said", "silence"]])
def test_a_missing_library_exits_1_naming_it(tmp_path: Path, command):
    result = run(*command, "--library", str(tmp_path / "missing"))
    assert result.returncode == 1
    assert (
        result.stderr
        == f"episode-reader: cannot read library {tmp_path / 'missing'}: no such folder\n"
    )


def test_who_said_json_has_the_documented_shape(library: Path):
    result = run(
        "who-said", "“the silence is where thinking happens”", "--library", str(library), "--json"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["query", "results"]
    assert data["query"] == "“the silence is where thinking happens”"
    best = data["results"][0]
    assert list(best) == ["path", "title", "speaker", "start", "text", "score"]
    assert best["path"] == "show-a/ep01-silence.vtt"
    assert (best["title"], best["speaker"], best["start"]) == ("Silence", "Tom Becker", 70.0)
    assert best["text"] == "The silence is where the thinking happens"
    assert 0.6 <= best["score"] < 1.0
    scores = [r["score"] for r in data["results"]]
    assert scores == sorted(scores, reverse=True)


def test_who_said_with_nothing_close_says_so_plainly(library: Path):
    quote = "purple elephants dance across the frozen moon"
    as_json = run("who-said", quote, "--library", str(library), "--json")
    assert as_json.returncode == 0
    assert json.loads(as_json.stdout) == {"query": quote, "results": []}
    as_text = run("who-said", quote, "--library", str(library))
    assert as_text.returncode == 0
    assert as_text.stdout == f"Nothing in the library is close to “{quote}”.\n"


def test_who_said_prints_speaker_time_episode_and_the_verbatim_words(library: Path):
    result = run("who-said", "don't delegate what you can't undo", "--library", str(library))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:3] == [
        " 1. Ben Hollis, in Handing Over (exact)",
        "    show-b/ep02-handing-over.md",
        "    “don't delegate what you can't undo”",
    ]


def test_dossier_limit_lists_the_best_episodes_and_says_how_many_matched(library: Path):
    result = run("dossier", "silence OR delegation", "--library", str(library), "--json")
    assert json.loads(result.stdout)["episodes"] == 2
    limited = run(
        "dossier", "silence OR delegation", "--library", str(library), "--json", "--limit", "1"
    )
    assert limited.returncode == 0, limited.stderr
    data = json.loads(limited.stdout)
    assert (len(data["groups"]), data["episodes"]) == (1, 2)
    assert data["total"] == len(data["groups"][0]["moments"])
    markdown = run("dossier", "silence OR delegation", "--library", str(library), "--limit", "1")
    assert markdown.stdout.splitlines()[2].endswith(", the 1 best of 2 matching.")
    bad = run("dossier", "silence", "--library", str(library), "--limit", "0")
    assert (bad.returncode, bad.stderr) == (2, "episode-reader: --limit must be at least 1\n")
