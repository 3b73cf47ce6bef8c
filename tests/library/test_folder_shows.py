"""Shows from folders: a file that names no show takes its folder's name, at import and in
the index (``show:`` finds it), and the library folder itself is never a show."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.importers import import_file
from reader.importers.shared.folder_show import readable_name, show_from_folder
from reader.library.sync import sync_library
from reader.model import Episode
from reader.search.index import LibraryIndex

UNNAMED = "1\n00:00:01,000 --> 00:00:04,000\nWelcome back, everyone, to another conversation.\n"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("episode_id", "show"),
    [
        ("the-coaching-hour/ep-103.srt", "The Coaching Hour"),
        ("state_of_the_art/ep-1.srt", "State of the Art"),
        ("JS Party/ep-1.srt", "JS Party"),
        ("iOS_Weekly/ep-1.srt", "iOS Weekly"),
        ("the-coaching-hour/2023/ep-1.srt", "The Coaching Hour"),
        ("the-coaching-hour/season-2/transcripts/ep-1.srt", "The Coaching Hour"),
        ("ep-103.srt", None),
        ("2023/ep-1.srt", None),
        ("podcasts/show/ep-1.srt", None),
    ],
)
def test_the_nearest_folder_that_is_not_a_grouping_names_the_show(
    episode_id: str, show: str | None
) -> None:
    assert show_from_folder(episode_id) == show


def test_a_name_with_its_own_capitals_keeps_them() -> None:
    assert readable_name("the-coaching-hour") == "The Coaching Hour"
    assert readable_name("McKinsey Talks") == "McKinsey Talks"


def test_an_unnamed_episode_takes_its_folders_show_at_import(tmp_path: Path) -> None:
    library = tmp_path / "Podcasts"
    path = _write(library / "the-coaching-hour" / "ep-103.srt", UNNAMED)
    top = _write(library / "loose-episode.srt", UNNAMED)
    episode = import_file(path, library)
    assert isinstance(episode, Episode)
    assert episode.show == "The Coaching Hour"
    assert episode.number == 103
    loose = import_file(top, library)
    assert isinstance(loose, Episode)
    assert loose.show is None  # the library folder is not a show


def test_a_show_the_file_names_wins_over_its_folder(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    named = "---\ntitle: Hello\nshow: Leaders Lab\n---\n\n**Ana:** Hello there, listeners.\n"
    path = _write(library / "downloads-2024" / "hello.md", named)
    episode = import_file(path, library)
    assert isinstance(episode, Episode)
    assert episode.show == "Leaders Lab"


def test_the_index_finds_and_lists_the_folder_show(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    _write(library / "the-coaching-hour" / "ep-103.srt", UNNAMED)
    _write(library / "other.srt", UNNAMED)
    ix = LibraryIndex(library, tmp_path / "cache")
    try:
        sync_library(ix)
        found = ix.search("show:coaching")
        assert [hit.path for hit in found.hits] == ["the-coaching-hour/ep-103.srt"]
        assert found.hits[0].show == "The Coaching Hour"
        shows = {e.path: e.show for e in ix.episodes()}
        assert shows == {"the-coaching-hour/ep-103.srt": "The Coaching Hour", "other.srt": None}
    finally:
        ix.close()
