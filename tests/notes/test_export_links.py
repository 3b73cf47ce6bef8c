"""Passage links in exported notes: a link to a transcript still in the library points at
that file (relative to the exported file) and its time; anything else becomes plain
attributed text. No ``episode-reader://`` link leaves the app, except inside code."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest

from reader.notes import NotesStore
from reader.notes.export import collect_exports, export_notes, library_episodes, render
from reader.notes.export_links import export_links
from reader.notes.passage_links import PassageLink, make_link

from .sample import episode

EP1 = "show-a/ep01-leaders-who-delegate.md"
EP6 = "show-b/ep06-calendars.srt"
PASSAGE = "Delegating the audit was the best choice we made."
LABEL = "Grace Obi, Middle Managers Unite, Episode 6: Calendars (0:08)"


def url_of(library: Path, rel: str, words: str) -> str:
    ep = episode(library, rel)
    start = ep.text.index(words)
    link = make_link(ep, start, start + len(words))
    assert link is not None
    return link.url()


@pytest.fixture
def note_with_links(tmp_path: Path, search_library: Path) -> tuple[NotesStore, str]:
    url = url_of(search_library, EP6, PASSAGE)
    gone = PassageLink("show-c/ep99-gone.srt", "Words from a deleted episode.", time=75).url()
    body = "\n\n".join(
        [
            f"> “{PASSAGE}”\n>\n> — [{LABEL}]({url})",
            f"Also [what she said]({gone}) and <{url}>.",
            "A [damaged one](episode-reader://passage?path=../x&text=y), "
            "a [web page](https://example.com/).",
            f"As code: `[x]({url})`",
            f"```\n[y]({url})\n```",
        ]
    )
    store = NotesStore(tmp_path / "data", search_library)
    note = store.load(episode(search_library, EP1))
    note.body = body
    store.save(note)
    return store, url


def test_per_episode_export_links_to_the_transcript_file_and_its_time(
    note_with_links: tuple[NotesStore, str], tmp_path: Path, search_library: Path
):
    store, url = note_with_links
    out = tmp_path / "export"
    (exported,) = [
        p for p in export_notes(store, library_episodes(store), out) if "Leaders" in p.name
    ]
    text = exported.read_text(encoding="utf-8")
    notes = text.partition("## Notes\n\n")[2]
    head, _sep, rest = notes.partition(f"> — [{LABEL}](")
    target = rest.partition(")")[0]
    path, _hash, fragment = target.partition("#")
    assert fragment == "t=8.5"
    assert (exported.parent / unquote(path)).resolve() == (search_library / EP6).resolve()
    assert head.startswith(f"> “{PASSAGE}”")
    # The deleted episode's link is its text and time; the bare link names the episode.
    assert "Also what she said (1:15) and [`show-b/ep06-calendars.srt` (0:08)](" in notes
    assert "A damaged one, a [web page](https://example.com/)." in notes
    # Code keeps what was written; nothing else keeps an episode-reader link.
    assert f"As code: `[x]({url})`" in notes
    assert f"```\n[y]({url})\n```" in notes
    outside_code = notes.replace(f"`[x]({url})`", "").replace(f"[y]({url})", "")
    assert "episode-reader:" not in outside_code


def test_the_combined_export_links_from_its_own_folder(
    note_with_links: tuple[NotesStore, str], tmp_path: Path, search_library: Path
):
    store, _url = note_with_links
    out = tmp_path / "one" / "file"
    (combined,) = export_notes(store, library_episodes(store), out, combined=True)
    target = combined.read_text(encoding="utf-8").partition(f"[{LABEL}](")[2].partition(")")[0]
    path = unquote(target.partition("#")[0])
    assert path.startswith("../../")
    assert (out / path).resolve() == (search_library / EP6).resolve()


def test_without_a_place_to_point_from_links_become_plain_text(
    note_with_links: tuple[NotesStore, str],
):
    store, _url = note_with_links
    (item,) = [i for i in collect_exports(store, library_episodes(store)) if i.episode]
    text = render(item)  # not written anywhere: no relative link can be made
    assert f"> — {LABEL}\n" in text
    assert "`show-b/ep06-calendars.srt` (0:08)." in text


def test_a_transcript_out_of_reach_gives_plain_text(
    tmp_path: Path, search_library: Path, monkeypatch: pytest.MonkeyPatch
):
    url = url_of(search_library, EP6, PASSAGE)

    def other_drive(*_args: object) -> str:
        raise ValueError("path is on mount 'D:', start on mount 'C:'")

    monkeypatch.setattr("os.path.relpath", other_drive)
    assert export_links(f"[Grace]({url})", search_library, tmp_path / "x.md") == "Grace (0:08)"


def test_a_note_without_passage_links_is_exported_as_written():
    body = "Plain [link](https://example.com/) and `code` and \\[not a link\\](x)."
    assert export_links(body, None, None) == body
