"""Quote attribution and the exact clipboard text, Markdown and HTML users get.

Episodes are either built here or imported from the small transcripts we wrote in
``tests/fixtures/quotes`` (a captions file with speakers and times, an unlabelled copied web
page with click-to-tweet pull quotes), so the real importers feed the attribution rules.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reader.importers import import_file
from reader.model import Episode, Quote, Section, Segment
from reader.quotes.template import (
    DEFAULT_TEMPLATE,
    PLACEHOLDERS,
    QuoteInfo,
    attribution,
    html,
    markdown,
    plain_text,
    pull_quote_info,
    quote_info,
    render_template,
    validate_template,
)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "quotes"


def load(name: str) -> Episode:
    episode = import_file(FIXTURES / name, FIXTURES)
    assert isinstance(episode, Episode), episode
    return episode


def span(episode: Episode, passage: str) -> tuple[int, int]:
    start = episode.text.index(passage)
    return start, start + len(passage)


@pytest.fixture
def rituals() -> Episode:
    return load("ep34-remote-team-rituals.vtt")


@pytest.fixture
def monkey() -> Episode:
    return load("episode-07-stop-taking-the-monkey-back.txt")


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
        '"We start with one question, and it is never" - Daniel Reyes, Lead From the Middle, '
        "Episode 34: Remote Team Rituals (12:34)"
    )
    assert markdown(info) == (
        "> We start with one question, and it is never\n"
        ">\n"
        "> — Daniel Reyes, Lead From the Middle, Episode 34: Remote Team Rituals (12:34)"
    )
    assert html(info) == (
        "<blockquote><p>We start with one question, and it is never</p>"
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
        '"The manager has been hoarding feedback." - Renée L., The Delegation Desk, '
        "Episode 19: Feedback That Lands (1:02:03)"
    )
    assert markdown(info) == (
        "> The manager has been hoarding feedback.\n"
        ">\n"
        "> — Renée L., The Delegation Desk, Episode 19: Feedback That Lands (1:02:03)"
    )
    assert html(info) == (
        "<blockquote><p>The manager has been hoarding feedback.</p>"
        "<footer>— Renée L., The Delegation Desk, Episode 19: Feedback That Lands (1:02:03)"
        "</footer></blockquote>"
    )


def test_pull_quote_without_body_passage_or_attribution() -> None:
    info = pull_quote_info(timed_episode(), 1)
    assert (info.speaker, info.timestamp) == ("Maya Okafor", None)
    assert plain_text(info) == (
        '"Nobody said this anywhere." - Maya Okafor, The Delegation Desk, '
        "Episode 19: Feedback That Lands"
    )


def test_pull_quote_from_a_copied_web_page(monkey: Episode) -> None:
    info = pull_quote_info(monkey, 1)
    assert plain_text(info) == (
        '"Awareness is the first big step." - Tomás Ruiz, The Delegation Desk, '
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
        '"awareness is the first big step. Most managers" - Tomás Ruiz, The Delegation Desk, '
        "Episode 7: Stop Taking the Monkey Back"
    )
    assert markdown(info) == (
        "> awareness is the first big step. Most managers\n"
        ">\n"
        "> — Tomás Ruiz, The Delegation Desk, Episode 7: Stop Taking the Monkey Back"
    )
    assert html(info) == (
        "<blockquote><p>awareness is the first big step. Most managers</p>"
        "<footer>— Tomás Ruiz, The Delegation Desk, Episode 7: Stop Taking the Monkey Back"
        "</footer></blockquote>"
    )


def test_unlabelled_selection_elsewhere_falls_back_to_the_host(monkey: Episode) -> None:
    info = quote_info(monkey, *span(monkey, "write down every piece of work"))
    assert plain_text(info) == (
        '"write down every piece of work" - Maya Okafor, The Delegation Desk, '
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
    assert plain_text(info) == '"Plain words", Notes'


# --------------------------------------------------------------------------- (4) missing parts

FULL = QuoteInfo(
    quote="Awareness is the first big step.",
    speaker="Maya Okafor",
    show="The Delegation Desk",
    title="Stop Taking the Monkey Back",
    number=7,
    timestamp=754.2,
    date="2024-05-14",
)


@pytest.mark.parametrize(
    ("missing", "expected"),
    [
        (
            {},
            '"Awareness is the first big step." - Maya Okafor, The Delegation Desk, '
            "Episode 7: Stop Taking the Monkey Back (12:34)",
        ),
        (
            {"show": None},
            '"Awareness is the first big step." - Maya Okafor, '
            "Episode 7: Stop Taking the Monkey Back (12:34)",
        ),
        (
            {"number": None},
            '"Awareness is the first big step." - Maya Okafor, The Delegation Desk, '
            "Stop Taking the Monkey Back (12:34)",
        ),
        (
            {"timestamp": None},
            '"Awareness is the first big step." - Maya Okafor, The Delegation Desk, '
            "Episode 7: Stop Taking the Monkey Back",
        ),
        (
            {"speaker": None},
            '"Awareness is the first big step.", The Delegation Desk, '
            "Episode 7: Stop Taking the Monkey Back (12:34)",
        ),
        (
            {"title": " ", "number": None, "speaker": ""},
            '"Awareness is the first big step.", The Delegation Desk (12:34)',
        ),
        (
            {"speaker": None, "show": None, "title": None, "timestamp": None},
            '"Awareness is the first big step."',
        ),
    ],
)
def test_missing_parts_drop_out(missing: dict[str, object], expected: str) -> None:
    assert plain_text(replace(FULL, **missing)) == expected  # type: ignore[arg-type]


def test_missing_attribution_leaves_a_bare_quote() -> None:
    info = QuoteInfo("Just words.")
    assert markdown(info) == "> Just words."
    assert html(info) == "<blockquote><p>Just words.</p></blockquote>"
    assert attribution(info) == ""


def test_missing_placeholders_outside_groups_take_their_brackets_and_one_separator() -> None:
    bare = replace(FULL, speaker=None, timestamp=None)
    assert render_template("{quote} ({timestamp}) - {speaker}, {show}", bare) == (
        "Awareness is the first big step. - The Delegation Desk"
    )
    assert render_template("{speaker}, {show}, {title}", replace(FULL, show=None)) == (
        "Maya Okafor, Stop Taking the Monkey Back"
    )
    assert render_template("{speaker}: “{quote}”", bare) == "“Awareness is the first big step.”"
    assert render_template("{quote} —{speaker}", bare) == "Awareness is the first big step."
    # Inside brackets, a separator next to the bracket goes with the missing part.
    assert render_template("{quote} ({speaker}, {show})", bare) == (
        "Awareness is the first big step. (The Delegation Desk)"
    )
    assert render_template("{quote} ({show}, {speaker})", bare) == (
        "Awareness is the first big step. (The Delegation Desk)"
    )
    assert render_template('"{quote}" {speaker}, {show}', bare) == (
        '"Awareness is the first big step.", The Delegation Desk'  # a space yields to a comma
    )


def test_episode_zero_and_time_zero_are_values() -> None:
    info = replace(FULL, number=0, timestamp=0.0)
    assert plain_text(info).endswith("Episode 0: Stop Taking the Monkey Back (0:00)")


# --------------------------------------------------------------------------- (5) templates


@pytest.mark.parametrize(
    ("template", "rendered", "by"),
    [
        (
            DEFAULT_TEMPLATE,
            '"Awareness is the first big step." - Maya Okafor, The Delegation Desk, '
            "Episode 7: Stop Taking the Monkey Back (12:34)",
            "Maya Okafor, The Delegation Desk, Episode 7: Stop Taking the Monkey Back (12:34)",
        ),
        (
            "{quote} —{speaker}",
            "Awareness is the first big step. —Maya Okafor",
            "Maya Okafor",
        ),
        (
            "{speaker} on {show}: “{quote}”",
            "Maya Okafor on The Delegation Desk: “Awareness is the first big step.”",
            "Maya Okafor on The Delegation Desk",
        ),
        (
            "“{quote}”[ ({speaker}[, #{number}])] · {date}",
            "“Awareness is the first big step.” (Maya Okafor, #7) · 2024-05-14",
            "(Maya Okafor, #7) · 2024-05-14",
        ),
        (
            "[{speaker}: ]{quote}[ \\[{timestamp}\\]]",
            "Maya Okafor: Awareness is the first big step. [12:34]",
            "Maya Okafor: [12:34]",  # of the two separators around the quote, the first stays
        ),
        (
            "[“{quote}” ]— {speaker}",
            "“Awareness is the first big step.” — Maya Okafor",
            "Maya Okafor",
        ),
    ],
)
def test_custom_templates_and_their_attribution(template: str, rendered: str, by: str) -> None:
    assert validate_template(template) == []
    assert render_template(template, FULL) == rendered
    assert attribution(FULL, template) == by
    md_by = by.replace("[", "\\[").replace("]", "\\]")  # Markdown escapes brackets
    assert markdown(FULL, template) == f"> Awareness is the first big step.\n>\n> — {md_by}"


def test_nested_groups_drop_inside_out() -> None:
    template = "{quote}[ — {speaker}[ ({show}[, ep. {number}])]]"
    assert render_template(template, FULL) == (
        "Awareness is the first big step. — Maya Okafor (The Delegation Desk, ep. 7)"
    )
    assert render_template(template, replace(FULL, number=None)) == (
        "Awareness is the first big step. — Maya Okafor (The Delegation Desk)"
    )
    assert render_template(template, replace(FULL, show=None)) == (
        "Awareness is the first big step. — Maya Okafor"
    )
    assert render_template(template, replace(FULL, speaker=None)) == (
        "Awareness is the first big step."
    )
    # A group holding only groups shows when one of them has something to show.
    assert render_template("{quote}[ ([{show}][{date}])]", replace(FULL, show=None)) == (
        "Awareness is the first big step. (2024-05-14)"
    )
    assert render_template("{quote}[ ([{show}][{date}])]", replace(FULL, show=None, date=None)) == (
        "Awareness is the first big step."
    )


def test_literal_brackets_and_braces() -> None:
    template = "\\[{quote}\\] \\{{speaker}\\} \\\\ [x]"
    assert validate_template(template) == []
    assert render_template(template, FULL) == (
        "[Awareness is the first big step.] {Maya Okafor} \\ x"
    )


def test_unknown_placeholders_are_reported_and_written_as_typed() -> None:
    template = "{quote} - {Speaker}[, {episode}]"
    problems = validate_template(template)
    assert len(problems) == 2
    assert problems[0].startswith("Unknown placeholder {Speaker}. Did you mean {speaker}?")
    assert "{episode}" in problems[1]
    assert all("{timestamp}" in problem for problem in problems)  # lists what is known
    assert render_template(template, FULL) == (
        "Awareness is the first big step. - {Speaker}, {episode}"
    )


@pytest.mark.parametrize(
    ("template", "rendered", "problem"),
    [
        ("{quote} [{speaker}", "Awareness is the first big step. [Maya Okafor", "character 9"),
        ("{quote}] {speaker}", "Awareness is the first big step.] Maya Okafor", "character 8"),
        ("{quote} {speaker", "Awareness is the first big step. {speaker", "character 9"),
        ("{quote} speaker}", "Awareness is the first big step. speaker}", "character 16"),
        ("[[{quote}]", "[Awareness is the first big step.", "character 1"),
    ],
)
def test_unbalanced_brackets_never_raise(template: str, rendered: str, problem: str) -> None:
    assert render_template(template, FULL) == rendered
    problems = validate_template(template)
    assert len(problems) == 1
    assert problem in problems[0]


def test_a_template_without_the_quote_is_reported() -> None:
    assert validate_template("{speaker}, {show}") == [
        "There is no {quote} placeholder, so the quote itself would be left out."
    ]
    assert validate_template("[{quote}]") == []


def test_every_placeholder_renders() -> None:
    template = " | ".join(f"{{{name}}}" for name in PLACEHOLDERS)
    assert render_template(template, FULL) == (
        "Awareness is the first big step. | Maya Okafor | The Delegation Desk | "
        "Stop Taking the Monkey Back | 7 | 12:34 | 2024-05-14"
    )


# --------------------------------------------------------------------------- (6) escaping

HOSTILE = QuoteInfo(
    quote='Use <script>alert("x")</script> & <b>bold</b> sparingly',
    speaker="Q&A <Team>",
    show="Tips & Tricks",
    title="<i>Markup</i>",
    number=3,
)


def test_html_escapes_every_piece() -> None:
    assert html(HOSTILE) == (
        '<blockquote><p>Use &lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;'
        " sparingly</p><footer>— Q&amp;A &lt;Team&gt;, Tips &amp; Tricks, "
        "Episode 3: &lt;i&gt;Markup&lt;/i&gt;</footer></blockquote>"
    )
    assert "<script>" not in html(HOSTILE, "{quote} {speaker} {title}")


def test_plain_text_is_not_escaped() -> None:
    assert plain_text(HOSTILE) == (
        '"Use <script>alert("x")</script> & <b>bold</b> sparingly" - Q&A <Team>, '
        "Tips & Tricks, Episode 3: <i>Markup</i>"
    )


def test_markdown_escapes_what_would_change_meaning() -> None:
    info = QuoteInfo(
        quote="# Not a heading\n1. not a list\n- nor this\n"
        "*stars* _under_ `code` [link](x) <b> &amp; a\\b ~~gone~~ ---\n---",
        speaker="Ann_Lee",
        show="Show *Live*",
    )
    assert markdown(info) == (
        "> \\# Not a heading\n"
        "> 1\\. not a list\n"
        "> \\- nor this\n"
        "> \\*stars\\* \\_under\\_ \\`code\\` \\[link\\](x) \\<b\\> \\&amp; a\\\\b "
        "\\~\\~gone\\~\\~ ---\n"
        "> \\---\n"
        ">\n"
        "> — Ann\\_Lee, Show \\*Live\\*"
    )


def test_plain_words_are_left_alone_in_markdown() -> None:
    info = replace(FULL, quote="It’s 3.5 times (roughly) better - honestly! Q&A.")
    assert markdown(info).splitlines()[0] == "> It’s 3.5 times (roughly) better - honestly! Q&A."


def test_multi_line_quotes() -> None:
    info = replace(FULL, quote="First line\n\n  second   line  \nthird <line>", timestamp=None)
    assert markdown(info) == (
        "> First line\n"
        ">\n"
        "> second line\n"
        "> third \\<line\\>\n"
        ">\n"
        "> — Maya Okafor, The Delegation Desk, Episode 7: Stop Taking the Monkey Back"
    )
    assert html(info) == (
        "<blockquote><p>First line<br><br>second line<br>third &lt;line&gt;</p>"
        "<footer>— Maya Okafor, The Delegation Desk, Episode 7: Stop Taking the Monkey Back"
        "</footer></blockquote>"
    )


def test_quotes_from_a_selection_are_collapsed_to_one_line(rituals: Episode) -> None:
    start, _ = span(rituals, "on a Monday morning?")
    _, end = span(rituals, "We start")
    info = quote_info(rituals, start, end)
    assert info.quote == "on a Monday morning? We start"
    assert markdown(info).splitlines()[0] == "> on a Monday morning? We start"


def test_names_from_files_are_one_line() -> None:
    info = replace(FULL, speaker="  Maya\n Okafor ", show="The\tDelegation Desk")
    assert attribution(info) == (
        "Maya Okafor, The Delegation Desk, Episode 7: Stop Taking the Monkey Back (12:34)"
    )


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
