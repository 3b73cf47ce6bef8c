"""The single entry point: picks a format by content and suffix, and never raises on bad input."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reader.importers as entry
import reader.importers.registry as registry
from reader.importers import import_file, importers
from reader.importers.base import Draft
from reader.model import Episode, ImportFailure

SRT = "1\n00:00:01,000 --> 00:00:03,500\nMaya Okafor: Delegation starts with trust.\n"
VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:03.500\n<v Maya Okafor>Delegation starts with trust.\n"
PODCAST_JSON = json.dumps(
    {
        "version": "1.0.0",
        "segments": [
            {"speaker": "Maya Okafor", "startTime": 1.0, "endTime": 2.0, "body": "Delegation"},
            {
                "speaker": "Maya Okafor",
                "startTime": 2.0,
                "endTime": 3.5,
                "body": "starts with trust.",
            },
        ],
    }
)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def failure(result: Episode | ImportFailure) -> str:
    assert isinstance(result, ImportFailure), result
    return result.problem


def test_every_format_module_is_registered():
    names = {imp.name for imp in importers()}
    assert names >= {
        "web-page",
        "html",
        "markdown",
        "srt",
        "webvtt",
        "json",
        "labelled-text",
        "text",
    }


@pytest.mark.parametrize(
    ("content", "fmt"),
    [(SRT, "srt"), (VTT, "webvtt"), (PODCAST_JSON, "podcasting20-json")],
    ids=["srt", "vtt", "json"],
)
@pytest.mark.parametrize("suffix", [".txt", ".transcript", ""])
def test_format_is_recognised_by_content_whatever_the_suffix(
    tmp_path: Path, content: str, fmt: str, suffix: str
):
    episode = import_file(write(tmp_path, f"ep07-trust{suffix}", content))
    assert isinstance(episode, Episode), episode
    assert episode.format == fmt
    assert episode.segments()[0].speaker == "Maya Okafor"
    assert episode.text == "Delegation starts with trust."


def test_episode_id_is_relative_to_the_library(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    path = write(tmp_path, "sub/ep07-trust.srt", SRT)
    episode = import_file(path, root=tmp_path)
    assert isinstance(episode, Episode)
    assert episode.id == "sub/ep07-trust.srt"
    assert episode.source == path


def test_title_falls_back_to_the_file_name_and_number_comes_from_it(tmp_path: Path):
    episode = import_file(write(tmp_path, "ep07-trust-on-new-teams.srt", SRT))
    assert isinstance(episode, Episode)
    assert (episode.number, episode.title) == (7, "Trust on New Teams")


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.srt", b"", "empty file"),
        ("blank.txt", "\n\n   \n", "empty file"),
        ("junk.vtt", bytes(range(256)) * 8, "binary data, not a text transcript"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(500), "binary data"),
        ("notes.docx", "Just some words in a file nobody recognises.", "unsupported format"),
        ("truncated.json", PODCAST_JSON[:60], "truncated or invalid JSON"),
        ("nothing.srt", "this is not\na subtitle file\n", "no cues found"),
    ],
)
def test_bad_input_is_a_failure_naming_file_and_problem(
    tmp_path: Path, name: str, content: str | bytes, problem: str
):
    path = write(tmp_path, name, content)
    result = import_file(path)
    assert problem in failure(result)
    assert str(result).startswith(f"{path}: ")


def test_missing_file_and_folder_are_failures(tmp_path: Path):
    assert "cannot read the file" in failure(import_file(tmp_path / "gone.srt"))
    assert "cannot read the file" in failure(import_file(tmp_path))


def test_files_above_the_size_limit_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(entry, "MAX_FILE_BYTES", 1024 * 1024)
    path = write(tmp_path, "huge.srt", SRT * 20000)
    assert failure(import_file(path)) == "file is too large (1.5 MB; the limit is 1 MB)"


def test_a_parser_bug_becomes_a_failure_not_an_exception(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    (srt,) = [imp for imp in importers() if imp.name == "srt"]

    def broken(_text: str) -> Draft:
        raise KeyError("oops")

    monkeypatch.setattr(registry, "importers", lambda: (replace(srt, parse=broken),))
    assert (
        failure(import_file(write(tmp_path, "a.srt", SRT)))
        == "could not read it as srt: KeyError('oops')"
    )


def test_one_bad_file_does_not_affect_the_others(tmp_path: Path):
    files = [
        write(tmp_path, "good.srt", SRT),
        write(tmp_path, "bad.json", "{"),
        write(tmp_path, "good.vtt", VTT),
    ]
    results = [import_file(p) for p in files]
    assert [type(r) for r in results] == [Episode, ImportFailure, Episode]


def test_quotes_are_linked_to_the_body_passage_they_repeat(tmp_path: Path):
    page = (
        "Episode 3: Trust First\n\nFull Episode Transcript\n\n"
        "Welcome to Trust Talk. Trust isn’t built in a day, it’s built daily.\n\n"
        "\"Trust isn't built in a day, it's built daily.\" ~ Maya Okafor Share on X\n\n"
        "Thanks for listening to this episode of Trust Talk.\n"
    )
    episode = import_file(write(tmp_path, "ep3.txt", page))
    assert isinstance(episode, Episode)
    (quote,) = episode.quotes
    assert quote.speaker == "Maya Okafor"
    assert quote.start is not None
    assert quote.end is not None
    assert episode.text[quote.start : quote.end] == "Trust isn’t built in a day, it’s built daily"
    assert episode.show == "Trust Talk"
    assert episode.speakers == ["Maya Okafor"]


SUFFIXES = sorted({s for imp in importers() for s in imp.suffixes} | {".bin"})


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_never_raise(tmp_path: Path, data: bytes, suffix: str):
    result = import_file(write(tmp_path, f"fuzz{suffix}", data))
    assert isinstance(result, Episode | ImportFailure)
    if isinstance(result, ImportFailure):
        assert result.problem


TOKENS = ["\n", "\n\n", " --> ", "WEBVTT", "<v Ann>", "00:00:01,000", "**A:**", "{", "}"]
TOKENS += ['"segments"', ":", "[", "]", "Share on X", "~", "Transcript", "#", ">", "Ann  0:03"]
TEXTISH = st.lists(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=20) | st.sampled_from(TOKENS),
    max_size=40,
).map("".join)
