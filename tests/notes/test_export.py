"""Export of notes and highlights, compared with golden files we wrote and read by hand.

``fixtures/export/notes/`` is a notes folder as the app writes it, for the four-episode
``fixtures/library``: notes with highlights (one spanning two speakers' turns), a note with
highlights only, and an orphan whose transcript ``show-c/ep09-gone.txt`` is not in the library.
``expected/`` and ``expected-combined/`` are what the export must produce from them.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path, PurePosixPath

import pytest

from reader.model import Episode
from reader.notes import Highlight, Note, NotesStore
from reader.notes.export import NoteExport, export_notes, library_episodes, render

FIXTURES = Path(__file__).parents[1] / "fixtures" / "export"


@pytest.fixture
def store(tmp_path: Path, search_library: Path) -> NotesStore:
    """The library copy with the fixture notes in its notes folder."""
    notes = NotesStore(tmp_path / "data", search_library)
    shutil.copytree(FIXTURES / "notes", notes.folder)
    return notes


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes().decode("utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_per_episode_export_matches_the_golden_files(store: NotesStore, tmp_path: Path) -> None:
    out = tmp_path / "out"
    written = export_notes(store, library_episodes(store), out)
    assert written == [
        out / "show-a" / "ep01-leaders-who-delegate.md",
        out / "show-b" / "ep06-calendars.md",
        out / "show-b" / "ep07-hiring.md",
        out / "show-c" / "ep09-gone.md",  # the orphan, last
    ]
    assert tree(out) == tree(FIXTURES / "expected")


def test_combined_export_matches_the_golden_file(store: NotesStore, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert export_notes(store, library_episodes(store), out, combined=True) == [out / "notes.md"]
    assert tree(out) == tree(FIXTURES / "expected-combined")


def test_golden_files_say_what_the_issue_asks_for() -> None:
    """Guard the golden files themselves against a careless regeneration."""
    calendars = (FIXTURES / "expected" / "show-b" / "ep06-calendars.md").read_text("utf-8")
    assert calendars.startswith(
        "# Calendars\n\nMiddle Managers Unite · Episode 6 · `show-b/ep06-calendars.srt`\n"
    )
    assert "> Delegating the audit was the best choice we made.\n> — Grace Obi, 0:08\n" in (
        calendars
    )
    assert "## Notes" not in calendars  # highlights only
    combined = (FIXTURES / "expected-combined" / "notes.md").read_text("utf-8")
    assert combined.count("\n## Highlights\n") == 4
    assert "`show-c/ep09-gone.txt` · no longer in the library" in combined


def test_export_reads_but_never_changes_the_notes(store: NotesStore, tmp_path: Path) -> None:
    before = tree(store.folder)
    export_notes(store, library_episodes(store), tmp_path / "out")
    assert tree(store.folder) == before


def test_renamed_transcript_is_exported_under_its_new_path(
    store: NotesStore, search_library: Path, tmp_path: Path
) -> None:
    (search_library / "show-b" / "ep07-hiring.txt").rename(
        search_library / "show-b" / "ep07-hiring-renamed.txt"
    )
    out = tmp_path / "out"
    export_notes(store, library_episodes(store), out)
    expected = (FIXTURES / "expected" / "show-b" / "ep07-hiring.md").read_text("utf-8")
    expected = expected.replace("show-b/ep07-hiring.txt", "show-b/ep07-hiring-renamed.txt")
    expected = expected.replace("# Hiring\n", "# Hiring Renamed\n")  # its title comes from the name
    assert (out / "show-b" / "ep07-hiring-renamed.md").read_text("utf-8") == expected
    assert not (out / "show-b" / "ep07-hiring.md").exists()


def test_highlight_not_found_after_reimport_has_no_attribution(
    store: NotesStore, search_library: Path, tmp_path: Path
) -> None:
    srt = search_library / "show-b" / "ep06-calendars.srt"
    srt.write_text(
        srt.read_text("utf-8").replace("Delegating the audit was", "Handing off the audit was"),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    export_notes(store, library_episodes(store), out)
    text = (out / "show-b" / "ep06-calendars.md").read_text("utf-8")
    assert "> Delegating the audit was the best choice we made.\n\n" in text + "\n"
    assert "> We keep a calendar for the team\n> — Daniel Reyes, 0:04\n" in text


def test_nothing_to_export_writes_nothing(tmp_path: Path, search_library: Path) -> None:
    empty = NotesStore(tmp_path / "data", search_library)
    assert export_notes(empty, library_episodes(empty), tmp_path / "out") == []
    assert not (tmp_path / "out").exists()


def test_unwritable_output_raises(store: NotesStore, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(OSError):  # noqa: PT011 - FileExistsError or NotADirectoryError
        export_notes(store, library_episodes(store), blocker)


@pytest.mark.skipif(not hasattr(os, "umask"), reason="POSIX permission bits")
def test_exported_files_get_the_users_normal_permissions(store: NotesStore, tmp_path: Path):
    umask = os.umask(0o022)
    try:
        written = export_notes(store, library_episodes(store), tmp_path / "out")
    finally:
        os.umask(umask)
    assert written
    assert {stat.S_IMODE(path.stat().st_mode) for path in written} == {0o644}


def credit_of(episode: Episode, start: int, end: int) -> str | None:
    """The attribution line an exported highlight of ``episode.text[start:end]`` gets."""
    highlight = Highlight.create(episode.text, start, end)
    item = NoteExport(
        Note(episode.id, episode.title, "", highlights=[highlight]),
        episode,
        PurePosixPath("ep.md"),
        in_library=True,
    )
    credits = [line for line in render(item).splitlines() if line.startswith("> — ")]
    return credits[0].removeprefix("> — ") if credits else None


@pytest.mark.parametrize(
    ("start", "end", "credit"),
    [
        (9, 14, "Ann, 0:10"),  # inside a paragraph
        (33, 41, "Ben, 0:20"),
        (0, 7, None),  # inside the heading: no speaker, no time
        (2, 20, None),  # from the heading into the paragraph: still the heading's
        (31, 41, "Ben, 0:20"),  # from the blank line before a paragraph: that paragraph's
        (32, 41, "Ben, 0:20"),
        (7, 14, "Ann, 0:10"),
        (15, 25, "Ann, 0:12"),  # mid-paragraph: the time of its own cue, not the paragraph's
    ],
)
def test_a_highlight_is_credited_to_the_block_it_starts_in(
    three_blocks: Episode, start: int, end: int, credit: str | None
) -> None:
    assert credit_of(three_blocks, start, end) == credit
