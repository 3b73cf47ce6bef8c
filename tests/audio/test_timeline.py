"""Playback time <-> transcript text: the finest timing the file has (each cue of a merged
turn), nothing for a transcript without times, and the same text->time answer as quotes."""

from __future__ import annotations

from pathlib import Path

from reader.audio.timeline import Timeline
from reader.importers import import_text
from reader.model import Episode, Section, Segment

from .tone import TIMED_VTT, UNTIMED_TEXT


def timed_episode() -> Episode:
    episode = import_text(TIMED_VTT, Path("/lib/ep01.vtt"), Path("/lib"))
    assert isinstance(episode, Episode)
    return episode


def said(timeline: Timeline, seconds: float) -> str | None:
    piece = timeline.piece_at(seconds)
    return timeline.episode.text[piece.begin : piece.end] if piece else None


def test_a_moment_maps_to_the_cue_being_said_inside_a_merged_turn():
    timeline = Timeline(timed_episode())
    assert timeline.timed
    assert said(timeline, 0.6) == "Welcome to the tuning fork hour."
    assert said(timeline, 1.9) == "Today we listen closely."  # second cue of the same turn
    assert said(timeline, 3.5) == "Pitch matters more than volume."
    assert said(timeline, 99.0) == "That was four hundred forty hertz."  # past the end: the last


def test_before_the_first_cue_nothing_is_being_said():
    assert said(Timeline(timed_episode()), 0.2) is None


def test_text_maps_to_the_start_of_its_own_cue_as_quotes_do():
    episode = timed_episode()
    timeline = Timeline(episode)
    offset = episode.text.index("listen closely")
    assert timeline.time_at(offset) == 1.5 == episode.time_at(offset)
    for piece in timeline.pieces:  # and back: each piece's start maps to itself
        assert timeline.piece_at(piece.start) == piece
        assert timeline.time_at(piece.begin) == piece.start


def test_a_transcript_without_times_claims_no_moment():
    episode = import_text(UNTIMED_TEXT, Path("/lib/notes.txt"), Path("/lib"))
    assert isinstance(episode, Episode)
    timeline = Timeline(episode)
    assert not timeline.timed
    assert timeline.piece_at(3.0) is None
    assert timeline.time_at(10) is None


def test_times_that_go_back_still_find_the_piece_started_last():
    episode = Episode(
        "x.json",
        Path("/lib/x.json"),
        "json",
        "X",
        sections=[
            Section(segments=[Segment("late words", start=20.0), Segment("early words", start=5.0)])
        ],
    )
    timeline = Timeline(episode)
    assert said(timeline, 6.0) == "early words"
    assert said(timeline, 21.0) == "late words"
    assert said(timeline, 1.0) is None
