"""Fingerprints and anchoring: a highlight is found again in an edited transcript."""

from __future__ import annotations

import re
from pathlib import Path

from reader.notes import (
    Highlight,
    NotesStore,
    anchor,
    fingerprint,
)

from .sample import EP1, episode


def test_fingerprint_ignores_whitespace_but_not_words(library: Path) -> None:
    ep = episode(library, "show/ep01-trust.txt")
    assert re.fullmatch(r"b2:[0-9a-f]{32}", fingerprint(ep))
    (library / "show" / "spaced.txt").write_text(
        EP1.replace("Good leaders", "Good   leaders").replace("\n\n", "\n\n\n"), encoding="utf-8"
    )
    assert fingerprint(episode(library, "show/spaced.txt")) == fingerprint(ep)
    assert fingerprint(episode(library, "show/ep02-feedback.txt")) != fingerprint(ep)


def _highlight(text: str, passage: str, occurrence: int = 0) -> Highlight:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(passage, start + 1)
    return Highlight.create(text, start, start + len(passage))


def test_anchor_keeps_exact_offsets_when_nothing_changed() -> None:
    text = "One. Trust builds teams. Two."
    h = _highlight(text, "Trust builds teams.")
    assert anchor(h, text) == (h.start, h.end)


def test_anchor_follows_text_inserted_before_the_passage() -> None:
    old = "Intro.\n\nMaya: Delegation builds trust, and trust builds teams. Then more."
    h = _highlight(old, "Delegation builds trust")
    new = "A new introduction was added by the editor.\n\n" + old.replace("Then", "And then")
    span = anchor(h, new)
    assert span is not None
    assert new[span[0] : span[1]] == "Delegation builds trust"
    assert span[0] == h.start + len("A new introduction was added by the editor.\n\n")


def test_anchor_picks_the_occurrence_with_the_matching_context() -> None:
    old = (
        "Maya said: trust builds teams, every single time. "
        "Later Grace said: trust builds teams, but only slowly."
    )
    h = _highlight(old, "trust builds teams", occurrence=1)  # Grace's
    new = "Cold open. " + old.replace("every single time", "always")
    span = anchor(h, new)
    assert span is not None
    assert new[span[0] : span[1]] == "trust builds teams"
    assert new[span[0] - len("Grace said: ") : span[0]] == "Grace said: "


def test_anchor_does_not_trust_old_offsets_that_now_hold_the_other_occurrence() -> None:
    old = "A: we hire slowly. B: we hire slowly."
    h = _highlight(old, "we hire slowly", occurrence=1)  # B's, at offset 22
    shift = h.start - old.index("we hire slowly")
    new = "x" * shift + old  # A's occurrence now sits exactly at B's old offsets
    assert new[h.start : h.end] == "we hire slowly"
    span = anchor(h, new)
    assert span == (h.start + shift, h.end + shift)


def test_anchor_tolerates_whitespace_and_case_changes_in_the_passage() -> None:
    old = "Before. Psychological Safety came up too. After."
    h = _highlight(old, "Psychological Safety came up")
    new = "Before.  psychological\nsafety   came up too. After."
    span = anchor(h, new)
    assert span is not None
    assert new[span[0] : span[1]] == "psychological\nsafety   came up"


def test_anchor_returns_none_when_the_passage_is_gone() -> None:
    old = "Maya: Delegation builds trust. Grace: Hiring is hard."
    h = _highlight(old, "Delegation builds trust")
    assert anchor(h, "Maya: Something else entirely. Grace: Hiring is hard.") is None


def test_load_reanchors_and_keeps_highlights_that_are_not_found(
    library: Path, store: NotesStore
) -> None:
    ep = episode(library, "show/ep01-trust.txt")
    note = store.load(ep)
    a = _highlight(ep.text, "trust builds teams")
    b = _highlight(ep.text, "Twelve hours came back to her.")
    note.highlights = [a, b]
    store.save(note)
    (library / "show" / "ep01-trust.txt").write_text(
        EP1.replace("Maya: Good", "Maya: Welcome back. Good").replace(
            "Twelve hours came back to her.", "She got her evenings back."
        ),
        encoding="utf-8",
    )
    reimported = episode(library, "show/ep01-trust.txt")
    again = store.load(reimported)
    moved, gone = again.highlights
    assert reimported.text[moved.start : moved.end] == "trust builds teams"
    assert moved.start == a.start + len("Welcome back. ")
    assert moved.anchored
    assert not gone.anchored
    assert (gone.start, gone.end) == (b.start, b.end)  # kept as it was
    store.save(again)
    assert len(NotesStore(store.folder.parent.parent, library).load(reimported).highlights) == 2
