"""Search as coaches use it: the query language, ranking, snippets and hit spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.library.sync import sync_library
from reader.search.index import LibraryIndex
from reader.search.sorts import SORTS

EP1 = "show-a/ep01-leaders-who-delegate.md"
EP2 = "show-a/ep02-feedback-basics.md"
EP6 = "show-b/ep06-calendars.srt"
EP7 = "show-b/ep07-hiring.txt"


@pytest.fixture
def ix(search_library: Path, tmp_path: Path):
    index = LibraryIndex(search_library, tmp_path / "cache")
    report = sync_library(index)
    assert report.failed == []
    yield index
    index.close()


def paths(ix: LibraryIndex, query: str, **kw) -> list[str]:
    return [hit.path for hit in ix.search(query, **kw).hits]


def spanned(ix: LibraryIndex, episode: str, query: str) -> list[str]:
    text = ix.text_of(episode)
    return [text[s:e] for s, e in ix.spans(episode, query)]


def test_words_are_stemmed_leading_finds_leaders(ix: LibraryIndex):
    assert EP1 in paths(ix, "leading")
    assert "leaders" in [w.lower() for w in spanned(ix, EP1, "leading")]
    assert set(paths(ix, "leader")) == set(paths(ix, "leading"))


def test_all_words_must_match_by_default(ix: LibraryIndex):
    assert paths(ix, "feedback specific") == [EP2]
    assert sorted(paths(ix, "feedback")) == [EP2, EP7]


def test_exact_phrase_matches_only_words_in_order(ix: LibraryIndex):
    assert paths(ix, '"calendar audit"') == [EP1]
    assert sorted(paths(ix, "calendar audit")) == [EP1, EP6]
    # The phrase is marked as one hit, not word by word.
    assert spanned(ix, EP1, '"calendar audit"') == ["calendar audit", "calendar audit"]


def test_or_not_minus_and_parentheses(ix: LibraryIndex):
    assert sorted(paths(ix, "hiring OR psychological")) == [EP1, EP7]
    assert paths(ix, "feedback NOT hiring") == [EP2]
    assert paths(ix, "feedback -hiring") == [EP2]
    assert sorted(paths(ix, "(hiring OR calendar) welcome")) == [EP1, EP6, EP7]


def test_prefix_and_opt_in_fuzzy(ix: LibraryIndex):
    assert sorted(paths(ix, "delegat*")) == [EP1, EP6]
    assert "Delegating" in spanned(ix, EP6, "delegat*")
    assert paths(ix, "delegaton") == []
    # The typo finds "delegation", and through it every form of the word, as a plain search.
    assert sorted(paths(ix, "delegaton~")) == sorted(paths(ix, "delegation")) == [EP1, EP6]
    assert "Delegating" in spanned(ix, EP6, "delegaton~")
    # The typo is compared as typed, not after stemming ("calender" would stem to "calend").
    assert sorted(paths(ix, "calender~")) == sorted(paths(ix, "calendar")) == [EP1, EP6]
    assert "leaders" in spanned(ix, EP1, "leaderz~")


def test_field_queries(ix: LibraryIndex):
    assert paths(ix, "title:feedback") == [EP2]
    assert sorted(paths(ix, "speaker:grace")) == [EP6, EP7]
    assert sorted(paths(ix, "show:harbour")) == [EP1, EP2]
    assert paths(ix, "quote:trust") == [EP1]
    assert paths(ix, "ep:6") == [EP6]
    assert paths(ix, "notes:anything") == []


def test_accents_and_case_are_folded(ix: LibraryIndex):
    assert paths(ix, "RENEE") == paths(ix, "renée")
    assert EP1 in paths(ix, "renee")


@pytest.mark.parametrize(
    "query", ['"calendar audit', "feedback OR", "(feedback", "title:", "*", "~", ")"]
)
def test_syntax_mistakes_still_give_best_effort_results(ix: LibraryIndex, query: str):
    results = ix.search(query)
    assert results.total == len(results.hits)


def test_unbalanced_quote_still_finds_the_words(ix: LibraryIndex):
    assert EP1 in paths(ix, '"calendar audit')


def test_did_you_mean_on_a_typo(ix: LibraryIndex):
    results = ix.search("psycholgical safety")
    assert results.total == 0
    assert results.suggestion == "psychological safety"
    assert ix.search("psychological safety").suggestion is None


def test_title_matches_rank_first(ix: LibraryIndex):
    # "feedback" is in EP2's title and EP7's body only.
    assert paths(ix, "feedback")[0] == EP2


def test_results_carry_counts_and_snippets_whose_spans_point_at_matches(ix: LibraryIndex):
    results = ix.search("calendar")
    assert results.total == 2
    by_path = {hit.path: hit for hit in results.hits}
    assert (by_path[EP1].matches, by_path[EP1].fields) == (2, ["transcript"])
    # One in the transcript, one in the title ("Calendars"): both counted.
    assert (by_path[EP6].matches, by_path[EP6].fields) == (2, ["transcript", "title"])
    for hit in results.hits:
        assert 1 <= len(hit.snippets) <= 4
        for snippet in hit.snippets:
            assert len(snippet.text) <= 230
            marked = [snippet.text[s:e].lower() for s, e in snippet.highlights]
            assert marked
            assert all(word in ("calendar", "calendars") for word in marked)


def test_sorting(ix: LibraryIndex):
    assert paths(ix, "welcome", sort="number") == [EP1, EP2, EP6, EP7]
    titles = [hit.title for hit in ix.search("welcome", sort="title").hits]
    assert titles == sorted(titles, key=str.casefold)
    with pytest.raises(ValueError, match="unknown sort"):
        ix.search("welcome", sort="colour")


def test_the_unsearched_list_is_in_the_order_the_sort_menu_names(tmp_path: Path):
    """Numbers as numbers (10 after 3) with numberless episodes last; titles ignoring case;
    dates with undated episodes last; "relevance" (nothing to rank) lists by number."""
    show = tmp_path / "lib" / "show"
    show.mkdir(parents=True)
    (show / "ep03-zebra.md").write_text(
        "---\ndate: 2023-05-01\n---\n# Episode 3: Zebra Crossings\n\nWelcome.\n", "utf-8"
    )
    (show / "ep10-apples.md").write_text("# Episode 10: apples and pears\n\nWelcome.\n", "utf-8")
    (show / "bonus.md").write_text("---\ndate: 2022-01-01\n---\n# Bonus Chat\n\nHi.\n", "utf-8")
    index = LibraryIndex(tmp_path / "lib", tmp_path / "cache")
    try:
        sync_library(index)
        listed = {sort: [e.title for e in index.episodes(sort)] for sort in SORTS}
        first = index.episodes()[0]
    finally:
        index.close()
    by_number = ["Zebra Crossings", "apples and pears", "Bonus Chat"]
    assert listed == {
        "relevance": by_number,
        "number": by_number,
        "title": ["apples and pears", "Bonus Chat", "Zebra Crossings"],
        "date": ["Bonus Chat", "Zebra Crossings", "apples and pears"],
    }
    assert (first.path, first.number, first.show, first.date) == (
        "show/ep03-zebra.md",
        3,
        None,
        "2023-05-01",
    )


def test_total_counts_every_match_beyond_the_limit(ix: LibraryIndex):
    results = ix.search("welcome", limit=2)
    assert results.total == 4
    assert len(results.hits) == 2


def test_hit_spans_are_in_document_order(ix: LibraryIndex):
    spans = ix.spans(EP1, "trust OR delegation")
    text = ix.text_of(EP1)
    marked = [text[s:e].lower() for s, e in spans]
    assert marked == ["delegation", "delegate", "delegation", "trust", "trust"]
    assert spans == sorted(spans)
    assert ix.spans("no/such-episode.md", "trust") == []


def test_sorted_results_report_no_relevance_score(ix: LibraryIndex):
    assert {hit.score for hit in ix.search("welcome", sort="title").hits} == {0.0}
    assert all(hit.score > 0 for hit in ix.search("welcome").hits)


def test_notes_are_searchable_and_marked_without_losing_the_episode(ix: LibraryIndex):
    assert ix.update_notes(EP2, "Remember the SBI model for tomorrow's review.")
    assert paths(ix, "notes:sbi") == [EP2]
    (hit,) = ix.search("sbi").hits  # plain searches look in notes too
    assert (hit.path, hit.in_notes, hit.matches, hit.fields) == (EP2, True, 1, ["notes"])
    (snippet,) = hit.snippets  # the note, with the word marked, not the transcript's opening
    assert snippet.field == "notes"
    assert [snippet.text[s:e] for s, e in snippet.highlights] == ["SBI"]
    assert ix.search("specific").hits[0].in_notes is False
    # Everything else about the episode is still indexed as before.
    assert paths(ix, "title:feedback") == [EP2]
    assert paths(ix, "ep:2") == [EP2]
    assert EP2 in paths(ix, "specific")
    assert spanned(ix, EP2, "specific") == ["specific", "Specific"]
    assert paths(ix, "welcome", sort="number") == [EP1, EP2, EP6, EP7]
    assert ix.update_notes(EP2, "")
    assert paths(ix, "sbi") == []
    assert not ix.update_notes("no/such.md", "x")


def test_new_episodes_take_their_notes_from_the_notes_source(search_library: Path, tmp_path):
    index = LibraryIndex(search_library, tmp_path / "other-cache")
    index.notes_source = lambda episode: "kanban board" if episode.id == EP7 else ""
    sync_library(index)
    assert paths(index, "notes:kanban") == [EP7]
    index.close()


def test_fast_indexing_stores_what_whoosh_analysis_gives():
    """Transcripts skip Whoosh's token objects when indexed; the terms, positions and
    character offsets stored must be exactly those of Whoosh's own analysis."""
    from whoosh import formats

    from reader.importers import import_file
    from reader.library import list_transcripts
    from reader.search.analysis import STEMMED
    from reader.search.whoosh_ext.postings import FastCharacters

    bundled = Path(__file__).parents[2] / "episodes"
    texts = [import_file(path, bundled).text for path in list_transcripts(bundled)]
    texts += ["", "Ça va? 3.14 a_b don't mr.smith..e", "日本語 テキスト", "a a b a"]
    whoosh, fast = formats.Characters(), FastCharacters()
    for text in texts:
        expected = sorted(
            (term, freq, whoosh.decode_characters(value))
            for term, freq, _w, value in whoosh.word_values(text, STEMMED.chain)
        )
        got = sorted(
            (term, freq, fast.decode_characters(value))
            for term, freq, _w, value in fast.word_values(text, STEMMED)
        )
        assert got == expected


def test_words_of_a_removed_episode_leave_prefix_and_suggestions(
    search_library: Path, tmp_path: Path
):
    ix = LibraryIndex(search_library, tmp_path / "cache")
    sync_library(ix)
    assert ix.search("psycholgical").suggestion == "psychological"
    assert paths(ix, "psycholog*") == [EP1]
    (search_library / EP1).unlink()
    sync_library(ix)
    assert paths(ix, "psycholog*") == []
    assert ix.search("psycholgical").suggestion is None
    assert "psychological" not in ix.vocabulary
    assert "delegating" in ix.vocabulary  # still said in EP6
    ix.close()


def test_missing_word_list_is_remade(search_library: Path, tmp_path: Path):
    ix = LibraryIndex(search_library, tmp_path / "cache")
    sync_library(ix)
    ix.close()
    for path in ix.folder.glob("words-*.json"):
        path.write_text("{damaged", encoding="utf-8")
    ix = LibraryIndex(search_library, tmp_path / "cache")
    assert ix.notice is None  # the index itself is fine
    assert sorted(paths(ix, "delegat*")) == [EP1, EP6]
    assert ix.search("psycholgical").suggestion == "psychological"
    ix.close()


def test_another_index_sees_new_words_after_a_commit(search_library: Path, tmp_path: Path):
    writer = LibraryIndex(search_library, tmp_path / "cache")
    sync_library(writer)
    reader = LibraryIndex(search_library, tmp_path / "cache", create=False)
    assert paths(reader, "skiplev*") == []
    (search_library / "show-a" / "ep09.md").write_text(
        "# Episode 9: Skips\n\n**Kenji Watanabe:** Skiplevels need an agenda.\n", encoding="utf-8"
    )
    sync_library(writer)
    reader.refresh()
    assert paths(reader, "skiplev*") == ["show-a/ep09.md"]
    assert paths(reader, "skiplevel~") == ["show-a/ep09.md"]
    writer.close()
    reader.close()


def test_a_word_list_first_needed_after_a_commit_is_that_commits(
    search_library: Path, tmp_path: Path
):
    """The word list is read when a query first needs it: by then it must be the list of
    the commit the searcher reads, not of the one the index was opened on."""
    writer = LibraryIndex(search_library, tmp_path / "cache")
    sync_library(writer)
    reader = LibraryIndex(search_library, tmp_path / "cache", create=False)
    assert paths(reader, "agenda") == []  # words only: the list is not needed yet
    (search_library / "show-a" / "ep09.md").write_text(
        "# Episode 9: Skips\n\n**Kenji Watanabe:** Skiplevels need an agenda.\n", encoding="utf-8"
    )
    sync_library(writer)
    reader.refresh()
    assert paths(reader, "skiplev*") == ["show-a/ep09.md"]
    assert reader.vocabulary.generation == reader.generation()
    writer.close()
    reader.close()


def test_tidy_merges_small_updates_and_keeps_every_episode(search_library: Path, tmp_path: Path):
    ix = LibraryIndex(search_library, tmp_path / "cache")
    sync_library(ix)
    for n in range(3):  # three one-file updates, as when editing transcripts one by one
        (search_library / "show-a" / f"ep1{n}.md").write_text(
            f"# Episode 1{n}: Extra\n\n**Kenji Watanabe:** Zorblat{n} rituals help.\n",
            encoding="utf-8",
        )
        sync_library(ix)
    before = {q: sorted(paths(ix, q)) for q in ["zorblat*", "delegation", '"calendar audit"']}
    assert ix.tidy()
    assert not ix.tidy()  # nothing small is left to merge
    assert ix.doc_count() == 7
    assert {q: sorted(paths(ix, q)) for q in before} == before
    assert len(before["zorblat*"]) == 3
    ix.close()
    reopened = LibraryIndex(search_library, tmp_path / "cache")
    assert reopened.notice is None
    assert paths(reopened, "zorblat1") == ["show-a/ep11.md"]
    assert len(paths(reopened, "zorblat1~")) == 3  # the word list came through: 0, 1 and 2
    assert sync_library(reopened).unchanged == 7
    reopened.close()
