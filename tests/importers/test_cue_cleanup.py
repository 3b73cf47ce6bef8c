"""Subtitle escapes and hidden cues (issue 11, item 4): what a player hides or renders as a
break or a space never reaches the text, in SRT and WebVTT alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.importers import import_file
from reader.importers.formats import srt, webvtt
from reader.model import Episode

FIXTURES = Path(__file__).parent / "fixtures"
MARKS = ("\\h", "\\N", "\\n", "{\\", "{y:", "Secret note", "Invisible")


@pytest.mark.parametrize(
    "name", ["srt/escapes-and-hidden-cues.srt", "webvtt/escapes-and-hidden-cues.vtt"]
)
def test_escapes_tags_and_hidden_cues_never_reach_the_text(name: str):
    episode = import_file(FIXTURES / name)
    assert isinstance(episode, Episode), episode
    text = episode.text
    assert not [mark for mark in MARKS if mark in text]
    assert text.startswith("The plan fits on one page. It has three parts: who, what and when.")
    assert episode.speakers == ["Nadia Flores"]
    assert episode.segments()[0].start == 1.0  # the hidden cue at 0:00 gave no time either
    assert episode.warnings == ["2 cues with no duration skipped (players never show them)"]


def srt_cue(index: int, times: str, *lines: str) -> str:
    return f"{index}\n{times}\n" + "\n".join(lines) + "\n\n"


def texts(draft) -> list[str]:
    return [s.text for sec in draft.sections for s in sec.segments]


def test_braces_that_are_text_stay():
    draft = srt.parse(srt_cue(1, "00:00:01,000 --> 00:00:02,000", "Draft {two} of {\\i1}three"))
    assert texts(draft) == ["Draft {two} of three"]


def test_a_cue_of_only_positioning_adds_nothing():
    text = srt_cue(1, "00:00:01,000 --> 00:00:02,000", "Said.") + srt_cue(
        2, "00:00:02,000 --> 00:00:03,000", "{\\an8}", "{\\pos(20,30)}"
    )
    draft = srt.parse(text)
    assert texts(draft) == ["Said."]
    assert draft.warnings == []


@pytest.mark.parametrize(
    ("parse", "times"),
    [
        (srt.parse, "00:00:0{0},000 --> 00:00:0{0},000"),
        (webvtt.parse, "00:00:0{0}.000 --> 00:00:0{0}.000"),
    ],
)
def test_a_file_whose_cues_all_lack_durations_keeps_its_text(parse, times: str):
    head = "WEBVTT\n\n" if parse is webvtt.parse else ""
    text = head + "".join(f"{times.format(i)}\nLine {i}.\n\n" for i in range(1, 4))
    draft = parse(text)
    assert texts(draft) == ["Line 1. Line 2. Line 3."]
    assert draft.warnings == []
