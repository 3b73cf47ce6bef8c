"""The library's full-text index. The only module that talks to Whoosh.

One index per library folder lives in the cache folder; it is a rebuildable cache, so a
missing, corrupt or outdated index is simply rebuilt. Transcript text is indexed with
character positions but not stored: the text itself is kept beside the index in a small text
cache, and hit spans come straight from the postings (no re-tokenising, see shared notes).

Spans and snippet offsets are character offsets into ``Episode.text``, the same string the
reader displays, so search results and the reader always agree.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
import weakref
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from itertools import accumulate, islice, repeat
from operator import itemgetter, sub
from pathlib import Path

import numpy as np
from whoosh import fields, formats, index, matching, query
from whoosh.analysis import Analyzer, Filter, RegexTokenizer
from whoosh.codec.whoosh3 import W3Codec
from whoosh.index import LockError
from whoosh.lang import porter2
from whoosh.qparser import (
    FieldAliasPlugin,
    FuzzyTermPlugin,
    MultifieldParser,
    PlusMinusPlugin,
)
from whoosh.query.spans import Span, SpanNear2
from whoosh.reading import SegmentReader
from whoosh.scoring import BM25F, BM25FScorer
from whoosh.searching import Searcher
from whoosh.support.charset import accent_map
from whoosh.system import _INT_SIZE, pack_uint
from whoosh.writing import MERGE_SMALL, SegmentWriter

from reader.atomic import atomic_write_text
from reader.model import Episode
from reader.search import lock as index_lock
from reader.search.bulk import BulkUpdate
from reader.search.failed_commit import abandon
from reader.search.health import (
    engine_read,
    recorded_damage,
    suspect_text,
    text_fits,
    texts_to_refill,
    try_open,
)
from reader.search.lock import IndexBusy
from reader.search.snippets import Snippet, make_snippets
from reader.search.sorts import SORTS
from reader.search.vocabulary import Vocabulary, VocabularyError
from reader.search.whoosh_ext.exclusions import excluding
from reader.search.whoosh_ext.segment_files import MappedStorage as _MappedStorage
from reader.search.whoosh_ext.segment_files import PinnedPerDocReader

log = logging.getLogger(__name__)

#: Bump when the schema or the analysis changes: older indexes are then rebuilt.
SCHEMA_VERSION = 4
#: Whoosh's sortable columns need a value; episodes without a number sort after the others.
NO_NUMBER = 10**9
WRITER_TIMEOUT = 5.0
#: Words a prefix, wildcard or fuzzy term may expand to ("a*" must not become 10,000 terms).
MAX_EXPANSION = 500


class IndexNotReady(Exception):
    """The index does not exist yet (or must be rebuilt) and this caller may not create it."""


#: Reading methods: an engine error marks the index damaged (see index_health).
_engine_read = engine_read(IndexBusy, IndexNotReady)


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


class _StemCache(dict):
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
        self.stem = stem
        # Shared by every copy: Whoosh unpickles a new schema (so new filters) each time it
        # opens a reader or writer, and a cold cache cost a one-file update 50 ms of stemming.
        self.cache = _STEM_CACHES[stem]

    def __getstate__(self) -> dict:  # Whoosh pickles the schema: leave the cache out
        return {"stem": self.stem}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["stem"])

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Normalise) and other.stem == self.stem

    def __hash__(self) -> int:
        return hash(("_Normalise", self.stem))

    def __call__(self, tokens: Iterable) -> Iterator:  # type: ignore[override]
        cache = self.cache
        for token in tokens:
            token.text = cache[token.text]
            yield token


#: Same token pattern as Whoosh's default tokenizer; also used to list a transcript's words.
WORD_PATTERN = r"\w+(\.?\w+)*"
_WORDS = re.compile(WORD_PATTERN)
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


class WordAnalyzer(Analyzer):
    """Words of ``WORD_PATTERN``, lowercased, accent-folded and optionally stemmed.

    To Whoosh it is an ordinary analyzer (queries go through its token chain). Indexing
    uses ``words`` instead, through the formats below: a transcript's 6,000 words then cost
    a few C-level passes rather than 6,000 trips through Whoosh's token generators, which
    were most of the time it took to build an index.
    """

    def __init__(self, stem: bool) -> None:
        self.stem = stem
        self.normalise = _Normalise(stem)
        self.chain = RegexTokenizer(WORD_PATTERN) | self.normalise

    def __call__(self, value, **kwargs):  # type: ignore[override]
        return self.chain(value, **kwargs)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WordAnalyzer) and other.stem == self.stem

    def __hash__(self) -> int:
        return hash(("WordAnalyzer", self.stem))

    def words(self, text: str) -> tuple[list[str], np.ndarray, np.ndarray]:
        """The normalised words of ``text`` with their start and end character offsets,
        exactly the tokens (text, startchar, endchar) the token chain gives."""
        parts = _split(text)
        terms = list(map(self.normalise.cache.__getitem__, parts[1::2]))
        # bounds[2i], bounds[2i + 1]: where word i starts and ends
        bounds = np.fromiter(accumulate(map(len, parts)), dtype=np.int64, count=len(parts))
        return terms, bounds[0:-1:2], bounds[1::2]


class _FastCharacters(formats.Characters):
    """Whoosh's Characters format (positions and character offsets of every occurrence),
    computed without token objects and stored as packed integers instead of a pickle.

    A value is the frequency n, then n position deltas, then 2n character deltas (start from
    the previous end, end from start), as unsigned 32-bit integers: encoding and decoding
    are a few C-level passes (phrase searches decode positions for every candidate).
    """

    def word_values(self, value, analyzer, **kwargs):
        if not (isinstance(analyzer, WordAnalyzer) and isinstance(value, str)):
            yield from super().word_values(value, analyzer, **kwargs)  # through encode()
            return
        terms, starts, ends = analyzer.words(value)
        count = len(terms)
        if not count:
            return
        # Every term's occurrences at once, with numpy: a word's positions are those of its
        # number in a stable sort (this was a third of the time to index a transcript).
        unique = list(dict.fromkeys(terms))
        numbers = dict(zip(unique, range(len(unique)), strict=True))
        ids = np.fromiter(map(numbers.__getitem__, terms), dtype=np.int64, count=count)
        order = np.argsort(ids, kind="stable")  # positions, grouped by term, ascending
        freqs = np.bincount(ids)
        heads = np.concatenate(([0], np.cumsum(freqs)[:-1]))  # where each term's group starts
        st, en = starts[order], ends[order]
        position_deltas = np.diff(order, prepend=0)
        position_deltas[heads] = order[heads]
        start_deltas = st - np.concatenate(([0], en[:-1]))
        start_deltas[heads] = st[heads]
        chars = np.empty(2 * count, dtype=np.uint32)  # as array("I") reads them back
        chars[0::2] = start_deltas
        chars[1::2] = en - st
        positions = position_deltas.astype(np.uint32).tobytes()
        characters = chars.tobytes()
        boost = self.field_boost
        for term, head, freq in zip(unique, heads.tolist(), freqs.tolist(), strict=True):
            tail = head + freq
            value = positions[4 * head : 4 * tail] + characters[8 * head : 8 * tail]
            yield term, freq, freq * boost, pack_uint(freq) + value

    def encode(self, poslist) -> bytes:  # [(position, startchar, endchar), ...]
        positions = [p for p, _s, _e in poslist]
        bounds = [b for _p, s, e in poslist for b in (s, e)]
        values = array("I", map(sub, positions, [0, *positions[:-1]]))
        values.extend(map(sub, bounds, [0, *bounds[:-1]]))
        return pack_uint(len(poslist)) + values.tobytes()

    @staticmethod
    def _unpack(valuestring: bytes) -> tuple[array, int]:
        values = array("I")
        values.frombytes(valuestring[_INT_SIZE:])
        return values, len(values) // 3

    def decode_positions(self, valuestring: bytes) -> list[int]:
        values, n = self._unpack(valuestring)
        return list(accumulate(values[:n]))

    def decode_characters(self, valuestring: bytes) -> list[tuple[int, int, int]]:
        values, n = self._unpack(valuestring)
        bounds = list(accumulate(values[n:]))
        return list(zip(accumulate(values[:n]), bounds[0::2], bounds[1::2], strict=True))

    def combine(self, vs) -> bytes:
        spans: dict[int, tuple[int, int]] = {}
        for v in vs:
            for pos, start, end in self.decode_characters(v):
                old = spans.get(pos)
                spans[pos] = (start, end) if old is None else (min(start, old[0]), max(end, old[1]))
        return self.encode([(pos, *spans[pos]) for pos in sorted(spans)])


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


class _Phrase(query.Phrase):
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


STEMMED = WordAnalyzer(stem=True)
EXACT = WordAnalyzer(stem=False)


def words_of(text: str) -> set[str]:
    """The distinct words of ``text`` as the word list keeps them (lowercase, no accents)."""
    return set(map(EXACT.normalise.cache.__getitem__, set(_split(text)[1::2])))


#: Fields searched when a query names none, with how much a match in each counts.
DEFAULT_FIELDS = ("title", "text", "quotes", "topics", "description", "speakers", "show", "notes")
FIELD_BOOSTS = {"title": 4.0, "quotes": 2.0, "topics": 1.5, "show": 1.2}
FIELD_ALIASES = {
    "speakers": ["speaker", "by"],
    "quotes": ["quote"],
    "number": ["ep", "episode"],
    "notes": ["note"],
    "topics": ["topic"],
    "description": ["about"],
}


def _fast(field: fields.TEXT) -> fields.TEXT:
    """The field with its format swapped for the fast one that writes the same bytes."""
    field.format = _FastCharacters(field_boost=field.format.field_boost)
    return field


def make_schema() -> fields.Schema:
    return fields.Schema(
        path=fields.ID(unique=True, stored=True),
        title=fields.TEXT(analyzer=STEMMED, stored=True),
        title_sort=fields.ID(sortable=True),
        show=fields.TEXT(analyzer=STEMMED, stored=True),
        number=fields.NUMERIC(int, stored=True),
        number_sort=fields.NUMERIC(int, sortable=True),
        date=fields.ID(stored=True, sortable=True),
        speakers=fields.TEXT(analyzer=EXACT, stored=True),
        topics=fields.TEXT(analyzer=STEMMED, stored=True),
        description=fields.TEXT(analyzer=STEMMED, stored=True),
        text=_fast(fields.TEXT(analyzer=STEMMED, chars=True)),
        quotes=fields.TEXT(analyzer=STEMMED, stored=True),
        notes=fields.TEXT(analyzer=STEMMED, stored=True),
        format=fields.STORED,
        size=fields.STORED,
        mtime=fields.STORED,
        digest=fields.STORED,
    )


@dataclass(frozen=True)
class FileState:
    """What a file looked like when it was indexed; used to find changed files."""

    size: int
    mtime: float
    digest: str


#: The state of an indexed file that must be imported again (its cached text is lost).
UNKNOWN_STATE = FileState(-1, -1.0, "")


@dataclass
class SearchHit:
    path: str
    title: str
    number: int | None
    show: str | None
    score: float
    matches: int
    snippets: list[Snippet] = field(default_factory=list)
    in_notes: bool = False  # the query matched the user's notes or highlights


@dataclass
class SearchResults:
    query: str
    total: int
    suggestion: str | None
    hits: list[SearchHit]

    def to_json(self) -> dict:
        """The ``episode-reader search --json`` object (a documented contract)."""
        return {
            "query": self.query,
            "total": self.total,
            "suggestion": self.suggestion,
            "results": [
                {
                    "path": h.path,
                    "title": h.title,
                    "number": h.number,
                    "score": round(h.score, 4),
                    "matches": h.matches,
                    "snippets": [
                        {"text": s.text, "highlights": [list(span) for span in s.highlights]}
                        for s in h.snippets
                    ],
                }
                for h in self.hits
            ],
        }


def index_folder(cache_dir: Path, library: Path) -> Path:
    """Where ``library``'s index lives: one folder per library, named so people can tell."""
    resolved = str(library.resolve())
    key = hashlib.sha1(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    slug = re.sub(r"[^\w-]+", "-", library.resolve().name).strip("-")[:40] or "library"
    return cache_dir / "index" / f"{slug}-{key}"


def _text_path(texts: Path, episode_id: str) -> Path:
    """Where the text cache keeps an episode's transcript text."""
    return texts / f"{hashlib.sha1(episode_id.encode('utf-8')).hexdigest()}.txt"


class LibraryIndex:
    """Open (creating or rebuilding as needed) the index of one library folder."""

    def __init__(self, library: Path, cache_dir: Path, create: bool = True) -> None:
        self.library = library.resolve()
        self._may_create = create
        self.folder = index_folder(cache_dir, self.library)
        self.texts = self.folder / "texts"
        self.notice: str | None = None  # why the index was (re)built, for the user
        #: Gives the notes and highlights text to index with an episode (set by the notes layer).
        self.notes_source: Callable[[Episode], str] | None = None
        self._files: tuple[int, dict[str, FileState]] | None = None  # generation, files
        self._ix, self._searcher = self._open_or_rebuild()
        self.vocabulary = self._open_vocabulary()
        self.parser = self._make_parser()

    # -- opening ----------------------------------------------------------------------------
    def _meta_path(self) -> Path:
        return self.folder / "meta.json"

    def _vocabulary_path(self, generation: int) -> Path:
        # One file per commit: a writer saves the next one before it commits, so a reader
        # always finds the list of the commit it reads (see _forget_old_vocabularies).
        return self.folder / f"words-{generation}.json"

    def _open_vocabulary(self) -> Vocabulary:
        """The word list of the commit the searcher reads; remade from the text cache if it
        is missing or damaged (a crash between writing it and committing)."""
        generation = self._reader_generation()
        if generation < 0:  # nothing committed yet
            return Vocabulary(generation=generation)
        path = self._vocabulary_path(generation)
        try:
            return Vocabulary.load(path)
        except VocabularyError as exc:
            log.warning("Remaking the word list of %s: %s", self.folder, exc)
        # Saved only under the writer lock: then no writer is rewriting the text cache.
        lock = self._ix.lock("WRITELOCK")
        locked = lock.acquire(blocking=False)
        try:
            vocabulary = Vocabulary(generation=generation)
            for doc in self._searcher.all_stored_fields():
                vocabulary.add(words_of(self.text_of(doc["path"])))
            if locked and self._ix.latest_generation() == generation:
                with suppress(OSError):
                    vocabulary.save(path)
        finally:
            if locked:
                lock.release()
        return vocabulary

    def _reader_generation(self) -> int:
        generation = self._searcher.reader().generation()  # None or -1 when empty
        return -1 if generation is None else generation

    def _save_vocabulary(self, vocabulary: Vocabulary, generation: int) -> None:
        vocabulary.generation = generation
        vocabulary.save(self._vocabulary_path(generation))

    def _forget_old_vocabularies(self, generation: int) -> None:
        """Delete word lists older than the previous commit's (a reader may still be on it)."""
        for path in self.folder.glob("words-*.json"):
            number = path.stem.removeprefix("words-")
            if number.isdigit() and int(number) < generation - 1:
                with suppress(OSError):
                    path.unlink()

    def _open_or_rebuild(self) -> tuple[index.Index, Searcher]:
        problem, opened = self._open_existing()
        if opened is not None:
            return opened
        if not self._may_create:
            raise IndexNotReady(f"{self.folder}: {problem}")
        # Created under the sync lock, after looking again: another process may have just
        # created it, or been committing as we read (then it reads fine now).
        with index_lock.exclusive(self.folder, index_lock.CREATE, WRITER_TIMEOUT):
            problem, opened = self._open_existing()
            if opened is not None:
                return opened
            if problem != "no index yet":
                self.notice = f"Rebuilding the search index: {problem}."
                log.warning("%s (%s)", self.notice, self.folder)
            ix = self._create()
        return ix, ix.searcher(weighting=_WEIGHTING)

    def _open_existing(self) -> tuple[str | None, tuple[index.Index, Searcher] | None]:
        problem = self._problem()
        if problem is None:
            ix, searcher, problem = try_open(self.folder / "whoosh", _WEIGHTING)
            if ix is not None and searcher is not None:
                return None, (ix, searcher)  # the searcher that proved it readable serves
        return problem, None

    def _problem(self) -> str | None:
        meta_path = self._meta_path()
        if not (self.folder / "whoosh").is_dir():
            return "no index yet"
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            meta = None
        if not isinstance(meta, dict):
            return "its description file is missing or damaged"
        if meta.get("schema_version") != SCHEMA_VERSION:
            return f"it was made by another version (schema {meta.get('schema_version')})"
        damage = recorded_damage(self.folder)
        return f"it was found damaged ({damage})" if damage else None

    def _create(self) -> index.Index:
        with suppress(FileNotFoundError):
            shutil.rmtree(self.folder)
        (self.folder / "whoosh").mkdir(parents=True)
        self.texts.mkdir(parents=True, exist_ok=True)
        ix = _MappedStorage(self.folder / "whoosh").create_index(make_schema())
        meta = {"schema_version": SCHEMA_VERSION, "library": str(self.library)}
        atomic_write_text(self._meta_path(), json.dumps(meta, indent=2))
        return ix

    def rebuild(self) -> None:
        """Throw the index away and start empty (``sync_library(rebuild=True)`` instead keeps
        the old index searchable until the new one replaces it)."""
        with index_lock.exclusive(self.folder, index_lock.CREATE, WRITER_TIMEOUT):
            self._searcher.close()
            self._ix.close()
            self._ix = self._create()
        self._searcher = self._ix.searcher(weighting=_WEIGHTING)
        self.vocabulary = self._open_vocabulary()

    def close(self) -> None:
        if not self._searcher.is_closed:  # closing twice is harmless (see healing)
            self._searcher.close()
        self._ix.close()

    # -- reading ----------------------------------------------------------------------------
    def refresh(self) -> bool:
        """See the latest commit (ours or another process's); True if there was a newer one.

        A new searcher rather than ``Searcher.refresh()``: whoosh-reloaded's refresh reuses
        segment readers and so keeps showing documents deleted since.
        """
        if self._searcher.up_to_date():
            return False
        old = self._searcher
        self._searcher = self._ix.searcher(weighting=_WEIGHTING)
        old.close()
        if self.vocabulary.generation != self._reader_generation():
            self.vocabulary = self._open_vocabulary()
        return True

    def doc_count(self) -> int:
        return self._searcher.doc_count()

    @_engine_read
    def files(self) -> dict[str, FileState]:
        """Every indexed file and the state it was indexed in (unknown when its cached text
        is missing or damaged: the sync then imports it again)."""
        generation = self._reader_generation()
        if self._files is None or self._files[0] != generation:
            # Kept per commit: reading every stored document was a tenth of a one-file sync.
            states = {
                doc["path"]: FileState(doc["size"], doc["mtime"], doc["digest"])
                for doc in self._searcher.all_stored_fields()
            }
            self._files = (generation, states)
        paths = {episode_id: _text_path(self.texts, episode_id) for episode_id in self._files[1]}
        refill = dict.fromkeys(texts_to_refill(self.folder, self.texts, paths), UNKNOWN_STATE)
        return {**self._files[1], **refill}

    @_engine_read
    def episodes(self) -> list[dict]:
        """Stored fields of every episode (path, title, show, number, date, speakers, format)."""
        return list(self._searcher.all_stored_fields())

    def text_of(self, episode_id: str) -> str:
        try:
            return _text_path(self.texts, episode_id).read_text(encoding="utf-8")
        except FileNotFoundError:
            return ""
        except (OSError, UnicodeDecodeError):
            suspect_text(self.folder, episode_id)
            return ""

    # -- writing ----------------------------------------------------------------------------
    def _open_writer(self, timeout: float) -> SegmentWriter:
        try:
            return self._ix.writer(timeout=timeout, delay=0.1, codec=_Codec(), compound=False)
        except LockError as exc:
            raise IndexBusy(
                "another Episode Reader is updating this library's index; try again shortly"
            ) from exc

    @contextmanager
    def _writer(self, timeout: float, mergetype: Callable = MERGE_SMALL) -> Iterator:
        writer = self._open_writer(timeout)
        try:
            yield writer
            writer.commit(mergetype=mergetype)
        except BaseException:
            abandon(writer)  # e.g. a full disk: no lock held, no half-written segment left
            raise

    def tidy(self, timeout: float = WRITER_TIMEOUT) -> bool:
        """Merge the small segments one-file updates leave behind (each costs every search a
        little). A separate commit, run after a sync, so a change is searchable without
        waiting for it (merging costs about 30 ms per episode). True if it merged."""
        tiny = [s for s in self._ix._segments() if s.doc_count_all() <= TINY_SEGMENT]
        if len(tiny) < 2:
            return False
        with self._same_episodes(timeout, mergetype=_fold_tiny_segments):
            pass  # the merge happens as the writer commits
        return True

    @contextmanager
    def _same_episodes(self, timeout: float, mergetype: Callable = MERGE_SMALL) -> Iterator:
        """A commit that changes no transcript (notes, merging): the word list and the
        indexed files' states carry over to it unchanged."""
        with self._writer(timeout, mergetype) as writer:
            self.refresh()
            files, vocabulary = self.files(), self.vocabulary.copy()
            yield writer
            self._save_vocabulary(vocabulary, writer.generation)
        self._files = (writer.generation, files)
        self._committed(vocabulary, writer.generation)

    def _committed(self, vocabulary: Vocabulary, generation: int) -> None:
        self.vocabulary = vocabulary
        self._forget_old_vocabularies(generation)
        self.refresh()

    def update(
        self,
        episodes: Iterable[tuple[Episode, FileState]] = (),
        removed: Iterable[str] = (),
        timeout: float = WRITER_TIMEOUT,
    ) -> None:
        """Add or replace ``episodes`` and delete ``removed`` paths, in one commit."""
        with self._writer(timeout) as writer:
            self.refresh()  # another process may have committed since we last looked
            files = self.files()
            vocabulary = self.vocabulary.copy()
            for episode_id in removed:
                self._remove(writer, vocabulary, episode_id)
                files.pop(episode_id, None)
            for episode, state in episodes:
                self._forget_words(vocabulary, episode.id)
                vocabulary.add(words_of(episode.text))
                _write_text(self.texts, episode)
                writer.update_document(**_document(episode, state, self.notes_source))
                files[episode.id] = state
            # Written just before the commit, inside the lock, named after the commit: a
            # crash in between leaves no list for the commit it did not make.
            self._save_vocabulary(vocabulary, writer.generation)
        self._files = (writer.generation, files)  # what the commit holds, without reading it
        self._committed(vocabulary, writer.generation)

    @contextmanager
    def bulk(self, timeout: float = WRITER_TIMEOUT, fresh: bool = False) -> Iterator[BulkUpdate]:
        """Hold the writer lock while worker processes write new segments
        (``SegmentBuilder``), then commit them, with the deletions, as one change.
        ``fresh``: the new segments replace the whole index in that one commit (a rebuild:
        until then searches get the old index's complete answers)."""
        writer = self._open_writer(timeout)
        try:
            self.refresh()
            vocabulary = Vocabulary() if fresh else self.vocabulary.copy()
            bulk = BulkUpdate(self, writer, vocabulary, fresh)
            yield bulk
            bulk.commit()
        except BaseException:
            abandon(writer)
            raise
        self._committed(bulk.vocabulary, writer.generation)

    def _remove(self, writer: SegmentWriter, vocabulary: Vocabulary, episode_id: str) -> None:
        """An episode whose file is gone: its document, words and cached text go."""
        writer.delete_by_term("path", episode_id)
        self._forget_words(vocabulary, episode_id)
        with suppress(FileNotFoundError):
            _text_path(self.texts, episode_id).unlink()

    def _forget_words(self, vocabulary: Vocabulary, episode_id: str) -> None:
        """Take an indexed episode's words out of the list (before it is replaced or goes)."""
        if self._searcher.document_number(path=episode_id) is not None:
            vocabulary.remove(words_of(self.text_of(episode_id)))

    def update_notes(self, episode_id: str, notes: str, timeout: float = WRITER_TIMEOUT) -> bool:
        """Re-index an episode with the user's notes and highlights (after each save).

        Whoosh cannot change one field in place, so the document is written again from its
        stored fields and the cached transcript text; the transcript is not re-imported.
        Returns False if the episode is not in the index.
        """
        stored = self._searcher.document(path=episode_id)
        if stored is None:
            return False
        doc = dict(stored)
        doc["notes"] = notes
        with self._same_episodes(timeout) as writer:
            writer.update_document(
                **doc, **_derived(doc["title"], doc.get("number"), self.text_of(episode_id))
            )
        return True

    # -- searching --------------------------------------------------------------------------
    def _make_parser(self) -> MultifieldParser:
        parser = MultifieldParser(list(DEFAULT_FIELDS), self._ix.schema, fieldboosts=FIELD_BOOSTS)
        parser.add_plugin(FuzzyTermPlugin())
        parser.add_plugin(PlusMinusPlugin())
        parser.add_plugin(FieldAliasPlugin(FIELD_ALIASES))
        return parser

    def parse(self, text: str) -> query.Query:
        """Parse a user's query; a syntax slip gives best-effort results, never an error."""
        try:
            parsed = self.parser.parse(text)
        except Exception:  # Whoosh raises assorted errors on odd input; fall back to words
            log.debug("query %r did not parse; searching its words", text, exc_info=True)
            words = " ".join(re.findall(r"\w+", text))
            parsed = self.parser.parse(words) if words else query.NullQuery
        return _expand_to_stems(parsed, self.vocabulary, text)

    def search(self, text: str, limit: int | None = 20, sort: str = "relevance") -> SearchResults:
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r}; choose one of {', '.join(SORTS)}")
        return self._search(text, limit, sort)

    @_engine_read
    def _search(self, text: str, limit: int | None, sort: str) -> SearchResults:
        q = self.parse(text)
        sortedby = {"number": "number_sort", "title": "title_sort", "date": "date"}.get(sort)
        # Collect every match once: the exact total comes free, and Whoosh takes about as long
        # for all matches as for the top N plus a separate count (phrases: half the time).
        results = self._searcher.search(q, limit=None, sortedby=sortedby)
        groups = _match_groups(q)
        total = results.scored_length()
        shown = total if limit is None else min(limit, total)
        top = [results[i] for i in range(shown)]
        all_spans = self._spans_of([hit.docnum for hit in top], groups)
        # Which hits the notes matched: a search of the (sparse) notes field alone, rather
        # than Whoosh recording matched terms for every hit (a fifth of each search).
        notes = _notes_part(q)
        in_notes = set(self._searcher.docs_for_query(notes)) if notes is not None else set()
        hits = []
        for hit in top:
            episode_id, spans = hit["path"], all_spans[hit.docnum]
            transcript = self.text_of(episode_id)
            if not text_fits(transcript, spans):  # a damaged cached text: no snippets
                suspect_text(self.folder, episode_id)
                transcript = ""
            hits.append(
                SearchHit(
                    path=episode_id,
                    title=hit["title"],
                    number=hit.get("number"),
                    show=hit.get("show") or None,
                    score=float(hit.score or 0.0) if sortedby is None else 0.0,
                    matches=len(spans),
                    snippets=make_snippets(transcript, spans),
                    in_notes=hit.docnum in in_notes,
                )
            )
        suggestion = self.suggest(text) if total == 0 else None
        return SearchResults(text, total, suggestion, hits)

    @_engine_read
    def spans(self, episode_id: str, text: str) -> list[tuple[int, int]]:
        """Every match of the query in the episode's transcript text, in document order."""
        q = self.parse(text)
        docnum = self._searcher.document_number(path=episode_id)
        if docnum is None:
            return []
        return self._spans_of([docnum], _match_groups(q))[docnum]

    def _spans_of(
        self, docnums: list[int], groups: list[list[str]]
    ) -> dict[int, list[tuple[int, int]]]:
        """Hit spans of several documents, reading each term's postings once, in doc order
        (opening a postings reader per document and term was most of a search's time)."""
        wanted = sorted(set(docnums))
        # term -> docnum -> position -> (startchar, endchar)
        chars: dict[str, dict[int, dict[int, tuple[int, int]]]] = {}
        for term in {t for group in groups for t in group}:
            per_doc: dict[int, dict[int, tuple[int, int]]] = {}
            chars[term] = per_doc
            try:
                postings = self._searcher.postings("text", term)
            except Exception:  # the term is not in the index (TermNotFound)
                continue
            for docnum in wanted:
                if not postings.is_active():
                    break
                if postings.id() < docnum:
                    postings.skip_to(docnum)
                    if not postings.is_active():
                        break
                if postings.id() == docnum:
                    per_doc[docnum] = {p: (s, e) for p, s, e in postings.value_as("characters")}
        result: dict[int, list[tuple[int, int]]] = {}
        for docnum in wanted:
            found: set[tuple[int, int]] = set()
            for group in groups:
                first = chars[group[0]].get(docnum, {})
                rest = [chars[term].get(docnum, {}) for term in group[1:]]
                for pos, (start, end) in first.items():
                    for offset, positions in enumerate(rest, 1):
                        nxt = positions.get(pos + offset)
                        if nxt is None:
                            break
                        end = nxt[1]
                    else:
                        found.add((start, end))
            result[docnum] = _merge_overlaps(sorted(found))
        for docnum in docnums:
            result.setdefault(docnum, [])
        return result

    def suggest(self, text: str) -> str | None:
        """A corrected query when a word of it is not in the library but a close one is."""
        words = re.findall(r"(?<![:\w])[^\W\d_]{3,}\b(?!:)", text)
        changed = text
        for word in dict.fromkeys(words):
            lower = EXACT.normalise.cache[word]
            if lower in {"and", "or", "not"} or lower in self.vocabulary:
                continue
            # Typos rarely touch the first letter; keeping it makes this 20x faster.
            option = self.vocabulary.closest(lower, maxdist=2, prefixlength=1)
            if option:
                changed = re.sub(rf"\b{re.escape(word)}\b", option, changed)
        return changed if changed != text else None


#: Segments of at most this many episodes, as one-file updates leave them, are merged by
#: ``LibraryIndex.tidy``: each adds to every search's time.
TINY_SEGMENT = 8


def _fold_tiny_segments(writer: SegmentWriter, segments: list) -> list:
    """Merge the tiny segments into the writer's new one, then Whoosh's usual policy."""
    tiny = [seg for seg in segments if seg.doc_count_all() <= TINY_SEGMENT]
    for seg in tiny:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return MERGE_SMALL(writer, [seg for seg in segments if seg not in tiny])


class _LengthScorer(BM25FScorer):
    """Whoosh's BM25F scorer, with field lengths read from a list rather than one stored-
    column lookup per scored posting, and the formula's constant parts worked out once:
    scoring every posting is most of a two-word search."""

    def setup(self, searcher, fieldname, text) -> None:
        super().setup(searcher, fieldname, text)
        self._lengths = _field_lengths(searcher.reader(), fieldname)
        self.dfl = self._lengths.__getitem__
        # bm25 = idf * tf * (K1 + 1) / (tf + K1 * (1 - B) + K1 * B * length / avgfl)
        self._top = self.idf * (self.K1 + 1)
        self._base = self.K1 * (1 - self.B)
        self._per_length = self.K1 * self.B / self.avgfl

    def score(self, matcher) -> float:
        tf = matcher.weight()
        return self._top * tf / (tf + self._base + self._per_length * self._lengths[matcher.id()])


class _BM25F(BM25F):
    def scorer(self, searcher, fieldname, text, qf=1):
        if not searcher.schema[fieldname].scorable:
            return super().scorer(searcher, fieldname, text, qf=qf)
        B = self._field_B.get(fieldname, self.B)
        return _LengthScorer(searcher, fieldname, text, B, self.K1, qf=qf)


_WEIGHTING = _BM25F()
_LENGTHS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _field_lengths(reader, fieldname: str) -> list[int]:
    """Every document's length in ``fieldname``, read once per segment reader."""
    per_field = _LENGTHS.setdefault(reader, {})
    lengths = per_field.get(fieldname)
    if lengths is None:
        length = reader.doc_field_length
        lengths = [length(docnum, fieldname, 1) for docnum in range(reader.doc_count_all())]
        per_field[fieldname] = lengths
    return lengths


class _Codec(W3Codec):
    """Whoosh's codec, writing faster: posting blocks are not compressed (zlib took a tenth of
    a build, and decompressing a quarter of each search, for an index half the size), and
    there are no per-block field-length statistics (a third of writing the postings). Those
    only serve Whoosh's top-N shortcuts, and every search here collects all matches.

    (Keeping one-episode words in the term dictionary instead of a block each would halve
    a one-file update's commit, but Whoosh's code for it is unfinished: its writer calls a
    missing ``set_inline``, and its reader gives ``""`` for empty values.)
    """

    length_stats = False

    def __init__(self) -> None:
        super().__init__(compression=0)

    def per_document_reader(self, storage, segment) -> PinnedPerDocReader:
        return PinnedPerDocReader(storage, segment)  # see segment_files: commits delete files


class _PostingList:
    """A segment's postings, for Whoosh's writer, sorted the quick way when it is written.

    Whoosh's pool sorts (field, term, document, weight, value) tuples as wholes, a third of
    writing a segment. Postings arrive document by document, so a stable sort of each
    field's postings by term alone gives the same order, comparing bytes instead of tuples.
    (Kept in memory: a worker's share of a round is a few hundred MB at most.)
    """

    def __init__(self) -> None:
        self._by_field: dict[str, list[tuple]] = {}
        self.fieldnames: set[str] = set()

    def add(self, posting: tuple) -> None:
        postings = self._by_field.get(posting[0])
        if postings is None:
            postings = self._by_field[posting[0]] = []
            self.fieldnames.add(posting[0])
        postings.append(posting)

    def iter_postings(self) -> Iterator[tuple]:
        for fieldname in sorted(self._by_field):
            postings = self._by_field[fieldname]
            postings.sort(key=_TERM)
            yield from postings

    def cleanup(self) -> None:
        self._by_field.clear()


_TERM = itemgetter(1)


@dataclass
class BuiltSegment:
    """What a ``SegmentBuilder`` wrote (the segment is Whoosh's, opaque to callers)."""

    segment: object | None
    documents: int
    added_words: Counter
    removed_words: Counter


class SegmentBuilder:
    """Writes episodes into one new index segment, in a worker process.

    Most of building an index is Python work in Whoosh (analysis, postings); each worker
    process writes its own segment and the parent, which holds the writer lock, commits them
    together (``LibraryIndex.bulk``). Pickled to the worker: plain paths and the notes source.
    """

    def __init__(self, folder: Path, notes_source: Callable[[Episode], str] | None) -> None:
        self._ix = _MappedStorage(folder / "whoosh").open_index()
        self._writer = SegmentWriter(self._ix, _lk=False, codec=_Codec(), compound=False)
        self._writer.pool = _PostingList()
        self.texts = folder / "texts"
        self.notes_source = notes_source
        self.documents = 0
        self.added_words: Counter = Counter()
        self.removed_words: Counter = Counter()

    def forget(self, episode_id: str, drop_text: bool) -> None:
        """The indexed version of ``episode_id`` is being replaced (or failed to re-import,
        ``drop_text``): its words leave the word list."""
        path = _text_path(self.texts, episode_id)
        try:
            self.removed_words.update(words_of(path.read_text(encoding="utf-8")))
        except OSError:
            return
        if drop_text:
            with suppress(FileNotFoundError):
                path.unlink()

    def add(self, episode: Episode, state: FileState) -> None:
        self.added_words.update(words_of(episode.text))
        _write_text(self.texts, episode)
        self._writer.add_document(**_document(episode, state, self.notes_source))
        self.documents += 1

    def finish(self) -> BuiltSegment:
        # Not the writer's commit() or cancel(): those delete the temporary folder that all
        # writers of the index share, the parent's included (Whoosh's sub-writers do the same).
        segment = None
        if self.documents:
            segment = self._writer._finalize_segment()
        else:
            self._writer._close_segment()
        self._ix.close()
        return BuiltSegment(segment, self.documents, self.added_words, self.removed_words)


def _document(
    episode: Episode, state: FileState, notes_source: Callable[[Episode], str] | None
) -> dict:
    """The index document of an episode: every field of the schema it has a value for."""
    notes = notes_source(episode) if notes_source else ""
    numbered = {} if episode.number is None else {"number": episode.number}
    return {
        **numbered,
        "path": episode.id,
        "title": episode.title,
        "show": episode.show or "",
        "date": episode.date or "",
        "speakers": ", ".join(episode.speakers),
        "topics": "\n".join(episode.topics),
        "description": episode.description,
        "quotes": "\n".join(q.text for q in episode.quotes),
        "notes": notes,
        "format": episode.format,
        "size": state.size,
        "mtime": state.mtime,
        "digest": state.digest,
        **_derived(episode.title, episode.number, episode.text),
    }


def _write_text(texts: Path, episode: Episode) -> None:
    # A cache: never half-written, but not worth an fsync per episode.
    atomic_write_text(_text_path(texts, episode.id), episode.text, durable=False)


def _derived(title: str, number: int | None, text: str) -> dict:
    """Fields computed from others: sort keys and the indexed transcript."""
    return {
        "title_sort": title.casefold(),
        "number_sort": number if number is not None else NO_NUMBER,
        "text": text,
    }


def _expand_to_stems(q: query.Query, vocabulary: Vocabulary, typed: str = "") -> query.Query:
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
            return _Phrase(
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
                words = vocabulary.within(
                    _typed_word(typed, node) or pattern,
                    node.maxdist,
                    max(node.prefixlength, FUZZY_PREFIX),
                )
            elif isinstance(node, query.Prefix):
                words = list(islice(vocabulary.with_prefix(pattern), MAX_EXPANSION))
            else:
                words = list(islice(vocabulary.matching(pattern), MAX_EXPANSION))
            stems = sorted({STEMMED.normalise.cache[w] for w in words[:MAX_EXPANSION]})
            if not stems:
                return query.NullQuery
            return query.Or([query.Term("text", stem, boost=node.boost) for stem in stems])
        return node.apply(fix)

    return fix(q)


EXPAND_FIELDS = ("text", "title")
FUZZY_PREFIX = 2


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
    return word.lower().translate(accent_map) if _WORDS.fullmatch(word) else ""


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


def _notes_part(q: query.Query) -> query.Query | None:
    """What of the query searches the user's notes, or None."""
    leaves = [leaf for leaf in _positive_leaves(q) if getattr(leaf, "fieldname", None) == "notes"]
    return query.Or(leaves) if leaves else None


def _match_groups(q: query.Query) -> list[list[str]]:
    """The stemmed term sequences whose occurrences in the transcript are hits.

    A phrase is one group (its words must follow each other); a term is a group of one
    (prefix, wildcard and fuzzy terms are already expanded to terms). Negated parts are
    skipped.
    """
    groups: list[list[str]] = []
    for leaf in _positive_leaves(q):
        if getattr(leaf, "fieldname", None) != "text":
            continue
        if isinstance(leaf, query.Phrase):
            groups.append([str(w) for w in leaf.words])
        elif isinstance(leaf, query.Term):
            groups.append([str(leaf.text)])
    unique: dict[tuple[str, ...], None] = dict.fromkeys(tuple(g) for g in groups if g)
    return [list(g) for g in unique]


def _merge_overlaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
