"""A short prefix's many words: read together in one pass and ORed with dense score arrays
on a big segment, with exactly the hits, order and scores Whoosh gives.

Whoosh ORs many words one way on a segment of at most 5,000 documents (a score array,
child by child) and another above it (a weighted tree of two-way unions); the app's test
libraries are small, so this builds a segment of 5,200 short documents directly.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from whoosh import fields, query
from whoosh.filedb.filestore import RamStorage

from reader.search.analysis import STEMMED
from reader.search.whoosh_ext.blocks import block_arrays, expansions
from reader.search.whoosh_ext.blocks import postings as postings_module
from reader.search.whoosh_ext.blocks.block_arrays import parse_terms
from reader.search.whoosh_ext.blocks.collect import block_search
from reader.search.whoosh_ext.blocks.postings import (
    position_keys,
    read_many,
    read_postings,
    term_info,
)
from reader.search.whoosh_ext.codec import FastCodec
from reader.search.whoosh_ext.postings import FastCharacters
from reader.search.whoosh_ext.scoring import WEIGHTING

DOCS = 5200  # more than Whoosh's 5,000: its union tree, not its score array
#: Words sharing first letters, from one document in thousands to most of them (one block
#: of postings to dozens).
WORDS = [f"m{a}{b}" for a in "aeiou" for b in "bcdfglnprst"] + ["the", "of", "know"]


def _document(rng: random.Random) -> dict:
    picks = rng.choices(WORDS, weights=[1 / (k + 1) for k in range(len(WORDS))], k=12)
    return {"tag": rng.choice(["x", "y", "z"]), "text": " ".join(picks)}


@pytest.fixture(scope="module")
def big():
    text = fields.TEXT(analyzer=STEMMED, chars=True)
    text.format = FastCharacters(field_boost=text.format.field_boost)
    ix = RamStorage().create_index(fields.Schema(tag=fields.ID(), text=text))
    rng = random.Random(5)
    writer = ix.writer(codec=FastCodec())
    for _ in range(DOCS):
        writer.add_document(**_document(rng))
    writer.commit()
    writer = ix.writer(codec=FastCodec())
    writer.delete_by_query(query.Term("tag", "z"))  # deleted documents inside the blocks
    for _ in range(40):
        writer.add_document(**_document(rng))
    writer.commit(merge=False)
    searcher = ix.searcher(weighting=WEIGHTING)
    assert max(sub.reader().doc_count_all() for sub, _o in searcher.leaf_searchers()) > 5000
    assert any(sub.reader().has_deletions() for sub, _o in searcher.leaf_searchers())
    yield searcher
    searcher.close()


def _words(prefix: str) -> list[str]:
    return sorted(w for w in set(WORDS) if w.startswith(prefix))


@pytest.mark.parametrize("prefix", ["m", "ma", "mab", "mi", "t"])
def test_many_words_ored_score_as_whoosh_to_the_last_bit(big, prefix: str):
    words = _words(prefix)
    q = query.Or([query.Term("text", w) for w in words]) if len(words) > 1 else None
    for text_query in filter(None, [q, query.Prefix("text", prefix)]):
        whoosh = big.search(text_query, limit=None)
        blocks = block_search(big, text_query, None, None)
        assert blocks is not None
        mine = [(hit.docnum, hit.score) for hit in blocks]
        theirs = [(hit.docnum, hit.score) for hit in whoosh]
        assert len(blocks) == len(whoosh) > 0
        assert mine == theirs, (prefix, text_query)  # documents, order and scores exactly


def test_boosted_words_ored_score_as_whoosh_to_the_last_bit(big):
    """A boosted prefix ("m*^2") gives each word the boost, and an Or its own: both count on
    the small segment, where the words are summed at once, and on the big one."""
    words = _words("m")
    boosts = [1.0 if k % 3 else 1.5 + k / 10 for k in range(len(words))]
    terms = [query.Term("text", w, boost=b) for w, b in zip(words, boosts, strict=True)]
    for text_query in (query.Or(terms), query.Or(terms, boost=2.5)):
        whoosh = big.search(text_query, limit=None)
        blocks = block_search(big, text_query, None, None)
        assert blocks is not None
        assert len(blocks) == len(whoosh) > 0
        mine = [(hit.docnum, hit.score) for hit in blocks]
        assert mine == [(hit.docnum, hit.score) for hit in whoosh]


def test_terms_read_together_are_what_each_read_alone_gives(big):
    for sub, _offset in big.leaf_searchers():
        reader = sub.reader()
        for field, words in (("text", WORDS), ("tag", ["x", "y", "z"])):
            infos = [(w.encode(), term_info(reader, field, w.encode())) for w in words]
            infos = [(b, info) for b, info in infos if info is not None]
            together = read_many(reader, field, infos[::-1])  # any order
            assert set(together) == {b for b, _i in infos}
            for btext, info in infos:
                alone = read_postings(reader, field, btext, info)
                got = together[btext]
                whoosh = list(reader.postings(field, btext).items_as("weight"))
                live = [(n, w) for n, w in whoosh if not reader.is_deleted(n)]
                assert got.ids.tolist() == [n for n, _w in live] == alone.ids.tolist()
                assert got.weights.tolist() == [w for _n, w in live]
                rows = np.arange(len(got.ids))
                assert [got.value(r) for r in range(len(rows))] == [
                    alone.value(r) for r in range(len(rows))
                ]
                if field == "text":  # positions over block boundaries, from the shared bytes
                    keys = position_keys(got, rows)
                    assert np.array_equal(keys, position_keys(alone, rows))
                    m = reader.postings(field, btext)
                    expected = []
                    while m.is_active():
                        if not reader.is_deleted(m.id()):
                            expected += [(m.id() << 32) | p for p in m.value_as("positions")]
                        m.next()
                    assert keys.tolist() == expected


def test_a_damaged_block_is_an_error_not_wrong_postings(big):
    sub, _offset = max(big.leaf_searchers(), key=lambda s: s[0].reader().doc_count_all())
    reader = sub.reader()
    info = term_info(reader, "text", b"the")
    offset, length = info.extent()
    data = reader._terms._postfile.get(offset, length[0] if isinstance(length, tuple) else length)
    assert len(parse_terms(data, [0]).ids) == info.doc_frequency()
    with pytest.raises(ValueError, match="cut off"):
        parse_terms(data[:40], [0])  # cut off
    with pytest.raises(ValueError, match="start with"):
        parse_terms(b"xxxx" + data[4:], [0])  # not a block
    damaged = bytearray(data)
    damaged[4 + 4 + 18 + 9] |= 0x80  # the first id delta says another byte follows
    with pytest.raises(ValueError, match="do not match its count"):
        parse_terms(bytes(damaged), [0])


def _length(info) -> int:
    length = info.extent()[1]
    return length[0] if isinstance(length, tuple) else length  # as Whoosh reads it


def _pieces(reader, field: str) -> list[tuple[bytes, list[int], int]]:
    """Runs of a field's terms as ``read_many`` reads them: the bytes, each term's head,
    and how many postings they hold."""
    infos = sorted(
        (info.extent()[0], _length(info), info.doc_frequency())
        for info in (term_info(reader, field, w.encode()) for w in WORDS)
        if info is not None and not info.is_inlined()
    )
    postfile, pieces = reader._terms._postfile, []
    for size in (1, 3, len(infos)):  # one term, a few, all of them
        for start in range(0, len(infos), size):
            run = infos[start : start + size]
            first, end = run[0][0], run[-1][0] + run[-1][1]
            data = postfile.get(first, end - first)
            pieces.append((data, [o - first for o, _l, _n in run], sum(n for *_, n in run)))
    return pieces


def test_a_few_postings_parse_as_many_do(big, monkeypatch: pytest.MonkeyPatch):
    """Pieces small enough for the plain-Python parser give numpy's arrays exactly."""
    sub, _offset = max(big.leaf_searchers(), key=lambda s: s[0].reader().doc_count_all())
    compared = 0
    for data, heads, postings in _pieces(sub.reader(), "text"):
        monkeypatch.setattr(block_arrays, "FEW", postings)
        few = parse_terms(data, heads)
        monkeypatch.setattr(block_arrays, "FEW", -1)
        many = parse_terms(data, heads)
        for name in ("ids", "weights", "starts", "ends", "bounds"):
            got, want = np.asarray(getattr(few, name)), np.asarray(getattr(many, name))
            assert got.dtype == want.dtype, name
            assert got.tolist() == want.tolist(), name
        compared += 1
    assert compared > len(WORDS)


def test_a_damaged_small_block_is_an_error_too(big):
    sub, _offset = max(big.leaf_searchers(), key=lambda s: s[0].reader().doc_count_all())
    reader = sub.reader()
    rare = min(
        (info.doc_frequency(), w)
        for w in WORDS
        if (info := term_info(reader, "text", w.encode())) and not info.is_inlined()
    )[1]
    info = term_info(reader, "text", rare.encode())
    assert info.doc_frequency() <= block_arrays.FEW
    offset, length = info.extent()
    data = reader._terms._postfile.get(offset, length[0] if isinstance(length, tuple) else length)
    assert len(parse_terms(data, [0]).ids) == info.doc_frequency()
    with pytest.raises(ValueError, match="cut off"):
        parse_terms(data[:30], [0])
    damaged = bytearray(data)
    damaged[4 + 4 + 18] = 7  # the weight mode
    with pytest.raises(ValueError, match="unknown weight mode"):
        parse_terms(bytes(damaged), [0])
    damaged = bytearray(data)
    damaged[4 + 4 + 18 + 9] |= 0x80  # the first id delta says another byte follows
    with pytest.raises(ValueError, match="do not match its count"):
        parse_terms(bytes(damaged), [0])


def test_a_prefix_walks_each_term_dictionary_once(big, monkeypatch: pytest.MonkeyPatch):
    """A short prefix's words and their document frequencies come from one walk of each
    segment's dictionary: no word is looked up again by key, in its segment or another
    (at 10,000 episodes ``t*`` was 13,000 such lookups, a third of a first search)."""
    monkeypatch.setattr(postings_module, "_INFOS", {})
    monkeypatch.setattr(expansions, "_WALKS", {})
    lookups: list[bytes] = []
    walks: list[bytes] = []
    for sub, _offset in big.leaf_searchers():
        terms = sub.reader()._terms
        monkeypatch.setattr(terms, "term_info", _counting(terms.term_info, lookups))
        monkeypatch.setattr(terms, "items_from", _counting(terms.items_from, walks))
    blocks = block_search(big, query.Prefix("text", "m"), None, None)
    assert blocks is not None
    assert len(blocks) > 0
    assert lookups == []
    assert len(walks) == len(big.leaf_searchers())
    whoosh = big.search(query.Prefix("text", "m"), limit=None)
    assert [(h.docnum, h.score) for h in blocks] == [(h.docnum, h.score) for h in whoosh]


def _counting(method, calls: list):
    def counted(fieldname, text, *rest):
        calls.append(text)
        return method(fieldname, text, *rest)

    return counted


@pytest.mark.parametrize(
    "make",
    [
        lambda: query.Or([query.Prefix("text", "m"), query.Prefix("text", "ma")]),
        lambda: query.And([query.Prefix("text", "mab"), query.Term("text", "the")]),
        lambda: query.And([query.Prefix("text", "mi"), query.Prefix("text", "mo")]),
        lambda: query.Or([query.Prefix("text", "mu"), query.Term("text", "mub")]),
    ],
)
def test_prefixes_among_other_nodes_score_as_whoosh(big, make):
    """A word two prefixes reach, or a prefix and a word, counts its frequency once; a
    prefix's estimated size orders an And as Whoosh orders it."""
    q = make()
    whoosh = big.search(q, limit=None)
    blocks = block_search(big, q, None, None)
    assert blocks is not None
    assert len(blocks) == len(whoosh) > 0
    assert [(h.docnum, h.score) for h in blocks] == [(h.docnum, h.score) for h in whoosh]
