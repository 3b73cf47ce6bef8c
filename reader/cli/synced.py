"""A question answered from the library's index, brought up to date first, as ``search``
does: the ``dossier`` and ``who-said`` commands.

A busy index (another process syncing) or a full disk still answers from what was last
saved, with a line on stderr; a library that cannot be read ends the command with exit
status 1, a damaged index with 3 (the next sync rebuilds it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reader.cli.common import (
    EXIT_FAILED,
    EXIT_INDEX_DAMAGED,
    CommandError,
    library_folder,
    open_index,
    tell,
)
from reader.paths import AppPaths

if TYPE_CHECKING:
    from reader.search.index import LibraryIndex

T = TypeVar("T")


def answer(
    paths: AppPaths, library: Path | None, question: Callable[[LibraryIndex], T]
) -> tuple[int, T | None]:
    """``question`` asked of the synced index: (0, its answer), or (exit status, None)
    after saying what went wrong."""
    from reader.library.folder_state import walked_ahead

    try:
        library = library_folder(paths, library)
    except CommandError as exc:
        tell(exc)
        return EXIT_FAILED, None
    with walked_ahead(library):  # the no-op sync's walk, on the other core while the engine loads
        return _synced_answer(paths, library, question)


def _synced_answer(
    paths: AppPaths, library: Path, question: Callable[[LibraryIndex], T]
) -> tuple[int, T | None]:
    from reader.library.repair import sync_or_rebuild
    from reader.search.failed_commit import write_problem
    from reader.search.health import IndexDamaged
    from reader.search.lock import IndexBusy

    try:
        ix = open_index(paths, library)
    except CommandError as exc:
        tell(exc)
        return EXIT_FAILED, None
    try:
        try:
            ix, _report = sync_or_rebuild(ix, lambda: open_index(paths, ix.library))
        except IndexBusy:
            tell("the index is being updated by another process; answering from what it last saved")
            ix.refresh()
        except OSError as exc:  # a full disk: the old index still answers
            tell(f"{write_problem(exc, ix.folder)}; answering from it")
            ix.refresh()
        return 0, question(ix)
    except IndexDamaged as exc:
        tell(exc)
        return EXIT_INDEX_DAMAGED, None
    finally:
        ix.close()
