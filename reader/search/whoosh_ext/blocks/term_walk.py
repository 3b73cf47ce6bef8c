"""Many words' term information read in one walk along a segment's sorted term dictionary.

Whoosh finds a word's information through its on-disk hash table, in Python: about 11 us
a word on this machine. A short prefix's hundreds of words, looked up in each of ten
segments, were 50 ms of a first search (a one-shot command's only search); searches
after it find them in ``postings._INFOS``. The dictionary also keeps its keys in order,
so the words lying between the first and the last wanted are read one after another,
each entry a fraction of a lookup; that walk is taken when it passes few enough words.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from whoosh import query
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.filedb.filetables import OrderedHashReader

from reader.search.whoosh_ext.blocks import postings
from reader.search.whoosh_ext.blocks.postings import (
    UNKNOWN,
    remember_info,
    segment_key,
    stored_form,
    term_info,
)

if TYPE_CHECKING:
    from reader.search.whoosh_ext.blocks.evaluate import SegmentEvaluator

#: A dictionary entry's head: its key's and its value's lengths (Whoosh's ``_lengths``).
_LENGTHS = struct.Struct("!ii")
#: Entries the walk may pass per word wanted: a lookup costs about as much as 15.
MOST_PASSED_PER_WORD = 8
#: Fewer wanted words than this are looked up one by one.
FEWEST_WORDS = 32


def encoded_words(schema, subqueries: Sequence[query.Query]) -> dict[str, list[tuple[str, bytes]]]:
    """A node's plain words, field by field, each with its stored form: the same in every
    segment (they share the schema), so encoded once a search, not once per segment."""
    by_field: dict[str, list[tuple[str, bytes]]] = {}
    for sub in subqueries:
        if type(sub) is query.Term:
            btext = stored_form(schema, sub.fieldname, sub.text)
            if btext is not None:
                by_field.setdefault(sub.fieldname, []).append((sub.text, btext))
    return by_field


def look_up_together(
    evaluator: SegmentEvaluator, words: dict[str, list[tuple[str, bytes]]]
) -> None:
    """The term information of a node's many words (``encoded_words``) in ``evaluator``'s
    segment, read together (``term_infos``) where the segment has not looked them up yet;
    each word's answer is also what ``term_bytes`` gives it, so that asks nothing again."""
    infos, btexts = evaluator._infos, evaluator._btexts
    for fieldname, pairs in words.items():
        unknown = [btext for _text, btext in pairs if (fieldname, btext) not in infos]
        if len(unknown) >= FEWEST_WORDS:
            for btext, info in term_infos(
                evaluator.reader, fieldname, unknown, evaluator._segment
            ).items():
                infos[(fieldname, btext)] = info
        for text, btext in pairs:
            info = infos.get((fieldname, btext), UNKNOWN)
            if info is not UNKNOWN:
                btexts[(fieldname, text)] = None if info is None else btext


def term_infos(reader, fieldname: str, btexts: list[bytes], segment: tuple | None = None) -> dict:
    """``term_info`` of many words of a field; those not known yet are read in one walk
    of the segment's dictionary where that is cheaper (``term_walk``)."""
    segment = segment or segment_key(reader)
    found: dict[bytes, object] = {}
    unknown: list[bytes] = []
    for btext in btexts:
        info = postings._INFOS.get((*segment, fieldname, btext), UNKNOWN)
        if info is UNKNOWN:
            unknown.append(btext)
        else:
            found[btext] = info
    walked = walked_infos(reader, fieldname, unknown) if unknown else None
    if walked is None:
        for btext in unknown:
            found[btext] = term_info(reader, fieldname, btext, segment)
        return found
    for btext, info in walked.items():
        remember_info((*segment, fieldname, btext), info)
        found[btext] = info
    return found


def walked_infos(reader, fieldname: str, btexts: Iterable[bytes]) -> dict[bytes, object] | None:
    """Each word's term information in the segment (None where it lacks the word), from
    one walk of its dictionary; None where a walk would pass too many other words, or the
    dictionary is not one that can be walked so."""
    wanted = sorted(set(btexts))
    terms = getattr(reader, "_terms", None)
    tindex = getattr(terms, "_tindex", None)
    mapped = getattr(getattr(tindex, "dbfile", None), "_map", None)
    if terms is None or tindex is None or mapped is None or len(wanted) < FEWEST_WORDS:
        return None
    if type(tindex) is not OrderedHashReader:
        return None
    keys = {terms._keycoder(fieldname, btext): btext for btext in wanted}
    first = _rank(tindex, terms._keycoder(fieldname, wanted[0]))
    after = _rank(tindex, terms._keycoder(fieldname, wanted[-1]) + b"\0")
    if after - first > MOST_PASSED_PER_WORD * len(wanted):
        return None
    found: dict[bytes, object] = dict.fromkeys(wanted)
    if after == first:
        return found
    at = tindex._get_pos(tindex.indexbase + first * tindex.indexsize)
    unpack, head = _LENGTHS.unpack_from, _LENGTHS.size
    from_bytes = W3TermInfo.from_bytes
    for _entry in range(after - first):
        key_size, value_size = unpack(mapped, at)
        key_at = at + head
        value_at = key_at + key_size
        btext = keys.get(mapped[key_at:value_at])
        if btext is not None:
            found[btext] = from_bytes(mapped[value_at : value_at + value_size])
        at = value_at + value_size
    return found


def _rank(tindex: OrderedHashReader, key: bytes) -> int:
    """How many of the dictionary's keys sort before ``key`` (``closest_key_pos``'s
    binary search, giving the place rather than the entry)."""
    lo, hi = 0, tindex.indexlen
    key_at, position = tindex.key_at, tindex._get_pos
    base, size = tindex.indexbase, tindex.indexsize
    while lo < hi:
        mid = (lo + hi) // 2
        if key_at(position(base + mid * size)) < key:
            lo = mid + 1
        else:
            hi = mid
    return lo
