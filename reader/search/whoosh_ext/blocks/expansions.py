"""A prefix's words read from each segment's term dictionary in one walk, with their term
information.

Whoosh expands a prefix by walking the dictionary for the words alone, then looks each
word up again, in its own segment and in every other one for the document frequency its
score needs. The walk already passes each word's information, so it is kept: the words
(in Whoosh's order), their information for the segment, and the document frequency summed
over the search's segments, from which BM25F's idf comes as before. This serves the
prefixes that reach the engine as such: a title's (``t*`` also searches titles) and a
field's (``speaker:dan*``). The transcript's are expanded to stems from the word list
before (``query.expand_to_stems``), and their many words are read by ``term_walk``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.search.whoosh_ext.blocks.postings import segment_key, stored_form

if TYPE_CHECKING:
    from reader.search.whoosh_ext.blocks.evaluate import SegmentEvaluator

#: Each segment's walk, by segment (its id and term dictionary reader, as ``postings``
#: keys its term lookups: a segment never changes once written), field and prefix:
#: typing a search repeats a prefix, and the first letters are the longest walks.
_WALKS: dict[tuple[str, int, str, bytes], tuple[list[bytes], list[object]]] = {}
_MAX_WALKS = 64


def walk_prefix(evaluator: SegmentEvaluator, fieldname: str, text: str) -> list[bytes] | None:
    """The words of ``evaluator``'s segment starting with ``text``, as Whoosh's
    ``expand_prefix`` yields them, having walked every segment of the search once; None
    where a segment's dictionary cannot be walked so (Whoosh then expands it)."""
    key = (fieldname, text)
    found = evaluator.prefix_words.get(key)
    if found is not None:
        return found
    schema = evaluator.reader.schema
    if fieldname not in schema or schema[fieldname].format is None:
        return None
    prefix = stored_form(schema, fieldname, text)
    if prefix is None:
        return None
    walks = [_walk(peer.reader, fieldname, prefix) for peer in evaluator.peers]
    if any(walk is None for walk in walks):
        return None
    walked: dict[tuple[str, bytes], int] = {}
    for peer, walk in zip(evaluator.peers, walks, strict=True):
        assert walk is not None
        words, infos = walk
        peer.prefix_words[key] = words
        for btext, info in zip(words, infos, strict=True):
            term = (fieldname, btext)
            peer._btexts[term] = btext
            peer._infos[term] = info
            walked[term] = walked.get(term, 0) + info.doc_frequency()  # type: ignore[attr-defined]
    totals = evaluator.peers[0].doc_frequencies
    for term, frequency in walked.items():  # a word two prefixes reach is summed once
        totals.setdefault(term, frequency)
    return evaluator.prefix_words[key]


def _walk(reader, fieldname: str, prefix: bytes) -> tuple[list[bytes], list[object]] | None:
    terms = getattr(reader, "_terms", None)
    if terms is None:  # an empty segment: no words
        return [], []
    items_from = getattr(terms, "items_from", None)
    if items_from is None:
        return None
    key = (*segment_key(reader), fieldname, prefix)
    found = _WALKS.get(key)
    if found is None:
        words: list[bytes] = []
        infos: list[object] = []
        for (name, btext), info in items_from(fieldname, prefix):
            if name != fieldname or not btext.startswith(prefix):
                break
            if btext:  # as ``SegmentEvaluator.expansion`` drops the empty word
                words.append(btext)
                infos.append(info)
        if len(_WALKS) >= _MAX_WALKS:
            del _WALKS[next(iter(_WALKS))]  # the oldest
        found = _WALKS[key] = (words, infos)
    return found
