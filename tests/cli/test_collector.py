"""A one-shot search keeps the garbage collector off while it only reads, and on while a
sync imports files (importing makes much garbage: a first index of thousands of files must
not grow without bound) and after the command."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cli.search import run_search
from reader.library import batches
from reader.paths import AppPaths


@pytest.fixture(autouse=True)
def thawed() -> Iterator[None]:
    yield
    gc.unfreeze()  # what the command froze (its process would end here) goes back to pytest
    gc.enable()


def test_the_collector_is_on_while_files_are_imported_and_after_the_search(
    search_library: Path, monkeypatch: pytest.MonkeyPatch
):
    collecting: list[bool] = []
    import_file = batches.import_file

    def importing(*args, **kwargs):
        collecting.append(gc.isenabled())
        return import_file(*args, **kwargs)

    monkeypatch.setattr(batches, "import_file", importing)
    paths = AppPaths.resolve(None)
    assert run_search(paths, search_library, "calendar", 20, "relevance", True) == 0
    assert collecting == [True] * 4
    assert gc.isenabled()
    assert run_search(paths, search_library, "calendar", 20, "relevance", True) == 0
    assert gc.isenabled()  # a search with nothing to import turns it back on at the end


def test_the_notes_a_command_indexes_reach_worker_processes(tmp_path: Path):
    """The CLI's notes source loads the notes package only when an episode is indexed, and
    goes to worker processes (pickled) as the two folders, like IndexedNotes."""
    import pickle

    from reader.cli.common import NotesWhenNeeded
    from reader.model import Episode

    library = tmp_path / "lib"
    (library / "show").mkdir(parents=True)
    source = NotesWhenNeeded(tmp_path / "data", library)
    copy = pickle.loads(pickle.dumps(source))
    assert (copy.data_dir, copy.library) == (tmp_path / "data", library)
    episode = Episode("show/ep1.md", library / "show" / "ep1.md", "markdown", "Ep 1")
    assert copy(episode) == source(episode) == ""  # no notes yet, read the same way
