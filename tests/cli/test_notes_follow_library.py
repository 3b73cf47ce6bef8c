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
from reader.notes import Highlight, NotesStore
from reader.paths import AppPaths

EP = "show-a/ep01-leaders-who-delegate.md"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "reader", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_export_and_search_find_the_notes_after_the_library_moves(
    tmp_path: Path, search_library: Path
) -> None:
    data_dir = tmp_path / "d"
    store = NotesStore(AppPaths.resolve(data_dir).data, search_library)
    episode = import_file(search_library / EP, search_library)
    assert isinstance(episode, Episode)
    note = store.load(episode)
    note.body = "Zanzibar is where the notes travel."
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
