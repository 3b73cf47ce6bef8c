"""A phrase is looked up from its rarest word's places, each other word's positions
searched for the place beside it: the same episodes as Whoosh's phrase matcher, for phrases
found early, late, never, of repeated words, across gaps of many words, and past position
65,535 (where positions take four bytes).

The app's generated test libraries have short transcripts (a few occurrences of a word
each); these documents are long enough that a binary search takes several steps.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from whoosh import fields, query
from whoosh.filedb.filestore import RamStorage

from reader.search.analysis import STEMMED
from reader.search.whoosh_ext import varints
from reader.search.whoosh_ext.blocks.collect import block_search
from reader.search.whoosh_ext.blocks.postings import position_keys, read_postings, term_info
from reader.search.whoosh_ext.codec import FastCodec
from reader.search.whoosh_ext.postings import FastCharacters
from reader.search.whoosh_ext.scoring import WEIGHTING
from reader.search.whoosh_ext.value_layout import NARROW_LIMIT, Values

FILLER = ["people", "trust", "budget", "calendar", "hiring", "coach"]


def _text(rng: random.Random, kind: int) -> str:
    words = [rng.choice(FILLER) for _ in range(rng.randint(300, 900))]
    for at in rng.sample(range(len(words)), 60):  # "of" and "the", never side by side
        words[at] = "of" if at % 2 else "the"
    text = " ".join(words).replace("of the", "of people the")
    ending = {
        0: "",  # never the phrase
        1: " of the manager",  # only at the very end
        2: " " + "budget " * 400 + "of the",  # after a long gap (positions over 2 bytes)
        3: " people the the",  # a repeated word
    }.get(kind, "")
    opening = "of the manager " if kind == 4 else ""
    if kind == 5:  # so long that its last positions take four bytes
        ending = " " + "coach " * NARROW_LIMIT + "the budget of the manager"
    return opening + text + ending


@pytest.fixture(scope="module")
def searcher():
    text = fields.TEXT(analyzer=STEMMED, chars=True)
    text.format = FastCharacters(field_boost=text.format.field_boost)
    ix = RamStorage().create_index(fields.Schema(n=fields.ID(stored=True), text=text))
    rng = random.Random(21)
    writer = ix.writer(codec=FastCodec())
    for n in range(300):  # more than a block of postings (128) per word
        kind = n % 6 if n % 6 != 5 or n < 12 else 0  # two long ones
        writer.add_document(n=str(n), text=_text(rng, kind))
    writer.commit()
    writer = ix.writer(codec=FastCodec())
    writer.delete_by_term("n", "7")  # one that has the phrase at the end
    writer.commit(merge=False)
    found = ix.searcher(weighting=WEIGHTING)
    yield found
    found.close()


@pytest.mark.parametrize(
    "words",
    [["of", "the"], ["of", "the", "manag"], ["the", "the"], ["the", "of"], ["budget", "of"]],
)
def test_a_phrase_matches_the_episodes_whoosh_finds(searcher, words: list[str]):
    q = query.Phrase("text", words)
    whoosh = [(hit.docnum, hit.score) for hit in searcher.search(q, limit=None)]
    blocks = block_search(searcher, q, None, None)
    assert blocks is not None
    assert [(hit.docnum, hit.score) for hit in blocks] == whoosh
    kinds = {int(searcher.stored_fields(d)["n"]) % 6 for d, _s in whoosh}
    if words[:2] == ["of", "the"]:
        assert kinds == ({1, 2, 4, 5} if len(words) == 2 else {1, 4, 5})  # late ones too


def test_each_rows_positions_are_read_and_looked_up_as_whoosh_decodes_them(searcher):
    reader = searcher.reader()
    fmt = reader.schema["text"].format
    rng = np.random.default_rng(5)
    widths = set()
    for word in (b"the", b"of", b"budget", b"manag", b"coach"):
        found = read_postings(reader, "text", word, term_info(reader, "text", word))
        rows = np.arange(len(found.ids))
        values = Values(*found.raw_values(rows))
        widths |= set(values.width.tolist())
        every = [fmt.decode_positions(found.value(i)) for i in rows.tolist()]
        assert values.positions().tolist() == [p for ps in every for p in ps]
        assert values.counts.tolist() == [len(ps) for ps in every]
        keys = position_keys(found, rows)
        assert (keys >> 32).tolist() == np.repeat(found.ids, values.counts).tolist()
        asked = rng.integers(0, len(rows), 3000)
        at = np.array([rng.choice(every[r]) + rng.integers(-2, 3) for r in asked.tolist()])
        expected = [int(t) in set(every[r]) for r, t in zip(asked.tolist(), at, strict=True)]
        assert values.contain(asked, at).tolist() == expected
        ends = values.positions()
        assert (values.contain(np.repeat(rows, values.counts), ends)).all()  # every one
    assert widths == {2, 4}  # two-byte and four-byte positions both looked up


def test_a_damaged_value_is_found_not_read_past(searcher):
    reader = searcher.reader()
    found = read_postings(reader, "text", b"budget", term_info(reader, "text", b"budget"))
    value = found.value(0)
    cut = np.frombuffer(value[: len(value) // 2], dtype=np.uint8)
    with pytest.raises(ValueError, match=r"cut off|do not match"):
        Values(cut, np.array([0]), np.array([len(cut)])).occurrences()


def test_varints_cut_by_a_caller_end_where_it_says():
    packed = np.frombuffer(varints.encode(np.array([5, 300, 70000, 2])), dtype=np.uint8)
    last = packed < 128
    assert varints.decode_ending(packed, last).tolist() == [5, 300, 70000, 2]
    cut = last.copy()
    cut[1] = True  # inside 300: each of its bytes a number of its own, as the caller says
    assert varints.decode_ending(packed, cut)[:3].tolist() == [5, 300 & 127, 300 >> 7]
    with pytest.raises(ValueError, match="cut off"):
        varints.decode_ending(packed[:-2], last[:-2])
