"""Markdown transcripts: each rule of issue 3 (format 3) as a reader would notice it."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import pytest

from reader.importers import import_file
from reader.importers.base import Draft, ParseError
from reader.importers.formats.markdown import parse
from reader.model import Episode

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"

#: A guard against hangs, far above any real parse time (which the benchmark measures).
HANG_SECONDS = 20.0


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def imported(tmp_path: Path, name: str, text: str) -> Episode:
    episode = import_file(write(tmp_path, name, text))
    assert isinstance(episode, Episode), episode
    return episode


def segments(draft: Draft) -> list[tuple[str | None, float | None, str]]:
    return [(s.speaker, s.start, s.text) for sec in draft.sections for s in sec.segments]


# --------------------------------------------------------------------------- title and notes


def test_title_heading_gives_title_and_episode_number(tmp_path: Path):
    episode = imported(
        tmp_path, "notes.md", "# Episode 19: Feedback That Lands\n\n**Maya:** Hello.\n"
    )
    assert (episode.number, episode.title) == (19, "Feedback That Lands")
    assert episode.text == "Hello."


def test_front_matter_gives_title_date_show_number_and_topics():
    draft = parse(
        "---\ntitle: 'Saying No'\ndate: 2024-03-05\nshow: The Margin Notes\nepisode: 14\n"
        "topics:\n  - Boundaries\n  - Saying no\n---\n\n# Saying No\n\n**Lena:** No.\n"
    )
    assert draft.title == "Saying No"
    assert draft.date == "2024-03-05"
    assert draft.show == "The Margin Notes"
    assert draft.number == 14
    assert draft.topics == ["Boundaries", "Saying no"]
    assert segments(draft) == [("Lena", None, "No.")]  # the repeated # title is not text


def test_front_matter_dates_are_normalised_and_bad_ones_warned_about():
    assert parse("---\ndate: March 5, 2024\n---\nText.\n").date == "2024-03-05"
    draft = parse("---\ndate: sometime in spring\n---\nText.\n")
    assert draft.date is None
    assert draft.warnings == ["front matter date not understood: sometime in spring"]


def test_unclosed_front_matter_is_not_swallowed():
    draft = parse("---\ntitle: x\n\n**Lena:** Still here.\n")
    assert draft.title is None
    assert ("Lena", None, "Still here.") in segments(draft)


def test_intro_before_first_label_and_heading_is_the_description():
    draft = parse(
        "# Title\n\nIn this episode we talk about *endings*.\n\n**Lena:** Hello.\n\n"
        "## Part two\n\nUnlabelled narration.\n"
    )
    assert draft.description == "In this episode we talk about endings."
    assert segments(draft)[0] == ("Lena", None, "Hello.")
    assert "In this episode" not in " ".join(t for *_, t in segments(draft))


def test_text_after_a_heading_is_transcript_not_description():
    draft = parse("# Title\n\n## Introduction\n\nWelcome to the show.\n")
    assert draft.description == ""
    assert draft.sections[0].heading == "Introduction"
    assert segments(draft) == [(None, None, "Welcome to the show.")]


def test_a_file_with_no_labels_or_headings_is_all_transcript():
    draft = parse("First paragraph.\n\nSecond paragraph.\n")
    assert draft.description == ""
    assert [t for *_, t in segments(draft)] == ["First paragraph.", "Second paragraph."]


def test_show_notes_topics_and_transcript_marker_headings():
    draft = parse(
        "# T\n\n## Show notes\n\nA summary.\n\n## In this episode\n\n* One\n* Two\n\n"
        "## Transcript\n\n**Lena:** Hi.\n\n## Links\n\n- [Site](https://x.example)\n"
    )
    assert draft.description == "A summary.\n\n• Site"
    assert draft.topics == ["One", "Two"]
    assert [s.heading for s in draft.sections] == [None]
    assert segments(draft) == [("Lena", None, "Hi.")]


def test_a_notes_heading_over_speech_stays_a_section():
    draft = parse("**Lena:** Hi.\n\n## Summary\n\n**Omar:** To sum up, we agree.\n")
    assert [s.heading for s in draft.sections] == [None, "Summary"]
    assert draft.description == ""


def test_topic_list_after_a_lead_in_line():
    draft = parse("# T\n\nIn this episode you'll hear:\n\n- Why\n- How\n\n**Lena:** Hi.\n")
    assert draft.topics == ["Why", "How"]
    assert draft.description == "In this episode you'll hear:"


# --------------------------------------------------------------------------- headings, turns


def test_headings_become_sections():
    draft = parse("## One\n\n**A B:** x.\n\n### Two ###\n\n**A B:** y.\n\nSetext\n------\n\nz.\n")
    assert [s.heading for s in draft.sections] == ["One", "Two", "Setext"]


@pytest.mark.parametrize("label", ["**Maya Okafor:**", "**Maya Okafor**:", "__Maya Okafor:__"])
def test_speaker_label_styles(label: str):
    assert segments(parse(f"{label} Hello there.\n")) == [("Maya Okafor", None, "Hello there.")]


def test_a_rule_under_a_labelled_turn_is_not_a_heading():
    draft = parse("**Maya:** Bye.\n---\n\n**Sam:** Hi.\n")
    assert [s.heading for s in draft.sections] == [None]
    assert segments(draft) == [("Maya", None, "Bye."), ("Sam", None, "Hi.")]


def test_unlabelled_paragraphs_continue_the_last_speaker_as_their_own_segments():
    draft = parse("**Maya:** One.\n\nTwo.\n\n**Sam:** Three.\n\nFour.\n")
    assert segments(draft) == [
        ("Maya", None, "One."),
        ("Maya", None, "Two."),
        ("Sam", None, "Three."),
        ("Sam", None, "Four."),
    ]


def test_a_heading_ends_the_speakers_run():
    draft = parse("**Maya:** One.\n\n## Next\n\nNarration.\n")
    assert segments(draft)[-1] == (None, None, "Narration.")


def test_labels_on_consecutive_lines_are_separate_turns():
    draft = parse("**A B:** Coffee?\n**C D:** Tea.\nPlease.\n")
    assert segments(draft) == [("A B", None, "Coffee?"), ("C D", None, "Tea. Please.")]


def test_bold_text_that_is_no_name_is_not_a_label():
    draft = parse("**Note:** recorded live.\n\n**Key takeaway:** ask early.\n\n**Maya:** Hi.\n")
    assert [s.speaker for s in draft.sections[0].segments] == ["Maya"]
    assert draft.description == "Note: recorded live.\n\nKey takeaway: ask early."


# --------------------------------------------------------------------------- timestamps


@pytest.mark.parametrize(
    ("line", "start"),
    [
        ("**Maya:** \\[00:04:01\\] Text.", 241.0),
        ("**Maya:** \\[00:04:01.06\\] Text.", 241.06),
        ("\\[01:00:00\\] **Maya:** Text.", 3600.0),
        ("**Maya:** [04:01] Text.", 241.0),
        ("**Maya:** [00:04:01](https://x.example/#t=241) Text.", 241.0),
    ],
)
def test_timestamp_at_start_of_turn_is_its_start_and_leaves_the_text(line: str, start: float):
    assert segments(parse(line + "\n")) == [("Maya", start, "Text.")]


def test_timestamp_elsewhere_is_removed():
    draft = parse("**Maya:** One. \\[00:01:02\\] Two.\n\n\\[00:02:00\\] Three.\n")
    assert segments(draft) == [("Maya", None, "One. Two."), ("Maya", 120.0, "Three.")]


def test_annotations_are_kept_unescaped():
    """Readers expect [laughs] in a transcript, as in captions; only the escapes go."""
    assert segments(parse("**Maya:** Sure. \\[laughs\\] Fine.\n"))[0][2] == "Sure. [laughs] Fine."


# --------------------------------------------------------------------------- pull quotes


def test_blockquotes_are_pull_quotes_not_running_text():
    draft = parse(
        "**Kenji:** You have to design it so the fear has nowhere to land.\n\n"
        "> “The fear has nowhere to land.” — Kenji Watanabe\n\n"
        "**Daniel:** Nice.\n"
    )
    assert [(q.text, q.speaker) for q in draft.quotes] == [
        ("The fear has nowhere to land.", "Kenji Watanabe")
    ]
    assert all("—" not in t for *_, t in segments(draft))
    assert len(segments(draft)) == 2


def test_attribution_on_its_own_line_with_a_role_after_the_name():
    draft = parse(
        '> "Small promises, kept."\n> — Omar Haddad, team coach\n\n'
        "**Omar:** Small promises, kept. That is the job.\n"
    )
    assert [(q.text, q.speaker) for q in draft.quotes] == [("Small promises, kept.", "Omar Haddad")]


def test_quote_without_attribution_is_credited_to_the_turn_it_repeats():
    draft = parse(
        "**Maya:** One thing.\n\n**Renée:** If you skip it, you've left them alone with it.\n\n"
        "> If you skip it, you’ve left them alone with it.\n"
    )
    assert [(q.text, q.speaker) for q in draft.quotes] == [
        ("If you skip it, you’ve left them alone with it.", "Renée")
    ]


def test_a_dash_inside_the_quote_is_not_an_attribution():
    draft = parse(
        "**Maya:** It was a lesson — never again, I said to myself.\n\n"
        "> It was a lesson — Never again, I said\n"
    )
    assert [(q.text, q.speaker) for q in draft.quotes] == [
        ("It was a lesson — Never again, I said", "Maya")
    ]


# --------------------------------------------------------------------------- passages read on air


def test_a_blockquote_read_on_air_stays_in_the_body_where_it_was_read():
    draft = parse(
        "**Ines Duarte:** Here is what the letter said.\n\n"
        "> Dear team, the office moves on Friday.\n>\n> Bring your own mug.\n\n"
        "**Pavel Novak:** Classic.\n"
    )
    assert segments(draft) == [
        ("Ines Duarte", None, "Here is what the letter said."),
        ("Ines Duarte", None, "Dear team, the office moves on Friday."),
        ("Ines Duarte", None, "Bring your own mug."),
        ("Pavel Novak", None, "Classic."),
    ]
    assert draft.quotes == []


def test_a_blockquote_that_retypes_a_passage_is_a_pull_quote_not_said_twice():
    draft = parse(
        "**Ines Duarte:** The hard part of a move is never the boxes, it is the habits.\n\n"
        "> “The hard part of a move is never the boxes, it's the habits.”\n\n"
        "**Pavel Novak:** True.\n"
    )
    assert [(q.text, q.speaker) for q in draft.quotes] == [
        ("The hard part of a move is never the boxes, it's the habits.", "Ines Duarte")
    ]
    assert [t for *_, t in segments(draft)] == [
        "The hard part of a move is never the boxes, it is the habits.",
        "True.",
    ]


def test_a_read_out_passage_that_repeats_nothing_in_the_notes_stays_in_the_description():
    draft = parse(
        "# Moving Day\n\nA short episode about the move.\n\n> Boxes are not a plan.\n\n"
        "**Ines Duarte:** Welcome.\n\n**Pavel Novak:** Hello.\n"
    )
    assert draft.description == "A short episode about the move.\n\nBoxes are not a plan."
    assert draft.quotes == []


# --------------------------------------------------------------------------- inline markup


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("*one* _two_ **three** __four__ ***five*** ~~six~~", "one two three four five six"),
        ("a [link](https://x.example/a_(b)) here", "a link here"),
        ('a [link](https://x.example "Title") and [ref][1]', "a link and ref"),
        ("see ![alt text](pic.png)", "see alt text"),
        ("run `make test` now", "run make test now"),
        ("keep snake_case_names and 2 * 3 * 4", "keep snake_case_names and 2 * 3 * 4"),
        ("<b>bold</b> <span class='x'>span</span><br>next", "bold span next"),
        ("<script>alert(1)</script>safe <!-- hidden -->text", "safe text"),
        ("Q&amp;A &mdash; &lt;b&gt; stays text", "Q&A — <b> stays text"),
        ("\\*not emphasis\\* and \\_kept\\_", "*not emphasis* and _kept_"),
        ("<https://x.example/page>", "https://x.example/page"),
        ("wrapped\nline", "wrapped line"),
    ],
)
def test_inline_markdown_becomes_plain_text(markdown: str, text: str):
    assert segments(parse(f"**Maya:** {markdown}\n"))[0][2] == text


def test_link_reference_definitions_are_not_text():
    draft = parse("**Maya:** See [the site][1].\n\n[1]: https://x.example\n")
    assert segments(draft) == [("Maya", None, "See the site.")]


def test_lists_inside_a_turn_keep_each_item():
    draft = parse("**Maya:** Three things:\n\n- one\n- two\n")
    assert segments(draft) == [
        ("Maya", None, "Three things:"),
        ("Maya", None, "one"),
        ("Maya", None, "two"),
    ]


# --------------------------------------------------------------------------- failures, speed


@pytest.mark.parametrize("text", ["# Only a title\n", "---\n\n***\n"])
def test_no_transcript_text_is_a_parse_error(text: str):
    with pytest.raises(ParseError, match="no transcript text found"):
        parse(text)


@pytest.mark.parametrize(
    "text",
    [
        "*a " * 20000,
        "`" * 30000,
        "<!--" * 10000,
        "[" * 20000 + "](",
        "_a " * 20000,
        "> x\n" * 10000,
        "[a](" * 10000,
        "![x](" * 10000,
        "<script>" * 10000,
        "<a " * 10000,
        "**A:** " * 9000,
    ],
    ids=[
        *("stars", "backticks", "comments", "brackets", "underscores", "quotes"),
        *("links", "images", "scripts", "tags", "labels"),
    ],
)
def test_pathological_input_never_hangs(text: str):
    """A guard against catastrophic regex backtracking (minutes), not a speed test: the
    benchmark (tests/benchmarks/bench_import.py) measures speed."""
    started = time.perf_counter()
    with contextlib.suppress(ParseError):
        parse("**Maya:** " + text)
    assert time.perf_counter() - started < HANG_SECONDS


def test_thirty_thousand_words_keep_every_turn():
    turn = "**Maya Okafor:** \\[00:01:02\\] " + "Delegation *starts* with [trust](x). " * 10
    text = "# Episode 1: Big\n\n" + "\n\n".join([turn] * 750) + "\n"
    assert len(text.split()) >= 30000
    draft = parse(text)
    assert sum(len(s.segments) for s in draft.sections) == 750


# --------------------------------------------------------------------------- sniffing


def test_markdown_is_recognised_by_content_with_a_txt_suffix(tmp_path: Path):
    episode = imported(
        tmp_path, "notes.txt", "# Ep 3: Trust\n\n**Maya:** Hello.\n\n**Sam:** Hi there.\n"
    )
    assert episode.format == "markdown"
    assert episode.speakers == ["Maya", "Sam"]


# --------------------------------------------------------------------------- real samples


def test_bundled_skip_level_episode():
    episode = import_file(REPO / "episodes/lead-from-the-middle/ep32-skip-level-meetings.md")
    assert isinstance(episode, Episode)
    assert (episode.number, episode.title) == (32, "Skip-Level Meetings Without the Fear")
    assert episode.show == "Lead From the Middle"
    assert episode.speakers == ["Daniel Reyes", "Kenji Watanabe"]
    assert episode.description.startswith("Welcome to Lead From the Middle, the show for")
    assert [s.heading for s in episode.sections][:2] == [
        "Introduction",
        "Why skip-levels feel scary",
    ]
    first = episode.sections[0].segments[0]
    assert (first.speaker, first.start) == ("Daniel Reyes", 4.0)
    assert first.text.startswith("Welcome back to Lead From the Middle.")
    assert [q.speaker for q in episode.quotes] == ["Kenji Watanabe", "Kenji Watanabe"]
    assert all(q.start is not None for q in episode.quotes)
    for junk in ("**", "\\[", "00:02:55", "> “"):
        assert junk not in episode.text
    assert "[laughs]" in episode.text


def test_bundled_feedback_episode():
    episode = import_file(REPO / "episodes/the-delegation-desk/episode-19-feedback-that-lands.md")
    assert isinstance(episode, Episode)
    assert (episode.number, episode.title) == (19, "Feedback That Lands")
    assert episode.show == "The Delegation Desk"
    assert episode.description.startswith("On this episode of The Delegation Desk")
    assert [(q.speaker, q.start is not None) for q in episode.quotes] == [
        ("Renée Laurent", True),
        ("Renée Laurent", True),
    ]
    assert episode.sections[1].segments[0].start == 495.0
