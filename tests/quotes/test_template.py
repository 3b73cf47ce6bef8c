"""The attribution template language: missing parts, groups, escapes and problems reported."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reader.quotes import (
    DEFAULT_TEMPLATE,
    PLACEHOLDERS,
    QuoteInfo,
    html,
    markdown,
    plain_text,
    render_template,
    validate_template,
)
from reader.quotes.template import attribution

from .sample import FULL

# --------------------------------------------------------------------------- (4) missing parts


@pytest.mark.parametrize(
    ("missing", "expected"),
    [
        (
            {},
            "“Awareness is the first big step.” — Maya Okafor, The Delegation Desk, "
            "Episode 7: Stop Taking the Monkey Back (12:34)",
        ),
        (
            {"show": None},
            "“Awareness is the first big step.” — Maya Okafor, "
            "Episode 7: Stop Taking the Monkey Back (12:34)",
        ),
        (
            {"number": None},
            "“Awareness is the first big step.” — Maya Okafor, The Delegation Desk, "
            "Stop Taking the Monkey Back (12:34)",
        ),
        (
            {"timestamp": None},
            "“Awareness is the first big step.” — Maya Okafor, The Delegation Desk, "
            "Episode 7: Stop Taking the Monkey Back",
        ),
        (
            {"speaker": None},
            "“Awareness is the first big step.”, The Delegation Desk, "
            "Episode 7: Stop Taking the Monkey Back (12:34)",
        ),
        (
            {"title": " ", "number": None, "speaker": ""},
            "“Awareness is the first big step.”, The Delegation Desk (12:34)",
        ),
        (
            {"speaker": None, "show": None, "title": None, "timestamp": None},
            "“Awareness is the first big step.”",
        ),
    ],
)
def test_missing_parts_drop_out(missing: dict[str, object], expected: str) -> None:
    assert plain_text(replace(FULL, **missing)) == expected  # type: ignore[arg-type]


def test_missing_attribution_leaves_a_bare_quote() -> None:
    info = QuoteInfo("Just words.")
    assert markdown(info) == "> “Just words.”"
    assert html(info) == "<blockquote><p>“Just words.”</p></blockquote>"
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
            "“Awareness is the first big step.” — Maya Okafor, The Delegation Desk, "
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
    quoted = "“Awareness is the first big step.”" if "“{quote}”" in template else FULL.quote
    # The block quote puts the marks the plain text puts around the quote (or none).
    assert markdown(FULL, template) == f"> {quoted}\n>\n> — {md_by}"


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
