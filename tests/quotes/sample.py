"""What the quote tests share: the small transcripts we wrote, a timed episode built here,
and a quote with every part."""

from __future__ import annotations

from pathlib import Path

from reader.importers import import_file
from reader.model import Episode, Quote, Section, Segment
from reader.quotes import (
    QuoteInfo,
)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "quotes"


def load(name: str) -> Episode:
    episode = import_file(FIXTURES / name, FIXTURES)
    assert isinstance(episode, Episode), episode
    return episode


def span(episode: Episode, passage: str) -> tuple[int, int]:
    start = episode.text.index(passage)
    return start, start + len(passage)


def timed_episode() -> Episode:
    """A labelled, timed transcript with a pull quote that repeats a passage in the talk."""
    episode = Episode(
        id="feedback.md",
        source=Path("feedback.md"),
        format="markdown",
        title="Feedback That Lands",
        number=19,
        show="The Delegation Desk",
        date="2024-03-07",
        speakers=["Maya Okafor", "Renée Laurent"],
        sections=[
            Section(
                heading="Why feedback misses",
                segments=[
                    Segment("Welcome back to the show.", "Maya Okafor", 0.0),
                    Segment(
                        "If someone is surprised by their review, the manager has been hoarding "
                        "feedback. Say it while it is fresh.",
                        "Renée Laurent",
                        3723.9,
                    ),
                ],
            )
        ],
    )
    start, end = span(episode, "the manager has been hoarding feedback")
    episode.quotes = [
        Quote("The manager has been hoarding feedback.", "Renée L.", start, end),
        Quote("Nobody said this anywhere.", None),
    ]
    return episode


FULL = QuoteInfo(
    quote="Awareness is the first big step.",
    speaker="Maya Okafor",
    show="The Delegation Desk",
    title="Stop Taking the Monkey Back",
    number=7,
    timestamp=754.2,
    date="2024-05-14",
)
