"""YouTube/TV-style dialogue dashes (issue 11, item 6): a cue line opening with ``- `` starts
a new speaker's turn, in SRT and WebVTT; no speaker dash is left inside the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.importers import import_file
from reader.importers.formats import srt, webvtt
from reader.importers.shared.captions import split_dialogue_lines
from reader.model import Episode

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("name", ["srt/youtube-dashes.srt", "webvtt/youtube-dashes.vtt"])
def test_each_dash_opens_a_turn_even_at_the_start_of_a_cue(name: str):
    episode = import_file(FIXTURES / name)
    assert isinstance(episode, Episode), episode
    assert [(s.start, s.text) for s in episode.segments()] == [
        (1.0, "So where do we start?"),
        (2.6, "With the calendar."),
        (2.6, "Why?"),  # a second dash in the cue (on one line, or after a \N break)
        (4.1, "Because it shows what we really do - not what we say. and that is the hard part."),
    ]


def test_a_dash_after_a_named_turn_is_someone_else():
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nNia Obi: Shall we?\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\n- Yes, now.\n\n"
        "3\n00:00:03,000 --> 00:00:04,000\nNia Obi: Good.\n"
    )
    draft = srt.parse(text)
    assert [(s.speaker, s.text) for s in draft.sections[0].segments] == [
        ("Nia Obi", "Shall we?"),
        (None, "Yes, now."),
        ("Nia Obi", "Good."),
    ]


def test_a_vtt_cue_with_two_dashed_lines_is_two_turns():
    draft = webvtt.parse("WEBVTT\n\n00:01.000 --> 00:02.000\n- Coffee?\n-Tea, please.\n")
    assert [s.text for s in draft.sections[0].segments] == ["Coffee?", "Tea, please."]


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        ("- Ready? - Yes.", ["- Ready?", "- Yes."]),
        ("Done. - And then?", ["Done.", "- And then?"]),
        ('"Go." - Fine.', ['"Go."', "- Fine."]),
        ("the plan - if any - failed", ["the plan - if any - failed"]),  # punctuation stays
        ("pages 3 - 5", ["pages 3 - 5"]),
        ("right >> so what now", ["right", "- so what now"]),  # ">>" is never punctuation
    ],
)
def test_a_speakers_dash_inside_a_line_is_cut_only_after_a_sentence_end(line: str, parts):
    assert split_dialogue_lines([line]) == parts


def test_broadcast_chevrons_mark_a_change_of_speaker_and_never_show():
    text = (
        "WEBVTT\n\n00:01.000 --> 00:03.000\n&gt;&gt; welcome back everyone\n\n"
        "00:03.000 --> 00:05.000\nthanks for having me &gt;&gt; so let us\n\n"
        "00:05.000 --> 00:07.000\nbegin with the budget\n"
    )
    draft = webvtt.parse(text)
    assert [s.text for s in draft.sections[0].segments] == [
        "welcome back everyone thanks for having me",
        "so let us begin with the budget",
    ]
