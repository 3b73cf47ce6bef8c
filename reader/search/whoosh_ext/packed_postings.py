"""A segment's postings held packed in memory until the writer writes them out, in term order.

Whoosh's writer hands its pool one (field, term, document, weight, value) tuple per distinct
word of each document. Kept as tuples (five Python objects and a list slot each: about 250
bytes besides the encoded positions, themselves about 100) a worker's share of a
10,000-episode first index round took about a gigabyte. Here each posting is packed into its
term's ``bytearray`` (document, weight, value length, value: 16 bytes plus the positions), a
third of that, and sorting is of each field's distinct terms, not of every posting.
``nbytes`` tells the builder when to close the segment and start another (``SegmentBuilder``'s
memory limit).
"""

from __future__ import annotations

import pickle
import struct
from collections.abc import Iterator

_HEAD = struct.Struct("<IdI")  # document number, weight, length of the value bytes
#: The value length that says the (weight, value) pair is pickled after a 4-byte length: for
#: the odd posting whose weight is not a float or whose value is not bytes.
_ODD = 0xFFFFFFFF
_LENGTH = struct.Struct("<I")
_pack_head = _HEAD.pack
#: Rough cost of a term's entry (its key, a bytearray, the dict slot), for ``nbytes``.
TERM_OVERHEAD = 120


class PackedPostings:
    """The posting pool of a ``worker_writer``: Whoosh calls ``add``, ``iter_postings``,
    ``cleanup`` and reads ``fieldnames``."""

    def __init__(self) -> None:
        self._by_field: dict[str, dict[bytes, bytearray]] = {}
        self.fieldnames: set[str] = set()
        self.postings = 0
        self.nbytes = 0  # about what the buffered postings take in memory

    def add(self, posting: tuple) -> None:
        fieldname, term, docnum, weight, value = posting
        try:
            packed = self._by_field[fieldname][term]
        except KeyError:
            packed = self._new_term(fieldname, term)
        self.postings += 1
        if type(weight) is float and type(value) is bytes:
            packed += _pack_head(docnum, weight, len(value))
            packed += value
            self.nbytes += _HEAD.size + len(value)
            return
        odd = pickle.dumps((weight, value))
        packed += _pack_head(docnum, 0.0, _ODD)
        packed += _LENGTH.pack(len(odd))
        packed += odd
        self.nbytes += _HEAD.size + _LENGTH.size + len(odd)

    def _new_term(self, fieldname: str, term: bytes) -> bytearray:
        terms = self._by_field.get(fieldname)
        if terms is None:
            terms = self._by_field[fieldname] = {}
            self.fieldnames.add(fieldname)
        packed = terms[term] = bytearray()
        self.nbytes += TERM_OVERHEAD + len(term)
        return packed

    def iter_postings(self) -> Iterator[tuple]:
        """Every posting, by field, then term, then in the order added (document order), each
        term's buffer freed once it is written."""
        head, size = _HEAD.unpack_from, _HEAD.size
        for fieldname in sorted(self._by_field):
            terms = self._by_field[fieldname]
            for term in sorted(terms):
                packed = bytes(terms.pop(term))
                at, end = 0, len(packed)
                while at < end:
                    docnum, weight, length = head(packed, at)
                    at += size
                    if length == _ODD:
                        (length,) = _LENGTH.unpack_from(packed, at)
                        at += _LENGTH.size
                        weight, value = pickle.loads(packed[at : at + length])
                    else:
                        value = packed[at : at + length]
                    at += length
                    yield fieldname, term, docnum, weight, value
            del self._by_field[fieldname]

    def cleanup(self) -> None:
        self._by_field.clear()
        self.nbytes = 0
