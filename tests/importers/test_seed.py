"""The real web-copied episode page in ``../shared/seeds/`` (skipped when it is not there).

The seed is not copied into the repository; these assertions name only its title, topics,
pull-quote speaker and the chrome that must not survive.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.importers.formats.web_page_text import parse as parse_web_page
from reader.model import Episode

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
SEED = SEEDS / "000_86a394683953aba7.txt"

pytestmark = pytest.mark.skipif(not SEED.is_file(), reason="../shared/seeds/ is not present")

TOPICS = [
    "What’s the difference between an individual performer and a leader?",
    "People make mistakes when hiring an individual performer versus someone with leadership "
    "and management skills.",
    "What happens when an individual performer gets into these leadership positions?",
    "Why is it necessary to train and prepare an individual performer before moving them into "
    "a leadership position?",
]
QUOTE_STARTS = ["As a leader, you're no longer about performing", "Awareness is the first big step"]
CHROME = ["Listen on", "Share on X", "Scroll to Top", "Discover More", "Join our mission",
          "Apple Podcasts"]  # fmt: skip


def fold(text: str) -> str:
    """Ignore quote style, apostrophes, case and spacing, as quote linking does."""
    return " ".join(re.findall(r"\w+", text.replace("’", "'").casefold()))


@pytest.fixture(scope="module")
def episode() -> Episode:
    from reader.importers import import_file

    result = import_file(SEED)
    assert isinstance(result, Episode), result
    return result


def test_title_and_number():
    draft = parse_web_page(SEED.read_text(encoding="utf-8"))
    assert (draft.number, draft.title) == (6, "Individual Performer vs. Leader")


def test_registry_picks_the_web_page_importer(episode: Episode):
    assert episode.format == "web-page"
    assert (episode.number, episode.title) == (6, "Individual Performer vs. Leader")
    assert episode.show == "No More Bad Leaders"


def test_topics_and_each_topic_is_a_heading(episode: Episode):
    assert episode.topics == TOPICS
    assert [s.heading for s in episode.sections] == [None, *TOPICS]
    assert all(section.segments for section in episode.sections)


def test_both_pull_quotes_with_speaker_and_body_position(episode: Episode):
    assert [q.speaker for q in episode.quotes] == ["Thomas R. Harris"] * 2
    assert episode.speakers == ["Thomas R. Harris"]
    for quote, start in zip(episode.quotes, QUOTE_STARTS, strict=True):
        assert quote.text.startswith(start)
        assert quote.start is not None
        assert quote.end is not None
        assert fold(episode.text[quote.start : quote.end]) == fold(quote.text)


def test_pull_quotes_are_lifted_out_of_the_running_text(episode: Episode):
    for quote in episode.quotes:
        body = fold(episode.text)
        assert body.count(fold(quote.text)) == 1  # the spoken passage only, not the pull quote


def test_spoken_outro_stays(episode: Episode):
    texts = [seg.text for seg in episode.segments()]
    assert texts[-2].startswith("Thank you so much for listening to this episode of")
    assert texts[-1].startswith("If you have any comments")


def test_no_chrome_survives(episode: Episode):
    displayed = [episode.title, episode.description, *episode.topics]
    displayed += [s.heading or "" for s in episode.sections]
    displayed += [seg.text for seg in episode.segments()]
    displayed += [q.text for q in episode.quotes] + [q.speaker or "" for q in episode.quotes]
    for text in displayed:
        for chrome in CHROME:
            assert chrome not in text, (chrome, text[:80])
