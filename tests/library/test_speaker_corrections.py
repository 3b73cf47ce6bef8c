"""The user's speaker corrections (``speakers.json`` beside the library's notes): renames,
merges and split merges, written by hand or by the app, applied at import and whenever the
file changes (restamped, not re-imported); a broken file is reported, never written over."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.library.speaker_corrections import (
    CorrectionsError,
    load_corrections,
    save_corrections,
)
from reader.library.sync import sync_library
from reader.notes.for_search import IndexedNotes
from reader.notes.relocate import move_notes
from reader.notes.speakers_file import speakers_file
from reader.search.filters import Filters
from reader.search.index import LibraryIndex

from .speaker_library import write_coaching_hour

SHOW = "The Coaching Hour"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_coaching_hour(tmp_path / "lib")


@pytest.fixture
def ix(library: Path, tmp_path: Path) -> Iterator[LibraryIndex]:
    index = LibraryIndex(library, tmp_path / "cache")
    index.notes_source = IndexedNotes(tmp_path / "data", library)
    yield index
    index.close()


def _speakers(ix: LibraryIndex) -> dict[str, int]:
    return dict(ix.facet_counts(Filters(show=SHOW)).speakers)


def _found(ix: LibraryIndex, query: str) -> list[str]:
    return sorted(hit.path.rsplit("/", 1)[1] for hit in ix.search(query, limit=None).hits)


def _write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_a_hand_written_file_renames_merges_and_splits(
    library: Path, ix: LibraryIndex, tmp_path: Path
) -> None:
    path = speakers_file(tmp_path / "data", library)
    assert path.parent.parent.name == "notes"  # in the data folder, beside the notes
    _write_json(path, {"shows": {"the coaching hour": {
        "rename": {"Sam": "Sam Ortiz", "s. ortiz": "Sam Ortiz", "Tom Okafor": "Tomás Okafor"},
        "apart": ["priya"],
    }}})  # fmt: skip
    report = sync_library(ix)
    assert not report.failed
    assert _speakers(ix) == {
        "Priya": 1, "Priya Raman": 1, "Sam Ortiz": 1, "Tomás Okafor": 2,
    }  # fmt: skip
    assert _found(ix, 'speaker:"sam ortiz"') == ["ep-3.md"]
    assert _found(ix, 'speaker:"priya raman"') == ["ep-2.md"]  # the wrong merge split
    assert _found(ix, "speaker:tomás") == ["ep-1.md", "ep-2.md"]  # renamed, with "Tom"
    assert _found(ix, "speaker:okafor") == ["ep-1.md", "ep-2.md"]


def test_a_changed_file_is_applied_at_the_next_sync_without_a_reimport(
    library: Path, ix: LibraryIndex, tmp_path: Path
) -> None:
    sync_library(ix)
    assert _speakers(ix)["Priya Raman"] == 2  # the automatic merge
    path = speakers_file(tmp_path / "data", library)
    corrections = load_corrections(path).splitting(SHOW, "Priya")
    corrections = save_corrections(path, corrections.renaming(SHOW, ["Sam", "S. Ortiz"], "Sam"))
    report = sync_library(ix)
    assert (report.added, report.updated, report.removed) == ([], [], [])
    assert _speakers(ix) == {"Priya": 1, "Priya Raman": 1, "Tom Okafor": 2, "Sam": 1}
    assert _found(ix, "speaker:sam") == ["ep-3.md"]
    assert ix.search("delegation", limit=None).total == 3
    # Removing the file brings the automatic names back.
    path.unlink()
    sync_library(ix)
    assert _speakers(ix) == {"Priya Raman": 2, "Tom Okafor": 2, "Sam": 1, "S. Ortiz": 1}


def test_a_broken_file_is_reported_kept_and_never_written_over(
    library: Path, ix: LibraryIndex, tmp_path: Path
) -> None:
    path = speakers_file(tmp_path / "data", library)
    _write_json(path, {"shows": {SHOW: {"rename": {"Sam": "Sam Ortiz"}}}})
    sync_library(ix)
    good = load_corrections(path)
    broken = b'{"shows": {"The Coaching Hour": {"rename": {"Sam": "Sam Ortiz",}}}'
    path.write_bytes(broken)
    report = sync_library(ix)
    assert [(f.source, f.problem.split(" (")[0]) for f in report.failed] == [
        (path, "not valid JSON")
    ]
    assert ix.doc_count() == 3  # the library still loads
    assert "Sam Ortiz" in _speakers(ix)  # the last good corrections stay applied
    with pytest.raises(CorrectionsError, match=r"speakers\.json: not valid JSON"):
        load_corrections(path)
    with pytest.raises(CorrectionsError):
        save_corrections(path, good.renaming(SHOW, ["Tom"], "Tommy"))
    assert path.read_bytes() == broken  # never overwritten
    _write_json(path, {"shows": {SHOW: {"rename": ["Sam"]}}})  # valid JSON, wrong shape
    problem = sync_library(ix).failed[0].problem
    assert problem == 'show "The Coaching Hour": "rename" must map names to names'


def test_a_file_changed_by_hand_since_it_was_read_is_not_written_over(
    library: Path, tmp_path: Path
) -> None:
    path = speakers_file(tmp_path / "data", library)
    read = load_corrections(path)
    _write_json(path, {"shows": {SHOW: {"rename": {"Tom": "Thomas"}}}})
    with pytest.raises(CorrectionsError, match="changed by another program"):
        save_corrections(path, read.renaming(SHOW, ["Sam"], "Samuel"))
    assert load_corrections(path).for_show(SHOW).rename == {"tom": "Thomas"}


def test_the_file_moves_with_the_notes_into_the_library(
    library: Path, ix: LibraryIndex, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    path = speakers_file(data, library)
    save_corrections(path, load_corrections(path).renaming(SHOW, ["Tom"], "Thomas"))
    move_notes(data, library, in_library=True)
    moved = speakers_file(data, library)
    assert moved == library / ".episode-reader" / "notes" / "speakers.json"
    assert load_corrections(moved).for_show(SHOW).rename == {"tom": "Thomas"}
    sync_library(ix)
    assert _speakers(ix)["Thomas"] == 1
