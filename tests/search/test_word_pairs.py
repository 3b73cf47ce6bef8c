"""Phrases of common words are answered from the bits of which pairs of common words stand
side by side: the same episodes, scores and order as Whoosh's phrase matcher over
positions, without decoding the words' positions, and longer phrases are looked for by
position only in the episodes that have each of their common pairs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from whoosh.writing import OPTIMIZE

from reader.importers import import_file
from reader.search.analysis import STEMMED
from reader.search.commit import writing
from reader.search.index import LibraryIndex
from reader.search.whoosh_ext.blocks import phrase
from reader.search.whoosh_ext.blocks.collect import block_search
from reader.search.whoosh_ext.word_pairs import COMMON_WORDS, WIDTH, pair_bits, pair_number

from .commits import index_in_commits
from .conftest import IndexOf


def _episode(title: str, said: str) -> str:
    return f"# {title}\n\n**Maya:** {said}\n"


FILES = {
    "a.md": _episode("Alpha", "The manager of the team asked. You know, I think so."),
    "b.md": _episode("Bravo", "A manager of the board spoke, and then the team left."),
    "c.md": _episode("Charlie", "Of manager the team: you rarely know, nothing the of."),
    "d.md": _episode("Delta", "Budget calendar hiring; nothing common here at all."),
    "e.md": _episode("Echo", "Think of the children. Of the people, by the people."),
}


def _pairs_in(text: str) -> set[tuple[str, str]]:
    """The pairs whose bits ``pair_bits`` sets, by their words' stems."""
    row = np.frombuffer(pair_bits(text)[:-1], dtype=np.uint8)  # without its sentinel byte
    bits = np.unpackbits(row, bitorder="little")
    stems = {STEMMED.normalise.cache[w] for w in COMMON_WORDS}
    numbers = {pair_number(a.encode(), b.encode()): (a, b) for a in stems for b in stems}
    return {numbers[n] for n in np.flatnonzero(bits).tolist()}


def test_a_transcript_sets_the_bit_of_each_pair_of_common_words_side_by_side():
    text = "You know, I think the team knows. Of the of the plan."
    # Across punctuation too, as a phrase matches: "knows. Of" stand side by side.
    assert _pairs_in(text) == {
        ("you", "know"), ("know", "i"), ("i", "think"), ("think", "the"), ("know", "of"),
        ("of", "the"), ("the", "of"),
    }  # fmt: skip
    assert len(pair_bits(text)) == WIDTH


def test_words_that_are_not_common_set_no_bits():
    assert _pairs_in("Budget calendar hiring feedback") == set()
    assert _pairs_in("the") == _pairs_in("") == set()
    assert pair_number(b"budget", b"the") is None


def _no_positions(*_args, **_kwargs):
    raise AssertionError("positions decoded for a phrase its pair answers")


def _whoosh(ix, text: str) -> list[tuple[int, float]]:
    return [(hit.docnum, hit.score) for hit in ix._searcher.search(ix.parse(text), limit=None)]


def _blocks(ix, text: str) -> list[tuple[int, float]]:
    found = block_search(ix._searcher, ix.parse(text), None, None)
    assert found is not None, text
    return [(hit.docnum, hit.score) for hit in found]


@pytest.mark.parametrize("text", ['"of the"', '"you know"', '"I think"', '"the of"'])
def test_a_phrase_of_two_common_words_reads_no_positions(
    index_of: IndexOf, monkeypatch: pytest.MonkeyPatch, text: str
):
    ix = index_of(FILES)
    expected = _whoosh(ix, text)

    monkeypatch.setattr(phrase, "_documents_with_phrase", _no_positions)
    assert _blocks(ix, text) == expected
    titles = {hit.title for hit in ix.search(text, limit=None).hits}
    assert titles == {ix._searcher.stored_fields(d)["title"] for d, _ in expected}


def test_the_pairs_find_what_positions_find(index_of: IndexOf):
    ix = index_of(FILES)
    titles = {hit.title for hit in ix.search('"of the"', limit=None).hits}
    assert titles == {"Alpha", "Bravo", "Echo"}  # not Charlie: "the of", apart
    assert {hit.title for hit in ix.search('"you know"', limit=None).hits} == {"Alpha"}
    assert ix.search('"the of"', limit=None).total == 1  # Charlie's "nothing the of"


def test_a_longer_phrase_is_looked_for_only_where_its_common_pairs_stand(
    index_of: IndexOf, monkeypatch: pytest.MonkeyPatch
):
    ix = index_of(FILES)
    text = '"manager of the team"'
    expected = _whoosh(ix, text)
    looked_in: list[int] = []
    real = phrase._documents_with_phrase

    def recording(postings, docs):
        looked_in.extend(docs.tolist())
        return real(postings, docs)

    monkeypatch.setattr(phrase, "_documents_with_phrase", recording)
    assert _blocks(ix, text) == expected
    titles = {ix._searcher.stored_fields(d)["title"] for d in looked_in}
    # Charlie has every word but not "of the"; Bravo has "of the" but not the phrase.
    assert titles == {"Alpha", "Bravo"}
    assert [ix._searcher.stored_fields(d)["title"] for d, _ in expected] == ["Alpha"]


def test_merged_segments_keep_each_episodes_bits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = tmp_path / "lib"
    root.mkdir()
    for name, text in FILES.items():
        (root / name).write_text(text, encoding="utf-8")
    episodes = [import_file(root / name, root) for name in sorted(FILES)]
    ix = LibraryIndex(root, tmp_path / "cache")
    try:
        index_in_commits(ix, episodes, (1, 2, 1))
        assert len(ix._searcher.leaf_searchers()) > 1
        with writing(ix._ix, 5.0, OPTIMIZE):
            pass  # every segment merged into one: their columns copied
        ix.refresh()
        assert len(ix._searcher.leaf_searchers()) == 1
        monkeypatch.setattr(phrase, "_documents_with_phrase", _no_positions)
        titles = {hit.title for hit in ix.search('"of the"', limit=None).hits}
        assert titles == {"Alpha", "Bravo", "Echo"}
        assert {hit.title for hit in ix.search('"the of"', limit=None).hits} == {"Charlie"}
    finally:
        ix.close()
