"""A sync that finds nothing changed decides it from one small file, not every document."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from whoosh.reading import SegmentReader

from reader.library import workers
from reader.library.sync import sync_library
from reader.search.index import LibraryIndex
from reader.search.results import FileState

REPO = Path(__file__).resolve().parents[2]


def _stored_states(ix: LibraryIndex) -> dict[str, FileState]:
    """The file states as the index's stored documents hold them."""
    ix.refresh()
    return {
        doc["path"]: FileState(doc["size"], doc["mtime"], doc["digest"])
        for doc in ix._searcher.all_stored_fields()
    }


def _count_stored_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each read of a segment's stored documents (one or all of them)."""
    calls: list[str] = []
    for name in ("stored_fields", "all_stored_fields"):
        original = getattr(SegmentReader, name)

        def counted(reader, *args, _original=original, _name=name):
            calls.append(_name)
            return _original(reader, *args)

        monkeypatch.setattr(SegmentReader, name, counted)
    return calls


def _latest_manifest(cache: Path) -> Path:
    """The manifest of the last commit (the one before it is kept for readers still on it)."""
    found = cache.glob("index/*/files-*.json")
    return max(found, key=lambda path: int(path.stem.removeprefix("files-")))


def test_a_no_op_sync_of_a_reopened_index_reads_no_stored_document(
    search_library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    cache = tmp_path / "cache"
    ix = LibraryIndex(search_library, cache)
    sync_library(ix)
    ix.close()
    assert not list(cache.glob("index/*/files--*.json"))  # none for the empty index

    calls = _count_stored_reads(monkeypatch)  # before opening: searchers copy the methods
    again = LibraryIndex(search_library, cache)  # as a one-shot command opens it
    report = sync_library(again)
    assert (report.added, report.updated, report.removed, report.unchanged) == ([], [], [], 4)
    assert calls == []
    monkeypatch.undo()
    assert again.files() == _stored_states(again)
    again.close()


@pytest.mark.parametrize("damage", ["deleted", "garbage", "another commit", "a file short"])
def test_a_missing_or_unsound_manifest_falls_back_to_the_stored_documents(
    search_library: Path, tmp_path: Path, damage: str
):
    cache = tmp_path / "cache"
    ix = LibraryIndex(search_library, cache)
    sync_library(ix)
    expected = _stored_states(ix)
    ix.close()
    manifest = _latest_manifest(cache)
    data = json.loads(manifest.read_text(encoding="utf-8"))
    if damage == "deleted":
        manifest.unlink()
    elif damage == "garbage":
        manifest.write_bytes(b"\x00{not json")
    elif damage == "another commit":
        data["generation"] -= 1
        data["files"] = {path: [1, 1.0, "x"] for path in data["files"]}
        manifest.write_text(json.dumps(data), encoding="utf-8")
    else:
        data["files"].popitem()
        manifest.write_text(json.dumps(data), encoding="utf-8")

    again = LibraryIndex(search_library, cache)
    assert again.files() == expected
    assert sync_library(again).unchanged == 4
    again.close()
    assert LibraryIndex(search_library, cache).files() == expected  # the manifest was rewritten


def test_commits_of_worker_processes_and_of_another_process_are_seen(
    search_library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The states come right whoever committed: worker processes (which write no manifest)
    and then an ``episode-reader index`` in another process, after a file changed."""
    data_dir = tmp_path / "data"
    cache = data_dir / "cache"
    monkeypatch.setattr(workers, "PARALLEL_MIN", 1)
    monkeypatch.setattr(workers, "worker_count", lambda: 2)
    ix = LibraryIndex(search_library, cache)
    assert len(sync_library(ix).added) == 4
    ix.close()
    reopened = LibraryIndex(search_library, cache)
    assert reopened.files() == _stored_states(reopened)
    reopened.close()

    changed = search_library / "show-a" / "ep02-feedback-basics.md"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA fresh zebracorn line.\n")
    env = {**os.environ, "EPISODE_READER_DATA_DIR": str(data_dir)}
    done = subprocess.run(
        [sys.executable, "-m", "reader", "index", str(search_library)],
        capture_output=True, text=True, cwd=REPO, env=env, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr

    last = LibraryIndex(search_library, cache)
    states = last.files()
    assert states == _stored_states(last)
    assert states["show-a/ep02-feedback-basics.md"].size == changed.stat().st_size
    assert sync_library(last).unchanged == 4
    assert [hit.path for hit in last.search("zebracorn").hits] == ["show-a/ep02-feedback-basics.md"]
    last.close()
