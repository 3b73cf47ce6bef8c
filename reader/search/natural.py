"""Questions typed as questions: "where did we talk about leadership".

Every plain word of a query must match, so a question found nothing unless the episode said
"where" and "did" too. In a plain (unquoted) run of words, stop words are dropped when other
words remain: they are then neither required, counted nor marked. A phrase keeps every word,
a word given a field ("title:where") or a sign ("+where") is kept, and a query of stop words
alone is searched as typed.
"""

from __future__ import annotations

from whoosh import query

_FUNCTION_WORDS = """
a about after all am an and any are as at be because been before being between both but
by can could did do does doing done during each for from had has have having he her here
hers him his how i if in into is it its just let me my no nor of on or our ours she
should so some such than that the their theirs them then there these they this those to
too us very was we were what when where which while who whom why will with would you
your yours
"""
#: English function words a question is made of; none is what someone is looking for.
STOP_WORDS = frozenset(_FUNCTION_WORDS.split())


def _typed_word(node: query.Query, typed: str) -> str | None:
    """The word the user typed for ``node``, if it is one plain word searched in every
    default field (an ``Or`` of terms at one place in the query), else None."""
    if not isinstance(node, query.Or):
        return None
    children = list(node.children())
    places = {(getattr(c, "startchar", None), getattr(c, "endchar", None)) for c in children}
    if not children or not all(isinstance(c, query.Term) for c in children) or len(places) != 1:
        return None
    start, end = places.pop()
    if start is None or end is None:
        return None
    return typed[start:end].lower()


def without_stop_words(q: query.Query, typed: str) -> query.Query:
    """``q`` with the stop words of each plain run of words left out, if others remain."""

    def fix(node: query.Query) -> query.Query:
        node = node.apply(fix)
        if type(node) is not query.And:
            return node
        children = list(node.children())
        kept = [c for c in children if _typed_word(c, typed) not in STOP_WORDS]
        if not kept or len(kept) == len(children):
            return node
        return kept[0] if len(kept) == 1 else query.And(kept, boost=node.boost)

    return fix(q)
