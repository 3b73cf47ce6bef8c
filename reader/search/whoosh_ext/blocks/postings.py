"""A term's postings in one segment as numpy arrays: document numbers, weights, values.

Whoosh's W3 blocks hold a pickled (id deltas, weights, values) tuple each; they are
unpickled a block at a time (C-level) instead of being stepped through a posting at a time.
Weights are decoded exactly as Whoosh's matcher decodes them (a block-wide constant is a
32-bit float there), so scores computed from them are the same to the last bit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pickle import loads
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.reading import TermNotFound

from reader.search.whoosh_ext.postings import FastCharacters


@dataclass
class TermPostings:
    """One term's live (undeleted) postings in a segment, in document order."""

    ids: np.ndarray  # int64 segment document numbers, ascending
    weights: np.ndarray  # float64
    values: list  # the raw value of each posting (positions), as Whoosh stores it
    fmt: Any  # the field's format (a Whoosh Format), which decodes the values


def term_info(reader, fieldname: str, btext: bytes):
    """The segment's term information (document frequency, where the postings are), or
    None if the segment does not have the term."""
    terms = getattr(reader, "_terms", None)  # an empty index's reader has none
    if terms is None:
        return None
    try:
        return terms.term_info(fieldname, btext)
    except (KeyError, TermNotFound):
        return None


def read_postings(reader, fieldname: str, btext: bytes, info) -> TermPostings:
    """Every posting of ``btext`` in ``fieldname`` of a segment reader (``info``: its
    ``term_info``)."""
    fmt = reader.schema[fieldname].format
    terms = reader._terms
    matcher = terms._codec.postings_reader(terms._postfile, info, fmt, term=(fieldname, btext))
    if isinstance(matcher, W3LeafMatcher) and not matcher._fixedsize:
        ids, weights, values = _read_blocks(matcher)
    else:
        ids, weights, values = _step_through(matcher)
    deleted = deleted_docs(reader)
    if deleted is not None and len(ids):
        keep = ~np.isin(ids, deleted)
        if not keep.all():
            ids, weights = ids[keep], weights[keep]
            values = [v for v, k in zip(values, keep.tolist(), strict=True) if k]
    return TermPostings(ids, weights, values, fmt)


def _read_blocks(m: W3LeafMatcher) -> tuple[np.ndarray, np.ndarray, list]:
    id_parts, weight_parts, values = [], [], []
    postfile = m._postfile
    while not m._atend:
        data = postfile.get(m._dataoffset, m._nextoffset - m._dataoffset)
        if m._compression:
            import zlib

            data = zlib.decompress(data)
        raw_ids, raw_weights, raw_values = loads(data)
        count = m._blocklength
        id_parts.append(np.cumsum(np.array(raw_ids, dtype=np.int64)))  # deltas from 0
        if raw_weights is None:
            weight_parts.append(np.ones(count))
        elif isinstance(raw_weights, float):  # Whoosh makes it an array("f")
            weight_parts.append(np.full(count, np.float32(raw_weights), dtype=np.float64))
        else:
            weight_parts.append(np.array(raw_weights, dtype=np.float64))
        values.extend(raw_values if raw_values is not None else (None,) * count)
        if m._lastblock:
            break
        m._goto(m._nextoffset)
    if not id_parts:
        return np.empty(0, np.int64), np.empty(0), []
    return np.concatenate(id_parts), np.concatenate(weight_parts), values


def _step_through(m) -> tuple[np.ndarray, np.ndarray, list]:
    ids, weights, values = [], [], []
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        values.append(m.value())
        m.next()
    return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64), values


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
    values = [postings.values[i] for i in rows.tolist()]
    docs = postings.ids[rows]
    if isinstance(postings.fmt, FastCharacters):
        positions, counts = _packed_positions(values)
    else:
        decode = postings.fmt.decode_positions
        lists = [decode(v) for v in values]
        counts = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
        positions = np.fromiter((p for ps in lists for p in ps), dtype=np.int64)
    keys = (np.repeat(docs, counts) << 32) | positions
    return keys  # documents ascending, each one's positions ascending: sorted


def _packed_positions(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """Positions of FastCharacters values (count, position deltas, character deltas)."""
    n = len(values)
    if not n:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    words = np.frombuffer(b"".join(values), dtype=np.uint32)
    sizes = np.fromiter(map(len, values), dtype=np.int64, count=n) // 4
    heads = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    counts = words.view(">u4")[heads].astype(np.int64)  # the count is packed big-endian
    firsts = np.concatenate(([0], np.cumsum(counts)[:-1]))  # each value's first occurrence
    within = np.arange(int(counts.sum())) - np.repeat(firsts, counts)
    deltas = words[np.repeat(heads + 1, counts) + within].astype(np.int64)
    running = np.cumsum(deltas)
    before = np.repeat(running[firsts] - deltas[firsts], counts)  # sum before each value
    return running - before, counts
