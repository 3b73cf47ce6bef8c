from __future__ import annotations

from pathlib import Path

import pytest

from reader.library import LibraryError, check_library, list_transcripts


def test_lists_transcripts_recursively_skipping_hidden_and_other_files(small_library: Path):
    names = [p.relative_to(small_library).as_posix() for p in list_transcripts(small_library)]
    assert names == [
        "ep03-captions.srt",
        "show-a/ep01-first-steps.txt",
        "show-a/ep02-second-steps.md",
    ]


def test_hidden_folders_are_skipped(small_library: Path):
    (small_library / ".git").mkdir()
    (small_library / ".git" / "notes.txt").write_text("x", encoding="utf-8")
    assert all(".git" not in p.parts for p in list_transcripts(small_library))


def test_unreadable_subfolder_does_not_stop_the_scan(
    small_library: Path, monkeypatch: pytest.MonkeyPatch
):
    import os

    real_scandir = os.scandir

    def scandir(path):
        if str(path).endswith("show-a"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr("os.scandir", scandir)
    names = [p.name for p in list_transcripts(small_library)]
    assert names == ["ep03-captions.srt"]


def test_check_library_accepts_a_folder(small_library: Path):
    assert check_library(small_library) == small_library.resolve()


@pytest.mark.parametrize("problem", ["no such folder", "not a folder"])
def test_check_library_names_folder_and_problem(tmp_path: Path, problem: str):
    target = tmp_path / "x"
    if problem == "not a folder":
        target.write_text("", encoding="utf-8")
    with pytest.raises(LibraryError) as err:
        check_library(target)
    assert str(err.value) == f"{target}: {problem}"
