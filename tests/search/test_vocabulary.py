"""The library's word list: what prefix, wildcard and typo searches and "Did you mean" see."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.search.vocabulary import Vocabulary, VocabularyError, edit_distance

WORDS = ["delegate", "delegated", "delegation", "deliver", "feedback", "feedbacks", "calendar"]


@pytest.fixture
def vocab() -> Vocabulary:
    v = Vocabulary()
    v.add(WORDS)
    v.add(["delegation", "calendar"])  # a second episode
    return v


def test_a_word_goes_with_its_last_episode(vocab: Vocabulary):
    vocab.remove(["delegation", "deliver"])
    assert "delegation" in vocab  # still in the other episode
    assert "deliver" not in vocab
    vocab.remove(["delegation"])
    assert "delegation" not in vocab
    vocab.remove(["never-there"])  # removing an unknown word is harmless
    assert len(vocab) == len(WORDS) - 2


def test_counts_from_other_processes_add_and_remove(vocab: Vocabulary):
    vocab.add_counts({"delegation": 3, "hiring": 2})
    assert (vocab.count("delegation"), vocab.count("hiring")) == (5, 2)
    vocab.remove_counts({"hiring": 2, "calendar": 1})
    assert "hiring" not in vocab
    assert vocab.count("calendar") == 1


def test_prefix_and_wildcard(vocab: Vocabulary):
    assert list(vocab.with_prefix("deleg")) == ["delegate", "delegated", "delegation"]
    assert list(vocab.with_prefix("zz")) == []
    assert list(vocab.matching("del*e?")) == ["delegated", "deliver"]
    assert list(vocab.matching("feedback?")) == ["feedbacks"]
    assert list(vocab.matching("*dar")) == ["calendar"]


def test_typos_within_reach(vocab: Vocabulary):
    assert vocab.within("delegaton", 1, prefixlength=2) == ["delegation"]
    assert vocab.within("calender", 1) == ["calendar"]
    assert vocab.within("feedbakc", 1) == ["feedback"]  # two letters swapped: one edit
    assert vocab.within("xalendar", 1, prefixlength=1) == []  # the first letter must match


def test_closest_prefers_fewer_edits_then_the_commoner_word():
    v = Vocabulary()
    v.add(["manager", "manger"])
    v.add(["manager"])
    assert v.closest("managr") == "manager"  # one edit from both; used by more episodes
    assert v.closest("manage") == "manager"
    assert v.closest("qqqqqq") is None


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("kitten", "sitting", 3), ("flaw", "lawn", 2), ("abcd", "abdc", 1), ("", "abc", 3)],
)
def test_edit_distance(a: str, b: str, distance: int):
    assert edit_distance(a, b, 5) == distance
    assert edit_distance(a, b, distance - 1) == distance  # limit + 1 once out of reach


def test_saved_list_reads_back(vocab: Vocabulary, tmp_path: Path):
    vocab.generation = 7
    vocab.save(tmp_path / "words.json")
    back = Vocabulary.load(tmp_path / "words.json")
    assert back.generation == 7
    assert list(back.with_prefix("")) == sorted(WORDS)
    assert back.count("delegation") == 2


def test_a_saved_list_is_in_alphabetical_order_and_still_counts(tmp_path: Path):
    """Words come in any order (as episodes add them); the file lists them sorted, so a
    fresh process's first prefix search sorts a list already in order."""
    v = Vocabulary()
    v.add(["zebra", "apple", "mango"])
    v.add(["mango"])
    list(v.with_prefix("m"))  # sorted once before a change: the save must not use that
    v.add(["banana"])
    v.save(tmp_path / "words.json")
    saved = json.loads((tmp_path / "words.json").read_text(encoding="utf-8"))["words"]
    assert list(saved) == ["apple", "banana", "mango", "zebra"]
    assert saved["mango"] == 2
    assert list(Vocabulary.load(tmp_path / "words.json").with_prefix("")) == list(saved)


@pytest.mark.parametrize("content", ["", "{not json", '{"version": 99, "words": {}}', "[]"])
def test_damaged_or_foreign_list_is_an_error_naming_the_file(tmp_path: Path, content: str):
    path = tmp_path / "words-3.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(VocabularyError, match=r"words-3\.json"):
        Vocabulary.load(path)


def test_only_searches_that_expand_words_read_the_word_list(
    search_library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Words, phrases and fields are searched by their stems: a fresh process reads the
    library's word list (hundreds of kilobytes of JSON at 10,000 episodes) only for a
    prefix, a wildcard or a typo."""
    from reader.library.sync import sync_library
    from reader.search.index import LibraryIndex

    first = LibraryIndex(search_library, tmp_path / "cache")
    sync_library(first)
    first.close()
    reads: list[Path] = []
    real = Vocabulary.load.__func__  # type: ignore[attr-defined]

    def load(cls: type[Vocabulary], path: Path) -> Vocabulary:
        reads.append(path)
        return real(cls, path)

    monkeypatch.setattr(Vocabulary, "load", classmethod(load))
    ix = LibraryIndex(search_library, tmp_path / "cache")
    try:
        for text in (
            "calendar",
            "calendar team",
            '"the calendar"',
            "title:feedback",
            "calendar -hiring",
        ):
            assert ix.search(text).total, text
        assert reads == []
        assert ix.search("calend*").total
        assert len(reads) == 1
    finally:
        ix.close()
