"""Every mark of a library in one list: highlights with their comment, tags and colour, pull
quotes with their speaker and time, named from the index; filtered and ordered as the browser
asks."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from reader.annotations import HIGHLIGHT, PULL_QUOTE, MarkFilter, collect_marks, filter_marks
from reader.annotations.filtering import BY_EPISODE, NEWEST, ordered, since_iso
from reader.annotations.quoting import attribute_old_highlights
from reader.notes import NotesStore
from reader.search.index import LibraryIndex

from .conftest import EP1, EP6


def _marks(index: LibraryIndex, library: Path, data_dir: Path):
    return collect_marks(index.stored_documents(), NotesStore(data_dir, library).all_notes())


def test_highlights_and_pull_quotes_of_the_whole_library(
    marked_index: LibraryIndex, marked_library: Path, data_dir: Path
) -> None:
    found = _marks(marked_index, marked_library, data_dir)
    highlights = [m for m in found.marks if m.kind == HIGHLIGHT]
    quotes = [m for m in found.marks if m.kind == PULL_QUOTE]
    assert len(highlights) == 3
    audit = next(m for m in highlights if m.text == "calendar audit with a client")
    assert (audit.episode_id, audit.title, audit.show, audit.number) == (
        EP1, "Leaders Who Delegate", "Harbour Leadership", 1,
    )  # fmt: skip
    assert (audit.color, audit.tags, audit.comment) == (
        "green", ("clients", "time"), "Try this\nwith the Tuesday group.",
    )  # fmt: skip
    pull = next(m for m in quotes if m.episode_id == EP1)
    assert pull.text == "Delegation builds trust, and trust builds teams."
    assert pull.speaker == "Maya Okafor"
    assert pull.start is not None
    assert found.noted == {EP1, EP6}
    assert found.tags() == ["clients", "delegation", "time"]


def test_old_highlights_get_their_speaker_and_time_from_the_transcript(
    marked_index: LibraryIndex, marked_library: Path, data_dir: Path
) -> None:
    found = _marks(marked_index, marked_library, data_dir)
    before = {m.text: m.speaker for m in found.marks if m.kind == HIGHLIGHT}
    assert before["Delegating the audit was the best choice"] is None  # kept nothing
    after = {
        m.text: (m.speaker, m.time) for m in attribute_old_highlights(found.marks, marked_library)
    }
    assert after["Delegating the audit was the best choice"] == ("Grace Obi", 8.5)
    assert after["Psychological safety came up too"] == ("Maya Okafor", 30.0)  # as it kept


def test_each_filter_and_both_orders(
    marked_index: LibraryIndex, marked_library: Path, data_dir: Path
) -> None:
    marks = attribute_old_highlights(
        _marks(marked_index, marked_library, data_dir).marks, marked_library
    )

    def texts(**wanted: object) -> list[str]:
        return sorted(m.text for m in filter_marks(marks, MarkFilter(**wanted)))  # type: ignore[arg-type]

    assert texts(kind=HIGHLIGHT, color="pink") == ["Psychological safety came up too"]
    assert texts(tag="CLIENTS") == ["calendar audit with a client"]
    assert texts(show="middle managers unite", kind=HIGHLIGHT) == [
        "Delegating the audit was the best choice"
    ]
    assert texts(speaker="Grace Obi", kind=HIGHLIGHT) == [
        "Delegating the audit was the best choice"
    ]
    assert "Delegation builds trust, and trust builds teams." in texts(episode=EP1, kind=PULL_QUOTE)
    assert texts(kind=HIGHLIGHT, since="2026-01-01T00:00:00Z") == [
        "Psychological safety came up too",
        "calendar audit with a client",
    ]
    newest = [m.text for m in ordered([m for m in marks if m.kind == HIGHLIGHT], NEWEST)]
    assert newest == [
        "Psychological safety came up too",
        "calendar audit with a client",
        "Delegating the audit was the best choice",
    ]
    by_episode = [m.text for m in ordered([m for m in marks if m.kind == HIGHLIGHT], BY_EPISODE)]
    assert by_episode == [
        "calendar audit with a client",  # Harbour Leadership, episode 1, in transcript order
        "Psychological safety came up too",
        "Delegating the audit was the best choice",  # Middle Managers Unite
    ]


def test_added_since_choices() -> None:
    now = datetime(2026, 3, 10, 15, 30, tzinfo=UTC)
    assert since_iso("any time", now) == ""
    assert since_iso("today", now) == "2026-03-10T00:00:00Z"
    assert since_iso("last 7 days", now) == "2026-03-03T00:00:00Z"
