"""The per-library folder names of the index cache and of the notes never change.

A library's notes and index are found again by these names: a different name for the same
library would make the app start with no notes (they are still on disk, but unseen) and
rebuild its index from scratch. So the names are pinned for sample paths, byte for byte.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.notes import notes_folder
from reader.search.index import index_folder
from reader.util.folders import per_library_folder

#: A folder that does not exist, so ``resolve()`` leaves the libraries below it as they are.
ROOT = Path("/nonexistent-episode-reader")
#: Library folders below ROOT and the name of the folder each one's notes and index are kept in.
PINNED = [
    ("Podcasts/The Coaching Hour (2024)", "The-Coaching-Hour-2024-47aaa14b1131"),
    ("Café—Gespräche", "Café-Gespräche-9855559ba0fa"),
    ("\udcff-odd", "odd-affc7781bdf8"),  # an undecodable byte
    ("!!!", "library-f9d4a8a69a3d"),
    (
        "a-very-long-library-name-that-goes-on-and-on-forever",
        "a-very-long-library-name-that-goes-on-an-b210e3bf140f",
    ),
]


@pytest.mark.parametrize(("library", "name"), PINNED, ids=[name for _, name in PINNED])
def test_index_and_notes_folders_keep_their_names(library: str, name: str, tmp_path: Path):
    assert index_folder(tmp_path, ROOT / library) == tmp_path / "index" / name
    assert notes_folder(tmp_path, ROOT / library) == tmp_path / "notes" / name


def test_the_name_is_the_folders_own_name_and_a_hash_of_its_path(tmp_path: Path):
    """Two libraries of one name get two folders; the name tells people which is which."""
    one = per_library_folder(tmp_path, ROOT / "a" / "Podcasts")
    other = per_library_folder(tmp_path, ROOT / "b" / "Podcasts")
    assert one.parent == other.parent == tmp_path
    assert one != other
    assert one.name.startswith("Podcasts-")
    assert other.name.startswith("Podcasts-")
