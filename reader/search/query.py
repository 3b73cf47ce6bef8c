"""A user's query, parsed and rewritten for this index; and what in it counts as a hit.

People type words, phrases, ``field:value``, ``+must``/``-not``, ``prefix*``, ``wild?ard``
and ``typo~``. A syntax slip never raises: the words alone are searched instead. Prefix,
wildcard and fuzzy terms on the transcript are expanded against the library's word list and
searched by the stems those words have, so they find every form of a word, like a plain
search, and hits are marked the same way.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from itertools import islice

from whoosh import query
from whoosh.qparser import FieldAliasPlugin, FuzzyTermPlugin, MultifieldParser, PlusMinusPlugin
from whoosh.support.charset import accent_map

from reader.search.analysis import STEMMED, WORDS
from reader.search.compounds import quoted_compounds
from reader.search.natural import without_stop_words
from reader.search.schema import DEFAULT_FIELDS, FIELD_ALIASES, FIELD_BOOSTS
from reader.search.vocabulary import Vocabulary
from reader.search.whoosh_ext.exclusions import excluding
from reader.search.whoosh_ext.phrase import AdjacentPhrase

log = logging.getLogger(__name__)

#: Words a prefix, wildcard or fuzzy term may expand to ("a*" must not become 10,000 terms).
MAX_EXPANSION = 500
#: Fields a prefix, wildcard or fuzzy term naming no field is expanded in.
EXPAND_FIELDS = ("text", "title")
#: Letters a fuzzy term's words must share with what was typed.
FUZZY_PREFIX = 2


def make_parser(schema) -> MultifieldParser:
    parser = MultifieldParser(list(DEFAULT_FIELDS), schema, fieldboosts=FIELD_BOOSTS)
    parser.add_plugin(FuzzyTermPlugin())
    parser.add_plugin(PlusMinusPlugin())
    parser.add_plugin(FieldAliasPlugin(FIELD_ALIASES))
    return parser


def parse(parser: MultifieldParser, text: str, vocabulary: Callable[[], Vocabulary]) -> query.Query:
    """Parse a user's query; a syntax slip gives best-effort results, never an error.
    ``vocabulary`` gives the word list, asked only by prefixes, wildcards and typos (reading
    it was a tenth of a one-shot search for words or a phrase)."""
    parsed_text = quoted_compounds(text)  # "follow-up" is a phrase, not follow NOT up
    try:
        parsed = parser.parse(parsed_text)
    except Exception:  # Whoosh raises assorted errors on odd input; fall back to words
        log.debug("query %r did not parse; searching its words", text, exc_info=True)
        parsed_text = " ".join(re.findall(r"\w+", text))
        parsed = parser.parse(parsed_text) if parsed_text else query.NullQuery
    parsed = without_stop_words(parsed, parsed_text)
    return expand_to_stems(parsed, vocabulary, text)


def expand_to_stems(
    q: query.Query, vocabulary: Callable[[], Vocabulary], typed: str = ""
) -> query.Query:
    """Turn prefix, wildcard and fuzzy terms on the transcript into the stems they reach.

    Stems are not words ("delegation" is indexed as "deleg"), so these are expanded against
    the library's word list, and each word found is searched by its stem: then
    "delegat*" and "delegaton~" find every form of the word, like a plain search does, and
    hits are marked the same way.
    """

    def fix(node: query.Query) -> query.Query:
        node = excluding(node) or node  # NOT that excludes every match (see exclusions)
        if isinstance(node, query.Or) and _is_default_field_expansion(node):
            # "deleg*" with no field names one expansion per searched field; expanding each
            # over its own word list is most of a fuzzy search's time, and typos and prefixes
            # matter in the transcript and titles. An explicit "speaker:dan*" is not affected.
            node = query.Or(
                [c for c in node.children() if c.fieldname in EXPAND_FIELDS], boost=node.boost
            )
        if isinstance(node, query.Phrase) and node.fieldname == "text":
            return AdjacentPhrase(
                node.fieldname,
                node.words,
                slop=node.slop,
                boost=node.boost,
                char_ranges=node.char_ranges,
            )
        if isinstance(node, query.Prefix | query.Wildcard | query.FuzzyTerm):
            if node.fieldname != "text":
                return node
            pattern = _str(node.text).lower().translate(accent_map)
            if isinstance(node, query.FuzzyTerm):
                # The parser stemmed the typo ("calender" -> "calend"); compare what was typed
                # against the unstemmed words instead. Typos rarely touch the first two
                # letters; requiring them cuts the words to compare to a few hundred.
                words = vocabulary().within(
                    _typed_word(typed, node) or pattern,
                    node.maxdist,
                    max(node.prefixlength, FUZZY_PREFIX),
                )
            elif isinstance(node, query.Prefix):
                words = list(islice(vocabulary().with_prefix(pattern), MAX_EXPANSION))
            else:
                words = list(islice(vocabulary().matching(pattern), MAX_EXPANSION))
            stems = sorted({STEMMED.normalise.cache[w] for w in words[:MAX_EXPANSION]})
            if not stems:
                return query.NullQuery
            return query.Or([query.Term("text", stem, boost=node.boost) for stem in stems])
        return node.apply(fix)

    return fix(q)


def _is_default_field_expansion(node: query.Or) -> bool:
    children = list(node.children())
    kinds = (query.Prefix, query.Wildcard, query.FuzzyTerm)
    return (
        len(children) > 1
        and all(isinstance(c, kinds) for c in children)
        and len({(type(c), c.text) for c in children}) == 1
    )


def _typed_word(typed: str, node: query.Query) -> str:
    start, end = getattr(node, "startchar", None), getattr(node, "endchar", None)
    if start is None or end is None or not typed:
        return ""
    word = typed[start:end].split("~", 1)[0]
    return word.lower().translate(accent_map) if WORDS.fullmatch(word) else ""


def _str(word: str | bytes) -> str:
    return word.decode("utf-8") if isinstance(word, bytes) else word


def _positive_leaves(q: query.Query) -> Iterator[query.Query]:
    """The query's terms, phrases and patterns that must or may match (not negated ones)."""
    if isinstance(q, query.Not):
        return
    if isinstance(q, query.AndNot):
        yield from _positive_leaves(q.a)
    elif q.is_leaf():
        yield q
    else:
        for child in q.children():
            yield from _positive_leaves(child)


def match_groups(q: query.Query, fieldname: str = "text") -> list[list[str]]:
    """The stemmed term sequences whose occurrences in the transcript (or ``fieldname``)
    are hits.

    A phrase is one group (its words must follow each other); a term is a group of one
    (prefix, wildcard and fuzzy terms are already expanded to terms). Negated parts are
    skipped.
    """
    return groups_by_field(q).get(fieldname, [])


def groups_by_field(q: query.Query) -> dict[str, list[list[str]]]:
    """``match_groups`` of every field, from one walk of the query (a short prefix has
    hundreds of words, and the results ask for the groups of eight fields)."""
    groups: dict[str, dict[tuple[str, ...], None]] = {}
    for leaf in _positive_leaves(q):
        fieldname = getattr(leaf, "fieldname", None)
        if fieldname is None:
            continue
        if isinstance(leaf, query.Phrase):
            group = tuple(str(w) for w in leaf.words)
        elif isinstance(leaf, query.Term):
            group = (str(leaf.text),)
        else:
            continue
        if group:
            groups.setdefault(fieldname, {})[group] = None
    return {name: [list(g) for g in unique] for name, unique in groups.items()}
