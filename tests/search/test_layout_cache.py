"""The layout cache makes an indexed episode again, speakers and times included, from its
cached text: as the importer made it, or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.importers import import_file
from reader.library import list_transcripts
from reader.model import Episode
from reader.search.layout_cache import LayoutCache, cached_episode

SAMPLES = sorted(list_transcripts(Path(__file__).resolve().parents[2] / "episodes"))


def _stored(episode: Episode) -> dict:
    return {"title": episode.title, "number": episode.number, "show": episode.show or ""}


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_format_comes_back_as_imported(path: Path, tmp_path: Path):
    episode = import_file(path)
    assert isinstance(episode, Episode)
    cache = LayoutCache(tmp_path)
    cache.write("abc.txt.z", episode)
    layout = cache.read("abc.txt.z")
    assert layout is not None
    again = cached_episode(layout, episode.text, episode.id, path, _stored(episode))
    assert again is not None
    assert again.text == episode.text
    assert again.layout[1] == episode.layout[1]
    assert [(s.text, s.speaker, s.start, s.end, s.times) for s in again.segments()] == [
        (s.text, s.speaker, s.start, s.end, s.times) for s in episode.segments()
    ]
    assert [s.heading for s in again.sections] == [s.heading for s in episode.sections]
    assert (again.speakers, again.quotes) == (episode.speakers, episode.quotes)
    middle = len(episode.text) // 2
    assert again.time_at(middle) == episode.time_at(middle)


def test_another_text_or_a_damaged_file_gives_nothing(tmp_path: Path):
    episode = import_file(SAMPLES[0])
    assert isinstance(episode, Episode)
    cache = LayoutCache(tmp_path)
    cache.write("abc.txt.z", episode)
    layout = cache.read("abc.txt.z")
    assert layout is not None
    edited = episode.text.replace("a", "e", 1)
    assert cached_episode(layout, edited, episode.id, SAMPLES[0], {}) is None
    assert cached_episode(layout, episode.text[:-1], episode.id, SAMPLES[0], {}) is None
    cache.path("abc.txt.z").write_bytes(b"\x00 not a layout")
    assert cache.read("abc.txt.z") is None
    cache.remove("abc.txt.z")
    assert cache.read("abc.txt.z") is None
