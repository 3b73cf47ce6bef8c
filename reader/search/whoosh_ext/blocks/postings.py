"""A term's postings in one segment as numpy arrays: document numbers, weights, values.

The segment's blocks (``raw_blocks``: varints and raw floats) are read a block at a time
with numpy instead of being stepped through a posting at a time. Weights are decoded
exactly as Whoosh's matcher decodes them (32-bit floats), so scores computed from them are
the same to the last bit. The values (positions and offsets) stay one byte string per
term with each posting's bounds, decoded only where a phrase or a hit's spans need them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from whoosh.reading import TermNotFound

from reader.search.whoosh_ext.blocks.block_arrays import Parsed, parse_terms
from reader.search.whoosh_ext.codec import FastCodec
from reader.search.whoosh_ext.postings import FastCharacters
from reader.search.whoosh_ext.value_layout import Values


@dataclass
class TermPostings:
    """One term's live (undeleted) postings in a segment, in document order."""

    ids: np.ndarray  # int64 segment document numbers, ascending
    weights: np.ndarray  # float64
    blob: Any  # the bytes holding every posting's value (positions), or ``FileValues``
    starts: np.ndarray  # where each posting's value starts in ``blob`` (int64)
    ends: np.ndarray  # and ends
    fmt: Any  # the field's format (a Whoosh Format), which decodes the values

    def raw_values(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Bytes holding the values of ``rows``, and where each starts and ends in them."""
        if isinstance(self.blob, bytes):
            return np.frombuffer(self.blob, dtype=np.uint8), self.starts[rows], self.ends[rows]
        blob, heads = self.values_of(rows)
        sizes = self.ends[rows] - self.starts[rows]
        return np.frombuffer(blob, dtype=np.uint8), heads, heads + sizes

    def value(self, row: int) -> bytes:
        return self.blob[int(self.starts[row]) : int(self.ends[row])]

    def values_of(self, rows: np.ndarray) -> tuple[bytes, np.ndarray]:
        """The values of ``rows`` one after another, and where each starts in them."""
        starts, ends = self.starts[rows], self.ends[rows]
        sizes = ends - starts
        heads = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)
        if not len(rows):
            return b"", heads
        # runs of values that follow each other in ``blob`` (a block's, for all rows)
        breaks = np.flatnonzero(starts[1:] != ends[:-1]) + 1
        if not len(breaks):  # one run: a slice
            return self.blob[int(starts[0]) : int(ends[-1])], heads
        firsts = np.concatenate(([0], breaks)).tolist()
        lasts = np.concatenate((breaks - 1, [len(rows) - 1])).tolist()
        run_starts, run_ends = starts[firsts].tolist(), ends[lasts].tolist()
        blob = self.blob
        pieces = [blob[s:e] for s, e in zip(run_starts, run_ends, strict=True)]
        return b"".join(pieces), heads


#: Term information already looked up, by segment (its id, and the terms file reader:
#: a copy of the index is read afresh), field and term: a segment's term dictionary never
#: changes once written and every segment gets a new id, so an entry cannot go stale. A
#: short prefix looks up hundreds of words in every segment.
_INFOS: dict[tuple[str, int, str, bytes], object] = {}
_MAX_INFOS = 100_000


def term_info(reader, fieldname: str, btext: bytes, segment: tuple | None = None):
    """The segment's term information (document frequency, where the postings are), or
    None if the segment does not have the term. ``segment``: ``segment_key(reader)``, for
    a caller looking up hundreds of words in one segment."""
    terms = getattr(reader, "_terms", None)  # an empty index's reader has none
    if terms is None:
        return None
    key = (*(segment or segment_key(reader)), fieldname, btext)
    info = _INFOS.get(key, UNKNOWN)
    if info is not UNKNOWN:
        return info
    try:
        info = terms.term_info(fieldname, btext)
    except (KeyError, TermNotFound):
        info = None
    remember_info(key, info)
    return info


#: Not looked up yet (None: looked up, and absent).
UNKNOWN = object()


def stored_form(schema, fieldname: str, text) -> bytes | None:
    """``text`` as field ``fieldname`` stores it in the index; None where the schema has no
    such field or the field cannot hold that text."""
    if fieldname not in schema:
        return None
    try:
        return schema[fieldname].to_bytes(text)
    except ValueError:
        return None


def remember_info(key: tuple[str, int, str, bytes], info) -> None:
    """Keep a term lookup in ``_INFOS``, forgetting the oldest past ``_MAX_INFOS``."""
    if len(_INFOS) >= _MAX_INFOS:
        del _INFOS[next(iter(_INFOS))]
    _INFOS[key] = info


def segment_key(reader) -> tuple[str, int]:
    """What tells a segment's term lookups apart in ``_INFOS``."""
    segment = reader.segment()  # None for an empty index's reader, which has no terms
    return ("" if segment is None else segment.segment_id()), id(getattr(reader, "_terms", None))


def read_postings(reader, fieldname: str, btext: bytes, info) -> TermPostings:
    """Every posting of ``btext`` in ``fieldname`` of a segment reader (``info``: its
    ``term_info``)."""
    return read_many(reader, fieldname, [(btext, info)])[btext]


def read_many(reader, fieldname: str, terms: list[tuple[bytes, Any]]) -> dict[bytes, TermPostings]:
    """The postings of several terms of a field (each with its ``term_info``), terms that
    lie one after another in the postings file read and parsed together (``block_arrays``)."""
    fmt = reader.schema[fieldname].format
    codec_terms = reader._terms
    reads = getattr(codec_terms._codec.postings_reader, "__func__", None)
    fast = reads is FastCodec.postings_reader
    found: dict[bytes, TermPostings] = {}
    packed = []
    for btext, info in terms:
        if fast and not _fixed(fmt) and not info.is_inlined():
            offset, length = info.extent()
            length = length[0] if isinstance(length, tuple) else length  # as Whoosh reads it
            packed.append((offset, length, btext))
        else:
            m = codec_terms._codec.postings_reader(
                codec_terms._postfile, info, fmt, term=(fieldname, btext)
            )
            ids, weights, blob, starts, ends = _step_through(m)
            live = _without_deleted(reader, Parsed(ids, weights, starts, ends, [0, len(ids)]))
            found[btext] = TermPostings(live.ids, live.weights, blob, live.starts, live.ends, fmt)
    packed.sort()
    at = 0
    while at < len(packed):  # each piece of terms that follow each other
        end = at + 1
        while end < len(packed) and packed[end][0] == packed[end - 1][0] + packed[end - 1][1]:
            end += 1
        start = packed[at][0]
        piece = packed[at:end]
        heads = [o - start for o, _l, _t in piece]
        blob, parsed = _read_piece(codec_terms._postfile, start, piece[-1][0] + piece[-1][1], heads)
        parsed = _without_deleted(reader, parsed)
        bounds = parsed.bounds.tolist()
        for t, (_o, _l, btext) in enumerate(piece):
            rows = slice(bounds[t], bounds[t + 1])
            found[btext] = TermPostings(
                parsed.ids[rows], parsed.weights[rows], blob, parsed.starts[rows],
                parsed.ends[rows], fmt,
            )  # fmt: skip
        at = end
    return found


#: Pieces of the postings file up to this size are copied; a bigger one (a short prefix's
#: words: about 5 MB a segment for t* at 10,000 episodes, 38 MB in all) is parsed where it
#: is mapped, and only the values asked for are read. Copying them was 20-25 ms of such a
#: search; a phrase's word (a few hundred KB) is still copied, and its values read whole.
_COPIED = 1 << 20


class FileValues:
    """Posting values left in the (memory-mapped) postings file: sliced like bytes, from
    ``start`` on."""

    def __init__(self, postfile, start: int) -> None:
        self._file, self._start = postfile, start

    def __getitem__(self, part: slice) -> bytes:
        return self._file.get(self._start + part.start, part.stop - part.start)


def _read_piece(postfile, start: int, end: int, heads: list[int]) -> tuple[Any, Parsed]:
    """The values (bytes, or ``FileValues``) and the parsed postings of a piece of terms."""
    mapped = getattr(postfile, "_map", None)  # segment_files.MappedFile's memory map
    if mapped is None or end - start <= _COPIED:
        data = postfile.get(start, end - start)
        return data, parse_terms(data, heads)
    whole = memoryview(mapped)
    view = whole[start:end]
    try:  # nothing parsed keeps a view of the map (a closing reader would fail on it)
        return FileValues(postfile, start), parse_terms(view, heads)
    finally:
        view.release()
        whole.release()


def _without_deleted(reader, parsed: Parsed) -> Parsed:
    """The parsed postings without those of deleted documents (all terms at once)."""
    deleted = deleted_docs(reader)
    if deleted is None or not len(parsed.ids):
        return parsed
    keep = ~np.isin(parsed.ids, deleted)
    if keep.all():
        return parsed
    kept = np.concatenate(([0], np.cumsum(keep)))[np.asarray(parsed.bounds)]
    p = parsed
    return Parsed(p.ids[keep], p.weights[keep], p.starts[keep], p.ends[keep], kept)


_Read = tuple[np.ndarray, np.ndarray, bytes, np.ndarray, np.ndarray]


def _fixed(fmt) -> bool:
    """Whether the format's values have a fixed, non-zero size (Whoosh slices them by it)."""
    size = fmt.fixed_value_size()
    return size is not None and size > 0


def _step_through(m) -> _Read:
    ids, weights, values = [], [], []
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        values.append(m.value() or b"")
        m.next()
    ends = np.cumsum(np.fromiter(map(len, values), dtype=np.int64, count=len(values)))
    starts = np.concatenate(([0], ends[:-1])).astype(np.int64)
    id_array, weight_array = np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64)
    return id_array, weight_array, b"".join(values), starts, ends


_DELETED: dict[int, tuple[object, np.ndarray | None]] = {}


def deleted_docs(reader) -> np.ndarray | None:
    """The segment's deleted document numbers (None when it has none)."""
    if not reader.has_deletions():
        return None
    cached = _DELETED.get(id(reader))
    if cached is not None and cached[0] is reader:
        return cached[1]
    deleted = np.array(sorted(reader.deleted_docs_set), dtype=np.int64)
    if len(_DELETED) > 64:
        _DELETED.clear()
    _DELETED[id(reader)] = (reader, deleted)
    return deleted


def position_keys(postings: TermPostings, rows: np.ndarray) -> np.ndarray:
    """``document << 32 | position`` of every occurrence in the postings' ``rows``, sorted."""
    docs = postings.ids[rows]
    if isinstance(postings.fmt, FastCharacters):
        values = Values(*postings.raw_values(rows))
        positions, counts = values.positions(), values.counts
    else:
        decode = postings.fmt.decode_positions
        lists = [decode(postings.value(i)) for i in rows.tolist()]
        counts = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
        positions = np.fromiter((p for ps in lists for p in ps), dtype=np.int64)
    keys = (np.repeat(docs, counts) << 32) | positions
    return keys  # documents ascending, each one's positions ascending: sorted


class SegmentPostings:
    """Term postings of each segment of a searcher, read once per search: those a block
    search already read (``BlockResults.postings``) are not read again for hit spans."""

    def __init__(self, searcher, read: dict[int, dict] | None = None) -> None:
        self.segments = list(searcher.reader().leaf_readers())  # (reader, offset)
        self._read = {} if read is None else read  # id(segment reader) -> (field, term) ->

    def get(self, reader, fieldname: str, btext: bytes) -> TermPostings | None:
        """The term's postings in the segment ``reader``, or None if it has none."""
        known = self._read.setdefault(id(reader), {})
        key = (fieldname, btext)
        if key not in known:
            info = term_info(reader, fieldname, btext)
            known[key] = None if info is None else read_postings(reader, fieldname, btext, info)
        return known[key]


def occurrences(
    postings: TermPostings, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Positions, counts per row, start and end offsets of every occurrence in ``rows``."""
    if isinstance(postings.fmt, FastCharacters):
        values = Values(*postings.raw_values(rows))
        positions, starts, ends = values.occurrences()
        return positions, values.counts, starts, ends
    decoded = [postings.fmt.decode_characters(postings.value(i)) for i in rows.tolist()]
    counts = np.fromiter(map(len, decoded), dtype=np.int64, count=len(decoded))
    flat = np.array([t for ds in decoded for t in ds], dtype=np.int64).reshape(-1, 3)
    return flat[:, 0], counts, flat[:, 1], flat[:, 2]


def occurrences_in(
    postings: list[TermPostings], docs: np.ndarray, doc_count: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Document, start and end offsets of every occurrence in ``docs`` (segment document
    numbers below ``doc_count``) of several terms, decoded together: a prefix's hundreds of
    terms, read as one piece (``read_many``), are picked and decoded in one numpy pass each,
    not term by term."""
    wanted = np.zeros(doc_count, dtype=bool)
    wanted[docs] = True
    if not all(isinstance(p.fmt, FastCharacters) for p in postings):
        found = [(p, np.flatnonzero(wanted[p.ids])) for p in postings]
        parts = [(p, rows, occurrences(p, rows)) for p, rows in found if len(rows)]
        if not parts:
            return _NO_OCCURRENCES
        return (
            np.concatenate([np.repeat(p.ids[rows], part[1]) for p, rows, part in parts]),
            np.concatenate([part[2] for _p, _rows, part in parts]),
            np.concatenate([part[3] for _p, _rows, part in parts]),
        )
    by_blob: dict[int, list[TermPostings]] = {}
    for p in postings:  # the terms of one piece share its bytes: their rows go together
        by_blob.setdefault(id(p.blob), []).append(p)
    found_docs, found_starts, found_ends = [], [], []
    for group in by_blob.values():
        ids = np.concatenate([p.ids for p in group]) if len(group) > 1 else group[0].ids
        rows = np.flatnonzero(wanted[ids])
        if not len(rows):
            continue
        if len(group) > 1:
            starts = np.concatenate([p.starts for p in group])
            ends = np.concatenate([p.ends for p in group])
            joined = TermPostings(ids, group[0].weights, group[0].blob, starts, ends, group[0].fmt)
        else:
            joined = group[0]
        values = Values(*joined.raw_values(rows))
        _positions, starts_found, ends_found = values.occurrences()
        found_docs.append(np.repeat(ids[rows], values.counts))
        found_starts.append(starts_found)
        found_ends.append(ends_found)
    if not found_docs:
        return _NO_OCCURRENCES
    return np.concatenate(found_docs), np.concatenate(found_starts), np.concatenate(found_ends)


_NO_OCCURRENCES = (np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.int64))
