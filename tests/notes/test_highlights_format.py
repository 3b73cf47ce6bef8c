"""Highlights file format 2 (tags, comment, speaker, time) and the move from format 1: files
written by hand in the old form load with every highlight, and keys this version does not know
survive a save."""

from __future__ import annotations

import json
from pathlib import Path

from reader.notes import Highlight, NotesStore
from reader.notes.model import parse_tags

from .sample import episode


def _write(store: NotesStore, episode_id: str, data: object) -> Path:
    path = store.highlights_path(episode_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


OLD_FORMAT = {
    "version": 1,
    "highlights": [
        {
            "id": "a1",
            "text": "Delegation builds trust",
            "before": "Good leaders delegate early. ",
            "after": ", and trust builds teams.",
            "start": 0,
            "end": 0,
            "created": "2025-03-01T10:00:00Z",
            "color": "green",
            "tag": "trust",
        },
        {"text": "Twelve hours came back to her."},  # the least an old file may hold
        {"id": "no-text", "color": "pink"},  # not a highlight we can show: kept as it was
    ],
}


def test_an_old_format_file_loads_every_highlight_and_its_tag(
    library: Path, store: NotesStore
) -> None:
    ep = episode(library, "show/ep01-trust.txt")
    _write(store, ep.id, OLD_FORMAT)
    note = store.load(ep)
    assert [h.text for h in note.highlights] == [
        "Delegation builds trust",
        "Twelve hours came back to her.",
    ]
    assert note.highlights[0].tags == ["trust"]
    assert note.highlights[0].color == "green"
    assert note.highlights[1].tags == []
    assert all(h.anchored for h in note.highlights)  # found again by their text


def test_saving_an_old_file_writes_format_2_and_drops_nothing(
    library: Path, store: NotesStore
) -> None:
    ep = episode(library, "show/ep01-trust.txt")
    path = _write(store, ep.id, OLD_FORMAT)
    note = store.load(ep)
    note.highlights[0].comment = "Ask the team\nabout this."
    note.highlights[0].tags = ["trust", "teams"]
    store.save(note)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 2
    entries = data["highlights"]
    assert len(entries) == 3  # the entry without text is still there, unchanged
    assert entries[2] == {"id": "no-text", "color": "pink"}
    assert entries[0]["tags"] == ["trust", "teams"]
    assert entries[0]["tag"] == "trust"  # an older version still reads a tag
    assert entries[0]["comment"] == "Ask the team\nabout this."

    again = NotesStore(store.folder.parent.parent, library).load(ep)
    assert again.highlights[0].comment == "Ask the team\nabout this."
    assert again.highlights[0].tags == ["trust", "teams"]


def test_a_bare_list_of_old_highlights_still_loads(library: Path, store: NotesStore) -> None:
    ep = episode(library, "show/ep01-trust.txt")
    _write(store, ep.id, [{"text": "Delegation builds trust", "tag": "x"}])
    note = store.load(ep)
    assert [(h.text, h.tags) for h in note.highlights] == [("Delegation builds trust", ["x"])]


def test_keys_this_version_does_not_know_are_kept(library: Path, store: NotesStore) -> None:
    ep = episode(library, "show/ep01-trust.txt")
    newer = {
        "version": 3,
        "synced_with": {"device": "tablet", "at": "2027-01-01"},
        "highlights": [
            {
                "text": "Delegation builds trust",
                "tags": ["trust"],
                "comment": "c",
                "color": "blue",
                "reactions": ["👍", "💡"],
                "ink": {"width": 2},
            }
        ],
    }
    path = _write(store, ep.id, newer)
    note = store.load(ep)
    assert note.highlights[0].color == "blue"
    note.highlights[0].color = "pink"  # a change made here
    store.save(note)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["synced_with"] == {"device": "tablet", "at": "2027-01-01"}
    entry = data["highlights"][0]
    assert entry["reactions"] == ["👍", "💡"]
    assert entry["ink"] == {"width": 2}
    assert entry["color"] == "pink"
    assert entry["comment"] == "c"


def test_tags_typed_in_one_box() -> None:
    assert parse_tags(" idea, #follow up ,, Idea,  team  work ") == [
        "idea",
        "follow up",
        "team work",
    ]


def test_speaker_and_time_round_trip_and_bad_values_are_ignored() -> None:
    text = "x" * 20 + "PASSAGE" + "y" * 20
    h = Highlight.create(text, 20, 27, tags=["a", "b"])
    h.speaker, h.time = "Maya", 12.5
    again = Highlight.from_json(json.loads(json.dumps(h.to_json())))
    assert again == h
    odd = Highlight.from_json({"text": "t", "time": "soon", "speaker": 3, "tags": "nope"})
    assert odd is not None
    assert (odd.time, odd.speaker, odd.tags) == (None, None, [])
