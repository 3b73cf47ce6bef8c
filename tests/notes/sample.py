"""The small library the notes tests share: two transcripts we wrote, and helpers."""

from __future__ import annotations

from pathlib import Path

from reader.importers import import_file
from reader.model import Episode
from reader.notes import Highlight, Note, NotesStore

EP1 = (
    "Episode 1: Leaders Who Delegate\n\n"
    "Maya: Good leaders delegate early. Delegation builds trust, and trust builds teams.\n\n"
    "Renée: I ran a calendar audit with a client. Twelve hours came back to her.\n"
)
EP2 = (
    "Episode 2: Feedback\n\n"
    "Grace: Feedback is a gift when it is specific.\n\n"
    "Daniel: Specific feedback, delivered soon, changes behaviour.\n"
)


def episode(library: Path, rel: str) -> Episode:
    result = import_file(library / rel, library)
    assert isinstance(result, Episode), result
    return result


def files_in(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def saved_note(library: Path, store: NotesStore) -> tuple[Episode, Note, bytes, bytes]:
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    note.body = "The old note, which must survive.\n"
    note.highlights.append(Highlight.create(ep.text, 0, 7))
    md = store.save(note)
    return ep, note, md.read_bytes(), store.highlights_path(ep.id).read_bytes()


def commented_note(library: Path, store: NotesStore) -> Note:
    """The first episode's note with "calendar audit" highlighted, tagged "time" and
    "clients", with a comment of two lines (not saved)."""
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    i = ep.text.index("calendar audit")
    highlight = Highlight.create(ep.text, i, i + 14, tags=["time", "clients"])
    highlight.comment = "Try this with\nthe Tuesday group."
    note.highlights.append(highlight)
    return note
