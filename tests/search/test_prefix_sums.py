"""A short prefix's many words summed in one pass score exactly as child after child, and
a damaged cached text is still caught when the hits' edges are tested once per letter."""

from __future__ import annotations

import numpy as np

from reader.search.health import text_fits
from reader.search.whoosh_ext.blocks.sums import summed


def _child_by_child(ids, scores, boost, docs):
    """Whoosh's ArrayUnionMatcher as the block engine first mirrored it."""
    total = np.zeros(docs)
    for child_ids, child_scores in zip(ids, scores, strict=True):
        total[child_ids] += child_scores * boost
    union = np.unique(np.concatenate(ids))
    kept = total[union]
    return union[kept != 0], kept[kept != 0]


def test_summed_scores_equal_child_by_child_to_the_last_bit():
    rng = np.random.default_rng(7)
    docs = 3000
    ids = [np.unique(rng.integers(0, docs, rng.integers(1, 400))) for _ in range(300)]
    # Scores of very different sizes, so the order of additions shows in the last bits.
    scores = [rng.random(len(i)) * 10.0 ** rng.integers(-6, 6) for i in ids]
    scores[3][:5] = 0.0  # documents that score 0 are dropped, as the matcher skips them
    got_ids, got = summed(ids, scores, 1.7, True, docs)
    want_ids, want = _child_by_child(ids, scores, 1.7, docs)
    assert np.array_equal(got_ids, want_ids)
    assert got.tobytes() == want.tobytes()


def test_unscored_sums_give_every_document_once_with_score_one():
    ids = [np.array([1, 4, 9]), np.array([0, 4]), np.array([9])]
    got_ids, got = summed(ids, [np.ones(3), np.ones(2), np.ones(1)], 1.0, False, 10)
    assert got_ids.tolist() == [0, 1, 4, 9]
    assert got.tolist() == [1.0, 1.0, 1.0, 1.0]


def test_a_text_damaged_at_one_hit_among_many_on_the_same_letters_does_not_fit():
    text = "make more money, " * 50 + "make more money"
    starts = [i * 17 for i in range(51)]
    spans = [(s, s + 4) for s in starts] + [(s + 10, s + 15) for s in starts]
    assert text_fits(text, spans)
    assert not text_fits(text[:-5] + "\x00" * 5, spans)  # the last hit zeroed
    assert not text_fits(text, [*spans, (len(text) - 2, len(text) + 1)])  # past the end
    assert not text_fits(text, [*spans, (5, 5)])  # an empty hit
    assert not text_fits(text, [*spans, (4, 6)])  # starts on a space
    assert not text_fits(text, (span for span in [*spans, (12, 16)]))  # ends on a comma
