"""How segments are written: an uncompressed codec and tiny-segment merges (the posting pool
is ``packed_postings``).

Measured on the benchmark library (``tests/benchmarks/bench_search.py``): zlib took a tenth
of a build and a quarter of each search's decoding, per-block field-length statistics a third
of writing the postings, and Whoosh's pool sort a third of writing a segment. What they buy
(a smaller index, Whoosh's top-N shortcuts) this app does not use.
"""

from __future__ import annotations

from whoosh.codec.whoosh3 import W3Codec
from whoosh.reading import SegmentReader
from whoosh.writing import MERGE_SMALL, SegmentWriter

from reader.search.whoosh_ext.raw_blocks import RawLeafMatcher, RawPostingsWriter
from reader.search.whoosh_ext.segment_files import PinnedPerDocReader

#: Segments of at most this many episodes, as one-file updates leave them, are merged by
#: ``LibraryIndex.tidy``: each adds to every search's time.
TINY_SEGMENT = 8


class FastCodec(W3Codec):
    """Whoosh's codec, writing faster and smaller: posting blocks are varints and raw
    arrays instead of pickles (``raw_blocks``) and are not compressed (zlib took a tenth of
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

    def postings_writer(self, dbfile, byteids=False):
        if byteids:  # term vectors (this schema has none): Whoosh's blocks
            return super().postings_writer(dbfile, byteids)
        return RawPostingsWriter(dbfile, blocklimit=self._blocklimit, inlinelimit=1)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term, scorer)
        offset, length = terminfo.extent()
        return RawLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)

    def per_document_reader(self, storage, segment) -> PinnedPerDocReader:
        return PinnedPerDocReader(storage, segment)  # see segment_files: commits delete files


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
