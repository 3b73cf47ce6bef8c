""" "Did you mean": a query with its misspelt words replaced by the library's closest words.

Only words the library never uses are corrected, against the word list (``vocabulary``),
so a suggestion always finds something the typed query did not.
"""

from __future__ import annotations

import re

from reader.search.analysis import EXACT
from reader.search.vocabulary import Vocabulary

#: Words of three letters or more that are not field names ("title:") or values of one.
_WORD = re.compile(r"(?<![:\w])[^\W\d_]{3,}\b(?!:)")


def suggest(text: str, vocabulary: Vocabulary) -> str | None:
    """A corrected query when a word of it is not in the library but a close one is."""
    words = _WORD.findall(text)
    changed = text
    for word in dict.fromkeys(words):
        lower = EXACT.normalise.cache[word]
        if lower in {"and", "or", "not"} or lower in vocabulary:
            continue
        # Typos rarely touch the first letter; keeping it makes this 20x faster.
        option = vocabulary.closest(lower, maxdist=2, prefixlength=1)
        if option:
            changed = re.sub(rf"\b{re.escape(word)}\b", option, changed)
    return changed if changed != text else None
