"""What the commands share: exit statuses, one-line messages, the library a command works
on, and opening its index.

Light on purpose: every command imports it, so the search engine is imported only inside
``open_index`` (``--help``, ``show`` and ``paths`` never load Whoosh or numpy).
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader import APP_ID
from reader.paths import AppPaths, DataDirError

if TYPE_CHECKING:
    from collections.abc import Callable

    from reader.library.sync_run import Progress
    from reader.model import Episode
    from reader.search.index import LibraryIndex

#: Exit status when the library (or the folders we write to) cannot be used.
EXIT_FAILED = 1
#: Exit status for unusable start-up input (a bad --library or --data-dir), like argparse's.
EXIT_USAGE = 2
#: Exit status of a search that found the index damaged (the next sync rebuilds it).
EXIT_INDEX_DAMAGED = 3
#: Exit status when the window cannot open because system libraries Qt needs are missing.
EXIT_NO_WINDOW = 3


def tell(message: object) -> None:
    """One line for the user on stderr, named after the app."""
    print(f"{APP_ID}: {message}", file=sys.stderr)


def fail(message: str) -> int:
    """Say what is wrong with the start-up input; the exit status for it."""
    tell(message)
    return EXIT_USAGE


class PausedCollector:
    """The garbage collector off while a one-shot command loads the engine and reads.

    A one-shot search spent a fifth of its CPU time in collections: during the imports, then
    walking the modules' hundreds of thousands of objects again at each full collection, and
    the 10,000 entries of the folder walk. The modules live as long as the process, so they
    are left out of collections for good (``engine_loaded``: ``gc.freeze``). Reading makes
    little garbage; importing files makes much, so the collector comes back on when a sync
    has files to import (``sync_progress``) and when the command ends (``close``).
    """

    def __init__(self) -> None:
        self.was_enabled = gc.isenabled()
        gc.disable()

    def __enter__(self) -> PausedCollector:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def engine_loaded(self) -> None:
        gc.freeze()

    def sync_progress(self, progress: Progress) -> None:
        if progress.total:
            self.close()

    def close(self) -> None:
        if self.was_enabled:
            gc.enable()


class NotesWhenNeeded:
    """The user's notes as the index reads them (``IndexedNotes``), loaded when the first
    episode is indexed: a search of an unchanged library never needs them, nor the notes
    package's imports. Sent to worker processes as the two folders, like ``IndexedNotes``."""

    def __init__(self, data_dir: Path, library: Path) -> None:
        self.data_dir, self.library = data_dir, library
        self._notes: Callable[[Episode], str] | None = None

    def __getstate__(self) -> dict[str, Path]:
        return {"data_dir": self.data_dir, "library": self.library}

    def __setstate__(self, state: dict[str, Path]) -> None:
        self.data_dir, self.library, self._notes = state["data_dir"], state["library"], None

    def speakers_file(self) -> Path:
        """The library's speaker corrections, as ``IndexedNotes.speakers_file``."""
        from reader.notes.speakers_file import speakers_file

        return speakers_file(self.data_dir, self.library)

    def __call__(self, episode: Episode) -> str:
        if self._notes is None:
            from reader.notes import IndexedNotes

            self._notes = IndexedNotes(self.data_dir, self.library)
        return self._notes(episode)


class CommandError(Exception):
    """A problem that ends the command with one line on stderr and exit status 1."""


def library_folder(paths: AppPaths, library: Path | None) -> Path:
    """The library a command works on: the one given, else the last one (or the samples),
    checked; raises ``CommandError`` naming the folder and the problem."""
    from reader.library import LibraryError, check_library  # dataclasses: not for --help
    from reader.state import default_library  # tempfile and friends: not for --help

    if library is None:
        library, notice = default_library(paths)
        if notice:
            tell(notice)
    try:
        return check_library(library)
    except LibraryError as exc:
        raise CommandError(f"cannot read library {exc.folder}: {exc.problem}") from exc


def open_index(paths: AppPaths, library: Path | None) -> LibraryIndex:
    """The index of the command's library, opened (created if needed) with the user's notes;
    raises ``CommandError`` when the library, the cache folder or the index cannot be used."""
    from reader.library.moved_index import open_following_moves
    from reader.search.failed_commit import write_problem
    from reader.search.lock import IndexBusy

    folder = library_folder(paths, library)
    try:
        paths.ensure()
        ix = open_following_moves(folder, paths.cache)  # a moved library keeps its index
    except DataDirError as exc:
        raise CommandError(f"cannot use the index cache: {exc}") from exc
    except IndexBusy as exc:
        raise CommandError(str(exc)) from exc
    except OSError as exc:
        raise CommandError(write_problem(exc, paths.cache)) from exc
    if ix.notice:
        tell(ix.notice)
    # Episodes are indexed with the user's notes, as the window indexes them: an episode
    # re-imported here must still be found by ``notes:``.
    ix.notes_source = NotesWhenNeeded(paths.data, ix.library)
    return ix
