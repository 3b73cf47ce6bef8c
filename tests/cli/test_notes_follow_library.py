"""The command line finds the notes of a moved, renamed or copied library (real processes,
real folders): ``export-notes`` writes them and ``search notes:`` finds them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from reader.importers import import_file
from reader.model import Episode
from reader.notes import Highlight, Note, NotesStore
from reader.paths import AppPaths

EP = "show-a/ep01-leaders-who-delegate.md"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "reader", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def note_of(data_dir: Path, library: Path, body: str) -> tuple[NotesStore, Episode, Note]:
    """EP's note with ``body`` (not saved yet), in the data folder of ``--data-dir``."""
    store = NotesStore(AppPaths.resolve(data_dir).data, library)
    episode = import_file(library / EP, library)
    assert isinstance(episode, Episode)
    note = store.load(episode)
    note.body = body
    return store, episode, note


def test_export_and_search_find_the_notes_after_the_library_moves(
    tmp_path: Path, search_library: Path
) -> None:
    data_dir = tmp_path / "d"
    store, episode, note = note_of(data_dir, search_library, "Zanzibar is where the notes travel.")
    start = episode.text.index("delegat")
    note.highlights.append(Highlight.create(episode.text, start, start + 8))
    store.save(note)

    moved = Path(shutil.move(search_library, tmp_path / "usb" / "Renamed"))
    copied = Path(shutil.copytree(moved, tmp_path / "copy of library"))
    for n, folder in enumerate((moved, copied)):
        out = tmp_path / f"out{n}"
        result = run(
            "--data-dir", str(data_dir), "export-notes", str(out), "--library", str(folder)
        )
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
        exported = (out / "show-a").glob("*.md")
        text = "".join(p.read_text("utf-8") for p in exported)
        assert "Zanzibar is where the notes travel." in text
        assert f"> {episode.text[start : start + 8]}" in text
        found = run("--data-dir", str(data_dir), "search", "notes:zanzibar", "--json",
                    "--library", str(folder))  # fmt: skip
        assert found.returncode == 0, found.stderr
        assert [r["path"] for r in json.loads(found.stdout)["results"]] == [EP]


def test_notes_in_library_flag_moves_the_notes_once_and_commands_follow_the_setting(
    tmp_path: Path, search_library: Path
) -> None:
    data_dir = tmp_path / "d"
    store, _, note = note_of(data_dir, search_library, "Zanzibar goes with the folder.")
    store.save(note)
    before = store.note_path(EP).read_bytes()

    common = ("--data-dir", str(data_dir), "--library", str(search_library))
    result = run(*common, "--notes-in-library", "export-notes", str(tmp_path / "out1"))
    assert result.returncode == 0, result.stderr
    assert "Moved 1 note file(s)" in result.stderr
    inside = search_library / ".episode-reader" / "notes" / "show-a"
    assert (inside / "ep01-leaders-who-delegate.md").read_bytes() == before
    assert not store.folder.exists()
    # No flag now: the setting in library.json is read, and the notes are found.
    found = run(*common, "search", "notes:zanzibar", "--json")
    assert found.returncode == 0, found.stderr
    assert [r["path"] for r in json.loads(found.stdout)["results"]] == [EP]
    out = tmp_path / "out2"
    assert run(*common, "export-notes", str(out)).returncode == 0
    assert "Zanzibar goes with the folder." in "".join(
        p.read_text("utf-8") for p in out.rglob("*.md")
    )
    # And back to the data folder, byte for byte.
    back = run(*common, "--notes-in-data-folder", "export-notes", str(tmp_path / "out3"))
    assert back.returncode == 0, back.stderr
    assert (
        NotesStore(AppPaths.resolve(data_dir).data, search_library).note_path(EP).read_bytes()
        == before
    )
    assert not inside.exists()


def test_notes_in_library_on_a_read_only_library_exits_1_and_moves_nothing(
    tmp_path: Path, search_library: Path
) -> None:
    from tests.readonly import read_only

    data_dir = tmp_path / "d"
    with read_only(search_library):
        result = run("--data-dir", str(data_dir), "--library", str(search_library),
                     "--notes-in-library", "export-notes", str(tmp_path / "out"))  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith("episode-reader: cannot move the notes: cannot write ")
    assert "read-only" in result.stderr
    assert len(result.stderr.splitlines()) == 1
