"""The search box of the annotations browser, answered through the index: the episodes whose
notes (highlights, comments, tags) or pull quotes match, then the marks of those episodes
whose own words hold the query's words (stemmed as the index stems them)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.annotations.marks import Mark
from reader.search.index import LibraryIndex
from reader.search.mark_search import episodes_with_marks_matching, stems

_OPERATORS = re.compile(r"\b(?:AND|OR|NOT)\b|(?:^|\s)-\S+|\b\w+:")


def query_words(query: str) -> set[str]:
    """The words a mark must hold: the query's, without operators, field names and words
    it excludes."""
    return stems(_OPERATORS.sub(" ", query))


def matching_marks(
    ix: LibraryIndex, query: str, marks: Iterable[Mark], cache: dict[str, set[str]]
) -> frozenset[tuple[str, str]]:
    """(episode id, key) of each mark matching ``query``; ``cache`` keeps the stems of each
    mark's words (by those words) between searches."""
    episodes = episodes_with_marks_matching(ix, query)
    words = query_words(query)
    any_word = " OR " in query
    found = set()
    for mark in marks:
        if mark.episode_id not in episodes:
            continue
        if words:
            text = mark.words()
            have = cache.get(text)
            if have is None:
                have = cache[text] = stems(text)
            if not (words & have if any_word else words <= have):
                continue
        found.add((mark.episode_id, mark.key))
    return frozenset(found)
