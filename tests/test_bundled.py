"""The sample library and resources are found from a checkout and from an installed wheel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from reader.bundled import bundled_dir, resource, sample_library

REPO_ROOT = Path(__file__).resolve().parent.parent


def test_checkout_finds_samples_and_resources():
    assert sample_library() == REPO_ROOT / "episodes"
    assert resource("icons/episode-reader.svg").is_file()
    assert resource("style.qss").is_file()


def test_missing_bundled_folder_names_where_it_looked():
    with pytest.raises(FileNotFoundError, match="bundled folder 'nothing' is missing"):
        bundled_dir("nothing")


@pytest.mark.slow
def test_installed_wheel_carries_samples_and_opens_them(tmp_path: Path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(wheels), str(REPO_ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (wheel,) = wheels.glob("episode_reader-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(n for n in names if n.startswith("reader/_bundled/episodes/"))
    in_checkout = sorted(
        "reader/_bundled/episodes/" + p.relative_to(REPO_ROOT / "episodes").as_posix()
        for p in (REPO_ROOT / "episodes").rglob("*")
        if p.is_file()
    )
    assert shipped == in_checkout
    assert "reader/_bundled/resources/icons/episode-reader.svg" in names
    assert not any(n.startswith("tests/") for n in names)

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target",
         str(target), str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    probe = (
        "import json, reader, reader.bundled as b;"
        "print(json.dumps([reader.__file__, str(b.sample_library()),"
        " str(b.resource('style.qss'))]))"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run(
        [sys.executable, "-c", probe], env=env, cwd=tmp_path, capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    module, samples, style = map(Path, json.loads(out.stdout))
    assert module.is_relative_to(target)
    assert samples == target / "reader" / "_bundled" / "episodes"
    assert len([p for p in samples.rglob("*") if p.is_file()]) == len(in_checkout)
    assert style.is_file()
