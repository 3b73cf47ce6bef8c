"""Web-copied episode pages (.txt): each rule of issue 3, format 1, asserted on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.importers import import_file
from reader.importers.base import Draft, ParseError
from reader.importers.formats.web_page_text import (
    IMPORTER,
    is_chrome,
    parse,
    sniff,
    split_pull_quote,
)
from reader.model import Episode

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "episodes"

TRANSCRIPT = (
    "Welcome to Team Notes. I’m Sam Ortiz, and today we are talking about handing work to "
    "other people without losing track of it.\n\n\n"
    "Why handoffs fail\n\n"
    "Most handoffs fail because nobody says what done looks like. The person doing the work "
    "fills the gap with a guess, and the guess is usually reasonable and usually wrong.\n\n"
    "Thank you for listening to this episode of Team Notes.\n"
)


def page(
    title: str = "Episode 6: Handing Off Well",
    notes: str = "Show notes about handing work off.",
    topics: str = "In this episode you’ll hear:\n\n  • Why handoffs fail\n",
    marker: str = "Full Episode Transcript",
    body: str = TRANSCRIPT,
    footer: str = "Discover More\n\nScroll to Top\n",
) -> str:
    parts = [title, "Listen on your favorite app:\n\nListen on Apple Podcasts\nListen on Spotify"]
    parts += [notes, topics, f"{marker}\n", body, footer]
    return "\n\n".join(p for p in parts if p)


def all_text(draft: Draft) -> list[str]:
    """Everything the app displays or indexes for an episode."""
    texts = [draft.title or "", draft.description, *draft.topics]
    for section in draft.sections:
        texts.append(section.heading or "")
        texts += [seg.text for seg in section.segments]
    texts += [q.text for q in draft.quotes] + [q.speaker or "" for q in draft.quotes]
    return texts


def segment_texts(draft: Draft) -> list[str]:
    return [seg.text for s in draft.sections for seg in s.segments]


def headings(draft: Draft) -> list[str | None]:
    return [s.heading for s in draft.sections]


# --- title and number ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Episode 6: Handing Off Well",
        "Ep. 6 – Handing Off Well",
        "Ep 6 - Handing Off Well",
        "#6 Handing Off Well",
        "#6 — Handing Off Well",
        "Episode 006 — Handing Off Well",
    ],
)
def test_title_line_gives_title_and_number(line: str):
    draft = parse(page(title=line))
    assert (draft.number, draft.title) == (6, "Handing Off Well")


def test_menu_lines_before_the_title_are_skipped():
    draft = parse("Home\nEpisodes\nAbout\n\n" + page())
    assert (draft.number, draft.title) == (6, "Handing Off Well")
    assert "Home" not in " ".join(all_text(draft))


def test_number_on_its_own_line_under_the_title():
    draft = parse(page(title="Handing Off Well\n\nEpisode 6"))
    assert (draft.number, draft.title) == (6, "Handing Off Well")
    assert "Episode 6" not in draft.description


@pytest.mark.parametrize(
    "line", ["May 14, 2024", "Posted on 14 May 2024 by Sam Ortiz", "2024-05-14 · Episodes"]
)
def test_date_line_under_the_title_gives_the_date(line: str):
    draft = parse(page(notes=f"{line}\n\nShow notes about handing work off."))
    assert draft.date == "2024-05-14"
    assert draft.description == "Show notes about handing work off."


# --- chrome -------------------------------------------------------------------------------

CHROME_LINES = [
    "Listen on your favorite app:",
    "Listen on Apple Podcasts",
    "Listen on Google POdcasts",
    "Subscribe: Apple Podcasts | Spotify | RSS",
    "Subscribe on YouTube",
    "Play in new window | Download (Duration: 58:40)",
    "Podcast: Play in new window | Download",
    "Apple Podcasts | Spotify | Overcast",
    "Share on X",
    "Click To Tweet",
    "Scroll to Top",
    "Back to Top",
]


@pytest.mark.parametrize("line", CHROME_LINES)
def test_chrome_lines_are_recognised(line: str):
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "Listen to this.",
        "Subscribe to the idea that your team can decide more than you think.",
        "Download the whole thing into your head before you start, then put it down.",
        "Share the load.",
    ],
)
def test_speech_that_starts_like_chrome_is_not_chrome(line: str):
    assert not is_chrome(line)


def test_player_and_subscribe_chrome_never_reaches_displayed_text():
    chrome = "\n".join(CHROME_LINES[:7])
    draft = parse(page(notes=f"{chrome}\n\nShow notes about handing work off.\n\n{chrome}"))
    assert draft.description == "Show notes about handing work off."
    for text in all_text(draft):
        for word in ("Listen on", "Subscribe", "Play in new window", "Download", "Spotify"):
            assert word not in text


# --- show notes and topics ----------------------------------------------------------------


def test_show_notes_paragraphs_become_the_description():
    notes = "First paragraph of notes.\n\nSecond paragraph of notes."
    draft = parse(page(notes=notes))
    assert draft.description == notes
    assert "notes" not in " ".join(segment_texts(draft))


@pytest.mark.parametrize("intro", ["you’ll hear", "you'll hear", "you‘ll learn", "you'll learn"])
@pytest.mark.parametrize(
    "items",
    [
        "  • One thing\n  • Another thing",
        "- One thing\n- Another thing",
        "* One thing\n* Another thing",
        "– One thing\n– Another thing",
        "1. One thing\n2. Another thing",
        "1) One thing\n2) Another thing",
        "    One thing\n    Another thing",
    ],
    ids=["dot", "hyphen", "star", "en-dash", "numbered", "paren", "indented"],
)
def test_topic_list_in_any_bullet_style(intro: str, items: str):
    draft = parse(page(topics=f"In this episode {intro}:\n\n{items}\n"))
    assert draft.topics == ["One thing", "Another thing"]
    assert "One thing" not in draft.description


def test_topic_list_without_bullets_right_under_the_intro():
    draft = parse(page(topics="What you’ll learn:\nOne thing\nAnother thing\n"))
    assert draft.topics == ["One thing", "Another thing"]


# --- transcript marker, headings ----------------------------------------------------------


@pytest.mark.parametrize(
    "marker", ["Full Episode Transcript", "Episode Transcript", "Transcript", "TRANSCRIPT:"]
)
def test_everything_after_the_marker_is_transcript(marker: str):
    draft = parse(page(marker=marker))
    texts = segment_texts(draft)
    assert texts[0].startswith("Welcome to Team Notes.")
    assert texts[-1] == "Thank you for listening to this episode of Team Notes."
    assert all("Show notes" not in t and marker not in t for t in texts)


def test_line_repeating_a_topic_is_a_heading_ignoring_case_punctuation_and_quotes():
    topics = "In this episode you’ll hear:\n\n• Why “done” is never obvious!\n"
    body = TRANSCRIPT.replace("Why handoffs fail", "WHY 'DONE' IS NEVER OBVIOUS")
    draft = parse(page(topics=topics, body=body))
    assert headings(draft) == [None, "WHY 'DONE' IS NEVER OBVIOUS"]
    assert draft.sections[0].segments[0].text.startswith("Welcome")


def test_topic_heading_ending_in_a_period_is_still_a_heading():
    topics = "In this episode you’ll hear:\n\n• People skip the definition of done.\n"
    body = TRANSCRIPT.replace("Why handoffs fail", "People skip the definition of done.")
    assert headings(parse(page(topics=topics, body=body)))[1] == (
        "People skip the definition of done."
    )


def test_short_line_set_apart_above_a_paragraph_is_a_heading_without_a_topic_list():
    draft = parse(page(topics=""))
    assert headings(draft) == [None, "Why handoffs fail"]


@pytest.mark.parametrize(
    "line",
    [
        "So let's get into it",  # one blank line before, not title case: speech
        "That is the whole idea.",  # a sentence
        "“Why handoffs fail”",  # a quotation
        "Okay",  # one plain word
    ],
)
def test_short_speech_lines_are_not_headings(line: str):
    body = TRANSCRIPT.replace("\n\n\nWhy handoffs fail\n\n", f"\n\n{line}\n\n")
    draft = parse(page(topics="", body=body))
    assert headings(draft) == [None]
    assert line in segment_texts(draft)


# --- pull quotes --------------------------------------------------------------------------

QUOTE_WORDS = "Most handoffs fail because nobody says what done looks like."


@pytest.mark.parametrize(
    "line",
    [
        f'"{QUOTE_WORDS}" ~ Sam Ortiz Share on X',
        f"“{QUOTE_WORDS}” ~ Sam Ortiz Share on X",
        f"“{QUOTE_WORDS}” — Sam Ortiz Click To Tweet",
        f'"{QUOTE_WORDS}" - Sam Ortiz Click to Tweet',
        f"“{QUOTE_WORDS}” ~Sam Ortiz Tweet this",
        f"“{QUOTE_WORDS}” ~ Sam Ortiz",
        f"{QUOTE_WORDS} ~ Sam Ortiz Share on X",
    ],
)
def test_pull_quote_forms(line: str):
    assert split_pull_quote(line) == (QUOTE_WORDS, "Sam Ortiz")
    body = TRANSCRIPT.replace("Thank you for", f"{line}\n\nThank you for")
    draft = parse(page(body=body))
    assert [(q.text, q.speaker) for q in draft.quotes] == [(QUOTE_WORDS, "Sam Ortiz")]
    assert segment_texts(draft) == segment_texts(parse(page()))  # lifted out of the text


def test_pull_quote_without_a_name():
    assert split_pull_quote(f"“{QUOTE_WORDS}” Click to Tweet") == (QUOTE_WORDS, None)


def test_share_button_on_its_own_line_makes_the_quoted_line_above_a_pull_quote():
    body = TRANSCRIPT.replace("Thank you for", f"“{QUOTE_WORDS}”\nClick to Tweet\n\nThank you for")
    draft = parse(page(body=body))
    assert [q.text for q in draft.quotes] == [QUOTE_WORDS]
    assert f"“{QUOTE_WORDS}”" not in segment_texts(draft)


@pytest.mark.parametrize(
    "line",
    [
        "“Let me think about it.” That is the sentence that takes the work back.",
        "“Let me think about it,” she said, and walked off.",
        f"“{QUOTE_WORDS}”",
        "He sent me a tweet about it later that night.",
    ],
)
def test_quotations_inside_speech_are_not_pull_quotes(line: str):
    assert split_pull_quote(line) is None
    body = TRANSCRIPT.replace("Thank you for", f"{line}\n\nThank you for")
    draft = parse(page(body=body))
    assert draft.quotes == []
    assert line in segment_texts(draft)


def test_host_is_the_pull_quote_speaker_and_segments_stay_unlabelled():
    body = TRANSCRIPT.replace("Thank you for", f'"{QUOTE_WORDS}" ~ Sam Ortiz Share on X\n\nThank')
    draft = parse(page(body=body))
    assert draft.speakers == ["Sam Ortiz"]
    assert {seg.speaker for s in draft.sections for seg in s.segments} == {None}


def test_host_from_self_introduction_when_there_are_no_pull_quotes():
    assert parse(page()).speakers == ["Sam Ortiz"]


# --- outro, footer, show ------------------------------------------------------------------


def test_spoken_outro_stays_and_site_footer_goes():
    footer = (
        "Discover More\n\nJoin our mission to make work better for everyone. Join for free "
        "today!\n\nRelated Posts\n\nEpisode 7: Stop Taking the Monkey Back\nEp. 5 – Trust First"
        "\n\n© 2024 Team Notes. All rights reserved.\n\nBack to Top\n\nScroll to Top\n"
    )
    draft = parse(page(footer=footer))
    texts = all_text(draft)
    assert segment_texts(draft)[-1] == "Thank you for listening to this episode of Team Notes."
    for word in ("Discover", "Join", "Related", "Episode 7", "Monkey", "Trust First", "©", "Top"):
        assert not any(word in t for t in texts), word
    assert draft.title == "Handing Off Well"


def test_footer_marker_followed_by_long_speech_is_not_the_footer():
    speech = " ".join(["We kept talking about handoffs long after the marker line."] * 6)
    body = TRANSCRIPT.replace("Thank you for", f"Related posts\n\n{speech}\n\nThank you for")
    draft = parse(page(body=body))
    assert speech in segment_texts(draft)
    assert segment_texts(draft)[-1] == "Thank you for listening to this episode of Team Notes."


@pytest.mark.parametrize(
    ("speech", "show"),
    [
        ("Thanks for listening to this episode of No More Bad Leaders.", "No More Bad Leaders"),
        ("Hey there, and welcome to The Delegation Desk. Let us begin.", "The Delegation Desk"),
    ],
)
def test_show_name_from_the_speech(speech: str, show: str):
    draft = parse(page(body=f"{speech}\n\nA second paragraph with more words in it.\n"))
    assert draft.show == show


# --- no marker ----------------------------------------------------------------------------


def test_without_a_marker_the_transcript_follows_the_topic_list():
    draft = parse(page(marker=""))
    assert draft.description == "Show notes about handing work off."
    assert draft.topics == ["Why handoffs fail"]
    assert segment_texts(draft)[0].startswith("Welcome to Team Notes.")
    assert headings(draft) == [None, "Why handoffs fail"]


def test_without_marker_or_topics_the_text_after_the_chrome_is_the_transcript():
    draft = parse(page(notes="", topics="", marker=""))
    assert segment_texts(draft)[0].startswith("Welcome to Team Notes.")
    assert draft.title == "Handing Off Well"


def test_a_transcript_link_in_the_footer_is_not_the_marker():
    draft = parse(page(marker="", footer="Related Posts\n\nTranscript\n\nEpisode 5: Trust\n"))
    assert segment_texts(draft)[0].startswith("Welcome to Team Notes.")
    assert "Trust" not in " ".join(all_text(draft))


def test_a_labelled_first_line_is_not_a_title():
    draft = parse("Sam Ortiz: Hi there everyone\n\nLena Park: Hello, Sam, good to see you.\n")
    assert draft.title is None
    assert [seg.speaker for seg in draft.sections[0].segments] == ["Sam Ortiz", "Lena Park"]


# --- speaker labels -----------------------------------------------------------------------


def test_labelled_turns_become_speakers_and_list_points_do_not():
    body = (
        "Sam Ortiz: Welcome to Team Notes. My guest is Lena Park.\n\n"
        "Lena Park: Thanks, Sam.\n\n"
        "Sam Ortiz: How do you hand off a decision?\n\n"
        "Lena Park: In two steps.\n\n"
        "Step one: write it as a question. Step two: add your recommendation.\n"
    )
    draft = parse(page(topics="", body=body))
    turns = [(seg.speaker, seg.text) for s in draft.sections for seg in s.segments]
    assert turns[:2] == [("Sam Ortiz", "Welcome to Team Notes. My guest is Lena Park."),
                         ("Lena Park", "Thanks, Sam.")]  # fmt: skip
    assert turns[-1] == (
        "Lena Park",
        "Step one: write it as a question. Step two: add your recommendation.",
    )


def test_a_lone_colon_phrase_does_not_make_a_speaker():
    body = TRANSCRIPT.replace("Most handoffs", "Sentence number one: most handoffs")
    draft = parse(page(body=body))
    assert {seg.speaker for s in draft.sections for seg in s.segments} == {None}


# --- robustness, sniffing, speed ----------------------------------------------------------


def test_hard_wrapped_paragraphs_are_joined():
    body = (
        "Welcome to Team Notes. I'm Sam Ortiz, and this week is a short one about\n"
        "something that costs nothing and still gets skipped in most teams every\n"
        "single week.\n"
    )
    assert segment_texts(parse(page(body=body)))[0].endswith("in most teams every single week.")


def test_a_page_of_chrome_only_is_a_clear_parse_error():
    with pytest.raises(ParseError, match="no episode text"):
        parse("Listen on Apple Podcasts\nListen on Spotify\n\nScroll to Top\n")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_plain_paragraphs_are_not_claimed():
    assert sniff("Just some notes.\n\nAnother paragraph of notes about delegation.\n") == 0.0


def test_thirty_thousand_words_keep_every_paragraph():
    paragraph = (
        "So the first thing I tell every new manager is to write down what done looks like, "
        "because nobody else will, and the person doing the work deserves to know. "
    ) * 3
    text = page(body="\n\n".join([paragraph] * 330))  # about 30,000 words
    draft = parse(text)
    assert sum(len(t.split()) for t in segment_texts(draft)) > 29000


# --- the bundled samples ------------------------------------------------------------------

SAMPLE_PAGES = [
    SAMPLES / "the-delegation-desk" / "episode-07-the-monkey-on-your-back.txt",
    SAMPLES / "the-delegation-desk" / "ep-12-delegating-decisions-not-tasks.txt",
    SAMPLES / "the-delegation-desk" / "ep22-when-delegation-fails.txt",
    SAMPLES / "the-coaching-hour" / "episode-105-meetings-worth-having.txt",
]
SAMPLE_CHROME = ["Listen on", "Share on X", "Click to Tweet", "Scroll to Top", "Back to Top",
                 "Discover More", "Related Posts", "Subscribe", "Play in new window", "©",
                 "Download the", "Join the", "Apple Podcasts"]  # fmt: skip


@pytest.mark.parametrize("path", SAMPLE_PAGES, ids=lambda p: p.name)
def test_bundled_pages_import_cleanly(path: Path):
    episode = import_file(path)
    assert isinstance(episode, Episode)
    assert episode.format == "web-page"
    assert episode.number is not None
    assert episode.show
    assert episode.speakers
    assert len(episode.topics) >= 3
    assert [s.heading for s in episode.sections] == [None, *episode.topics]
    assert len(episode.quotes) >= 2
    assert all(q.start is not None and q.speaker for q in episode.quotes)
    assert episode.segments()[-1].text.startswith("Thank you for listening")
    for text in [episode.title, episode.description, *episode.topics, episode.text]:
        for chrome in SAMPLE_CHROME:
            assert chrome not in text, (chrome, text[:80])


def test_importer_is_named_web_page():
    assert IMPORTER.name == "web-page"
    assert ".txt" in IMPORTER.suffixes
