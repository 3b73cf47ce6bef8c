"""``show`` on a file of an indexed library prints the names the library gives it: speakers
reconciled within the show and corrected by the user, the show its siblings agree on. Real
processes; the JSON keeps the file's own names and adds the library's under ``library``."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from reader.notes.speakers_file import speakers_file
from reader.paths import AppPaths
from tests.library.speaker_library import write_speakers_episode

from .test_search_filters import run


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    write_speakers_episode(root / "downloads" / "ep-1.md", "Priya", "Tom")
    write_speakers_episode(root / "downloads" / "ep-2.md", "Priya Raman", "Tom")
    named = "---\ntitle: Kickoff\nshow: The Coaching Hour\n---\n\n**Tom:** Welcome, all.\n"
    (root / "downloads" / "ep-3.md").write_text(named, encoding="utf-8")
    return root


def _show(library: Path, *args: str) -> subprocess.CompletedProcess[str]:
    path = library / "downloads" / "ep-1.md"
    result = run("show", str(path), "--library", str(library), *args)
    assert result.returncode == 0, result.stderr
    return result


def test_show_applies_the_librarys_names(library: Path, data_dir: Path) -> None:
    before = json.loads(_show(library, "--json").stdout)
    assert before["library"] is None  # not indexed yet: the file's own names only
    assert before["speakers"] == ["Priya", "Tom"]
    assert run("index", str(library)).returncode == 0

    episode = json.loads(_show(library, "--json").stdout)
    assert list(episode)[-1] == "library"  # an added key; the others as before
    assert episode["speakers"] == ["Priya", "Tom"]
    assert episode["sections"][0]["segments"][0]["speaker"] == "Priya"
    assert episode["library"] == {
        "path": "downloads/ep-1.md",
        "show": "The Coaching Hour",  # from its sibling ep-3
        "speakers": ["Priya Raman", "Tom"],
        "speaker_names": {"Priya": "Priya Raman"},
    }
    text = _show(library).stdout.splitlines()
    assert text[1] == "Episode 1 · The Coaching Hour · markdown (ep-1.md)"
    assert "Speakers: Priya Raman, Tom" in text
    assert "Priya Raman: We talked about delegation today." in text

    # A correction, applied by the next command that syncs (here a search).
    path = speakers_file(AppPaths.resolve(data_dir).data, library)
    path.parent.mkdir(parents=True, exist_ok=True)  # no notes yet: no notes folder either
    path.write_text(
        json.dumps({"shows": {"The Coaching Hour": {"rename": {"Tom": "Tom Okafor"},
                                                    "apart": ["Priya"]}}}),
        encoding="utf-8",
    )  # fmt: skip
    assert run("search", "delegation", "--library", str(library)).returncode == 0
    episode = json.loads(_show(library, "--json").stdout)
    assert episode["library"]["speakers"] == ["Priya", "Tom Okafor"]
    assert episode["library"]["speaker_names"] == {"Tom": "Tom Okafor"}
    assert "Tom Okafor: We talked about delegation today." in _show(library).stdout


def test_export_notes_names_speakers_and_show_as_the_library_does(
    library: Path, data_dir: Path, tmp_path: Path
) -> None:
    from reader.importers import import_file
    from reader.model import Episode
    from reader.notes import Highlight, NotesStore

    store = NotesStore(AppPaths.resolve(data_dir).data, library)
    episode = import_file(library / "downloads" / "ep-1.md", library)
    assert isinstance(episode, Episode)
    note = store.load(episode)
    note.body = "Ask before telling."
    start = episode.text.index("delegation")
    note.highlights.append(Highlight.create(episode.text, start, start + len("delegation")))
    store.save(note)
    assert run("index", str(library)).returncode == 0

    out = tmp_path / "out"
    done = run("export-notes", str(out), "--library", str(library))
    assert done.returncode == 0, done.stderr
    (exported,) = out.rglob("*.md")
    text = exported.read_text("utf-8")
    front = text.split("---")[1]
    assert "show: The Coaching Hour" in front  # from its sibling, as the window shows it
    assert "Priya Raman" in front
    assert "- Priya\n" not in front
    assert "Priya Raman" in text.split("---", 2)[2]  # the highlight's attribution too
