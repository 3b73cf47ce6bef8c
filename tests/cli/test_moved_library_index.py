"""A moved, renamed or copied library keeps its search index (real processes, real folders):
the next ``index`` re-imports nothing, a copy gets an index of its own that its edits do not
share, and an index another process is syncing is left alone."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from reader.search import lock as index_lock
from reader.search.index import index_folder

EP = "show-a/ep01-leaders-who-delegate.md"


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "reader", "--data-dir", str(data_dir), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def indexed(data_dir: Path, library: Path) -> dict[str, int]:
    done = run(data_dir, "index", "--library", str(library))
    assert done.returncode == 0, done.stderr
    counts = re.findall(r"(\d+) (added|updated|removed|unchanged|failed)", done.stdout)
    return {what: int(n) for n, what in counts}


def found(data_dir: Path, library: Path, query: str) -> list[str]:
    done = run(data_dir, "search", query, "--json", "--library", str(library))
    assert done.returncode == 0, done.stderr
    return [r["path"] for r in json.loads(done.stdout)["results"]]


def cache(data_dir: Path) -> Path:
    return data_dir / "cache"


def test_a_moved_library_keeps_its_index(tmp_path: Path, search_library: Path) -> None:
    data = tmp_path / "d"
    episodes = indexed(data, search_library)["added"]
    assert episodes > 3
    old_index = index_folder(cache(data), search_library)
    moved = Path(shutil.move(search_library, tmp_path / "usb" / "Renamed"))
    assert indexed(data, moved) == {
        "added": 0, "updated": 0, "removed": 0, "unchanged": episodes, "failed": 0
    }  # fmt: skip
    assert not old_index.exists()
    assert json.loads((index_folder(cache(data), moved) / "meta.json").read_text())[
        "library"
    ] == str(moved.resolve())
    assert EP in found(data, moved, "delegate")
    again = Path(shutil.move(moved, tmp_path / "back"))  # and again, from where it went
    assert indexed(data, again)["added"] == 0


def test_a_copy_gets_an_index_of_its_own(tmp_path: Path, search_library: Path) -> None:
    data = tmp_path / "d"
    episodes = indexed(data, search_library)["added"]
    copied = Path(shutil.copytree(search_library, tmp_path / "copy of library"))
    assert indexed(data, copied) == {
        "added": 0, "updated": 0, "removed": 0, "unchanged": episodes, "failed": 0
    }  # fmt: skip
    assert index_folder(cache(data), search_library).is_dir()  # the original keeps its own
    (copied / EP).write_text("# Changed\n\n**Ann:** Only the copy says quixotic.\n", "utf-8")
    assert found(data, copied, "quixotic") == [EP]
    assert found(data, search_library, "quixotic") == []
    assert EP in found(data, search_library, "delegate")


def test_an_index_being_synced_is_not_taken(tmp_path: Path, search_library: Path) -> None:
    data = tmp_path / "d"
    episodes = indexed(data, search_library)["added"]
    copied = Path(shutil.copytree(search_library, tmp_path / "copy"))
    with index_lock.exclusive(index_folder(cache(data), search_library), index_lock.SYNC, 5):
        assert indexed(data, copied)["added"] == episodes  # indexed anew, nothing broken
    assert EP in found(data, search_library, "delegate")
