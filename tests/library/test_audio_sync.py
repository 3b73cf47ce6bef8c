"""The index remembers each episode's audio and follows the folder as audio files come and go."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.library.sync import sync_library
from reader.search.index import LibraryIndex

from .test_sync import import_mode  # noqa: F401 - every test in process and in workers

VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ana>We start with the goal.\n"
NAMED = "---\ntitle: Named\naudio: rec/take-2.mp3\n---\n\n**Ana:** We start with the goal.\n"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    (folder / "talks").mkdir(parents=True)
    (folder / "talks" / "ep1.vtt").write_text(VTT)
    (folder / "talks" / "ep2.en.vtt").write_text(VTT)
    (folder / "talks" / "named.md").write_text(NAMED)
    return folder


def audio_in_index(ix: LibraryIndex) -> dict[str, str | None]:
    return {episode.path: episode.audio for episode in ix.episodes()}


def test_audio_added_renamed_and_removed_later_follows_at_the_next_sync(
    library: Path, tmp_path: Path
):
    ix = LibraryIndex(library, tmp_path / "cache")
    sync_library(ix)
    assert set(audio_in_index(ix).values()) == {None}
    talks = library / "talks"
    (talks / "ep1.m4a").write_bytes(b"\0" * 64)
    (talks / "ep2.mp3").write_bytes(b"\0" * 64)
    (talks / "rec").mkdir()
    (talks / "rec" / "take-2.mp3").write_bytes(b"\0" * 64)
    report = sync_library(ix)
    assert sorted(report.updated) == ["talks/ep1.vtt", "talks/ep2.en.vtt", "talks/named.md"]
    assert audio_in_index(ix) == {
        "talks/ep1.vtt": "ep1.m4a",
        "talks/ep2.en.vtt": "ep2.mp3",
        "talks/named.md": "rec/take-2.mp3",
    }
    assert found_episode(ix, "goal")  # the re-stamped episodes are still searchable

    (talks / "ep1.m4a").rename(talks / "ep1.ogg")
    (talks / "ep2.mp3").rename(talks / "ep2-old.mp3")  # no longer its name
    (talks / "rec" / "take-2.mp3").unlink()
    report = sync_library(ix)
    assert audio_in_index(ix) == {
        "talks/ep1.vtt": "ep1.ogg",
        "talks/ep2.en.vtt": None,
        "talks/named.md": None,
    }
    (talks / "rec" / "take-2.mp3").write_bytes(b"\0" * 64)  # the named file comes back
    (talks / "ep2.en.mp3").write_bytes(b"\0" * 64)
    sync_library(ix)
    assert audio_in_index(ix)["talks/named.md"] == "rec/take-2.mp3"
    assert audio_in_index(ix)["talks/ep2.en.vtt"] == "ep2.en.mp3"
    assert sync_library(ix).updated == []  # nothing changed: nothing re-stamped
    ix.close()


def found_episode(ix: LibraryIndex, word: str) -> list[str]:
    return sorted(hit.path for hit in ix.search(word).hits)


def test_another_process_reads_the_pairings_from_the_manifest(library: Path, tmp_path: Path):
    (library / "talks" / "ep1.mp3").write_bytes(b"\0" * 64)
    ix = LibraryIndex(library, tmp_path / "cache")
    sync_library(ix)
    assert audio_in_index(ix)["talks/ep1.vtt"] == "ep1.mp3"
    (library / "talks" / "ep1.mp3").unlink()
    sync_library(ix)
    ix.close()
    again = LibraryIndex(library, tmp_path / "cache")  # a new process: states from the manifest
    assert again.files()["talks/ep1.vtt"].audio is None
    assert sync_library(again).updated == []
    assert audio_in_index(again)["talks/ep1.vtt"] is None
    again.close()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_or_folder_with_an_audio_name_is_never_paired(library: Path, tmp_path: Path):
    ix = LibraryIndex(library, tmp_path / "cache")
    sync_library(ix)
    os.mkfifo(library / "talks" / "ep1.mp3")
    (library / "talks" / "ep2.mp3").mkdir()
    report = sync_library(ix)
    assert report.updated == []
    assert set(audio_in_index(ix).values()) == {None}
    ix.close()


def test_a_new_transcript_beside_its_audio_is_paired_as_it_is_added(library: Path, tmp_path: Path):
    ix = LibraryIndex(library, tmp_path / "cache")
    sync_library(ix)
    (library / "talks" / "ep3.opus").write_bytes(b"\0" * 64)
    (library / "talks" / "ep3.vtt").write_text(VTT)
    report = sync_library(ix)
    assert report.added == ["talks/ep3.vtt"]
    assert audio_in_index(ix)["talks/ep3.vtt"] == "ep3.opus"
    ix.close()


def test_a_sync_with_the_same_audio_and_nothing_imported_skips_the_pairing_pass(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from reader.library import audio_sync

    (library / "talks" / "ep1.mp3").write_bytes(b"\0" * 64)
    ix = LibraryIndex(library, tmp_path / "cache")
    sync_library(ix)
    passes: list[int] = []
    real = audio_sync.changed_pairings
    monkeypatch.setattr(audio_sync, "changed_pairings", lambda *a: passes.append(1) or real(*a))
    sync_library(ix)
    assert passes == []  # same audio files, nothing imported
    (library / "talks" / "ep1.mp3").rename(library / "talks" / "ep1.wav")
    sync_library(ix)
    assert passes == [1]
    assert audio_in_index(ix)["talks/ep1.vtt"] == "ep1.wav"
    sync_library(ix, rebuild=True)
    sync_library(ix)  # a rebuild pairs as it imports; the sync after it checks them all
    assert passes == [1, 1]
    ix.close()
