"""The note and highlights files: their documented form, exact round trips, hand edits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.notes import (
    Highlight,
    NotesStore,
    fingerprint,
    parse_note,
)

from .sample import episode, files_in


def test_note_file_has_the_documented_header(library: Path, store: NotesStore) -> None:
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    note.body = "First thought.\n"
    path = store.save(note)
    assert path.read_text(encoding="utf-8") == (
        "---\n"
        f"episode: {ep.title}\n"
        "path: show/ep01-trust.txt\n"
        f"fingerprint: {fingerprint(ep)}\n"
        "---\n"
        "\n"
        "First thought.\n"
    )


@pytest.mark.parametrize(
    "body",
    [
        "Plain words.",
        "Ünïcödé ✓ — “quotes” 日本語 😀\n",
        "---\nA body that starts with a rule\n---\n",
        "---\nepisode: not the header\npath: x.txt\n---\n\nstill body\n",
        "\n\nLeading blank lines, trailing ones too\n\n\n",
        "Windows\r\nline ends\r\n",
        "  indented first line\n",
    ],
)
def test_body_round_trips_exactly_across_a_restart(
    tmp_path: Path, library: Path, store: NotesStore, body: str
) -> None:
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    note.body = body
    i = ep.text.index("Delegation builds trust")
    note.highlights.append(Highlight.create(ep.text, i, i + 23, color="green", tag="tëst"))
    store.save(note)

    restarted = NotesStore(tmp_path / "data", library)  # a new app run
    again = restarted.load(ep)
    assert again.body == body
    assert again == note
    assert again.highlights[0].text == "Delegation builds trust"


def test_highlights_file_is_versioned_pretty_json(library: Path, store: NotesStore) -> None:
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    highlight = Highlight.create(ep.text, 5, 15, color="pink", tag="idea")
    note.highlights.append(highlight)
    store.save(note)
    raw = store.highlights_path(ep.id).read_text(encoding="utf-8")
    assert raw.startswith('{\n  "version": 2,\n  "highlights": [\n')
    data = json.loads(raw)
    assert data == {"version": 2, "highlights": [highlight.to_json()]}
    assert set(data["highlights"][0]) == {
        "id", "text", "before", "after", "start", "end", "created", "color", "tag", "tags",
        "comment",
    }  # fmt: skip
    assert data["highlights"][0]["tags"] == ["idea"]


def test_empty_note_leaves_no_files(library: Path, store: NotesStore) -> None:
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    store.save(note)
    assert not store.folder.exists() or files_in(store.folder) == []
    note.body = "Something."
    note.highlights.append(Highlight.create(ep.text, 0, 5))
    store.save(note)
    note.body = "  \n"
    note.highlights.clear()
    store.save(note)
    assert files_in(store.folder) == []
    assert not (store.folder / "show").exists()  # no empty folders left behind


def test_highlights_without_text_still_have_a_header_file(library: Path, store: NotesStore):
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    note.highlights.append(Highlight.create(ep.text, 0, 5))
    path = store.save(note)
    fields, body = parse_note(path.read_text(encoding="utf-8"))
    assert fields is not None
    assert fields["path"] == ep.id
    assert body == ""


def test_header_parses_tolerantly_and_keeps_user_fields(library: Path, store: NotesStore):
    ep = episode(library, "show/ep01-trust.txt")
    path = store.note_path(ep.id)
    path.parent.mkdir(parents=True)
    path.write_bytes(
        b"\xef\xbb\xbf---\r\n Episode : Old title\r\ntags: leadership, trust\r\n"
        b"path: show/ep01-trust.txt\r\n---\r\nMy words.\r\n"
    )
    note = store.load(ep)
    assert note.body == "My words.\r\n"
    assert note.header_extra == {"tags": "leadership, trust"}
    assert note.title == ep.title != "Old title"  # the header is brought up to date on load
    fields, body = parse_note(path.read_bytes().decode("utf-8"))
    assert fields is not None
    assert fields["episode"] == ep.title
    assert fields["fingerprint"] == fingerprint(ep)
    assert fields["tags"] == "leadership, trust"
    assert body == "My words.\r\n"


def test_a_note_without_header_is_all_body(library: Path, store: NotesStore) -> None:
    ep = episode(library, "show/ep01-trust.txt")
    path = store.note_path(ep.id)
    path.parent.mkdir(parents=True)
    text = "---\n\nJust a rule and my notes, written by hand.\n"
    path.write_text(text, encoding="utf-8")
    assert parse_note(text) == (None, text)
    (listed,) = store.all_notes()
    assert (listed.episode_id, listed.body) == (ep.id, text)  # found by its file name
    assert store.load(ep).body == text
    fields, body = parse_note(path.read_text(encoding="utf-8"))  # now with a header
    assert fields is not None
    assert body == text
