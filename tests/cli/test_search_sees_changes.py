"""A one-shot ``episode-reader search`` finds what the folder holds now: the no-op check that
starts it (one walk of the folder with each file's size and time, and the quick answer when
the last sync found nothing to do) still notices every kind of change. Real processes, as a
script runs them; each search is run twice, so the second is a sync with nothing to do and
the change after it meets the quick answer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def search(library: Path, query: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "search", query, "--library", str(library), "--json"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return sorted(hit["path"] for hit in json.loads(result.stdout)["results"])


def found(library: Path, query: str) -> list[str]:
    """The episodes a search finds, the same the second time (a sync with nothing to do)."""
    first = search(library, query)
    assert search(library, query) == first
    return first


def test_a_file_edited_in_place_to_the_same_size_is_searched_as_it_is_now(search_library: Path):
    hiring = search_library / "show-b" / "ep07-hiring.txt"
    assert found(search_library, "months") == ["show-b/ep07-hiring.txt"]
    before = hiring.stat()
    with hiring.open("r+b") as handle:  # same bytes count, same inode: only the time says so
        data = handle.read()
        handle.seek(0)
        handle.write(data.replace(b"twelve months", b"eleven winter"))
    os.utime(hiring, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    assert hiring.stat().st_size == before.st_size
    assert found(search_library, "months") == []
    assert found(search_library, "winter") == ["show-b/ep07-hiring.txt"]


def test_added_removed_and_renamed_files_are_searched_as_they_are_now(search_library: Path):
    assert found(search_library, "calendar") == [
        "show-a/ep01-leaders-who-delegate.md",
        "show-b/ep06-calendars.srt",
    ]
    (search_library / "show-a" / "ep09-rota.md").write_text(
        "# Episode 9: Rotas\n\n**Grace Obi:** A shared calendar keeps the rota honest.\n",
        encoding="utf-8",
    )
    assert "show-a/ep09-rota.md" in found(search_library, "calendar")
    (search_library / "show-a" / "ep01-leaders-who-delegate.md").unlink()
    (search_library / "show-b" / "ep06-calendars.srt").rename(search_library / "moved.srt")
    assert found(search_library, "calendar") == ["moved.srt", "show-a/ep09-rota.md"]
    (search_library / "show-b").rename(search_library / "show-c")  # a whole folder renamed
    assert found(search_library, "months") == ["show-c/ep07-hiring.txt"]
