"""Hyphenated words as people type them ("one-on-one", "follow-up", "skip-level") searched as
the phrase they stand for, which is how the transcript was indexed.

Whoosh's parser read the hyphen inside such a word as NOT: ``follow-up`` found the episodes
that say "follow" and never "up", and ``one-on-one`` found none at all. A hyphen that starts a
word (``-up``) still excludes, and a quoted phrase, a prefix (``co-work*``) or a field that is
not analysed (``date:2023-05-01``) is left as typed.
"""

from __future__ import annotations

import re

from reader.search.schema import DEFAULT_FIELDS, FIELD_ALIASES

#: Fields whose text is split into words, named as the user may name them.
_WORD_FIELDS = {*DEFAULT_FIELDS, *(alias for names in FIELD_ALIASES.values() for alias in names)}
_WORD_FIELDS -= {"number", "ep", "episode"}
#: Outside double quotes: a run of non-space characters (quoted phrases are kept whole).
_PIECE = re.compile(r'"[^"]*"?|[^\s"]+')
#: Opening brackets, ``+``/``-``, ``field:`` (each optional), words joined by hyphens.
_COMPOUND = re.compile(r"([(]*)([+-]?)(?:(\w+):)?(\w+(?:[-\u2010\u2011]\w+)+)([)]*)")
_HYPHEN = re.compile(r"[-\u2010\u2011]")


def quoted_compounds(text: str) -> str:
    """``text`` with each hyphenated word made a quoted phrase (``follow-up`` ->
    ``"follow up"``), keeping a leading ``+``/``-`` and a word field's ``field:``."""

    def rewrite(piece: re.Match[str]) -> str:
        found = _COMPOUND.fullmatch(piece[0])
        if found is None:
            return piece[0]
        opening, sign, field, words, closing = found.groups()
        if field is not None and field.lower() not in _WORD_FIELDS:
            return piece[0]
        prefix = f"{field}:" if field is not None else ""
        return f'{opening}{sign}{prefix}"{_HYPHEN.sub(" ", words)}"{closing}'

    return _PIECE.sub(rewrite, text)
