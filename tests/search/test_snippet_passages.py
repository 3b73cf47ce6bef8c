"""Snippets show the conversation: not the intro that only names the show, and never a
heading run into the sentence after it (issue 13)."""

from __future__ import annotations

import random
import re
from bisect import bisect_left, bisect_right

import pytest

from reader.search.index import LibraryIndex
from reader.search.snippets import _Aside, name_pattern

INTRO = (
    "Daniel Reyes  0:00\nWelcome to Coaching Corner, episode five. It is good to be here with"
    " you all today and I hope the week went well for everyone listening.\n\n"
    "Grace Obi  0:12\nThanks. I have been thinking about budgets and hiring plans and the long"
    " list of meetings that fill my week, which is a lot to carry around.\n\n"
    "Daniel Reyes  0:40\nWhen I started coaching new managers, the first thing we worked on"
    " was saying no to meetings.\n"
)
HEADED = (
    "# Episode 2: Handing Off\n\n## Why delegation matters\n\n"
    "**Maya Okafor:** Good leaders hand work off early.\n\n## Next steps\n\n"
    "**Maya Okafor:** Delegation is a habit.\n"
)


@pytest.fixture
def passages_ix(index_of) -> LibraryIndex:
    return index_of({"ep05-intro.txt": INTRO, "ep02-headed.md": HEADED})


def test_snippets_prefer_the_conversation_to_the_show_name_in_the_intro(passages_ix):
    (hit,) = passages_ix.search("coaching").hits
    assert hit.show == "Coaching Corner"
    transcript = [s for s in hit.snippets if s.field == "transcript"]
    assert transcript
    assert all("Coaching Corner" not in s.text for s in transcript)
    first = transcript[0]
    assert "coaching new managers" in first.text
    assert [first.text[a:b] for a, b in first.highlights] == ["coaching"]
    # Every match still counts (two in the transcript, one in the show's name); only the
    # passage shown changes.
    assert (hit.fields, hit.matches) == (["transcript", "show"], 3)


def test_a_heading_and_the_sentence_after_it_are_kept_apart(passages_ix):
    (hit,) = passages_ix.search("delegation").hits
    (snippet,) = [s for s in hit.snippets if s.field == "transcript"]
    assert snippet.text == (
        "Why delegation matters — Good leaders hand work off early. Next steps — "
        "Delegation is a habit."
    )
    assert [snippet.text[a:b] for a, b in snippet.highlights] == ["delegation", "Delegation"]


def _hits_in_matches_of_the_window(aside, text, lo, hi, starts, ends) -> int:
    """The count as first written: the name matched anew inside each window."""
    return sum(
        max(0, bisect_right(ends, m.end()) - bisect_left(starts, m.start()))
        for m in aside.finditer(text, lo, hi)
    )


@pytest.mark.parametrize("seed", range(20))
def test_hits_in_the_show_name_are_counted_per_window_as_matched_in_it(seed):
    rng = random.Random(seed)
    words = ["coaching", "corner", "team", "Coaching Corner", "the", "coaching corner!"]
    words += ["subcoaching corner", "coaching cornered", "_coaching corner", "écoaching corner"]
    text = " ".join(rng.choice(words) for _ in range(300))
    aside = name_pattern("Coaching Corner")
    assert aside is not None
    as_written = re.compile(r"\bCoaching\W+Corner\b", re.IGNORECASE)  # whole words only
    spans = [(m.start(), m.end()) for m in re.finditer(r"(?i)coaching|corner", text)]
    starts, ends = [s for s, _e in spans], [e for _s, e in spans]
    named = _Aside(aside, text, starts, ends)
    spaces = [0] + [m.end() for m in re.finditer(" ", text)]
    for _ in range(200):  # windows start after a space and end at one, as _window snaps them
        lo, hi = sorted(rng.sample(spaces, 2))
        want = _hits_in_matches_of_the_window(as_written, text, lo, hi, starts, ends)
        assert named.hits_in(lo, hi) == want, (lo, hi)
