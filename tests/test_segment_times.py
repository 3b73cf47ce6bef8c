"""Every sentence of a merged caption paragraph keeps its cue's start (issue 11, item 9):
in the model (``Segment.times``, ``time_at``), in ``show --json`` and in Copy Quote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.importers import import_file
from reader.importers.formats import json_transcript, srt, webvtt
from reader.model import Episode, Section, Segment
from reader.quotes import quote_info

CUES = (
    "1\n00:00:01,000 --> 00:00:03,000\nAda Moss: We start at nine.\n\n"
    "2\n00:00:03,500 --> 00:00:06,000\nThen we split into pairs.\n\n"
    "3\n00:00:06,500 --> 00:00:09,000\nAnd nobody\nbrings a laptop.\n\n"
    "4\n00:00:09,500 --> 00:00:11,000\nBo Lind: Sounds strict.\n"
)


def segments(draft) -> list[Segment]:
    return [s for sec in draft.sections for s in sec.segments]


def test_merged_cues_keep_where_each_begins_and_when():
    first, second = segments(srt.parse(CUES))
    assert first.text == "We start at nine. Then we split into pairs. And nobody brings a laptop."
    assert first.times == [(0, 1.0), (18, 3.5), (44, 6.5)]
    assert [first.text[at:].split()[0] for at, _ in first.times] == ["We", "Then", "And"]
    assert second.times == []  # one cue: its start says it all


def test_webvtt_and_json_pieces_keep_their_times_too():
    vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ada>One.\n\n00:02.500 --> 00:04.000\n<v Ada>Two.\n"
    assert segments(webvtt.parse(vtt))[0].times == [(0, 1.0), (5, 2.5)]
    words = {
        "segments": [
            {"speaker": "Ada", "startTime": 0.5, "body": "Hello"},
            {"speaker": "Ada", "startTime": 0.9, "body": "there."},
            {"speaker": "Ada", "startTime": 1.6, "body": "Sit"},
            {"speaker": "Ada", "startTime": 1.9, "body": "down."},
        ]
    }
    (turn,) = segments(json_transcript.parse(json.dumps(words)))
    assert turn.text == "Hello there. Sit down."
    assert turn.times == [(0, 0.5), (6, 0.9), (13, 1.6), (17, 1.9)]


@pytest.mark.parametrize(
    ("offset", "seconds"),
    [(0, 1.0), (17, 1.0), (18, 3.5), (30, 3.5), (44, 6.5), (70, 6.5)],
)
def test_time_at_any_offset_of_a_segment(offset: int, seconds: float):
    first = segments(srt.parse(CUES))[0]
    assert first.time_at(offset) == seconds


def test_a_segment_without_finer_times_answers_with_its_start():
    assert Segment("Plain.", None, 12.0).time_at(3) == 12.0
    assert Segment("Untimed.").time_at(3) is None


def test_episode_time_at_across_headings_blocks_and_the_blank_lines_between():
    episode = Episode(
        id="e",
        source=Path("e.srt"),
        format="srt",
        title="T",
        sections=[
            Section("Part one", [Segment("A b. C d.", "Ada", 1.0, 5.0, [(0, 1.0), (5, 3.0)])]),
            Section(None, [Segment("E f.", "Bo", 7.0)]),
        ],
    )
    text = episode.text
    assert episode.time_at(text.index("Part")) is None  # a heading was not said
    assert episode.time_at(text.index("C d.")) == 3.0
    assert episode.time_at(text.index("E f.") - 1) == 7.0  # the blank line before it
    assert episode.time_at(len(text)) == 7.0


def test_show_json_adds_times_only_to_segments_of_several_cues(tmp_path: Path):
    path = tmp_path / "pairs.srt"
    path.write_text(CUES, encoding="utf-8")
    episode = import_file(path)
    assert isinstance(episode, Episode)
    first, second = episode.to_json()["sections"][0]["segments"]
    assert first["times"] == [[0, 1.0], [18, 3.5], [44, 6.5]]
    assert "times" not in second


def test_a_quote_from_the_middle_of_a_paragraph_carries_its_own_time(tmp_path: Path):
    path = tmp_path / "pairs.srt"
    path.write_text(CUES, encoding="utf-8")
    episode = import_file(path)
    assert isinstance(episode, Episode)
    start = episode.text.index("Then we split")
    info = quote_info(episode, start, start + len("Then we split into pairs."))
    assert (info.speaker, info.timestamp) == ("Ada Moss", 3.5)
    late = episode.text.index("brings a laptop")
    assert quote_info(episode, late, late + 5).timestamp == 6.5  # mid-cue: that cue's start
    opening = quote_info(episode, 0, 10)
    assert opening.timestamp == 1.0
