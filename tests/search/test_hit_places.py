"""Hit navigation steps by place: the words of a query that stand together are one hit."""

from __future__ import annotations

import pytest

from reader.search.index import LibraryIndex

TEXT = (
    "An individual performer grows. Each individual\nperformer is heard. "
    "The performer, an individual, decides.\n\nIndividual\n\nperformer, apart. "
    "A strong individual-performer speaks."
)


@pytest.fixture
def roles_ix(index_of) -> LibraryIndex:
    return index_of({"ep01.md": f"# Episode 1: Roles\n\n**Sam Lee:** {TEXT}\n"})


def test_adjacent_words_of_a_query_are_one_place(roles_ix: LibraryIndex):
    text = roles_ix.text_of("ep01.md")
    spans = roles_ix.spans("ep01.md", "individual performer")
    steps = [" ".join(text[s:e].split()) for s, e in spans]
    assert steps == [
        "individual performer",
        "individual performer",  # across a line break in one paragraph
        "performer",  # a comma between: apart
        "individual",
        "Individual",  # a paragraph apart
        "performer",
        "individual-performer",
    ]


def test_a_result_counts_the_places_the_reader_steps_through(roles_ix: LibraryIndex):
    (hit,) = roles_ix.search("individual performer").hits
    assert hit.matches == len(roles_ix.spans("ep01.md", "individual performer")) == 7
    marked = [s.text[a:b] for s in hit.snippets for a, b in s.highlights]
    assert "individual performer" in marked
