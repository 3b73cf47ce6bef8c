from __future__ import annotations

from pathlib import Path

import pytest

from reader.paths import DATA_DIR_ENV, AppPaths, DataDirError


def test_explicit_folder_beats_environment(tmp_path: Path):
    paths = AppPaths.resolve(tmp_path / "flag", environ={DATA_DIR_ENV: str(tmp_path / "env")})
    assert paths.data == tmp_path / "flag" / "data"
    assert paths.override == tmp_path / "flag"


def test_environment_moves_everything(tmp_path: Path):
    paths = AppPaths.resolve(environ={DATA_DIR_ENV: str(tmp_path / "env")})
    assert {p.parent for p in (paths.data, paths.cache, paths.config)} == {tmp_path / "env"}


def test_relative_override_is_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    assert AppPaths.resolve("portable", environ={}).data == tmp_path / "portable" / "data"


def test_ensure_creates_the_folders(tmp_path: Path):
    paths = AppPaths.resolve(tmp_path / "new" / "deep", environ={}).ensure()
    assert paths.data.is_dir()
    assert paths.cache.is_dir()
    assert paths.config.is_dir()


def test_ensure_names_the_folder_it_cannot_create(tmp_path: Path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    paths = AppPaths.resolve(tmp_path / "file" / "sub", environ={})
    with pytest.raises(DataDirError, match=r"file/sub/data: Not a directory"):
        paths.ensure()


def test_ensure_rejects_a_folder_it_cannot_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("reader.paths.os.access", lambda *_args: False)
    with pytest.raises(DataDirError, match="folder is not writable"):
        AppPaths.resolve(tmp_path / "ro", environ={}).ensure()
