"""A question typed as a question finds the episodes about its subject (issue 13): stop words
of a plain query are neither required, counted nor marked; a phrase keeps every word."""

from __future__ import annotations

import random

import pytest

QUESTION = "where did we talk about leadership"
#: Sentences with neither "talk" nor "leadership" (nor any of the question's stop words but
#: "we", "about" and "the").
PLAIN = [
    "Budgets grew every quarter.",
    "Hiring took three months.",
    "We reviewed the calendar.",
    "Onboarding went well for everyone.",
]
LEADS = "Leadership starts with listening."
TALKS = "Let us talk it through."


@pytest.fixture
def question_ix(index_of):
    """Generated episodes: about leadership with or without talking, talking only, neither,
    and one that says every word of the question as a sentence."""
    rng = random.Random(13)
    kinds = {
        "both": [LEADS, TALKS, LEADS],
        "leads": [LEADS],
        "talks": [TALKS],
        "neither": [],
        "verbatim": ["Where did we talk about leadership, then?"],
    }
    expected_both, files = [], {}
    for n in range(12):
        kind = list(kinds)[n % len(kinds)]
        name = f"ep{n:02d}-{kind}.md"
        body = " ".join(rng.sample(PLAIN, 2) + kinds[kind])
        files[name] = f"# {name}\n\n**Maya Okafor:** {body}\n"
        if kind in ("both", "verbatim"):
            expected_both.append(name)
    return index_of(files), sorted(expected_both)


def test_a_question_finds_the_episodes_about_its_subject_and_phrases_keep_every_word(question_ix):
    ix, expected = question_ix
    results = ix.search(QUESTION, limit=None)
    assert sorted(hit.path for hit in results.hits) == expected
    assert results.total == len(expected)
    for hit in results.hits:
        text = ix.text_of(hit.path)
        marked = [text[s:e].lower() for s, e in ix.spans(hit.path, QUESTION)]
        # Only the words that carry the question are counted and marked.
        assert set(marked) == {"talk", "leadership"}
        assert hit.matches == len(marked)
        for snippet in hit.snippets:
            words = {snippet.text[s:e].lower() for s, e in snippet.highlights}
            assert words <= {"talk", "leadership"}
    both = next(hit for hit in results.hits if hit.path.endswith("-both.md"))
    assert both.matches == 3  # "Leadership" twice, "talk" once

    # Stop words alone are searched as typed, and a phrase keeps every word.
    alone = [hit.path for hit in ix.search("where did we", limit=None).hits]
    assert alone
    assert all(path.endswith("-verbatim.md") for path in alone)
    phrase = '"where did we talk"'
    said = ix.search(phrase, limit=None).hits
    assert said
    assert all(hit.path.endswith("-verbatim.md") for hit in said)
    text = ix.text_of(said[0].path)
    assert [text[s:e] for s, e in ix.spans(said[0].path, phrase)] == ["Where did we talk"]
