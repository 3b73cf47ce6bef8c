"""Shows from sibling episodes: a file that names no show takes the one the other episodes in
its folder name when they agree, over the folder's name; when they disagree, the folder's
name. Real files, synced; the index follows siblings added, edited and removed later."""

from __future__ import annotations

from pathlib import Path

from reader.importers.shared.folder_show import shows_in_folders
from reader.library.sync import sync_library
from reader.search.index import LibraryIndex

UNNAMED = "1\n00:00:01,000 --> 00:00:04,000\nWelcome back, everyone, to another conversation.\n"


def _named(show: str) -> str:
    return f"---\ntitle: Hello\nshow: {show}\n---\n\n**Ana:** Hello there, listeners.\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _shows(ix: LibraryIndex) -> dict[str, str | None]:
    return {e.path: e.show for e in ix.episodes()}


def test_siblings_that_agree_name_the_show_and_disagreeing_ones_do_not() -> None:
    assert shows_in_folders({
        "downloads/a.md": "Leaders Lab", "downloads/b.md": "LEADERS LAB",
        "downloads/c.md": "Leaders Lab", "downloads/d.srt": None,
        "the-coaching-hour/a.md": "Leaders Lab", "the-coaching-hour/b.md": "Deep Work",
        "the-coaching-hour/c.srt": None,
        "deep-work/x.srt": None, "top.srt": None, "top-named.md": "Leaders Lab",
    }) == {
        "downloads/a.md": "Leaders Lab", "downloads/b.md": "LEADERS LAB",
        "downloads/c.md": "Leaders Lab", "downloads/d.srt": "Leaders Lab",
        "the-coaching-hour/a.md": "Leaders Lab", "the-coaching-hour/b.md": "Deep Work",
        "the-coaching-hour/c.srt": "The Coaching Hour",  # they disagree: the folder's name
        "deep-work/x.srt": "Deep Work",
        "top.srt": None, "top-named.md": "Leaders Lab",  # the top level is no show's folder
    }  # fmt: skip


def test_the_index_follows_siblings_added_edited_and_removed(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    _write(library / "the-coaching-hour" / "ep-1.srt", UNNAMED)
    _write(library / "the-coaching-hour" / "ep-2.srt", UNNAMED)
    ix = LibraryIndex(library, tmp_path / "cache")
    try:
        sync_library(ix)
        assert set(_shows(ix).values()) == {"The Coaching Hour"}  # no sibling names one
        _write(library / "the-coaching-hour" / "ep-3.md", _named("Coaching Hour with Ana"))
        sync_library(ix)  # a sibling that names the show settles the unnamed ones
        assert set(_shows(ix).values()) == {"Coaching Hour with Ana"}
        found = ix.search("show:ana", limit=None)
        assert found.total == 3
        assert ix.search('show:"the coaching hour"', limit=None).total == 0
        _write(library / "the-coaching-hour" / "ep-4.md", _named("Leaders Lab"))
        sync_library(ix)  # siblings disagree: the folder's name again
        assert _shows(ix)["the-coaching-hour/ep-1.srt"] == "The Coaching Hour"
        assert _shows(ix)["the-coaching-hour/ep-4.md"] == "Leaders Lab"
        _write(library / "the-coaching-hour" / "ep-4.md", _named("coaching hour with ana"))
        sync_library(ix)  # edited to agree (in another case)
        assert _shows(ix)["the-coaching-hour/ep-1.srt"] == "Coaching Hour with Ana"
        (library / "the-coaching-hour" / "ep-3.md").unlink()
        (library / "the-coaching-hour" / "ep-4.md").unlink()
        sync_library(ix)  # the naming siblings removed: the folder's name
        assert _shows(ix) == {
            "the-coaching-hour/ep-1.srt": "The Coaching Hour",
            "the-coaching-hour/ep-2.srt": "The Coaching Hour",
        }
        assert ix.search("welcome", limit=None).total == 2  # rewritten ones still found
    finally:
        ix.close()
