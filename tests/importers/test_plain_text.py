"""Plain text: the fallback for text no other format claims."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.importers import import_file
from reader.importers.base import Draft, ParseError
from reader.importers.formats.plain_text import parse, sniff
from reader.model import Episode


def paragraphs(draft: Draft) -> list[str]:
    assert len(draft.sections) == 1
    assert draft.sections[0].heading is None
    assert all(s.speaker is None and s.start is None for s in draft.sections[0].segments)
    return [s.text for s in draft.sections[0].segments]


def test_sniff_is_a_low_fallback_score():
    assert sniff("Anything at all.") == 0.1
    assert sniff("  \n\n ") == 0.0
    assert sniff("") == 0.0


def test_paragraphs_become_segments_and_wrapped_lines_are_joined():
    draft = parse("First line\nwraps here.\n\n\n  Second   paragraph.  \n \nThird.\n")
    assert paragraphs(draft) == ["First line wraps here.", "Second paragraph.", "Third."]


def test_list_items_keep_their_own_lines():
    draft = parse("Things to try:\n- one\n- two\n• three\n1. four\n")
    assert paragraphs(draft) == ["Things to try:\n- one\n- two\n• three\n1. four"]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Notes From the Offsite\n\nWe met.\n", "Notes From the Offsite"),
        ("Episode 4: Trust\n\nWe met.\n", "Episode 4: Trust"),
        ("We met on Tuesday.\n\nIt went well.\n", None),  # final punctuation: a sentence
        ("Notes\nFrom the offsite\n\nWe met.\n", None),  # two lines: a paragraph
        ("Only a title line\n", None),  # nothing after it: it is the text
        ("- a list item\n\nWe met.\n", None),
        (" ".join(["word"] * 20) + "\n\nWe met.\n", None),  # too long for a title
        ("A question for you?\n\nWe met.\n", None),
    ],
)
def test_a_first_short_line_without_final_punctuation_is_the_title(text: str, title: str | None):
    draft = parse(text)
    assert draft.title == title
    if title:
        assert title not in paragraphs(draft)


def test_the_title_reaches_the_episode(tmp_path: Path):
    path = tmp_path / "ep4.txt"
    path.write_text("Notes From the Offsite\n\nWe met on Tuesday.\n", encoding="utf-8")
    episode = import_file(path)
    assert isinstance(episode, Episode)
    assert (episode.format, episode.number, episode.title) == ("text", 4, "Notes From the Offsite")
    assert episode.text == "We met on Tuesday."


@pytest.mark.parametrize("text", ["", "\n\n", " \t\n"])
def test_empty_text_is_a_parse_error(text: str):
    with pytest.raises(ParseError, match="the file holds no text"):
        parse(text)


def test_binary_data_decoded_as_text_is_refused():
    junk = "".join(chr(i % 32) for i in range(2000))
    assert sniff(junk) == 0.0
    with pytest.raises(ParseError, match="binary data"):
        parse(junk)


def test_stray_control_characters_are_removed():
    assert paragraphs(parse("Hello\x00 there\x07.\x0cBye.\n")) == ["Hello there. Bye."]


def test_thirty_thousand_words_keep_every_paragraph():
    text = "Title Line\n\n" + ("Delegation starts with trust and ends with it.\n" * 6 + "\n") * 700
    assert len(text.split()) >= 30000
    assert len(paragraphs(parse(text))) == 700


def test_long_lines_without_blank_lines_are_one_paragraph_each():
    lines = [f"Paragraph {i} " + "runs on and on without a break " * 8 + "." for i in range(3)]
    draft = parse("\n".join(lines) + "\n")
    assert [s.text for s in draft.sections[0].segments] == [
        " ".join(line.split()) for line in lines
    ]


def test_hard_wrapped_lines_are_still_one_paragraph():
    draft = parse("This line was wrapped\nfor width by an editor\nlong ago.\n")
    assert [s.text for s in draft.sections[0].segments] == [
        "This line was wrapped for width by an editor long ago."
    ]


def test_a_bracketed_time_opening_a_paragraph_is_its_start():
    draft = parse("[00:01:05] The beds were dug.\n\nThen came the rain.\n")
    assert [(s.start, s.text) for s in draft.sections[0].segments] == [
        (65.0, "The beds were dug."),
        (None, "Then came the rain."),
    ]
