"""Postings are packed as varints and raw arrays: a small index that reads back exactly.

The index was 2.6x SQLite FTS5's database for the same text, nine tenths of it postings
(positions and offsets as 32-bit integers inside pickles). These check that the packed
postings read back as what was written, through Whoosh's matchers and the block engine
alike, and that the index is now about the size of the text it holds.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from whoosh import fields, formats
from whoosh.filedb.filestore import RamStorage

from reader.library.sync import sync_library
from reader.search.index import LibraryIndex
from reader.search.whoosh_ext import varints
from reader.search.whoosh_ext.blocks.postings import read_postings, term_info
from reader.search.whoosh_ext.codec import FastCodec

EDGES = [0, 1, 127, 128, 255, 16383, 16384, 2**21 - 1, 2**21, 2**28 - 1, 2**28, 2**35 - 1]


def test_varints_round_trip_at_every_byte_boundary():
    values = np.array(EDGES + random.Random(3).sample(range(2**34), 500), dtype=np.int64)
    packed = varints.encode(values)
    assert (varints.decode(packed) == values).all()
    assert len(varints.encode(np.array([5, 127]))) == 2  # small numbers take a byte
    assert varints.first(packed[:5]) == (0, 1)


def test_a_cut_off_varint_is_an_error_not_a_wrong_number():
    packed = varints.encode(np.array([300]))
    with pytest.raises(ValueError, match="cut off"):
        varints.decode(packed[:1])
    with pytest.raises(ValueError, match="non-negative"):
        varints.encode(np.array([-1]))


def _ram_index(docs: list[dict]):
    schema = fields.Schema(
        tag=fields.ID(),  # no values, weights 1
        scored=fields.TEXT(phrase=False),  # frequencies as weights
        boosted=fields.TEXT(field_boost=2.5),  # one weight for every posting
    )
    schema["scored"].format = formats.Frequency(field_boost=1.5)
    ix = RamStorage().create_index(schema)
    writer = ix.writer(codec=FastCodec())
    for doc in docs:
        writer.add_document(**doc)
    writer.commit()
    return ix


def test_whoosh_and_the_block_engine_read_back_what_was_written():
    rng = random.Random(7)
    words = ["alpha", "beta", "gamma", "delta"]
    docs = [
        {
            "tag": rng.choice(["x", "y"]),
            "scored": " ".join(rng.choices(words, k=rng.randint(1, 9))),
            "boosted": " ".join(rng.choices(words[:2], k=1)),
        }
        for _ in range(300)  # more than a 128-posting block
    ]
    ix = _ram_index(docs)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        for field in ("tag", "scored", "boosted"):
            for word in {w for doc in docs for w in doc[field].split()}:
                expected = [(n, doc[field].split().count(word)) for n, doc in enumerate(docs)]
                expected = [(n, count) for n, count in expected if count]
                boost = {"tag": None, "scored": 1.5, "boosted": 2.5}[field]
                weights = [1.0 if boost is None else count * boost for _n, count in expected]
                matcher = reader.postings(field, word)
                got = list(matcher.items_as("weight"))
                assert [n for n, _w in got] == [n for n, _c in expected]
                assert [w for _n, w in got] == pytest.approx(weights)
                btext = word.encode()
                found = read_postings(reader, field, btext, term_info(reader, field, btext))
                assert found.ids.tolist() == [n for n, _c in expected]
                assert found.weights.tolist() == [w for _n, w in got]  # to the last bit


def _library(root: Path, episodes: int) -> int:
    """Transcripts of varied words (several hundred distinct, Zipf-like); their bytes."""
    rng = random.Random(11)
    letters = "abcdefghijklmnoprstuvw"
    vocabulary = ["".join(rng.choices(letters, k=rng.randint(2, 9))) for _ in range(800)]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    size = 0
    for n in range(episodes):
        lines = []
        for _turn in range(60):
            words = rng.choices(vocabulary, weights, k=rng.randint(8, 30))
            lines.append(f"**Speaker {n % 3}:** " + " ".join(words).capitalize() + ".")
        text = f"# Episode {n}\n\n" + "\n\n".join(lines) + "\n"
        (root / f"ep{n:03}.md").write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    return size


def test_the_index_is_about_the_size_of_the_text_it_holds(tmp_path: Path):
    library = tmp_path / "library"
    library.mkdir()
    text_bytes = _library(library, 40)
    index = LibraryIndex(library, tmp_path / "cache")
    try:
        sync_library(index)
        found = index.search("speaker", limit=5)
        assert found.total == 40
        assert found.hits[0].snippets  # offsets still read back from the postings
        engine = sum(p.stat().st_size for p in (index.folder / "whoosh").iterdir())
    finally:
        index.close()
    # Pickled 32-bit positions and offsets took 3x the text; varints about 1.2x.
    assert engine < 1.5 * text_bytes, (engine, text_bytes)
