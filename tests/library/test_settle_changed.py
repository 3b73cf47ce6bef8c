"""After a sync that changed a few files, only the shows those files were or are in are
settled again, and the library ends as settling all of it would leave it: a sibling naming
a show, an episode moving to another show, the one episode that joined two names removed,
an interrupted sync, all followed through real syncs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.library import speakers
from reader.library.settle_names import APPLIED
from reader.library.sync import sync_library
from reader.search.index import LibraryIndex

UNNAMED = "1\n00:00:01,000 --> 00:00:04,000\nPriya: Welcome back to another conversation.\n"


def _md(show: str, *names: str) -> str:
    turns = "\n\n".join(f"**{name}:** We talked about feedback." for name in names)
    return f"---\ntitle: Hello\nshow: {show}\n---\n\n{turns}\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    for n in range(1, 4):  # three shows of three episodes, each in a folder of its own
        _write(root / "leaders-lab" / f"ep-{n}.md", _md("Leaders Lab", "Sam", "Priya Raman"))
        _write(root / "deep-work" / f"ep-{n}.md", _md("Deep Work", "Tom Okafor", "Ana"))
        _write(root / "the-coaching-hour" / f"ep-{n}.srt", UNNAMED)
    _write(root / "deep-work" / "ep-9.md", _md("Deep Work", "Tom"))  # "Tom" is Tom Okafor
    return root


@pytest.fixture
def ix(library: Path, tmp_path: Path) -> Iterator[LibraryIndex]:
    index = LibraryIndex(library, tmp_path / "cache")
    sync_library(index)
    yield index
    index.close()


def settled_whole(ix: LibraryIndex) -> list[str]:
    """The episodes that settling the whole library would still change (none, if right)."""
    return speakers.settle_speakers(ix)


def names(ix: LibraryIndex) -> dict[str, tuple[str | None, str]]:
    return {doc["path"]: (doc.get("show"), doc.get("speakers")) for doc in ix.stored_documents()}


def test_a_one_file_sync_settles_only_the_show_it_touched(
    ix: LibraryIndex, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reconciled: list[str] = []
    real = speakers.shown_names

    def recorded(own_names, corrections, merge=True):
        own_names = list(own_names)
        reconciled.extend(dict.fromkeys(own_names))
        return real(own_names, corrections, merge)

    monkeypatch.setattr(speakers, "shown_names", recorded)
    _write(library / "leaders-lab" / "ep-2.md", _md("Leaders Lab", "Sam", "Priya Raman", "Kim"))
    sync_library(ix)
    assert "Kim" in names(ix)["leaders-lab/ep-2.md"][1]
    assert set(reconciled) == {"Sam", "Priya Raman", "Kim"}  # not Deep Work's, nor the rest
    assert settled_whole(ix) == []


def test_changes_settle_as_the_whole_library_would(ix: LibraryIndex, library: Path) -> None:
    assert names(ix)["deep-work/ep-9.md"] == ("Deep Work", "Tom Okafor")
    assert names(ix)["the-coaching-hour/ep-1.srt"][0] == "The Coaching Hour"
    # A sibling that names a show settles the unnamed episodes beside it.
    _write(library / "the-coaching-hour" / "ep-4.md", _md("Coaching Hour with Priya", "Priya"))
    sync_library(ix)
    assert names(ix)["the-coaching-hour/ep-1.srt"][0] == "Coaching Hour with Priya"
    assert settled_whole(ix) == []
    # The only "Tom Okafor" episodes move to another show: Deep Work's "Tom" is just Tom.
    for n in range(1, 4):
        _write(library / "deep-work" / f"ep-{n}.md", _md("Leaders Lab", "Tom Okafor", "Ana"))
    sync_library(ix)
    assert names(ix)["deep-work/ep-9.md"] == ("Deep Work", "Tom")
    assert settled_whole(ix) == []
    # Removing the episode that made "Priya" one of them leaves the show's names as they are.
    (library / "the-coaching-hour" / "ep-4.md").unlink()
    sync_library(ix)
    assert names(ix)["the-coaching-hour/ep-1.srt"][0] == "The Coaching Hour"
    assert settled_whole(ix) == []


def test_an_interrupted_sync_leaves_the_next_one_to_settle_everything(
    ix: LibraryIndex, library: Path
) -> None:
    _write(library / "deep-work" / "ep-5.md", _md("Deep Work", "Tom Okafor"))
    sync_library(ix, should_stop=lambda: True)  # stopped before it imported anything
    assert not (ix.folder / APPLIED).exists()
    sync_library(ix)
    assert (ix.folder / APPLIED).exists()
    assert settled_whole(ix) == []


def test_an_episode_leaving_a_show_from_another_folder_unsettles_its_names(
    ix: LibraryIndex, library: Path
) -> None:
    _write(library / "special.md", _md("Leaders Lab", "Sam Lee"))  # loose, at the top level
    sync_library(ix)
    assert names(ix)["leaders-lab/ep-1.md"][1] == "Sam Lee, Priya Raman"  # "Sam" is Sam Lee
    _write(library / "special.md", _md("Solo Show", "Sam Lee"))  # it leaves Leaders Lab
    sync_library(ix)
    assert names(ix)["leaders-lab/ep-1.md"][1] == "Sam, Priya Raman"
    assert settled_whole(ix) == []
