"""The library's full-text index. The only module that talks to Whoosh.

One index per library folder lives in the cache folder; it is a rebuildable cache, so a
missing, corrupt or outdated index is simply rebuilt. Transcript text is indexed with
character positions but not stored: the text itself is kept beside the index in a small text
cache, and hit spans come straight from the postings (no re-tokenising, see shared notes).

Spans and snippet offsets are character offsets into ``Episode.text``, the same string the
reader displays, so search results and the reader always agree.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import re
import shutil
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import fields, index, query
from whoosh.analysis import (
    Filter,
    RegexTokenizer,
)
from whoosh.index import LockError
from whoosh.lang import porter2
from whoosh.qparser import (
    FieldAliasPlugin,
    FuzzyTermPlugin,
    MultifieldParser,
    PlusMinusPlugin,
)
from whoosh.searching import Searcher
from whoosh.support.charset import accent_map

from reader.atomic import atomic_write_text
from reader.model import Episode
from reader.snippets import Snippet, make_snippets

log = logging.getLogger(__name__)

#: Bump when the schema or the analysis changes: older indexes are then rebuilt.
SCHEMA_VERSION = 3
SORTS = ("relevance", "number", "title", "date")
#: Whoosh's sortable columns need a value; episodes without a number sort after the others.
NO_NUMBER = 10**9
WRITER_TIMEOUT = 5.0
#: Words a prefix, wildcard or fuzzy term may expand to ("a*" must not become 10,000 terms).
MAX_EXPANSION = 500


class IndexNotReady(Exception):
    """The index does not exist yet (or must be rebuilt) and this caller may not create it."""


class IndexBusy(Exception):
    """Another process holds the index's writer lock; searches still see its last commit."""


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


class _Normalise(Filter):
    """Lowercase, fold accents and (optionally) stem, in one step with a cache.

    One filter instead of a chain of four: indexing spends most of its time moving tokens
    through Python generators, and transcripts repeat the same few thousand words, so the
    cache answers almost every token.
    """

    CACHE_LIMIT = 200_000

    def __init__(self, stem: bool) -> None:
        self.stem = stem
        self._cache: dict[str, str] = {}

    def __getstate__(self) -> dict:  # Whoosh pickles the schema: leave the cache out
        return {"stem": self.stem}

    def __setstate__(self, state: dict) -> None:
        self.stem = state["stem"]
        self._cache = {}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Normalise) and other.stem == self.stem

    def __hash__(self) -> int:
        return hash(("_Normalise", self.stem))

    def normalise(self, text: str) -> str:
        out = self._cache.get(text)
        if out is None:
            out = text.lower().translate(accent_map)
            if self.stem:
                out = agent_stem(out)
            if len(self._cache) < self.CACHE_LIMIT:
                self._cache[text] = out
        return out

    def __call__(self, tokens: Iterable) -> Iterator:  # type: ignore[override]
        normalise = self.normalise
        for token in tokens:
            token.text = normalise(token.text)
            yield token


#: Same token pattern as Whoosh's default tokenizer; also used to list a transcript's words.
WORD_PATTERN = r"\w+(\.?\w+)*"
_WORDS = re.compile(WORD_PATTERN)
STEMMED = RegexTokenizer(WORD_PATTERN) | _Normalise(stem=True)
EXACT = RegexTokenizer(WORD_PATTERN) | _Normalise(stem=False)


def distinct_words(text: str) -> str:
    """Each word of ``text`` once: all the unstemmed copy needs, since it serves only as a
    word list for prefix, fuzzy and did-you-mean look-ups (a fifth of the tokens to index)."""
    return " ".join(dict.fromkeys(m.group().lower() for m in _WORDS.finditer(text)))


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
        text=fields.TEXT(analyzer=STEMMED, chars=True),
        text_exact=fields.TEXT(analyzer=EXACT, phrase=False),
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
    key = hashlib.sha1(resolved.encode("utf-8")).hexdigest()[:12]
    slug = re.sub(r"[^\w-]+", "-", library.resolve().name).strip("-")[:40] or "library"
    return cache_dir / "index" / f"{slug}-{key}"


def _text_key(episode_id: str) -> str:
    return hashlib.sha1(episode_id.encode("utf-8")).hexdigest()


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
        self._ix, self._searcher = self._open_or_rebuild()
        self.parser = self._make_parser()

    # -- opening ----------------------------------------------------------------------------
    def _meta_path(self) -> Path:
        return self.folder / "meta.json"

    def _open_or_rebuild(self) -> tuple[index.Index, Searcher]:
        problem = self._problem()
        if problem is None:
            ix, searcher, problem = _try_open(self.folder / "whoosh")
            if ix is not None and searcher is not None:
                return ix, searcher  # the searcher that proved it readable serves searches
        if not self._may_create:
            raise IndexNotReady(f"{self.folder}: {problem}")
        if problem != "no index yet":
            self.notice = f"Rebuilding the search index: {problem}."
            log.warning("%s (%s)", self.notice, self.folder)
        ix = self._create()
        return ix, ix.searcher()

    def _problem(self) -> str | None:
        meta_path = self._meta_path()
        if not (self.folder / "whoosh").is_dir():
            return "no index yet"
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return "its description file is missing or damaged"
        if meta.get("schema_version") != SCHEMA_VERSION:
            return f"it was made by another version (schema {meta.get('schema_version')})"
        return None

    def _create(self) -> index.Index:
        with suppress(FileNotFoundError):
            shutil.rmtree(self.folder)
        (self.folder / "whoosh").mkdir(parents=True)
        self.texts.mkdir(parents=True, exist_ok=True)
        ix = index.create_in(str(self.folder / "whoosh"), make_schema())
        meta = {"schema_version": SCHEMA_VERSION, "library": str(self.library)}
        atomic_write_text(self._meta_path(), json.dumps(meta, indent=2))
        return ix

    def rebuild(self) -> None:
        """Throw the index away and start empty (``index --rebuild``)."""
        self._searcher.close()
        self._ix.close()
        self._ix = self._create()
        self._searcher = self._ix.searcher()

    def close(self) -> None:
        self._searcher.close()
        self._ix.close()

    # -- reading ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """See the latest commit (ours or another process's).

        A new searcher rather than ``Searcher.refresh()``: whoosh-reloaded's refresh reuses
        segment readers and so keeps showing documents deleted since.
        """
        if self._searcher.up_to_date():
            return
        old = self._searcher
        self._searcher = self._ix.searcher()
        old.close()

    def doc_count(self) -> int:
        return self._searcher.doc_count()

    def files(self) -> dict[str, FileState]:
        """Every indexed file and the state it was indexed in."""
        return {
            doc["path"]: FileState(doc["size"], doc["mtime"], doc["digest"])
            for doc in self._searcher.all_stored_fields()
        }

    def episodes(self) -> list[dict]:
        """Stored fields of every episode (path, title, show, number, date, speakers, format)."""
        return list(self._searcher.all_stored_fields())

    def text_of(self, episode_id: str) -> str:
        try:
            return (self.texts / f"{_text_key(episode_id)}.txt").read_text(encoding="utf-8")
        except OSError:
            return ""

    # -- writing ----------------------------------------------------------------------------
    @contextmanager
    def _writer(self, timeout: float) -> Iterator:
        try:
            writer = self._ix.writer(timeout=timeout, delay=0.1)
        except LockError as exc:
            raise IndexBusy(
                "another Episode Reader is updating this library's index; try again shortly"
            ) from exc
        try:
            yield writer
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def update(
        self,
        episodes: Iterable[tuple[Episode, FileState]] = (),
        removed: Iterable[str] = (),
        timeout: float = WRITER_TIMEOUT,
    ) -> None:
        """Add or replace ``episodes`` and delete ``removed`` paths, in one commit."""
        with self._writer(timeout) as writer:
            for episode_id in removed:
                writer.delete_by_term("path", episode_id)
                with suppress(FileNotFoundError):
                    (self.texts / f"{_text_key(episode_id)}.txt").unlink()
            for episode, state in episodes:
                text = episode.text
                # A cache: never half-written, but not worth an fsync per episode.
                atomic_write_text(self.texts / f"{_text_key(episode.id)}.txt", text, durable=False)
                notes = self.notes_source(episode) if self.notes_source else ""
                numbered = {} if episode.number is None else {"number": episode.number}
                writer.update_document(
                    **numbered,
                    path=episode.id,
                    title=episode.title,
                    show=episode.show or "",
                    date=episode.date or "",
                    speakers=", ".join(episode.speakers),
                    topics="\n".join(episode.topics),
                    description=episode.description,
                    quotes="\n".join(q.text for q in episode.quotes),
                    notes=notes,
                    format=episode.format,
                    size=state.size,
                    mtime=state.mtime,
                    digest=state.digest,
                    **_derived(episode.title, episode.number, text),
                )
        self.refresh()

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
        with self._writer(timeout) as writer:
            writer.update_document(
                **doc, **_derived(doc["title"], doc.get("number"), self.text_of(episode_id))
            )
        self.refresh()
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
        return _expand_to_stems(parsed, self._searcher.reader(), text)

    def search(self, text: str, limit: int | None = 20, sort: str = "relevance") -> SearchResults:
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r}; choose one of {', '.join(SORTS)}")
        q = self.parse(text)
        sortedby = {"number": "number_sort", "title": "title_sort", "date": "date"}.get(sort)
        # Collect every match once: the exact total comes free, and Whoosh takes about as long
        # for all matches as for the top N plus a separate count (phrases: half the time).
        results = self._searcher.search(q, limit=None, terms=True, sortedby=sortedby)
        groups = _match_groups(q)
        total = results.scored_length()
        shown = total if limit is None else min(limit, total)
        top = [results[i] for i in range(shown)]
        all_spans = self._spans_of([hit.docnum for hit in top], groups)
        hits = []
        for hit in top:
            episode_id = hit["path"]
            spans = all_spans[hit.docnum]
            hits.append(
                SearchHit(
                    path=episode_id,
                    title=hit["title"],
                    number=hit.get("number"),
                    show=hit.get("show") or None,
                    score=float(hit.score or 0.0) if sortedby is None else 0.0,
                    matches=len(spans),
                    snippets=make_snippets(self.text_of(episode_id), spans),
                    in_notes=any(name == "notes" for name, _term in hit.matched_terms()),
                )
            )
        suggestion = self.suggest(text) if total == 0 else None
        return SearchResults(text, total, suggestion, hits)

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
        reader = self._searcher.reader()
        changed = text
        for word in dict.fromkeys(words):
            lower = word.lower()
            if lower in {"and", "or", "not"} or (("text_exact", lower) in reader):
                continue
            options = self._searcher.suggest("text_exact", lower, limit=1, maxdist=2)
            if options and options[0] != lower:
                changed = re.sub(rf"\b{re.escape(word)}\b", options[0], changed)
        return changed if changed != text else None


def _derived(title: str, number: int | None, text: str) -> dict:
    """Fields computed from others: sort keys and the two indexed copies of the transcript."""
    return {
        "title_sort": title.casefold(),
        "number_sort": number if number is not None else NO_NUMBER,
        "text": text,
        "text_exact": distinct_words(text),
    }


def _try_open(folder: Path) -> tuple[index.Index | None, Searcher | None, str | None]:
    """Open an index and read it once; on any failure say why (the caller rebuilds it).

    Whoosh leaves the file it failed to read open; it is closed here, quietly, rather than
    with a ResourceWarning whenever the garbage collector gets to it.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            ix = index.open_dir(str(folder))
            searcher = ix.searcher()
            searcher.doc_count()
        except Exception as exc:  # any failure to read it means: rebuild the cache
            problem = f"the index could not be read ({type(exc).__name__}: {exc})"
        else:
            return ix, searcher, None
        gc.collect()
    return None, None, problem


def _expand_to_stems(q: query.Query, reader, typed: str = "") -> query.Query:
    """Turn prefix, wildcard and fuzzy terms on the transcript into the stems they reach.

    Stems are not words ("delegation" is indexed as "deleg"), so these are expanded against
    the unstemmed copy of the transcript, and each word found is searched by its stem: then
    "delegat*" and "delegaton~" find every form of the word, like a plain search does, and
    hits are marked the same way.
    """

    def fix(node: query.Query) -> query.Query:
        if isinstance(node, query.Or) and _is_default_field_expansion(node):
            # "deleg*" with no field names one expansion per searched field; expanding each
            # over its own word list is most of a fuzzy search's time, and typos and prefixes
            # matter in the transcript and titles. An explicit "speaker:dan*" is not affected.
            node = query.Or(
                [c for c in node.children() if c.fieldname in EXPAND_FIELDS], boost=node.boost
            )
        if isinstance(node, query.Prefix | query.Wildcard | query.FuzzyTerm):
            if node.fieldname != "text":
                return node
            exact = node.copy()
            exact.fieldname = "text_exact"
            exact.text = node.text.lower()
            if isinstance(exact, query.FuzzyTerm):
                # The parser stemmed the typo ("calender" -> "calend"); compare what was typed
                # against the unstemmed words instead.
                raw = _typed_word(typed, node)
                if raw:
                    exact.text = raw
                # Typos rarely touch the first two letters; requiring them cuts the words to
                # compare (in Python) from the whole vocabulary to a few hundred.
                exact.prefixlength = max(exact.prefixlength, FUZZY_PREFIX)
            words = [word for _field, word in exact.existing_terms(reader, expand=True)]
            stems = sorted({t.text for w in words[:MAX_EXPANSION] for t in STEMMED(_str(w))})
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


def _match_groups(q: query.Query) -> list[list[str]]:
    """The stemmed term sequences whose occurrences in the transcript are hits.

    A phrase is one group (its words must follow each other); a term is a group of one
    (prefix, wildcard and fuzzy terms are already expanded to terms). Negated parts are
    skipped.
    """
    groups: list[list[str]] = []

    def walk(node: query.Query) -> None:
        if isinstance(node, query.Not):
            return
        if isinstance(node, query.AndNot):
            walk(node.a)
            return
        if isinstance(node, query.Phrase):
            if node.fieldname == "text":
                groups.append([str(w) for w in node.words])
            return
        if isinstance(node, query.Term):
            if node.fieldname == "text":
                groups.append([str(node.text)])
            return
        for child in node.children():
            walk(child)

    walk(q)
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
