"""File names that are not valid UTF-8, or hold a backslash: indexed, searched, noted, shown.

Such names are common on USB sticks and in old archives (Latin-1 "café" is ``caf\\xe9``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.importers import import_file
from reader.library.sync import sync_library
from reader.model import Episode
from reader.notes import IndexedNotes, NotesStore
from reader.search.index import LibraryIndex
from reader.util.pathnames import for_display, library_file, os_name, text_name

LATIN1_NAME = b"caf\xe9-cr\xe8me.srt"
SUBTITLE = b"1\n00:00:01,000 --> 00:00:03,000\nHost: Welcome to the cafe, said the barista.\n"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def add_odd_files(library: Path) -> Path:
    """A Latin-1 name (not UTF-8) and a name with a backslash; returns the Latin-1 one."""
    latin1 = Path(os.fsdecode(os.fsencode(library) + b"/" + LATIN1_NAME))
    try:
        latin1.write_bytes(SUBTITLE)
    except OSError as exc:  # pragma: no cover - e.g. macOS refuses such names
        pytest.skip(f"this file system refuses non-UTF-8 names: {exc}")
    (library / "back\\slash.txt").write_text(
        "Host: Backslashes are allowed in Linux file names.\n", encoding="utf-8"
    )
    return latin1


def test_undecodable_bytes_round_trip_and_show_as_replacement_characters():
    for byte in range(0x80, 0x100):
        raw = os.fsdecode(b"ep-" + bytes([byte]) + b".txt")
        stored = text_name(raw)
        stored.encode("utf-8")  # storable: no lone surrogates left
        assert os_name(stored) == raw
        assert for_display(stored) == for_display(raw) == "ep-\ufffd.txt"
    assert text_name("plain é ✓.txt") == "plain é ✓.txt"


def test_index_and_search_handle_odd_names_and_load_every_other_file(search_library: Path):
    add_odd_files(search_library)
    index = run("index", str(search_library))
    assert index.returncode == 0, index.stderr
    assert "6 added, 0 updated, 0 removed, 0 unchanged, 0 failed" in index.stdout
    assert "Traceback" not in index.stderr

    found = run("search", "--library", str(search_library), "barista", "--json")
    assert found.returncode == 0, found.stderr
    answer = json.loads(found.stdout)
    assert [r["path"] for r in answer["results"]] == ["caf\ufffd-cr\ufffdme.srt"]
    assert answer["results"][0]["title"] == "Caf\ufffd Cr\ufffdme"

    text = run("search", "--library", str(search_library), "backslashes OR barista")
    assert text.returncode == 0, text.stderr
    assert "    back\\slash.txt" in text.stdout.splitlines()
    assert "    caf\ufffd-cr\ufffdme.srt" in text.stdout.splitlines()
    again = run("search", "--library", str(search_library), "delegate")
    assert again.returncode == 0
    assert "2 episodes match" in again.stdout


def test_notes_on_an_odd_name_are_saved_indexed_and_found(
    search_library: Path, data_dir: Path, tmp_path: Path
):
    latin1 = add_odd_files(search_library)
    episode = import_file(latin1, search_library)
    assert isinstance(episode, Episode)
    assert library_file(search_library, episode.id) == latin1
    store = NotesStore(data_dir / "data", search_library)
    note = store.load(episode)
    note.body = "Remember the espresso machine."
    store.save(note)
    assert NotesStore(data_dir / "data", search_library).load(episode).body == note.body

    ix = LibraryIndex(search_library, tmp_path / "cache")
    ix.notes_source = IndexedNotes(data_dir / "data", search_library)
    try:
        report = sync_library(ix)
        assert not report.failed
        assert len(report.added) == 6
        hits = ix.search("notes:espresso").hits
        assert [hit.path for hit in hits] == [episode.id]
    finally:
        ix.close()
