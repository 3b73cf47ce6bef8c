"""The words and phrases whose places are hits, per field, from one walk of the query:
negated parts are no hits, a phrase is one group, a word repeated is one group."""

from __future__ import annotations

from whoosh import query

from reader.search.query import groups_by_field, match_groups


def test_each_field_gets_its_own_groups_once():
    q = query.And(
        [
            query.Or([query.Term("text", "deleg"), query.Term("title", "deleg", boost=4.0)]),
            query.Phrase("text", ["new", "manag"]),
            query.Term("text", "deleg"),  # again: one group
            query.Not(query.Term("text", "hire")),
            query.AndNot(query.Term("speakers", "dana"), query.Term("text", "budget")),
            query.Phrase("text", []),  # an empty phrase is no group
        ]
    )
    by_field = groups_by_field(q)
    assert by_field == {
        "text": [["deleg"], ["new", "manag"]],
        "title": [["deleg"]],
        "speakers": [["dana"]],
    }
    for name in ("text", "title", "speakers", "notes"):
        assert match_groups(q, name) == by_field.get(name, [])
