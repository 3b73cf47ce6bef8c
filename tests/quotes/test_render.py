"""The exact clipboard text, Markdown and HTML users get, escaped where it must be."""

from __future__ import annotations

from dataclasses import replace

from reader.quotes import (
    QuoteInfo,
    html,
    markdown,
    plain_text,
)
from reader.quotes.template import attribution

from .sample import FULL

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
        "<blockquote><p>“Use &lt;script&gt;alert(‘x’)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
        " sparingly”</p><footer>— Q&amp;A &lt;Team&gt;, Tips &amp; Tricks, "
        "Episode 3: &lt;i&gt;Markup&lt;/i&gt;</footer></blockquote>"
    )
    assert "<script>" not in html(HOSTILE, "{quote} {speaker} {title}")


def test_plain_text_is_not_escaped() -> None:
    assert plain_text(HOSTILE) == (
        "“Use <script>alert(‘x’)</script> & <b>bold</b> sparingly” — Q&A <Team>, "
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
        "> “# Not a heading\n"
        "> 1\\. not a list\n"
        "> \\- nor this\n"
        "> \\*stars\\* \\_under\\_ \\`code\\` \\[link\\](x) \\<b\\> \\&amp; a\\\\b "
        "\\~\\~gone\\~\\~ ---\n"
        "> ---”\n"  # no longer a rule or a heading underline: nothing to escape
        ">\n"
        "> — Ann\\_Lee, Show \\*Live\\*"
    )


def test_addresses_in_a_quote_do_not_become_links_in_markdown() -> None:
    """GitHub's Markdown (and the notes preview) links bare addresses by themselves."""
    info = QuoteInfo(
        quote="Mail ann@example.org or see https://example.com/x and www.example.com",
        speaker="Ann (ann@example.org)",
    )
    assert markdown(info) == (
        "> “Mail ann\\@example.org or see https\\://example.com/x and www\\.example.com”\n"
        ">\n"
        "> — Ann (ann\\@example.org)"
    )


def test_a_link_makes_the_attribution_a_link_and_keeps_it_readable() -> None:
    url = "episode-reader://passage?path=a.srt&text=x"
    lines = markdown(FULL, link=lambda _info: url).splitlines()
    assert lines[-1] == f"> — [{attribution(FULL)}]({url})"
    assert markdown(FULL, link=lambda _info: None) == markdown(FULL)
    no_attribution = markdown(FULL, "“{quote}”", link=lambda _info: url).splitlines()
    assert no_attribution[-1] == f"> — [12:34]({url})"


def test_plain_words_are_left_alone_in_markdown() -> None:
    info = replace(FULL, quote="It’s 3.5 times (roughly) better - honestly! Q&A.")
    assert markdown(info).splitlines()[0] == (
        "> “It’s 3.5 times (roughly) better - honestly! Q&A.”"
    )


def test_multi_line_quotes() -> None:
    info = replace(FULL, quote="First line\n\n  second   line  \nthird <line>", timestamp=None)
    assert markdown(info) == (
        "> “First line\n"
        ">\n"
        "> second line\n"
        "> third \\<line\\>”\n"
        ">\n"
        "> — Maya Okafor, The Delegation Desk, Episode 7: Stop Taking the Monkey Back"
    )
    assert html(info) == (
        "<blockquote><p>“First line<br><br>second line<br>third &lt;line&gt;”</p>"
        "<footer>— Maya Okafor, The Delegation Desk, Episode 7: Stop Taking the Monkey Back"
        "</footer></blockquote>"
    )


def test_names_from_files_are_one_line() -> None:
    info = replace(FULL, speaker="  Maya\n Okafor ", show="The\tDelegation Desk")
    assert attribution(info) == (
        "Maya Okafor, The Delegation Desk, Episode 7: Stop Taking the Monkey Back (12:34)"
    )
