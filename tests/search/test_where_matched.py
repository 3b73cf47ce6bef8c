"""Results say where they matched: a row ranked for its title, a pull quote, the speakers or
the user's notes counts that match and shows it marked, never "0 matches" above 75."""

from __future__ import annotations

import pytest

from reader.search.index import LibraryIndex
from reader.search.results import SearchHit

FILLER = "We spoke about budgets and the weekly review with the whole team."


@pytest.fixture
def where_ix(index_of) -> LibraryIndex:
    """Episodes where the word "zephyr" stands in one place each, and one that says it 75 times."""
    episodes = {
        "ep01-title.md": "# Episode 1: Onboarding Zephyr\n\n**Maya Okafor:** {f}\n",
        "ep02-quote.md": (
            "# Episode 2: Quiet Rooms\n\n**Maya Okafor:** {f} Carry a zephyr lantern for the"
            " team.\n\n> “Carry a zephyr lantern for the team.” — Maya Okafor\n"
        ),
        "ep03-speaker.md": "# Episode 3: Hiring Well\n\n**Zephyr Barrow:** {f}\n",
        "ep04-many.md": "# Episode 4: Windy Days\n\n**Sam Lee:** {many}\n",
        "ep05-notes.md": "# Episode 5: Plain Talk\n\n**Sam Lee:** {f}\n",
    }
    many = " ".join(["The zephyr came again."] * 75)
    ix = index_of({name: body.format(f=FILLER, many=many) for name, body in episodes.items()})
    assert ix.update_notes("ep05-notes.md", "Ask about the zephyr project next week.")
    return ix


def marked(hit: SearchHit, field: str) -> list[str]:
    (snippet,) = [s for s in hit.snippets if s.field == field]
    return [snippet.text[s:e] for s, e in snippet.highlights]


def test_each_row_says_where_it_matched_counts_it_and_marks_it(where_ix: LibraryIndex):
    hits = {hit.path: hit for hit in where_ix.search("zephyr", limit=None).hits}
    assert set(hits) == {f"ep0{n}-{k}.md" for n, k in enumerate(
        ["title", "quote", "speaker", "many", "notes"], 1)}  # fmt: skip
    expected = {
        "ep01-title.md": ("title", ["Zephyr"]),
        "ep03-speaker.md": ("speakers", ["Zephyr"]),
        "ep05-notes.md": ("notes", ["zephyr"]),
    }
    for path, (field, words) in expected.items():
        hit = hits[path]
        assert hit.fields == [field], path
        assert hit.matches == 1, path
        assert marked(hit, field) == words
        assert hit.snippets[0].field == field  # the row's snippet is where it matched
    # A pull quote is said in the conversation too: both places count and are shown.
    quoted = hits["ep02-quote.md"]
    assert (quoted.fields, quoted.matches) == (["transcript", "quotes"], 2)
    assert marked(quoted, "quotes") == ["zephyr"]
    assert hits["ep04-many.md"].fields == ["transcript"]
    assert hits["ep04-many.md"].matches == 75
    assert hits["ep05-notes.md"].in_notes


def test_no_row_ranked_above_another_says_0_matches(where_ix: LibraryIndex):
    for query in ("zephyr", "onboarding", "lantern", "barrow", "zephyr project"):
        hits = where_ix.search(query, limit=None).hits
        assert hits, query
        assert all(hit.matches >= 1 and hit.fields for hit in hits), query


def test_a_phrase_in_the_title_is_marked_as_one_run(where_ix: LibraryIndex):
    (hit,) = where_ix.search('"onboarding zephyr"').hits
    assert (hit.fields, hit.matches) == (["title"], 1)
    assert marked(hit, "title") == ["Onboarding Zephyr"]


def test_fields_are_told_apart_across_segments_and_replaced_versions(where_ix: LibraryIndex):
    """A title changed by a later sync (its old version deleted, its new one in another
    segment) and an episode added then: each row names the fields of the version shown."""
    from reader.library.sync import sync_library

    library = where_ix.library
    (library / "ep01-title.md").write_text(f"# Episode 1: Onboarding\n\n**Maya Okafor:** {FILLER}"
                                           " A zephyr passed.\n", encoding="utf-8")  # fmt: skip
    (library / "ep06-later.md").write_text(f"# Episode 6: Zephyr Again\n\n**Sam Lee:** {FILLER}\n")
    report = sync_library(where_ix)
    assert (len(report.added), len(report.updated)) == (1, 1)
    assert len(where_ix.searcher.reader().leaf_readers()) > 1  # (several segments)
    hits = {hit.path: hit for hit in where_ix.search("zephyr", limit=None).hits}
    assert hits["ep01-title.md"].fields == ["transcript"]  # no longer in its title
    assert hits["ep06-later.md"].fields == ["title"]
    assert marked(hits["ep06-later.md"], "title") == ["Zephyr"]
    assert hits["ep03-speaker.md"].fields == ["speakers"]
    assert hits["ep05-notes.md"].fields == ["notes"]
