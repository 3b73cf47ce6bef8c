"""Phrase searches on the transcript, matched by intersecting sets of positions.

Whoosh's phrase matcher compares span objects pair by pair in Python: phrase searches took
three times as long as word searches, nearly all of it there. ``AdjacentPhrase`` is Whoosh's
``Phrase`` with a matcher that finds words following each other with C-level set operations.
"""

from __future__ import annotations

from itertools import repeat
from operator import sub

from whoosh import matching, query
from whoosh.query.spans import Span, SpanNear2


class _AdjacentMatcher(SpanNear2.SpanNear2Matcher):
    """Whoosh's phrase matcher, finding words that follow each other by intersecting sets of
    positions (C-level) instead of comparing span objects pair by pair in Python: phrase
    searches took three times as long as word searches, nearly all of it there."""

    def _get_spans(self) -> list[Span]:
        if not (self.slop == 1 and self.ordered and self.mindist == 1):
            return super()._get_spans()  # "words near each other"~N: Whoosh's way
        starts = set(self.ms[0].value_as("positions"))
        for offset, matcher in enumerate(self.ms[1:], 1):
            if not starts:
                return []
            starts.intersection_update(map(sub, matcher.value_as("positions"), repeat(offset)))
        last = len(self.ms) - 1
        return [Span(start, start + last) for start in sorted(starts)]


class _SpanNear(SpanNear2):
    def matcher(self, searcher, context=None):
        ms = [q.matcher(searcher, context) for q in self.qs]
        return _AdjacentMatcher(ms, slop=self.slop, ordered=self.ordered, mindist=self.mindist)


class AdjacentPhrase(query.Phrase):
    """A phrase on the transcript, matched by ``_AdjacentMatcher``; otherwise Whoosh's
    ``Phrase.matcher``, step for step."""

    def matcher(self, searcher, context=None):
        field = searcher.schema[self.fieldname]
        reader = searcher.reader()
        terms = []
        for word in self.words:
            try:
                term = field.to_bytes(word)
            except ValueError:
                return matching.NullMatcher()
            if (self.fieldname, term) not in reader:
                return matching.NullMatcher()  # a word the library never uses
            terms.append(query.Term(self.fieldname, term))
        m = _SpanNear(terms, slop=self.slop, ordered=True, mindist=1).matcher(searcher, context)
        return m if self.boost == 1.0 else matching.WrappingMatcher(m, boost=self.boost)
