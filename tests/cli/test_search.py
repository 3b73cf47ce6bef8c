"""``episode-reader index`` and ``search`` as scripts call them: real processes, exact shapes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_index_prints_a_summary_then_nothing_changes(search_library: Path):
    first = run("index", str(search_library))
    assert first.returncode == 0, first.stderr
    assert first.stdout == (
        f"Indexed {search_library}: 4 added, 0 updated, 0 removed, 0 unchanged, 0 failed\n"
    )
    second = run("index", "--library", str(search_library))
    assert "0 added, 0 updated, 0 removed, 4 unchanged, 0 failed" in second.stdout


def test_index_lists_each_failure_and_still_exits_0(search_library: Path):
    (search_library / "show-b" / "junk.vtt").write_bytes(bytes(range(256)) * 3)
    result = run("index", str(search_library))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].endswith("4 added, 0 updated, 0 removed, 0 unchanged, 1 failed")
    assert lines[1:] == ["  failed: show-b/junk.vtt: binary data, not a text transcript"]


def test_index_rebuild_starts_over(search_library: Path):
    run("index", str(search_library))
    result = run("index", str(search_library), "--rebuild")
    assert "4 added, 0 updated, 0 removed, 0 unchanged" in result.stdout


def test_index_of_an_unreadable_library_exits_1(tmp_path: Path):
    result = run("index", str(tmp_path / "missing"))
    assert result.returncode == 1
    assert result.stderr == (
        f"episode-reader: cannot read library {tmp_path / 'missing'}: no such folder\n"
    )


def test_search_json_has_the_documented_shape(search_library: Path):
    result = run("search", "calendar", "--library", str(search_library), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["query", "total", "suggestion", "results"]
    assert data["query"] == "calendar"
    assert data["total"] == 2
    assert data["suggestion"] is None
    for hit in data["results"]:
        # The keys scripts knew keep their place; "fields" was added after them.
        assert list(hit) == ["path", "title", "number", "score", "matches", "snippets", "fields"]
        assert isinstance(hit["score"], float)
        for snippet in hit["snippets"]:
            assert list(snippet) == ["text", "highlights", "field"]
            assert snippet["field"] in hit["fields"]
            for start, end in snippet["highlights"]:
                assert snippet["text"][start:end].lower() in ("calendar", "calendars")
    first, second = data["results"]
    # A match in the title ranks above more matches in the body, and is counted and shown.
    assert first["path"] == "show-b/ep06-calendars.srt"
    assert (first["title"], first["number"], first["matches"]) == ("Calendars", 6, 2)
    assert first["fields"] == ["transcript", "title"]
    assert first["snippets"][-1] == {"text": "Calendars", "highlights": [[0, 9]], "field": "title"}
    assert second["fields"] == ["transcript"]
    assert (second["title"], second["number"], second["matches"]) == ("Leaders Who Delegate", 1, 2)


def test_search_json_reports_a_title_only_match_counted_and_marked(search_library: Path):
    result = run("search", "basics", "--library", str(search_library), "--json")
    assert result.returncode == 0, result.stderr
    (hit,) = json.loads(result.stdout)["results"]
    assert (hit["path"], hit["matches"], hit["fields"]) == (
        "show-a/ep02-feedback-basics.md",
        1,
        ["title"],
    )
    # Its snippet is the title with the word marked, not the unmarked opening of the text.
    assert hit["snippets"] == [
        {"text": "Feedback Basics", "highlights": [[9, 15]], "field": "title"}
    ]


def test_search_indexes_first_and_offers_a_suggestion(search_library: Path):
    result = run("search", "feedbak", "--library", str(search_library), "--json")
    data = json.loads(result.stdout)
    assert (data["total"], data["suggestion"], data["results"]) == (0, "feedback", [])


@pytest.mark.parametrize(("sort", "numbers"), [("number", [1, 2, 6, 7]), ("title", [6, 2, 7, 1])])
def test_search_sort_and_limit(search_library: Path, sort: str, numbers: list[int]):
    result = run("search", "welcome", "--library", str(search_library), "--sort", sort, "--json")
    assert [r["number"] for r in json.loads(result.stdout)["results"]] == numbers
    limited = run("search", "welcome", "--library", str(search_library), "--limit", "1", "--json")
    data = json.loads(limited.stdout)
    assert (data["total"], len(data["results"])) == (4, 1)


def test_search_prints_readable_results(search_library: Path):
    result = run("search", '"calendar audit"', "--library", str(search_library))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "1 episode matches '\"calendar audit\"'"
    assert lines[2] == " 1. Ep 1 · Leaders Who Delegate — Harbour Leadership (2 matches)"
    assert lines[3] == "    show-a/ep01-leaders-who-delegate.md"


def test_search_rejects_a_bad_sort_and_limit(search_library: Path):
    assert run("search", "x", "--sort", "colour").returncode == 2
    bad_limit = run("search", "x", "--limit", "0", "--library", str(search_library))
    assert bad_limit.returncode == 2
    assert bad_limit.stderr == "episode-reader: --limit must be at least 1\n"


def test_index_search_and_rebuild_keep_the_notes_the_window_indexed(search_library: Path):
    """A note written through the notes store and indexed as the window indexes it is still
    found by ``notes:`` after the CLI re-imports the changed transcript or rebuilds."""
    from reader.importers import import_file
    from reader.notes import NotesStore, text_for_index
    from reader.paths import AppPaths
    from reader.search.index import LibraryIndex

    def notes_hits() -> list[str]:
        result = run("search", "--json", "notes:zeppelin", "--library", str(search_library))
        assert result.returncode == 0, result.stderr
        return [hit["path"] for hit in json.loads(result.stdout)["results"]]

    hiring = search_library / "show-b" / "ep07-hiring.txt"
    assert run("index", str(search_library)).returncode == 0
    paths = AppPaths.resolve()  # the test's data folder, as the CLI finds it
    store = NotesStore(paths.data, search_library)
    note = store.load(import_file(hiring, search_library))
    note.body = "Ask about the zeppelin project."
    store.save(note)
    ix = LibraryIndex(search_library, paths.cache)  # the window indexes a saved note
    assert ix.update_notes(note.episode_id, text_for_index(note))
    ix.close()
    assert notes_hits() == ["show-b/ep07-hiring.txt"]

    hiring.write_text(hiring.read_text(encoding="utf-8") + "\nOne more line.\n")
    assert "1 updated" in run("index", str(search_library)).stdout
    assert notes_hits() == ["show-b/ep07-hiring.txt"]
    hiring.write_text(hiring.read_text(encoding="utf-8") + "\nAnd another.\n")
    assert notes_hits() == ["show-b/ep07-hiring.txt"]  # search's own sync re-imported it
    assert run("index", "--rebuild", str(search_library)).returncode == 0
    assert notes_hits() == ["show-b/ep07-hiring.txt"]
