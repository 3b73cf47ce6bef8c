"""A hyphenated word in a query ("follow-up", "one-on-one") finds the episodes that say it,
as a phrase: the parser read its hyphen as NOT, so "follow-up" found the episodes that never
say "up", and "one-on-one" found nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.library.sync import sync_library
from reader.search.compounds import quoted_compounds
from reader.search.index import LibraryIndex

EPISODES = {
    "ep1.md": "# Check-ins\n\n**Ana:** Book a follow-up after every one-on-one, said Ana.\n",
    "ep2.md": "# Plans\n\n**Tom:** Follow the plan and the team will follow you.\n",
    "ep3.md": "# Lifts\n\n**Kim:** Pick it up, follow through, then look up.\n",
}


@pytest.fixture
def ix(tmp_path: Path) -> Iterator[LibraryIndex]:
    library = tmp_path / "lib"
    library.mkdir()
    for name, text in EPISODES.items():
        (library / name).write_text(text, encoding="utf-8")
    index = LibraryIndex(library, tmp_path / "cache")
    sync_library(index)
    yield index
    index.close()


def paths(ix: LibraryIndex, query: str) -> list[str]:
    return sorted(hit.path for hit in ix.search(query, limit=None).hits)


def test_a_hyphenated_word_finds_the_episodes_that_say_it(ix: LibraryIndex) -> None:
    assert paths(ix, "follow-up") == ["ep1.md"]
    assert paths(ix, "one-on-one") == ["ep1.md"]
    assert paths(ix, "ONE-ON-ONE ana") == ["ep1.md"]
    assert paths(ix, "(follow-up OR plan)") == ["ep1.md", "ep2.md"]
    assert paths(ix, "follow -follow-up") == ["ep2.md", "ep3.md"]  # a leading "-" excludes
    assert paths(ix, "follow -up") == ["ep2.md"]


def test_its_hits_are_the_hyphenated_words_in_the_text(ix: LibraryIndex) -> None:
    text = ix.text_of("ep1.md")
    assert [text[a:b] for a, b in ix.spans("ep1.md", "one-on-one")] == ["one-on-one"]
    (hit,) = ix.search("follow-up").hits
    assert hit.matches == 1
    assert "follow-up" in hit.snippets[0].text


def test_only_words_joined_by_hyphens_outside_quotes_are_rewritten() -> None:
    assert quoted_compounds("follow-up call") == '"follow up" call'
    assert quoted_compounds("title:one-on-ones -skip-level") == (
        'title:"one on ones" -"skip level"'
    )
    for kept in ('"a follow-up"', "co-work*", "team -up", "date:2023-05-01", "up-", "a - b"):
        assert quoted_compounds(kept) == kept
