"""Who said a passage, and when: selections, pull quotes and unlabelled text, attributed.

Episodes are either built here or imported from the small transcripts we wrote in
``tests/fixtures/quotes`` (a captions file with speakers and times, an unlabelled copied web
page with click-to-tweet pull quotes), so the real importers feed the attribution rules.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.model import Episode, Section, Segment
from reader.quotes import (
    QuoteInfo,
    html,
    markdown,
    plain_text,
    pull_quote_info,
    quote_info,
)

from .sample import span, timed_episode

# --------------------------------------------------------------------------- (1) a selection


def test_selection_in_a_timed_segment_with_a_speaker(rituals: Episode) -> None:
    info = quote_info(rituals, *span(rituals, "We start with one question, and it is never"))
    assert info == QuoteInfo(
        quote="We start with one question, and it is never",
        speaker="Daniel Reyes",
        show="Lead From the Middle",
        title="Remote Team Rituals",
        number=34,
        timestamp=754.4,
    )
    assert plain_text(info) == (
        "“We start with one question, and it is never” — Daniel Reyes, Lead From the Middle, "
        "Episode 34: Remote Team Rituals (12:34)"
    )
    assert markdown(info) == (
        "> “We start with one question, and it is never”\n"
        ">\n"
        "> — Daniel Reyes, Lead From the Middle, Episode 34: Remote Team Rituals (12:34)"
    )
    assert html(info) == (
        "<blockquote><p>“We start with one question, and it is never”</p>"
        "<footer>— Daniel Reyes, Lead From the Middle, Episode 34: Remote Team Rituals (12:34)"
        "</footer></blockquote>"
    )


def test_the_speaker_and_time_are_where_the_passage_starts(rituals: Episode) -> None:
    """A selection across two turns belongs to the first; blank lines before it don't count."""
    start, _ = span(rituals, "\n\nWe start")
    _, end = span(rituals, "Rituals are promises")
    info = quote_info(rituals, start, end)
    assert info.speaker == "Daniel Reyes"
    assert info.timestamp == 754.4
    assert info.quote == (
        "We start with one question, and it is never about the work. "
        "People show up for each other first. Rituals are promises"
    )
    late = quote_info(rituals, *span(rituals, "promises you keep"))
    assert (late.speaker, late.timestamp) == ("Lena Hoffmann", 3723.0)
    assert plain_text(late).endswith("Episode 34: Remote Team Rituals (1:02:03)")


def test_offsets_out_of_order_or_out_of_range_are_tolerated(rituals: Episode) -> None:
    start, end = span(rituals, "Rituals are promises you keep on purpose.")
    info = quote_info(rituals, end + 50, start)
    assert info.quote == "Rituals are promises you keep on purpose."
    assert info.speaker == "Lena Hoffmann"


# --------------------------------------------------------------------------- (2) a pull quote


def test_pull_quote_speaker_from_attribution_time_from_body_passage() -> None:
    episode = timed_episode()
    info = pull_quote_info(episode, 0)
    assert info == QuoteInfo(
        quote="The manager has been hoarding feedback.",
        speaker="Renée L.",
        show="The Delegation Desk",
        title="Feedback That Lands",
        number=19,
        timestamp=3723.9,
        date="2024-03-07",
    )
    assert plain_text(info) == (
        "“The manager has been hoarding feedback.” — Renée L., The Delegation Desk, "
        "Episode 19: Feedback That Lands (1:02:03)"
    )
    assert markdown(info) == (
        "> “The manager has been hoarding feedback.”\n"
        ">\n"
        "> — Renée L., The Delegation Desk, Episode 19: Feedback That Lands (1:02:03)"
    )
    assert html(info) == (
        "<blockquote><p>“The manager has been hoarding feedback.”</p>"
        "<footer>— Renée L., The Delegation Desk, Episode 19: Feedback That Lands (1:02:03)"
        "</footer></blockquote>"
    )


def test_a_pull_quote_links_to_the_body_passage_it_repeats() -> None:
    episode = timed_episode()
    quote = episode.quotes[0]
    assert pull_quote_info(episode, 0).span == (quote.start, quote.end)
    assert pull_quote_info(episode, 1).span is None  # it repeats nothing: no link


def test_pull_quote_without_body_passage_or_attribution() -> None:
    info = pull_quote_info(timed_episode(), 1)
    assert (info.speaker, info.timestamp) == ("Maya Okafor", None)
    assert plain_text(info) == (
        "“Nobody said this anywhere.” — Maya Okafor, The Delegation Desk, "
        "Episode 19: Feedback That Lands"
    )


def test_pull_quote_from_a_copied_web_page(monkey: Episode) -> None:
    info = pull_quote_info(monkey, 1)
    assert plain_text(info) == (
        "“Awareness is the first big step.” — Tomás Ruiz, The Delegation Desk, "
        "Episode 7: Stop Taking the Monkey Back"
    )


# --------------------------------------------------------------------------- (3) unlabelled


def test_unlabelled_selection_overlapping_a_pull_quote_takes_its_attribution(
    monkey: Episode,
) -> None:
    assert [q.speaker for q in monkey.quotes] == ["Maya Okafor", "Tomás Ruiz"]
    assert monkey.speakers == ["Maya Okafor"]
    info = quote_info(monkey, *span(monkey, "awareness is the first big step. Most managers"))
    assert plain_text(info) == (
        "“awareness is the first big step. Most managers” — Tomás Ruiz, The Delegation Desk, "
        "Episode 7: Stop Taking the Monkey Back"
    )
    assert markdown(info) == (
        "> “awareness is the first big step. Most managers”\n"
        ">\n"
        "> — Tomás Ruiz, The Delegation Desk, Episode 7: Stop Taking the Monkey Back"
    )
    assert html(info) == (
        "<blockquote><p>“awareness is the first big step. Most managers”</p>"
        "<footer>— Tomás Ruiz, The Delegation Desk, Episode 7: Stop Taking the Monkey Back"
        "</footer></blockquote>"
    )


def test_unlabelled_selection_elsewhere_falls_back_to_the_host(monkey: Episode) -> None:
    info = quote_info(monkey, *span(monkey, "write down every piece of work"))
    assert plain_text(info) == (
        "“write down every piece of work” — Maya Okafor, The Delegation Desk, "
        "Episode 7: Stop Taking the Monkey Back"
    )


def test_no_speaker_anywhere_drops_the_speaker() -> None:
    episode = Episode(
        id="a.txt",
        source=Path("a.txt"),
        format="text",
        title="Notes",
        sections=[Section(segments=[Segment("Plain words here.")])],
    )
    info = quote_info(episode, 0, 11)
    assert info.speaker is None
    assert plain_text(info) == "“Plain words”, Notes"


def test_quotes_from_a_selection_are_collapsed_to_one_line(rituals: Episode) -> None:
    start, _ = span(rituals, "on a Monday morning?")
    _, end = span(rituals, "We start")
    info = quote_info(rituals, start, end)
    assert info.quote == "on a Monday morning? We start"
    assert markdown(info).splitlines()[0] == "> “on a Monday morning? We start”"


@pytest.mark.parametrize(
    ("start", "end", "speaker", "timestamp"),
    [
        (9, 14, "Ann", 10.0),  # inside a paragraph
        (15, 25, "Ann", 12.0),  # its second cue
        (33, 41, "Ben", 20.0),
        (0, 7, None, None),  # inside the heading: nobody, no time
        (2, 20, "Ann", 10.0),  # from the heading into the paragraph: the paragraph's speaker
        (31, 41, "Ben", 20.0),  # from the blank line before a paragraph: that paragraph's
        (32, 41, "Ben", 20.0),
    ],
)
def test_a_passage_is_credited_to_the_first_paragraph_it_reaches_into(
    three_blocks: Episode, start: int, end: int, speaker: str | None, timestamp: float | None
) -> None:
    info = quote_info(three_blocks, start, end)
    assert (info.speaker, info.timestamp) == (speaker, timestamp)
