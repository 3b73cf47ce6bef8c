"""Which pairs of common words stand side by side in a transcript: phrases of them without
positions.

A phrase of common words ("of the", "you know", "first time") is in nearly every episode,
and telling that from the words' positions decoded millions of them: most of such a
search. So each transcript also keeps, in a per-document column (``text_pairs``), one bit
for every ordered pair of the most common words of spoken English, set where the two
stand side by side. A two-word phrase of common words is then its words' documents whose
bit is set, and a longer phrase is looked for by position only in the documents with every
one of its common pairs' bits. The idea is that of Solr's CommonGrams, kept as bits: a
column costs nothing a posting costs (indexing each pair as a term, about 500 more postings
an episode, took a fifth more CPU to build), and a search reads one byte of each candidate
document.

Pairs are of stemmed terms at consecutive positions, exactly what the phrase matcher looks
for in the positions, so the answers are the same. Changing the list changes the bits:
``schema.SCHEMA_VERSION`` goes up with it.
"""

from __future__ import annotations

from itertools import repeat

import numpy as np
from whoosh import columns, fields

from reader.search.analysis import STEMMED

#: The most frequent words of spoken English: function words, and the verbs, fillers and
#: everyday nouns talk is made of (a phrase of rarer words is quick by positions: few
#: episodes have both).
COMMON_WORDS = (
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "back",
    "be", "because", "been", "but", "by", "can", "come", "could", "day", "did", "do",
    "down", "even", "first", "for", "from", "get", "give", "go", "going", "good", "got",
    "had", "has", "have", "he", "her", "here", "him", "his", "how", "i", "if", "in", "into",
    "is", "it", "just", "know", "last", "like", "little", "look", "lot", "make", "many",
    "me", "mean", "more", "most", "much", "my", "new", "no", "not", "now", "of", "off",
    "okay", "on", "one", "only", "or", "other", "our", "out", "over", "people", "really",
    "right", "said", "say", "see", "she", "so", "some", "something", "take", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "thing", "think",
    "this", "time", "to", "two", "up", "us", "very", "want", "was", "way", "we", "well",
    "were", "what", "when", "which", "who", "will", "with", "would", "yeah", "year", "yes",
    "you", "your",
)  # fmt: skip
#: The field whose pairs a column keeps, and that column.
PAIRS_OF = {"text": "text_pairs"}

_TERMS = sorted({STEMMED.normalise.cache[word] for word in COMMON_WORDS})
_NUMBERS = {term: n for n, term in enumerate(_TERMS)}
_BYTE_NUMBERS = {term.encode("utf-8"): n for term, n in _NUMBERS.items()}
_PAIRS = len(_TERMS) ** 2
#: The last byte of every episode's row, after its bits: a row that does not end so (a
#: zeroed, emptied or overwritten column) is damage, not an episode without pairs.
_SENTINEL = 0xA5
#: Bytes of an episode's row: its bits (one per ordered pair, the first word's number
#: major), then the sentinel. Every row is written (the column's default, all zeros, is
#: never a row), so a column is exactly as long as its segment has episodes.
WIDTH = (_PAIRS + 7) // 8 + 1
_ENDING = bytes([_SENTINEL])


def pair_number(first: bytes, second: bytes) -> int | None:
    """The bit of two stemmed terms side by side, or None when one is not common."""
    a, b = _BYTE_NUMBERS.get(first), _BYTE_NUMBERS.get(second)
    if a is None or b is None:
        return None
    return a * len(_TERMS) + b


def pair_bits(text: str) -> bytes:
    """A transcript's bits: which pairs of common words stand side by side in it."""
    terms, _starts, _ends = STEMMED.words(text)
    numbers = np.fromiter(map(_NUMBERS.get, terms, repeat(-1)), dtype=np.int64, count=len(terms))
    first, second = numbers[:-1], numbers[1:]
    both = (first >= 0) & (second >= 0)
    bits = np.zeros(_PAIRS, dtype=bool)
    bits[first[both] * len(_TERMS) + second[both]] = True
    return np.packbits(bits, bitorder="little").tobytes() + _ENDING


class PairsColumn(fields.COLUMN):
    """A column of each transcript's ``pair_bits``; given the transcript's text."""

    def __init__(self) -> None:
        super().__init__(columns.FixedBytesColumn(WIDTH))

    def to_column_value(self, value) -> bytes:
        # Only a document's value comes here: a merge copies the rows as they are.
        if isinstance(value, str):
            return pair_bits(value)
        raise TypeError("a pairs column is given a transcript's text")


def pairs_column_of(schema: fields.Schema, fieldname: str) -> str | None:
    """The column that keeps ``fieldname``'s pairs in this schema (None: none does)."""
    paired = PAIRS_OF.get(fieldname)
    if paired is None or paired not in schema:
        return None
    return paired if isinstance(schema[paired], PairsColumn) else None


def with_pair(reader, column: str, number: int, docs: np.ndarray) -> np.ndarray | None:
    """Which of a segment's ``docs`` have the pair's bit set; None when the segment has no
    such column (then positions must tell). ValueError if the column is damaged."""
    if not reader.has_column(column):
        return None
    values = reader.column_reader(column, translate=False)
    if getattr(values, "_fixedlen", None) != WIDTH:
        return None
    file, base, count = values._dbfile, values._basepos, values._count
    if count != reader.doc_count_all():
        raise ValueError(
            f"the {column} column of a segment holds {count} of its "
            f"{reader.doc_count_all()} episodes"
        )
    rows = base + docs * WIDTH
    picked = _bytes_at(
        file, base, count * WIDTH, np.concatenate((rows + (number >> 3), rows + WIDTH - 1))
    )
    bits, endings = picked[: len(docs)], picked[len(docs) :]
    if (endings != _SENTINEL).any():
        raise ValueError(f"the {column} column of a segment is damaged")
    return (bits & (1 << (number & 7))) != 0


def _bytes_at(file, base: int, length: int, at: np.ndarray) -> np.ndarray:
    """The column file's bytes at the offsets ``at``, read where the file is mapped (no
    view of the map is kept: a reader with one could not close)."""
    mapped = getattr(file, "_map", None)  # segment_files.MappedFile's memory map
    if mapped is None:
        data = np.frombuffer(file.get(base, length), dtype=np.uint8)
        return data[at - base]
    whole = memoryview(mapped)
    try:
        raw = np.frombuffer(whole, dtype=np.uint8)
        picked = raw[at]  # a copy
        del raw
        return picked
    finally:
        whole.release()
