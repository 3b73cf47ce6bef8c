"""A sync with nothing to do answers without reading the index, and only then: every change
to the folder, the index or its text cache still gets the full sync."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.library.sync import sync_library
from reader.library.sync_run import SyncReport
from reader.search.health import suspect_text
from reader.search.index import LibraryIndex


def summary(report: SyncReport) -> tuple:
    return (report.summary(), [(f.source, f.problem) for f in report.failed])


@pytest.fixture
def settled(search_library: Path, tmp_path: Path) -> LibraryIndex:
    """An index of the library with a broken file, synced and then synced again (that one
    found nothing to do); ``full_report`` is what that second, full sync said."""
    (search_library / "broken.json").write_text('{"segments": [', encoding="utf-8")
    ix = LibraryIndex(search_library, tmp_path / "cache")
    assert len(sync_library(ix).added) == 4
    ix.full_report = sync_library(ix)  # type: ignore[attr-defined]
    return ix


def reads_of_the_index(ix: LibraryIndex, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the times a sync reads every indexed file's state (the full comparison)."""
    reads: list[int] = []
    full = ix.files

    def files() -> dict:
        reads.append(1)
        return full()

    monkeypatch.setattr(ix, "files", files)
    return reads


def test_nothing_changed_gives_the_same_report_without_reading_the_index(
    settled: LibraryIndex, monkeypatch: pytest.MonkeyPatch
):
    full = settled.full_report  # type: ignore[attr-defined]
    assert full.summary() == "0 added, 0 updated, 0 removed, 4 unchanged, 1 failed"
    reads = reads_of_the_index(settled, monkeypatch)
    assert summary(sync_library(settled)) == summary(full)  # the broken file named, as before
    assert reads == []
    assert len(sync_library(settled, rebuild=True).added) == 4  # a rebuild is never skipped


def _edit_in_place(library: Path) -> None:
    path = library / "show-b" / "ep07-hiring.txt"
    before = path.stat()
    path.write_bytes(path.read_bytes().replace(b"twelve months", b"eleven winter"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))


CHANGES: dict[str, tuple[Callable[[Path], object], str]] = {
    "edited in place, same size": (_edit_in_place, "updated"),
    "added": (lambda lib: (lib / "ep09.md").write_text("# Ep 9\n\nNew words.\n"), "added"),
    "removed": (lambda lib: (lib / "show-a" / "ep02-feedback-basics.md").unlink(), "removed"),
    "renamed": (lambda lib: (lib / "show-b").rename(lib / "show-c"), "removed"),
}


@pytest.mark.parametrize("change", CHANGES, ids=str)
def test_every_change_to_the_folder_is_synced(
    settled: LibraryIndex, change: str, monkeypatch: pytest.MonkeyPatch
):
    make, what = CHANGES[change]
    make(settled.library)
    reads = reads_of_the_index(settled, monkeypatch)
    report = sync_library(settled)
    assert getattr(report, what), report.summary()
    assert reads  # the full sync
    again = sync_library(settled)  # nothing to do now: the full sync says so...
    assert (again.added, again.updated, again.removed) == ([], [], [])
    reads.clear()
    assert summary(sync_library(settled)) == summary(again)  # ...and then the quick one
    assert reads == []


def test_a_lost_or_damaged_cached_text_is_imported_again(settled: LibraryIndex):
    text = settled.text_cache.path("show-a/ep01-leaders-who-delegate.md")
    text.unlink()
    assert sync_library(settled).updated == ["show-a/ep01-leaders-who-delegate.md"]
    sync_library(settled)  # nothing to do again
    suspect_text(settled.folder, "show-b/ep07-hiring.txt")
    assert sync_library(settled).updated == ["show-b/ep07-hiring.txt"]


def test_a_commit_by_anyone_means_the_full_sync(
    settled: LibraryIndex, monkeypatch: pytest.MonkeyPatch
):
    other = LibraryIndex(settled.library, settled.folder.parent.parent)  # another process
    assert other.update_notes("show-b/ep07-hiring.txt", "a note")
    reads = reads_of_the_index(settled, monkeypatch)
    assert sync_library(settled).unchanged == 4
    assert reads == [1]
    other.close()


def test_a_broken_speakers_file_is_reported_by_every_sync_and_a_fix_is_applied(
    tmp_path: Path,
):
    from reader.notes.for_search import IndexedNotes
    from reader.notes.speakers_file import speakers_file

    from .speaker_library import write_coaching_hour

    library = write_coaching_hour(tmp_path / "lib")
    ix = LibraryIndex(library, tmp_path / "cache")
    ix.notes_source = IndexedNotes(tmp_path / "data", library)
    sync_library(ix)
    assert not sync_library(ix).failed  # nothing to do: the next one may take the shortcut
    path = speakers_file(tmp_path / "data", library)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"shows": {', encoding="utf-8")
    for _ in range(3):  # the shortcut never hides the problem
        assert [f.source for f in sync_library(ix).failed] == [path]
    path.write_text('{"shows": {"The Coaching Hour": {"rename": {"Sam": "Samuel"}}}}')
    assert not sync_library(ix).failed
    assert ix.search("speaker:samuel", limit=None).total == 1
    ix.close()


def test_audio_added_then_turned_into_a_fifo_is_synced_each_time(settled: LibraryIndex):
    audio = settled.library / "show-b" / "ep07-hiring.mp3"
    audio.write_bytes(b"\0" * 64)
    assert sync_library(settled).updated == ["show-b/ep07-hiring.txt"]  # paired
    sync_library(settled)  # nothing to do: the next one may take the shortcut
    if not hasattr(os, "mkfifo"):
        return
    audio.unlink()
    os.mkfifo(audio)  # the same name, but nothing to play: unpaired
    assert sync_library(settled).updated == ["show-b/ep07-hiring.txt"]


def test_the_quick_answer_builds_no_scan_of_the_folder(
    settled: LibraryIndex, monkeypatch: pytest.MonkeyPatch
):
    from reader.library import sync

    scans: list[Path] = []
    full = sync.scan_with_stats
    monkeypatch.setattr(sync, "scan_with_stats", lambda root: scans.append(root) or full(root))
    assert summary(sync_library(settled)) == summary(settled.full_report)  # type: ignore[attr-defined]
    assert scans == []
    (settled.library / "ep09.md").write_text("# Ep 9\n\nNew words.\n")
    assert sync_library(settled).added == ["ep09.md"]
    assert scans == [settled.library]


def test_a_file_too_large_to_read_is_reported_by_the_quick_answer_too(
    settled: LibraryIndex, monkeypatch: pytest.MonkeyPatch
):
    import reader.importers

    (settled.library / "big.txt").write_text("Big words. " * 200)
    monkeypatch.setattr(reader.importers, "MAX_FILE_BYTES", 1000)
    full = sync_library(settled)
    assert "file is too large" in str(full.failed), full.failed
    reads = reads_of_the_index(settled, monkeypatch)
    assert summary(sync_library(settled)) == summary(full)
    assert reads == []  # the quick answer, saying it as the full sync did


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
def test_files_the_scan_skips_are_warned_of_by_every_sync(
    settled: LibraryIndex, caplog: pytest.LogCaptureFixture
):
    os.mkfifo(settled.library / "stuck.txt")
    for _ in range(3):
        caplog.clear()
        report = sync_library(settled)
        assert [f.source.name for f in report.failed] == ["stuck.txt", "broken.json"]
        assert "skipping" in caplog.text
        assert "stuck.txt" in caplog.text


@pytest.mark.skipif(os.name != "posix", reason="file names of any bytes: POSIX")
def test_a_broken_file_with_an_undecodable_name_is_named_alike_by_the_quick_answer(
    settled: LibraryIndex, monkeypatch: pytest.MonkeyPatch
):
    name = os.fsdecode(b"caf\xe9-notes.json")  # Latin-1 bytes, not UTF-8
    (settled.library / name).write_text('{"segments": [', encoding="utf-8")
    full = sync_library(settled)
    assert Path(settled.library / name) in [f.source for f in full.failed]
    again = sync_library(settled)  # nothing to do: remembered
    reads = reads_of_the_index(settled, monkeypatch)
    assert summary(sync_library(settled)) == summary(again) == summary(full)
    assert reads == []


@pytest.mark.skipif(os.name != "posix", reason="symbolic links: POSIX")
def test_a_link_pointed_elsewhere_or_left_dangling_is_synced(settled: LibraryIndex):
    library = settled.library
    (library / "latest.md").symlink_to(library / "show-a" / "ep01-leaders-who-delegate.md")
    assert sync_library(settled).added == ["latest.md"]
    sync_library(settled)  # nothing to do: the next one may take the shortcut
    (library / "latest.md").unlink()
    (library / "latest.md").symlink_to(library / "show-a" / "ep02-feedback-basics.md")
    assert sync_library(settled).updated == ["latest.md"]
    sync_library(settled)
    (library / "latest.md").unlink()
    (library / "latest.md").symlink_to(library / "gone.md")
    report = sync_library(settled)
    assert report.removed == ["latest.md"]
    assert "does not exist" in str(report.failed)
    assert "does not exist" in str(sync_library(settled).failed)  # said again each time
