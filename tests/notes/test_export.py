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
import yaml

from reader.model import Episode
from reader.notes import Highlight, Note, NotesStore
from reader.notes.export import NoteExport, export_notes, library_episodes, render

from .sample import commented_note

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


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """The YAML properties at the top of an exported file, and the Markdown after them."""
    assert text.startswith("---\n")
    head, _sep, body = text[4:].partition("\n---\n\n")
    return yaml.safe_load(head), body


def test_per_episode_export_matches_the_golden_files(store: NotesStore, tmp_path: Path) -> None:
    out = tmp_path / "out"
    written = export_notes(store, library_episodes(store), out)
    assert written == [
        out / "show-a" / "1 - Leaders Who Delegate.md",
        out / "show-b" / "6 - Calendars.md",
        out / "show-b" / "7 - Hiring.md",
        out / "show-c" / "Saying No Kindly.md",  # the orphan, last, named from its title
    ]
    assert tree(out) == tree(FIXTURES / "expected")


def test_combined_export_matches_the_golden_file(store: NotesStore, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert export_notes(store, library_episodes(store), out, combined=True) == [out / "notes.md"]
    assert tree(out) == tree(FIXTURES / "expected-combined")


def test_golden_files_say_what_the_issue_asks_for() -> None:
    """Guard the golden files themselves against a careless regeneration."""
    calendars = (FIXTURES / "expected" / "show-b" / "6 - Calendars.md").read_text("utf-8")
    properties, body = split_front_matter(calendars)
    assert properties == {
        "title": "Calendars",
        "show": "Middle Managers Unite",
        "number": 6,
        "source": "show-b/ep06-calendars.srt",
        "speakers": ["Daniel Reyes", "Grace Obi"],
    }
    assert body.startswith(
        "# Calendars\n\nMiddle Managers Unite · Episode 6 · `show-b/ep06-calendars.srt`\n"
    )
    assert "> Delegating the audit was the best choice we made.\n> — Grace Obi, 0:08\n" in (
        calendars
    )
    assert "## Notes" not in calendars  # highlights only
    hiring = (FIXTURES / "expected" / "show-b" / "7 - Hiring.md").read_text("utf-8")
    # A highlight across a change of speaker credits each, never one for both.
    assert "> Hire for the job in twelve months\n> — Daniel Reyes, 0:00; Grace Obi, 0:12\n" in (
        hiring
    )
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
    expected = (FIXTURES / "expected" / "show-b" / "7 - Hiring.md").read_text("utf-8")
    expected = expected.replace("show-b/ep07-hiring.txt", "show-b/ep07-hiring-renamed.txt")
    # its title comes from the file name
    expected = expected.replace("# Hiring\n", "# Hiring Renamed\n")
    expected = expected.replace("title: Hiring\n", "title: Hiring Renamed\n")
    assert (out / "show-b" / "7 - Hiring Renamed.md").read_text("utf-8") == expected
    assert not (out / "show-b" / "7 - Hiring.md").exists()


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
    text = (out / "show-b" / "6 - Calendars.md").read_text("utf-8")
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


def odd_episode(episode_id: str, title: str, number: int | None = 12) -> Episode:
    return Episode(
        id=episode_id,
        source=Path(episode_id),
        format="txt",
        title=title,
        number=number,
        show='The "Show": #1',
        date="2024-03-01",
        speakers=["Ana: host", "- Ben", "yes"],
    )


def exports_of(*episodes: Episode) -> list[NoteExport]:
    return [
        NoteExport(Note(e.id, e.title, "a note"), e, PurePosixPath(e.id), in_library=True)
        for e in episodes
    ]


def test_front_matter_survives_titles_and_names_that_yaml_would_misread(
    store: NotesStore, tmp_path: Path
) -> None:
    title = "Delegating: a # guide -- 'quoted' \"twice\" & no"
    [item] = exports_of(odd_episode("show-x/ep12.txt", title))
    item.relative = PurePosixPath("x.md")
    properties, body = split_front_matter(render(item))
    assert properties == {
        "title": title,
        "show": 'The "Show": #1',
        "number": 12,
        "date": "2024-03-01",  # a string as the source gave it, not a YAML date
        "source": "show-x/ep12.txt",
        "speakers": ["Ana: host", "- Ben", "yes"],
    }
    assert body.startswith(f"# {title}\n")


def test_file_names_come_from_number_and_title_are_safe_and_never_collide(
    tmp_path: Path,
) -> None:
    items = exports_of(
        odd_episode("show-x/a.txt", "Delegating Decisions"),
        odd_episode("show-x/b.txt", "Delegating decisions"),  # same name but for case
        odd_episode("show-x/c.txt", "Delegating Decisions"),
        odd_episode("show-x/d.txt", 'What? Who/why: "A|B" <C>*', number=None),
        odd_episode("show-x/e.txt", "...", number=None),  # nothing usable: the file's name
        odd_episode("show-x/f.txt", "x" * 300, number=None),
    )
    from reader.notes.export import write_exports
    from reader.notes.export_files import export_name, unique_names

    names = [
        export_name(PurePosixPath("show-x"), i.episode.number, i.episode.title, i.relative.stem)
        for i in items
        if i.episode is not None
    ]
    for item, relative in zip(items, unique_names(names), strict=True):
        item.relative = relative
    written = write_exports(items, tmp_path / "out")
    relative = [p.relative_to(tmp_path / "out").as_posix() for p in written]
    assert relative[:5] == [
        "show-x/12 - Delegating Decisions.md",
        "show-x/12 - Delegating decisions (2).md",
        "show-x/12 - Delegating Decisions (3).md",
        "show-x/What Who why A B C.md",
        "show-x/e.md",
    ]
    assert len(written[5].name.encode()) < 255
    assert all(p.is_file() for p in written)


def test_a_highlight_exports_with_all_its_tags_and_its_comment(
    tmp_path: Path, library: Path, store: NotesStore
) -> None:
    note = commented_note(library, store)
    store.save(note)
    [path] = export_notes(store, library_episodes(store), tmp_path / "out", combined=True)
    text = path.read_text(encoding="utf-8")
    assert (
        "> calendar audit\n> — tags: time, clients\n\nTry this with\nthe Tuesday group.\n" in text
    )
