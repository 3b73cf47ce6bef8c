"""How segments are written: an uncompressed codec, a quick posting pool, tiny-segment merges.

Measured on the benchmark library (``tests/benchmarks/bench_search.py``): zlib took a tenth
of a build and a quarter of each search's decoding, per-block field-length statistics a third
of writing the postings, and Whoosh's pool sort a third of writing a segment. What they buy
(a smaller index, Whoosh's top-N shortcuts) this app does not use.
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import itemgetter

from whoosh.codec.whoosh3 import W3Codec
from whoosh.reading import SegmentReader
from whoosh.writing import MERGE_SMALL, SegmentWriter

from reader.search.whoosh_ext.segment_files import PinnedPerDocReader

#: Segments of at most this many episodes, as one-file updates leave them, are merged by
#: ``LibraryIndex.tidy``: each adds to every search's time.
TINY_SEGMENT = 8


class FastCodec(W3Codec):
    """Whoosh's codec, writing faster: posting blocks are not compressed (zlib took a tenth of
    a build, and decompressing a quarter of each search, for an index half the size), and
    there are no per-block field-length statistics (a third of writing the postings). Those
    only serve Whoosh's top-N shortcuts, and every search here collects all matches.

    (Keeping one-episode words in the term dictionary instead of a block each would halve
    a one-file update's commit, but Whoosh's code for it is unfinished: its writer calls a
    missing ``set_inline``, and its reader gives ``""`` for empty values.)
    """

    length_stats = False

    def __init__(self) -> None:
        super().__init__(compression=0)

    def per_document_reader(self, storage, segment) -> PinnedPerDocReader:
        return PinnedPerDocReader(storage, segment)  # see segment_files: commits delete files


class PostingList:
    """A segment's postings, for Whoosh's writer, sorted the quick way when it is written.

    Whoosh's pool sorts (field, term, document, weight, value) tuples as wholes, a third of
    writing a segment. Postings arrive document by document, so a stable sort of each
    field's postings by term alone gives the same order, comparing bytes instead of tuples.
    (Kept in memory: a worker's share of a round is a few hundred MB at most.)
    """

    def __init__(self) -> None:
        self._by_field: dict[str, list[tuple]] = {}
        self.fieldnames: set[str] = set()

    def add(self, posting: tuple) -> None:
        postings = self._by_field.get(posting[0])
        if postings is None:
            postings = self._by_field[posting[0]] = []
            self.fieldnames.add(posting[0])
        postings.append(posting)

    def iter_postings(self) -> Iterator[tuple]:
        for fieldname in sorted(self._by_field):
            postings = self._by_field[fieldname]
            postings.sort(key=_TERM)
            yield from postings

    def cleanup(self) -> None:
        self._by_field.clear()


_TERM = itemgetter(1)


def tiny_segments(ix) -> list:
    """The index's segments small enough for ``fold_tiny_segments`` to merge."""
    return [s for s in ix._segments() if s.doc_count_all() <= TINY_SEGMENT]


def fold_tiny_segments(writer: SegmentWriter, segments: list) -> list:
    """Merge the tiny segments into the writer's new one, then Whoosh's usual policy."""
    tiny = [seg for seg in segments if seg.doc_count_all() <= TINY_SEGMENT]
    for seg in tiny:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return MERGE_SMALL(writer, [seg for seg in segments if seg not in tiny])
