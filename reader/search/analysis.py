"""How text becomes index terms: words, lowercased, accent-folded and (mostly) stemmed.

One analysis serves indexing, queries, hit spans and the word list, so a word found by a
search is the word marked in the reader. Transcripts repeat the same few thousand words, so
the normalised form of each is cached; indexing skips Whoosh's token objects altogether
(``WordAnalyzer.words``, used by ``whoosh_ext.postings``).

The analyzer classes are pickled into the index's schema by Whoosh: moving or renaming them
makes older indexes unreadable, so ``schema.SCHEMA_VERSION`` goes up with them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import accumulate

import numpy as np
from whoosh.analysis import Analyzer, Filter, RegexTokenizer
from whoosh.lang import porter2
from whoosh.support.charset import accent_map


def agent_stem(word: str) -> str:
    """Porter2, plus agent nouns stemmed like their verbs: "leaders" -> "lead" like "leading".

    Porter2 leaves "leader" apart from "lead" and "driver" apart from "drive"; a final "er"
    (then a final "e") is stripped from stems, keeping at least four letters.
    """
    stem = porter2.stem(word)
    if len(stem) >= 6 and stem.endswith("er"):
        stem = stem[:-2]
    if len(stem) >= 4 and stem.endswith("e"):
        stem = stem[:-1]
    return stem


class _StemCache(dict[str, str]):
    """word -> normalised form, computed on first sight (``dict.__getitem__`` stays in C)."""

    LIMIT = 200_000

    def __init__(self, stem: bool) -> None:
        super().__init__()
        self.stem = stem

    def __missing__(self, word: str) -> str:
        out = word.lower().translate(accent_map)
        if self.stem:
            out = agent_stem(out)
        if len(self) < self.LIMIT:
            self[word] = out
        return out


_STEM_CACHES = {True: _StemCache(stem=True), False: _StemCache(stem=False)}


class _Normalise(Filter):
    """Lowercase, fold accents and (optionally) stem, in one step with a cache.

    Transcripts repeat the same few thousand words, so the cache answers almost every token.
    """

    def __init__(self, stem: bool) -> None:
        self._start(stem)

    def _start(self, stem: bool) -> None:
        self.stem = stem
        # Shared by every copy: Whoosh unpickles a new schema (so new filters) each time it
        # opens a reader or writer, and a cold cache cost a one-file update 50 ms of stemming.
        self.cache = _STEM_CACHES[stem]

    def __getstate__(self) -> dict:  # Whoosh pickles the schema: leave the cache out
        return {"stem": self.stem}

    def __setstate__(self, state: dict) -> None:
        self._start(state["stem"])

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Normalise) and other.stem == self.stem

    def __hash__(self) -> int:
        return hash(("_Normalise", self.stem))

    def __call__(self, tokens: Iterable) -> Iterator:
        cache = self.cache
        for token in tokens:
            token.text = cache[token.text]
            yield token


#: Same token pattern as Whoosh's default tokenizer; also used to list a transcript's words.
WORD_PATTERN = r"\w+(\.?\w+)*"
WORDS = re.compile(WORD_PATTERN)
#: The same words, as the separators of ``re.split`` (one group: the whole word). Written
#: without the optional dot, which matches the same words a fifth faster.
_SPLIT_WORDS = re.compile(r"(\w+(?:\.\w+)*)")
_last_split: tuple[str, list[str]] = ("", [""])


def _split(text: str) -> list[str]:
    """``text`` as separator, word, separator, ..., separator. The last answer is kept: an
    episode's text is split for its postings and again for the word list."""
    global _last_split
    last = _last_split
    if last[0] is text:
        return last[1]
    parts = _SPLIT_WORDS.split(text)
    _last_split = (text, parts)
    return parts


_Words = tuple[list[str], np.ndarray, np.ndarray]
_last_words: tuple[str, bool, _Words] = (
    "",
    False,
    ([], np.empty(0, np.int64), np.empty(0, np.int64)),
)


class WordAnalyzer(Analyzer):
    """Words of ``WORD_PATTERN``, lowercased, accent-folded and optionally stemmed.

    To Whoosh it is an ordinary analyzer (queries go through its token chain). Indexing
    uses ``words`` instead, through ``whoosh_ext.postings``: a transcript's 6,000 words then
    cost a few C-level passes rather than 6,000 trips through Whoosh's token generators,
    which were most of the time it took to build an index.
    """

    def __init__(self, stem: bool) -> None:
        self.stem = stem
        self.normalise = _Normalise(stem)
        self.chain = RegexTokenizer(WORD_PATTERN) | self.normalise

    def __call__(self, value, **kwargs):
        return self.chain(value, **kwargs)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WordAnalyzer) and other.stem == self.stem

    def __hash__(self) -> int:
        return hash(("WordAnalyzer", self.stem))

    def words(self, text: str) -> tuple[list[str], np.ndarray, np.ndarray]:
        """The normalised words of ``text`` with their start and end character offsets,
        exactly the tokens (text, startchar, endchar) the token chain gives. The last
        answer is kept: a transcript's words make its postings, then its pairs' bits."""
        global _last_words
        last = _last_words
        if last[0] is text and last[1] == self.stem:
            return last[2]
        parts = _split(text)
        terms = list(map(self.normalise.cache.__getitem__, parts[1::2]))
        # bounds[2i], bounds[2i + 1]: where word i starts and ends
        bounds = np.fromiter(accumulate(map(len, parts)), dtype=np.int64, count=len(parts))
        found = terms, bounds[0:-1:2], bounds[1::2]
        _last_words = (text, self.stem, found)
        return found


STEMMED = WordAnalyzer(stem=True)
EXACT = WordAnalyzer(stem=False)


def words_of(text: str) -> set[str]:
    """The distinct words of ``text`` as the word list keeps them (lowercase, no accents)."""
    return set(map(EXACT.normalise.cache.__getitem__, set(_split(text)[1::2])))
