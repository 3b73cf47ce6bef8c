"""Keeping the index in step with the folder: incremental, robust, cancellable."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from reader.library import batches, worker_pool, workers
from reader.library.sync import sync_library
from reader.library.sync_run import Progress, SyncReport, SyncRun
from reader.search.index import LibraryIndex
from reader.search.lock import IndexBusy
from reader.search.results import FileState
from reader.search.schema import SCHEMA_VERSION

NEW_EPISODE = (
    "# Episode 9: Skip Levels\n\n**Kenji Watanabe:** Skip-level meetings need an agenda.\n"
)


@pytest.fixture(autouse=True, params=["in-process", "in-workers"])
def import_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test twice: a few changed files are imported here, many in worker processes."""
    if request.param == "in-workers":
        monkeypatch.setattr(workers, "PARALLEL_MIN", 1)
        monkeypatch.setattr(workers, "worker_count", lambda: 2)
    return request.param


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def open_synced(library: Path, cache: Path) -> LibraryIndex:
    ix = LibraryIndex(library, cache)
    sync_library(ix)
    return ix


def found(ix: LibraryIndex, query: str) -> list[str]:
    return sorted(hit.path for hit in ix.search(query).hits)


def test_first_run_adds_everything_then_nothing_changes(search_library: Path, cache: Path):
    ix = LibraryIndex(search_library, cache)
    first = sync_library(ix)
    assert len(first.added) == 4
    again = sync_library(ix)
    assert (again.added, again.updated, again.removed, again.unchanged) == ([], [], [], 4)
    ix.close()


def test_reopening_keeps_the_index(search_library: Path, cache: Path):
    open_synced(search_library, cache).close()
    ix = LibraryIndex(search_library, cache)
    assert ix.notice is None
    assert ix.doc_count() == 4
    assert sync_library(ix).unchanged == 4


def test_added_changed_removed_and_renamed_files(search_library: Path, cache: Path):
    ix = open_synced(search_library, cache)
    (search_library / "show-a" / "ep09-skip-levels.md").write_text(NEW_EPISODE, encoding="utf-8")
    hiring = search_library / "show-b" / "ep07-hiring.txt"
    hiring.write_text(hiring.read_text(encoding="utf-8").replace("twelve months", "a year"))
    (search_library / "show-a" / "ep02-feedback-basics.md").unlink()
    (search_library / "show-b" / "ep06-calendars.srt").rename(search_library / "ep06-moved.srt")
    report = sync_library(ix)
    assert sorted(report.added) == ["ep06-moved.srt", "show-a/ep09-skip-levels.md"]
    assert report.updated == ["show-b/ep07-hiring.txt"]
    assert sorted(report.removed) == ["show-a/ep02-feedback-basics.md", "show-b/ep06-calendars.srt"]
    assert report.unchanged == 1
    assert found(ix, "agenda") == ["show-a/ep09-skip-levels.md"]
    assert found(ix, '"twelve months"') == []
    assert found(ix, '"a year"') == ["show-b/ep07-hiring.txt"]
    assert found(ix, "specific") == []
    assert found(ix, "spending") == ["ep06-moved.srt"]


def test_touched_file_with_same_content_is_not_reimported(search_library: Path, cache: Path):
    ix = open_synced(search_library, cache)
    path = search_library / "show-a" / "ep01-leaders-who-delegate.md"
    later = path.stat().st_mtime + 60
    os.utime(path, (later, later))
    report = sync_library(ix)
    assert report.updated == []
    assert report.unchanged == 4


def test_failures_are_reported_remembered_and_never_stop_the_run(search_library: Path, cache: Path):
    (search_library / "broken.json").write_text('{"segments": [', encoding="utf-8")
    (search_library / "junk.srt").write_bytes(bytes(range(256)) * 4)
    ix = LibraryIndex(search_library, cache)
    report = sync_library(ix)
    assert len(report.added) == 4
    problems = {f.source.name: f.problem for f in report.failed}
    assert set(problems) == {"broken.json", "junk.srt"}
    assert "truncated or invalid JSON" in problems["broken.json"]
    assert problems["junk.srt"] == "binary data, not a text transcript"
    again = sync_library(ix)  # unchanged broken files are still reported
    assert {f.source.name for f in again.failed} == {"broken.json", "junk.srt"}
    (search_library / "broken.json").unlink()
    assert [f.source.name for f in sync_library(ix).failed] == ["junk.srt"]


def test_a_file_that_breaks_leaves_the_index(search_library: Path, cache: Path):
    ix = open_synced(search_library, cache)
    (search_library / "show-a" / "ep02-feedback-basics.md").write_bytes(b"\x00\x01\x02" * 400)
    report = sync_library(ix)
    assert [f.source.name for f in report.failed] == ["ep02-feedback-basics.md"]
    assert found(ix, "specific") == []


def test_progress_is_reported_per_file(search_library: Path, cache: Path):
    seen: list[Progress] = []
    sync_library(LibraryIndex(search_library, cache), progress=seen.append)
    assert [p.done for p in seen] == [0, 1, 2, 3, 4]
    assert {p.total for p in seen} == {4}
    assert seen[0].current == "show-a/ep01-leaders-who-delegate.md"


def test_cancel_keeps_what_was_done(search_library: Path, cache: Path, import_mode: str):
    ix = LibraryIndex(search_library, cache)
    if import_mode == "in-process":  # asked before each file: stop before the third
        calls = iter([False, False, True])
        report = sync_library(ix, should_stop=lambda: next(calls))
        assert len(report.added) == 2
        total = 4
    else:  # workers finish the file in hand and commit what they have
        episode = (search_library / "show-a" / "ep01-leaders-who-delegate.md").read_text()
        (search_library / "show-c").mkdir()
        for n in range(60):
            (search_library / "show-c" / f"ep{n:02}.md").write_text(episode, encoding="utf-8")
        total = 64
        seen: list[Progress] = []
        report = sync_library(ix, progress=seen.append, should_stop=lambda: len(seen) > 2)
        assert 1 <= len(report.added) < total
    assert report.cancelled
    assert ix.doc_count() == len(report.added)
    assert found(ix, "welcome") == sorted(report.added)  # every episode says it
    rest = sync_library(ix)  # the rest next time
    assert not rest.cancelled
    assert len(rest.added) == total - len(report.added)
    assert ix.doc_count() == total


def test_corrupt_index_is_rebuilt_with_a_message(search_library: Path, cache: Path):
    ix = open_synced(search_library, cache)
    ix.close()
    for segment in (ix.folder / "whoosh").iterdir():
        segment.write_bytes(b"garbage")
    reopened = LibraryIndex(search_library, cache)
    assert reopened.notice is not None
    assert reopened.notice.startswith("Rebuilding the search index: the index could not be read")
    assert reopened.doc_count() == 0
    assert len(sync_library(reopened).added) == 4


def test_outdated_schema_is_rebuilt(search_library: Path, cache: Path):
    ix = open_synced(search_library, cache)
    ix.close()
    meta = ix.folder / "meta.json"
    meta.write_text(json.dumps({"schema_version": SCHEMA_VERSION - 1}), encoding="utf-8")
    reopened = LibraryIndex(search_library, cache)
    assert reopened.notice == (
        "Rebuilding the search index: it was made by another version "
        f"(schema {SCHEMA_VERSION - 1})."
    )
    assert reopened.doc_count() == 0


def test_each_library_has_its_own_index(search_library: Path, cache: Path, tmp_path: Path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "ep09.md").write_text(NEW_EPISODE, encoding="utf-8")
    a, b = open_synced(search_library, cache), open_synced(other, cache)
    assert a.folder != b.folder
    assert (a.doc_count(), b.doc_count()) == (4, 1)


HOLD_LOCK = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from whoosh import index
    ix = index.open_dir(sys.argv[1])
    writer = ix.writer()
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    writer.cancel()
    """
)


def test_lock_held_by_another_process(search_library: Path, cache: Path):
    ix = open_synced(search_library, cache)
    with subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(ix.folder / "whoosh"), "3"],
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        (search_library / "ep09.md").write_text(NEW_EPISODE, encoding="utf-8")
        start = time.monotonic()
        with pytest.raises(IndexBusy, match="another Episode Reader is updating"):
            ix.update([], ["show-a/ep02-feedback-basics.md"], timeout=0.5)
        assert time.monotonic() - start >= 0.4  # it waited before giving up
        # Meanwhile searches see the last commit.
        assert found(ix, "specific") == ["show-a/ep02-feedback-basics.md"]
    # Once the other process is done, writing works again and nothing was corrupted.
    report = sync_library(ix)
    assert report.added == ["ep09.md"]
    assert found(ix, "agenda") == ["ep09.md"]


def test_a_reader_that_may_not_create_waits_for_the_index(search_library: Path, cache: Path):
    """The search thread never creates or rebuilds: only the sync thread writes indexes."""
    from reader.search.index import IndexNotReady

    with pytest.raises(IndexNotReady, match="no index yet"):
        LibraryIndex(search_library, cache, create=False)
    open_synced(search_library, cache).close()
    reader_only = LibraryIndex(search_library, cache, create=False)
    assert reader_only.doc_count() == 4
    reader_only.close()


def test_workers_build_the_index_one_process_would(
    tmp_path: Path, import_mode: str, monkeypatch: pytest.MonkeyPatch
):
    if import_mode == "in-process":
        pytest.skip("this test builds both ways itself")
    bundled = Path(__file__).parents[2] / "episodes"
    library = Path(shutil.copytree(bundled, tmp_path / "lib"))
    (library / "junk.srt").write_bytes(bytes(range(256)) * 4)
    parallel = LibraryIndex(library, tmp_path / "parallel")
    report = sync_library(parallel)
    monkeypatch.setattr(workers, "PARALLEL_MIN", 10**9)
    serial = LibraryIndex(library, tmp_path / "serial")
    assert sync_library(serial).summary() == report.summary()
    assert [f.source.name for f in report.failed] == ["junk.srt"]
    assert list(parallel.vocabulary.with_prefix("")) == list(serial.vocabulary.with_prefix(""))
    for query in ["delegation", '"one on one"', "deleg*", "calender~", "speaker:priya", "feedbak"]:
        a, b = parallel.search(query, limit=None), serial.search(query, limit=None)
        assert (a.total, a.suggestion) == (b.total, b.suggestion)
        assert a.total or a.suggestion  # every query finds something or offers a correction
        assert {(h.path, h.matches) for h in a.hits} == {(h.path, h.matches) for h in b.hits}
        assert sorted(s.highlights for h in a.hits for s in h.snippets) == sorted(
            s.highlights for h in b.hits for s in h.snippets
        )
    parallel.close()
    serial.close()


def test_no_worker_processes_means_importing_here(
    search_library: Path, cache: Path, import_mode: str, monkeypatch: pytest.MonkeyPatch
):
    if import_mode == "in-process":
        pytest.skip("about the worker processes")

    class NoSemaphores:  # what multiprocessing gives where /dev/shm is missing
        def Queue(self):
            raise OSError(38, "Function not implemented")

    monkeypatch.setattr(worker_pool.multiprocessing, "get_context", lambda method: NoSemaphores())
    ix = LibraryIndex(search_library, cache)
    report = sync_library(ix)
    assert sorted(report.added) == sorted(found(ix, "welcome"))
    assert len(report.added) == 4
    assert not report.cancelled


def test_a_worker_that_dies_loses_nothing(
    search_library: Path, cache: Path, import_mode: str, monkeypatch: pytest.MonkeyPatch
):
    if import_mode == "in-process":
        pytest.skip("about the worker processes")
    ix = open_synced(search_library, cache)
    hiring = search_library / "show-b" / "ep07-hiring.txt"
    hiring.write_text(hiring.read_text(encoding="utf-8").replace("twelve months", "a year"))
    (search_library / "show-a" / "ep09-skip-levels.md").write_text(NEW_EPISODE, encoding="utf-8")

    def dies(pools, bulk, batch, should_stop):
        episode_id, _path, state, is_new = batch[0]
        yield episode_id, state, is_new, None  # one file reported, then the worker is killed
        raise workers.WorkersFailed("a worker process stopped unexpectedly (exit code -9)")

    monkeypatch.setattr(workers, "_run_workers", dies)
    report = sync_library(ix)
    assert (report.added, report.updated) == (
        ["show-a/ep09-skip-levels.md"],
        ["show-b/ep07-hiring.txt"],
    )
    assert ix.doc_count() == 5
    assert found(ix, "agenda") == ["show-a/ep09-skip-levels.md"]
    assert found(ix, '"a year"') == ["show-b/ep07-hiring.txt"]


def _index_twice(ix: LibraryIndex) -> None:
    """What two syncs at once used to leave: a second document for every indexed file."""
    writer = ix._ix.writer()
    for doc in ix._searcher.all_stored_fields():
        writer.add_document(**doc, text=ix.text_of(doc["path"]))
    writer.commit()
    ix.refresh()


def test_an_index_holding_files_twice_is_repaired_by_the_next_sync(
    search_library: Path, cache: Path
):
    ix = open_synced(search_library, cache)
    words = {w: ix.vocabulary.count(w) for w in ix.vocabulary.with_prefix("")}
    _index_twice(ix)
    assert (ix.doc_count(), ix.search("welcome").total) == (8, 8)
    sync_library(ix)
    assert (ix.doc_count(), ix.search("welcome").total) == (4, 4)
    assert {w: ix.vocabulary.count(w) for w in ix.vocabulary.with_prefix("")} == words
    assert sync_library(ix).unchanged == 4
    ix.close()


def test_adding_a_file_the_index_holds_replaces_its_document(
    search_library: Path, cache: Path, import_mode: str
):
    """Even a work list that wrongly calls an indexed file new (as two syncs' lists once did)
    never gives it a second document, in this process or from worker processes."""
    ix = open_synced(search_library, cache)
    path = search_library / "show-b" / "ep07-hiring.txt"
    stat = path.stat()
    job = ("show-b/ep07-hiring.txt", path, FileState(stat.st_size, stat.st_mtime, "x"), True)
    run = SyncRun(ix, [job], SyncReport(), {}, None, None)
    (workers.import_in_parallel if import_mode == "in-workers" else batches.import_here)(run)
    assert ix.doc_count() == 4
    assert found(ix, "hiring") == ["show-b/ep07-hiring.txt"]


def test_rebuild_replaces_the_index_in_one_commit_searchable_meanwhile(
    search_library: Path, cache: Path
):
    ix = open_synced(search_library, cache)
    (search_library / "show-a" / "ep02-feedback-basics.md").unlink()
    reader = LibraryIndex(search_library, cache, create=False)  # another thread's searches
    generation = ix._ix.latest_generation()
    seen: list[int] = []

    def meanwhile(progress: Progress) -> None:
        if progress.current:  # not the last call, once it is done
            reader.refresh()
            seen.append(reader.search("welcome").total)

    report = sync_library(ix, progress=meanwhile, rebuild=True)
    assert (sorted(report.added), report.removed) == (sorted(ix.files()), [])
    assert len(report.added) == 3
    assert set(seen) == {4}  # the old index, complete, until the one commit
    assert ix._ix.latest_generation() == generation + 1
    reader.refresh()
    assert reader.search("welcome").total == 3
    assert ix.text_of("show-a/ep02-feedback-basics.md") == ""  # its cached text went
    reader.close()
    ix.close()


def test_a_cancelled_rebuild_leaves_the_old_index(
    search_library: Path, cache: Path, import_mode: str
):
    ix = open_synced(search_library, cache)
    generation = ix._ix.latest_generation()
    calls = iter(range(100))
    # In this process it is asked before each file: two are imported, then it stops. Workers
    # are told at once, before they take a file (four small files could all be done before a
    # later stop reaches them).
    first_stop = 2 if import_mode == "in-process" else 0
    report = sync_library(ix, should_stop=lambda: next(calls) >= first_stop, rebuild=True)
    assert report.cancelled
    assert report.added == []
    assert ix._ix.latest_generation() == generation
    assert sorted(found(ix, "welcome")) == sorted(ix.files())
    assert len(ix.files()) == 4
    ix.close()


def test_every_sync_and_rebuild_indexes_the_notes(search_library: Path, cache: Path, tmp_path):
    from reader.importers import import_file
    from reader.notes import IndexedNotes, NotesStore

    hiring = search_library / "show-b" / "ep07-hiring.txt"
    store = NotesStore(tmp_path / "data", search_library)
    note = store.load(import_file(hiring, search_library))
    note.body = "Ask about the zeppelin project."
    store.save(note)
    ix = LibraryIndex(search_library, cache)
    ix.notes_source = IndexedNotes(tmp_path / "data", search_library)  # picklable: workers
    sync_library(ix)
    assert found(ix, "notes:zeppelin") == ["show-b/ep07-hiring.txt"]
    hiring.write_text(hiring.read_text(encoding="utf-8") + "\nA new closing line.\n")
    assert sync_library(ix).updated == ["show-b/ep07-hiring.txt"]
    assert found(ix, "notes:zeppelin") == ["show-b/ep07-hiring.txt"]
    sync_library(ix, rebuild=True)
    assert found(ix, "notes:zeppelin") == ["show-b/ep07-hiring.txt"]
    ix.close()
