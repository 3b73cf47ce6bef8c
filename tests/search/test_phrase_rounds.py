"""A phrase is looked for first among each word's first positions in each episode, then
in all of them where it was not found: the same episodes as Whoosh's phrase matcher, for
phrases found early, late, never, of repeated words and across gaps of many words.

The app's generated test libraries have short transcripts (a few occurrences of a word
each, all decoded in the first round); these documents are long enough that the first
round sees only part of each word's occurrences.
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
from reader.search.whoosh_ext.blocks.first_positions import first_positions
from reader.search.whoosh_ext.blocks.postings import position_keys, read_postings, term_info
from reader.search.whoosh_ext.codec import FastCodec
from reader.search.whoosh_ext.postings import FastCharacters
from reader.search.whoosh_ext.scoring import WEIGHTING

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
    return opening + text + ending


@pytest.fixture(scope="module")
def searcher():
    text = fields.TEXT(analyzer=STEMMED, chars=True)
    text.format = FastCharacters(field_boost=text.format.field_boost)
    ix = RamStorage().create_index(fields.Schema(n=fields.ID(stored=True), text=text))
    rng = random.Random(21)
    writer = ix.writer(codec=FastCodec())
    for n in range(300):  # more than a block of postings (128) per word
        writer.add_document(n=str(n), text=_text(rng, n % 6))
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
        assert kinds == ({1, 2, 4} if len(words) == 2 else {1, 4})  # late ones found too


def test_the_first_positions_are_the_start_of_each_documents_positions(searcher):
    reader = searcher.reader()
    for word in (b"the", b"of", b"budget"):
        found = read_postings(reader, "text", word, term_info(reader, "text", word))
        rows = np.arange(len(found.ids))
        every = position_keys(found, rows)
        for share, least in ((1 / 8, 2), (1 / 2, 8), (1.0, 1)):
            keys, whole = first_positions(found, rows, share, least)
            docs, counts = np.unique(keys >> 32, return_counts=True)
            assert docs.tolist() == found.ids.tolist()  # at least one of every document
            _docs, all_counts = np.unique(every >> 32, return_counts=True)
            assert (counts <= all_counts).all()
            assert (whole == (counts == all_counts)).all()
            assert (counts >= np.minimum(all_counts, least)).all()
            firsts = np.concatenate(([0], np.cumsum(all_counts)[:-1]))
            expected = np.concatenate(
                [every[f : f + c] for f, c in zip(firsts, counts, strict=True)]
            )
            assert np.array_equal(keys, expected)


def test_varints_cut_by_a_caller_end_where_it_says():
    packed = np.frombuffer(varints.encode(np.array([5, 300, 70000, 2])), dtype=np.uint8)
    last = packed < 128
    assert varints.decode_ending(packed, last).tolist() == [5, 300, 70000, 2]
    cut = last.copy()
    cut[1] = True  # inside 300: each of its bytes a number of its own, as the caller says
    assert varints.decode_ending(packed, cut)[:3].tolist() == [5, 300 & 127, 300 >> 7]
    with pytest.raises(ValueError, match="cut off"):
        varints.decode_ending(packed[:-2], last[:-2])
