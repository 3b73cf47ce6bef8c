"""The same quote marks and dash in every clipboard flavour, and quotes inside quotes curled
the right way."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reader.quotes import html, markdown, plain_text
from reader.quotes.marks import typeset_quote

from .sample import FULL


@pytest.mark.parametrize(
    ("text", "typeset"),
    [
        (
            'She said "stop taking the monkey" and I\'d agree',
            "She said ‘stop taking the monkey’ and I’d agree",
        ),
        ("He said “go ‘now’ please” ok", "He said ‘go “now” please’ ok"),
        ("the managers' time", "the managers’ time"),
        ("back in the '90s", "back in the ’90s"),
        ("a \"b 'c' d\" e", "a ‘b “c” d’ e"),
        ("“Already in quotes.”", "Already in quotes."),
        ('"Go," she said, "now."', "‘Go,’ she said, ‘now.’"),
    ],
)
def test_quotes_inside_a_quote_take_single_marks(text: str, typeset: str) -> None:
    assert typeset_quote(text) == typeset


def test_every_flavour_uses_the_same_marks_and_dash() -> None:
    info = replace(FULL, quote='Say "no" to what isn\'t yours')
    quoted = "“Say ‘no’ to what isn’t yours”"
    by = "— Maya Okafor, The Delegation Desk, Episode 7: Stop Taking the Monkey Back (12:34)"
    assert plain_text(info) == f"{quoted} {by}"
    assert markdown(info) == f"> {quoted}\n>\n> {by}"
    assert html(info) == f"<blockquote><p>{quoted}</p><footer>{by}</footer></blockquote>"


def test_markdown_and_html_quote_with_the_templates_marks() -> None:
    template = "«{quote}» ({speaker})"
    assert plain_text(FULL, template) == "«Awareness is the first big step.» (Maya Okafor)"
    assert markdown(FULL, template).splitlines()[0] == "> «Awareness is the first big step.»"
    assert html(FULL, template).startswith("<blockquote><p>«Awareness is the first big step.»</p>")
