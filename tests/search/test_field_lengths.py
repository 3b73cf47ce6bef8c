"""The first search after a commit reads each segment's field lengths in one piece, and
gets the lengths Whoosh gives one document at a time."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh.reading import SegmentReader

from reader.library.sync import sync_library
from reader.search.index import LibraryIndex
from reader.search.whoosh_ext.scoring import _column_lengths


@pytest.fixture
def ix(search_library: Path, tmp_path: Path):
    index = LibraryIndex(search_library, tmp_path / "cache")
    sync_library(index)
    # A second segment, and a deleted document in the first.
    changed = search_library / "show-a" / "ep02-feedback-basics.md"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nMore feedback here.\n")
    (search_library / "extra.md").write_text("# Extra\n\n**Ann:** Feedback, then more.\n")
    sync_library(index)
    yield index
    index.close()


def test_lengths_read_in_one_piece_are_those_of_each_document(ix: LibraryIndex):
    whole = ix._searcher.reader()
    readers = [r for r, _ in whole.leaf_readers()]
    assert len(readers) >= 2
    assert any(r.has_deletions() for r in readers)
    for reader in readers:
        for field in ("text", "title", "notes"):
            one_by_one = [
                reader.doc_field_length(n, field, 1) for n in range(reader.doc_count_all())
            ]
            assert _column_lengths(reader, field) == one_by_one
    for field in ("text", "title", "notes"):  # the index as a whole, as one reader
        one_by_one = [whole.doc_field_length(n, field, 1) for n in range(whole.doc_count_all())]
        assert _column_lengths(whole, field) == one_by_one


def test_the_first_search_after_a_commit_looks_up_no_length_alone(
    ix: LibraryIndex, monkeypatch: pytest.MonkeyPatch
):
    calls: list[int] = []
    original = SegmentReader.doc_field_length

    def counted(reader, *args, **kwargs):
        calls.append(1)
        return original(reader, *args, **kwargs)

    monkeypatch.setattr(SegmentReader, "doc_field_length", counted)
    (ix.library / "another.md").write_text("# Another\n\n**Ben:** Feedback again.\n")
    sync_library(ix)  # a commit: new segment readers, nothing cached for them
    hits = ix.search("feedback").hits
    assert {"another.md", "extra.md"} <= {hit.path for hit in hits}
    assert calls == []


def test_a_segment_that_only_lost_a_document_keeps_its_lengths(
    search_library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A one-file commit deletes a document of a big segment, which opens a new reader of
    it: the next search reads the new segment's lengths only, and scores as before."""
    from reader.search.whoosh_ext import scoring

    index = LibraryIndex(search_library, tmp_path / "cache")
    try:
        sync_library(index)
        index.search("feedback")  # the lengths read once
        changed = search_library / "show-a" / "ep02-feedback-basics.md"
        changed.write_text(changed.read_text(encoding="utf-8") + "\nMore feedback here.\n")
        sync_library(index)
        read: list[str] = []
        real = scoring._read_lengths

        def reading(reader, fieldname: str) -> list[int]:
            read.append(reader.segment().segment_id())
            return real(reader, fieldname)

        monkeypatch.setattr(scoring, "_read_lengths", reading)
        found = index.search("feedback")
        readers = [r for r, _ in index.searcher.reader().leaf_readers()]
        old = [r.segment().segment_id() for r in readers if r.has_deletions()]
        assert old  # (the first segment lost the document, and has a new reader)
        assert read  # the new segment's
        assert not set(read) & set(old)
        monkeypatch.setattr(scoring, "_BY_SEGMENT", {})  # as a fresh process reads them
        monkeypatch.setattr(scoring, "_LENGTHS", scoring.weakref.WeakKeyDictionary())
        fresh = index.search("feedback")
        assert [(h.path, h.score) for h in found.hits] == [(h.path, h.score) for h in fresh.hits]
    finally:
        index.close()
