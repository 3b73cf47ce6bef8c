"""What the index holds of an episode: its fields, how they are searched, and the document.

Transcript text is indexed with positions and character offsets but not stored (the text
cache keeps it); the other fields are stored so results and the episode list need no file.
Whoosh pickles the schema, with its analyzer and format classes, into every index.
"""

from __future__ import annotations

from collections.abc import Callable

from whoosh import fields

from reader.model import Episode
from reader.search.analysis import EXACT, STEMMED
from reader.search.file_states import audio_fields
from reader.search.results import FileState, IndexedEpisode
from reader.search.whoosh_ext.postings import FastCharacters
from reader.search.whoosh_ext.word_pairs import PairsColumn

#: Bump when the schema or the analysis changes (or their classes move: the schema pickles
#: them by module path): older indexes are then rebuilt. 5: the classes moved into
#: reader.search. 6: the text cache is kept compressed (``text_cache``). 7: an episode whose
#: file names no show gets its folder's, and the speaker names its file gave are kept
#: (``own_speakers``) beside the reconciled ones. 8: an episode's audio file is kept
#: (``audio``, and ``audio_ref`` for the sync: see ``reader.audio.pairing``). 9: the show
#: the file itself names (``own_show``: siblings can settle a show) and the names its
#: speakers are shown under (``speaker_names``, reconciled and corrected by the user: the
#: reader applies them). 10: postings are varints and raw arrays, not pickles
#: (``whoosh_ext.raw_blocks``, ``whoosh_ext.postings``). 11: each pull quote's speaker and
#: time (``quote_marks``), for the annotations browser. 12: the transcript's pairs of common
#: words side by side (the ``text_pairs`` column: ``whoosh_ext.word_pairs``), for phrases.
#: 13: transcript positions are fixed-width, looked up by binary search (``value_layout``).
SCHEMA_VERSION = 13
#: Whoosh's sortable columns need a value; episodes without a number sort after the others.
NO_NUMBER = 10**9

#: Gives the notes and highlights text to index with an episode.
NotesSource = Callable[[Episode], str]

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
#: Sort names (``sorts.SORTS``) -> the sortable column they order by; relevance has none.
SORT_COLUMNS = {"number": "number_sort", "title": "title_sort", "date": "date"}


def _fast(field: fields.TEXT) -> fields.TEXT:
    """The field with its format swapped for the fast one that writes the same bytes."""
    field.format = FastCharacters(field_boost=field.format.field_boost)
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
        text_pairs=PairsColumn(),
        quotes=fields.TEXT(analyzer=STEMMED, stored=True),
        notes=fields.TEXT(analyzer=STEMMED, stored=True),
        format=fields.STORED,
        size=fields.STORED,
        mtime=fields.STORED,
        digest=fields.STORED,
        own_speakers=fields.STORED,  # as the file names them; ``speakers`` is reconciled
        audio=fields.STORED,  # the audio file when it is there (``FileState.audio``)
        audio_ref=fields.STORED,  # the reference it was paired with, there or not
        own_show=fields.STORED,  # as the file names it ("": none); ``show`` is settled
        speaker_names=fields.STORED,  # own name -> shown name, where they differ
        quote_marks=fields.STORED,  # ``quote_marks(episode)``
    )


def document(episode: Episode, state: FileState, notes_source: NotesSource | None) -> dict:
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
        "own_speakers": list(episode.speakers),
        **audio_fields(episode),
        "own_show": "" if episode.folder_show else episode.show or "",
        "speaker_names": {},
        "quote_marks": quote_marks(episode),
        **derived(episode.title, episode.number, episode.text),
    }


def quote_marks(episode: Episode) -> list[dict]:
    """Each pull quote as the annotations browser lists it without the transcript: its text,
    who it is credited to (as printed, else whoever speaks where its passage starts) and the
    time and offsets of that passage (None when it repeats no passage)."""
    marks = []
    for quote in episode.quotes:
        speaker, time = quote.speaker, None
        if quote.start is not None:
            found = episode.segment_at(quote.start)
            speaker = speaker or (found[0].speaker if found else None)
            time = episode.time_at(quote.start)
        marks.append(
            {"text": quote.text, "speaker": speaker, "time": time,
             "start": quote.start, "end": quote.end}
        )  # fmt: skip
    return marks


def derived(title: str, number: int | None, text: str) -> dict:
    """Fields computed from others: sort keys and the indexed transcript."""
    return {
        "title_sort": title.casefold(),
        "number_sort": number if number is not None else NO_NUMBER,
        "text": text,
        "text_pairs": text,
    }


def indexed_episode(stored: dict) -> IndexedEpisode:
    """An episode as the episode list needs it, from its stored fields."""
    return IndexedEpisode(
        path=stored["path"],
        title=stored["title"],
        number=stored.get("number"),
        show=stored.get("show") or None,
        date=stored.get("date") or None,
        format=stored.get("format") or "",
        audio=stored.get("audio"),
    )
