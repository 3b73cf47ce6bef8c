"""What the search index reads of the notes: a note's words, for every episode.

``IndexedNotes`` is the ``LibraryIndex.notes_source``; it is pickled into the indexing worker
processes, so it is a small class (importable by this module path) rather than a closure, and
each process makes its own read-only store on first use.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from reader.library.identity import identity_path
from reader.model import Episode
from reader.notes.model import Note
from reader.notes.speakers_file import speakers_file
from reader.notes.store import NotesStore

log = logging.getLogger(__name__)


def text_for_index(note: Note) -> str:
    """What the search index holds for a note: the body, highlighted passages, their comments
    and tags."""
    parts = [note.body.strip()]
    parts += [h.text for h in note.highlights]
    parts += [h.comment.strip() for h in note.highlights if h.comment.strip()]
    parts += [tag for h in note.highlights for tag in h.tags]
    return "\n\n".join(part for part in parts if part)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


class IndexedNotes:
    """What the search index holds of each episode's note: ``LibraryIndex.notes_source``."""

    def __init__(self, data_dir: Path, library: Path) -> None:
        self.data_dir = Path(data_dir)
        self.library = Path(library)
        self._store: NotesStore | None = None
        self._identity: tuple[int, int] | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"data_dir": self.data_dir, "library": self.library}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.data_dir, self.library = Path(state["data_dir"]), Path(state["library"])
        self._store, self._identity = None, None

    def speakers_file(self) -> Path:
        """The library's speaker corrections, kept beside its notes (``settle_names``)."""
        return speakers_file(self.data_dir, self.library)

    def __call__(self, episode: Episode) -> str:
        stamp = _stamp(identity_path(self.library))
        if self._store is None or stamp != self._identity:  # the notes may have moved
            self._store, self._identity = NotesStore(self.data_dir, self.library), stamp
        try:
            return text_for_index(self._store.peek(episode))
        except (OSError, ValueError):  # one episode's notes must not stop the whole sync
            log.exception("cannot read the notes of %s", episode.id)
            return ""
