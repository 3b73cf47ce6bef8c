"""Snippets: the passages a search result shows, with its hits marked."""

from __future__ import annotations

import re

from reader.search.snippets import ELLIPSIS, make_snippets

FILLER = "We spent the week on hiring plans and the budget. "


def spans_of(text: str, word: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(rf"\b{word}\b", text)]


def test_highlights_point_at_the_hits():
    text = FILLER * 10 + "Delegation is a skill. " + FILLER * 10 + "Delegation again. " + FILLER
    snippets = make_snippets(text, spans_of(text, "Delegation"))
    assert len(snippets) == 2
    for snippet in snippets:
        assert [snippet.text[s:e] for s, e in snippet.highlights] == ["Delegation"]
        assert snippet.text.startswith(ELLIPSIS)  # cut from the middle of the text
        assert len(snippet.text) <= 230
    assert snippets[0].text.endswith(ELLIPSIS)
    assert snippets[1].text.endswith("budget.")  # reaches the end: nothing is cut


def test_a_word_everywhere_gives_three_dense_passages_in_text_order():
    text = " ".join(f"The team met on day {n} and the team agreed." for n in range(300))
    spans = spans_of(text, "team")
    snippets = make_snippets(text, spans)
    assert len(snippets) == 3
    starts = [text.index(s.text.strip(ELLIPSIS)[:40]) for s in snippets]
    assert starts == sorted(starts)
    for snippet in snippets:
        assert len(snippet.highlights) >= 5  # about one "team" every 20 characters
        assert all(snippet.text[s:e] == "team" for s, e in snippet.highlights)


def test_no_hits_gives_the_opening():
    text = FILLER * 20
    (snippet,) = make_snippets(text, [])
    assert snippet.highlights == []
    assert text.startswith(snippet.text.removesuffix(ELLIPSIS))


def test_blank_text_has_no_snippets():
    assert make_snippets("  \n ", [(0, 1)]) == []
