"""Collecting every mark of a library: the highlights from the notes files, the pull quotes
from the index's stored fields (no transcript is opened), as one list.

Runs off the GUI thread; the browser then only filters the list in memory.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import PurePosixPath

from reader.annotations.filtering import BY_EPISODE, NEWEST, ordered
from reader.annotations.marks import HIGHLIGHT, PULL_QUOTE, Mark
from reader.notes.model import Note

log = logging.getLogger(__name__)


@dataclass
class LibraryMarks:
    """The marks of a library, and the episodes that have notes or highlights."""

    marks: list[Mark] = field(default_factory=list)
    noted: set[str] = field(default_factory=set)  # episode ids with a note or highlights
    #: The marks in each of the browser's orders, made once off the GUI thread (``prepare``):
    #: the browser then only filters, whatever the order.
    orders: dict[str, list[Mark]] = field(default_factory=dict)
    #: What each filter offers (``prepare``): shows, speakers, tags, (episode id, label).
    choices: dict[str, list] = field(default_factory=dict)

    def prepare(self) -> LibraryMarks:
        """Sort and list the choices now (a worker thread), so showing them is only a copy."""
        self.orders = {order: ordered(self.marks, order) for order in (NEWEST, BY_EPISODE)}
        self.choices = {
            "shows": self.shows(),
            "speakers": self.speakers(),
            "tags": self.tags(),
            "episodes": self.episodes(),
        }
        return self

    def in_order(self, order: str) -> list[Mark]:
        found = self.orders.get(order)
        return found if found is not None else ordered(self.marks, order)

    def choice(self, name: str) -> list:
        found = self.choices.get(name)
        return found if found is not None else getattr(self, name)()

    def shows(self) -> list[str]:
        return _choices(m.show for m in self.marks)

    def speakers(self) -> list[str]:
        return _choices(m.speaker for m in self.marks)

    def tags(self) -> list[str]:
        return _choices(tag for m in self.marks for tag in m.tags)

    def episodes(self) -> list[tuple[str, str]]:
        """(episode id, label) of every episode with a mark, by show then label."""
        seen = {m.episode_id: m for m in self.marks}
        return [
            (m.episode_id, m.episode_label)
            for m in sorted(
                seen.values(), key=lambda m: ((m.show or "").casefold(), m.number or 0, m.title)
            )
        ]


def _choices(values: Iterable[str | None]) -> list[str]:
    """Each value once (first spelling wins, any case), sorted as a person reads them."""
    found: dict[str, str] = {}
    for value in values:
        if value and value.strip():
            found.setdefault(value.casefold(), value)
    return sorted(found.values(), key=str.casefold)


def _iso(mtime: object) -> str:
    if not isinstance(mtime, int | float) or mtime <= 0:
        return ""
    return datetime.fromtimestamp(mtime, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _number(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def pull_quote_marks(doc: dict) -> list[Mark]:
    """The pull quotes of one stored index document."""
    path = str(doc.get("path", ""))
    title = _str(doc.get("title")) or PurePosixPath(path).stem
    show, number = _str(doc.get("show")), _number(doc.get("number"))
    added, date = _iso(doc.get("mtime")), _str(doc.get("date"))
    marks = []
    for index, quote in enumerate(doc.get("quote_marks") or []):
        if not isinstance(quote, dict) or not _str(quote.get("text")):
            continue
        time = quote.get("time")
        marks.append(
            Mark(
                kind=PULL_QUOTE,
                key=f"quote:{index}",
                episode_id=path,
                title=title,
                show=show,
                number=number,
                text=" ".join(str(quote["text"]).split()),
                speaker=_str(quote.get("speaker")),
                time=float(time) if isinstance(time, int | float) else None,
                added=added,
                start=_number(quote.get("start")),
                end=_number(quote.get("end")),
                date=date,
            )
        )
    return marks


def highlight_marks(note: Note, doc: dict | None) -> list[Mark]:
    """The highlights of one note, named from its episode's stored fields (or, for a note
    whose transcript left the library, from what the note's header knows)."""
    doc = doc or {}
    title = _str(doc.get("title")) or note.title
    show, number, date = _str(doc.get("show")), _number(doc.get("number")), _str(doc.get("date"))
    return [
        Mark(
            kind=HIGHLIGHT,
            key=h.id,
            episode_id=note.episode_id,
            title=title,
            show=show,
            number=number,
            text=h.text,
            speaker=h.speaker,
            time=h.time,
            color=h.color,
            tags=tuple(h.tags),
            comment=h.comment,
            added=h.created,
            start=h.start,
            end=h.end,
            date=date,
        )
        for h in note.highlights
    ]


def collect_marks(documents: Iterable[dict], notes: Iterable[Note]) -> LibraryMarks:
    """Every highlight (from ``notes``) and pull quote (from the index's ``documents``)."""
    by_path = {str(doc.get("path", "")): doc for doc in documents}
    found = LibraryMarks()
    for note in notes:
        if note.body.strip() or note.highlights:
            found.noted.add(note.episode_id)
        found.marks += highlight_marks(note, by_path.get(note.episode_id))
    for doc in by_path.values():
        found.marks += pull_quote_marks(doc)
    return found
