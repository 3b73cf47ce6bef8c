from __future__ import annotations

from reader.importers.shared.pull_quotes import find_passage

BODY = (
    "Intro words here.\n\n"
    "As a leader, you’re no longer the one doing it. You’re getting  others\n"
    "to get RESULTS. That is the job."
)


def span_text(quote: str) -> str | None:
    span = find_passage(BODY, quote)
    return BODY[span[0] : span[1]] if span else None


def test_matches_ignoring_quote_style_case_and_spacing():
    assert span_text('"as a leader, you\'re no longer the one doing it."') == (
        "As a leader, you’re no longer the one doing it"
    )
    assert span_text("You're getting others to get results") == (
        "You’re getting  others\nto get RESULTS"
    )


def test_quote_cut_with_ellipsis_spans_from_first_to_last_part():
    assert span_text("As a leader… to get results.") == (
        "As a leader, you’re no longer the one doing it. You’re getting  others\nto get RESULTS"
    )


def test_quote_not_in_body_is_not_placed():
    assert find_passage(BODY, "Awareness is the first big step.") is None
    assert find_passage(BODY, "“…”") is None


def test_partial_words_do_not_match():
    assert find_passage(BODY, "lead") is None
