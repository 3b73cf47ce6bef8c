"""The text cache beside the index: kept compressed, and a damaged entry is refilled."""

from __future__ import annotations

import random
from pathlib import Path

from reader.library.sync import sync_library
from reader.search.index import LibraryIndex

WORDS = [
    "team",
    "manager",
    "meeting",
    "calendar",
    "feedback",
    "week",
    "decision",
    "trust",
    "hiring",
    "delegate",
    "review",
    "goal",
    "plan",
    "the",
    "of",
    "and",
    "to",
    "a",
    "you",
    "know",
    "that",
    "it",
    "is",
    "we",
    "was",
    "for",
    "on",
    "with",
    "as",
]


def _write_library(folder: Path, episodes: int = 3, words: int = 3000) -> Path:
    rng = random.Random(7)
    folder.mkdir()
    for n in range(1, episodes + 1):
        turns = [
            f"**{rng.choice(['Ann', 'Ben'])}:** " + " ".join(rng.choices(WORDS, k=60)) + "."
            for _ in range(words // 60)
        ]
        body = "\n\n".join(turns)
        (folder / f"ep{n}.md").write_text(f"# Episode {n}\n\n{body}\n", encoding="utf-8")
    return folder


def test_cached_texts_take_much_less_room_than_the_transcripts(tmp_path: Path):
    ix = LibraryIndex(_write_library(tmp_path / "lib"), tmp_path / "cache")
    sync_library(ix)
    text_bytes = sum(len(ix.text_of(path).encode("utf-8")) for path in ix.files())
    on_disk = sum(entry.stat().st_size for entry in ix.texts.iterdir())
    assert text_bytes > 3 * 15_000
    assert on_disk < 0.6 * text_bytes
    assert "calendar" in ix.search("calendar").hits[0].snippets[0].text.lower()
    ix.close()


def test_a_cut_cache_entry_gives_no_text_and_the_next_sync_refills_it(tmp_path: Path):
    """A cache file cut short (a crash, a full disk) is not taken for a shorter transcript."""
    ix = LibraryIndex(_write_library(tmp_path / "lib"), tmp_path / "cache")
    sync_library(ix)
    whole = ix.text_of("ep2.md")
    entry = ix.text_cache.path("ep2.md")
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])

    assert ix.text_of("ep2.md") == ""
    report = sync_library(ix)
    assert report.updated == ["ep2.md"]
    assert ix.text_of("ep2.md") == whole
    ix.close()
