"""Many words' term information read in one walk of a segment's sorted dictionary gives
what Whoosh's hash lookup gives each word, and a short prefix's first search in a fresh
process (a one-shot command's only search) looks none of its words up one by one."""

from __future__ import annotations

import random

import pytest

from reader.library.sync import sync_library
from reader.search.whoosh_ext.blocks import postings, term_walk
from reader.search.whoosh_ext.blocks.term_walk import walked_infos

from .conftest import IndexOf

#: Words sharing first letters, so a prefix reaches dozens of them in each segment.
WORDS = [f"mar{a}{b}" for a in "aeiou" for b in "bcdfglmnprst"]


def _library(count: int, seed: int) -> dict[str, str]:
    rng = random.Random(seed)
    return {
        f"{n:02}.txt": " ".join(rng.choices([*WORDS, "team", "zebra"], k=40)) + ".\n"
        for n in range(count)
    }


@pytest.fixture
def segments(index_of: IndexOf):
    ix = index_of(_library(12, 1))
    return ix, [sub.reader() for sub, _offset in ix._searcher.leaf_searchers()]


def _fields(info) -> tuple | None:
    if info is None:
        return None
    return (info.doc_frequency(), info.weight(), info.extent(), info.max_weight(),
            info.min_length(), info.max_length(), info.min_id(), info.max_id())  # fmt: skip


def test_a_walk_reads_what_each_lookup_reads(segments):
    _ix, readers = segments
    wanted = [w.encode() for w in WORDS] + [b"marzz", b"ma", b"marab\0", b"marutz"]
    for reader in readers:
        walked = walked_infos(reader, "text", wanted)
        assert walked is not None
        assert set(walked) == set(wanted)
        for btext in wanted:
            looked_up = postings.term_info(reader, "text", btext)
            assert _fields(walked[btext]) == _fields(looked_up), btext
        assert walked[b"marzz"] is None
        assert walked[b"marab"] is not None  # the first word of the range
        assert walked[b"marut"] is not None  # and the last


def test_a_walk_past_too_many_other_words_is_not_taken(segments, monkeypatch):
    _ix, readers = segments
    spread = [w.encode() for w in WORDS[:: len(WORDS) // 3]] + [b"aaa", b"zzzz"] * 20
    monkeypatch.setattr(term_walk, "FEWEST_WORDS", 2)
    monkeypatch.setattr(term_walk, "MOST_PASSED_PER_WORD", 1)
    assert walked_infos(readers[0], "text", spread) is None
    assert walked_infos(readers[0], "text", [w.encode() for w in WORDS]) is not None


def test_a_first_prefix_search_walks_instead_of_looking_up(index_of: IndexOf, monkeypatch):
    ix = index_of(_library(12, 2))
    monkeypatch.setattr(postings, "_INFOS", {})
    monkeypatch.setattr(term_walk, "FEWEST_WORDS", 10**9)  # each word looked up
    expected = [(h.path, h.score, h.matches) for h in ix.search("mar*", limit=None).hits]
    monkeypatch.setattr(term_walk, "FEWEST_WORDS", 32)
    monkeypatch.setattr(postings, "_INFOS", {})  # as in a fresh process
    lookups: list[bytes] = []
    for sub, _offset in ix._searcher.leaf_searchers():
        terms = sub.reader()._terms
        original = terms.term_info

        def counted(fieldname, btext, original=original):
            if fieldname == "text":
                lookups.append(btext)
            return original(fieldname, btext)

        monkeypatch.setattr(terms, "term_info", counted)
    found = [(h.path, h.score, h.matches) for h in ix.search("mar*", limit=None).hits]
    assert found == expected
    assert len(found) == 12
    assert lookups == []


def test_a_prefix_s_words_are_encoded_once_a_search_not_once_a_segment(
    index_of: IndexOf, monkeypatch
):
    files = _library(30, 3)
    names = sorted(files)
    ix = index_of({name: files[name] for name in names[:10]})
    for start in (10, 20):  # two more syncs: three segments
        for name in names[start : start + 10]:
            (ix.library / name).write_text(files[name], encoding="utf-8")
        sync_library(ix)
    segments = len(ix._searcher.leaf_searchers())
    assert segments >= 3
    expected = [(h.path, h.score, h.matches) for h in ix.search("mar*", limit=None).hits]
    field = type(ix._searcher.schema["text"])
    original = field.to_bytes
    encoded: dict[str, int] = {}

    def counted(self, value):
        if isinstance(value, str) and value.startswith("mar"):
            encoded[value] = encoded.get(value, 0) + 1
        return original(self, value)

    monkeypatch.setattr(field, "to_bytes", counted)
    found = [(h.path, h.score, h.matches) for h in ix.search("mar*", limit=None).hits]
    assert found == expected
    assert len(encoded) >= 32  # the walk's case: dozens of words
    assert max(encoded.values()) < segments, encoded
