"""A selection across a change of speaker is copied as a dialogue, each part credited to its
own speaker at its own start time, the same in plain text, Markdown and HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.model import Episode, Section, Segment
from reader.quotes import QuoteInfo
from reader.quotes.dialogue import (
    Dialogue,
    dialogue_html,
    dialogue_markdown,
    dialogue_plain_text,
    selection_quote,
)

from .sample import span

PRIYA_1 = "Thanks for having me. Most teams I coach run their standups for the manager."
PRIYA_2 = "So we moved the standup to the afternoon and people to go home on time."
SAM = "That surprised me. Did the <team> push back on it?"


@pytest.fixture
def talk() -> Episode:
    """Priya speaks two paragraphs (the second merged from two cues), then Sam answers."""
    second_cue = PRIYA_2.index("and people")
    return Episode(
        id="standups.vtt",
        source=Path("standups.vtt"),
        format="webvtt",
        title="Standups & Sleep",
        number=12,
        show="Team Hours",
        speakers=["Sam Lindqvist", "Priya Raman"],
        sections=[
            Section(
                segments=[
                    Segment(PRIYA_1, "Priya Raman", 61.0),
                    Segment(PRIYA_2, "Priya Raman", 70.0, times=[(0, 70.0), (second_cue, 75.5)]),
                    Segment(SAM, "Sam Lindqvist", 83.2),
                ]
            )
        ],
    )


def across_the_turn(talk: Episode) -> tuple[int, int]:
    start, _ = span(talk, "and people to go home")
    _, end = span(talk, "That surprised me.")
    return start, end


def to_the_question(talk: Episode) -> Dialogue:
    """From Priya's second cue to the end of Sam's question (which holds markup)."""
    start, _ = span(talk, "and people")
    _, end = span(talk, "push back on it?")
    found = selection_quote(talk, start, end)
    assert isinstance(found, Dialogue)
    return found


def test_a_selection_across_a_speaker_change_is_a_dialogue(talk: Episode) -> None:
    found = selection_quote(talk, *across_the_turn(talk))
    assert isinstance(found, Dialogue)
    assert [(p.speaker, p.quote, p.timestamp) for p in found.parts] == [
        ("Priya Raman", "and people to go home on time.", 75.5),  # its own cue, not 70.0
        ("Sam Lindqvist", "That surprised me.", 83.2),
    ]
    assert found.speakers() == ["Priya Raman", "Sam Lindqvist"]


def test_dialogue_in_plain_text(talk: Episode) -> None:
    found = selection_quote(talk, *across_the_turn(talk))
    assert isinstance(found, Dialogue)
    assert dialogue_plain_text(found) == (
        "Priya Raman (1:15): “and people to go home on time.”\n"
        "Sam Lindqvist (1:23): “That surprised me.”\n"
        "— Team Hours, Episode 12: Standups & Sleep"
    )


def test_dialogue_in_markdown_is_escaped(talk: Episode) -> None:
    found = to_the_question(talk)
    assert dialogue_markdown(found) == (
        "> **Priya Raman** (1:15): “and people to go home on time.”\n"
        ">\n"
        "> **Sam Lindqvist** (1:23): “That surprised me. Did the \\<team\\> push back on it?”\n"
        ">\n"
        "> — Team Hours, Episode 12: Standups & Sleep"
    )


def test_dialogue_in_html_is_escaped(talk: Episode) -> None:
    found = to_the_question(talk)
    assert dialogue_html(found) == (
        "<blockquote>"
        "<p><strong>Priya Raman</strong> (1:15): “and people to go home on time.”</p>"
        "<p><strong>Sam Lindqvist</strong> (1:23): "
        "“That surprised me. Did the &lt;team&gt; push back on it?”</p>"
        "<footer>— Team Hours, Episode 12: Standups &amp; Sleep</footer>"
        "</blockquote>"
    )


def test_one_speakers_consecutive_paragraphs_stay_one_quote(talk: Episode) -> None:
    start, _ = span(talk, "run their standups")
    _, end = span(talk, "moved the standup")
    found = selection_quote(talk, start, end)
    assert isinstance(found, QuoteInfo)
    assert (found.speaker, found.timestamp) == ("Priya Raman", 61.0)
    assert found.quote == "run their standups for the manager. So we moved the standup"


def test_a_dialogue_without_times_or_names_says_so_plainly() -> None:
    episode = Episode(
        id="a.txt",
        source=Path("a.txt"),
        format="text",
        title="Untimed",
        sections=[Section(segments=[Segment("First words.", "Ana"), Segment("Then these.")])],
    )
    found = selection_quote(episode, 0, len(episode.text))
    assert isinstance(found, Dialogue)
    assert dialogue_plain_text(found) == (
        "Ana: “First words.”\nUnnamed speaker: “Then these.”\n— Untimed"
    )


def test_dialogue_follows_the_templates_marks_and_source(talk: Episode) -> None:
    found = selection_quote(talk, *across_the_turn(talk))
    assert isinstance(found, Dialogue)
    assert dialogue_plain_text(found, '"{quote}" - {speaker}, {show}') == (
        'Priya Raman (1:15): "and people to go home on time."\n'
        'Sam Lindqvist (1:23): "That surprised me."\n'
        "— Team Hours"
    )


def test_a_speaker_who_speaks_again_is_named_once_in_messages() -> None:
    episode = Episode(
        id="b.txt",
        source=Path("b.txt"),
        format="text",
        title="Back and forth",
        sections=[Section(segments=[Segment(w, who) for w, who in TURNS])],
    )
    found = selection_quote(episode, 0, len(episode.text))
    assert isinstance(found, Dialogue)
    assert [part.speaker for part in found.parts] == ["Ana", "Ben", "Ana", "Cy"]
    assert found.who() == "Ana, Ben and Cy"


TURNS = [("One.", "Ana"), ("Two.", "Ben"), ("Three.", "Ana"), ("Four.", "Cy")]
