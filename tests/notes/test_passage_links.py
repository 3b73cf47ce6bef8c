"""Passage links: made from a selection, read back, and found again in a re-imported
transcript whose text moved; anything malformed is refused without an exception."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.importers import import_file
from reader.model import Episode
from reader.notes.passage_links import (
    PassageLink,
    is_passage_url,
    make_link,
    parse_link,
    resolve,
)

CUES = [
    (1, "Daniel: Welcome back. Yes, it matters."),
    (4, "Daniel: We keep a calendar audit (every year) of what [really] costs us."),
    (8, "Grace: Yes, it matters. Delegating the audit was the best choice we made."),
]


def srt(cues: list[tuple[int, str]]) -> str:
    blocks = [
        f"{n}\n00:00:{t:02d},000 --> 00:00:{t + 2:02d},500\n{line}\n"
        for n, (t, line) in enumerate(cues, 1)
    ]
    return "\n".join(blocks)


def write(library: Path, cues: list[tuple[int, str]], name: str = "show/calendars.srt") -> Episode:
    path = library / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(srt(cues), encoding="utf-8")
    result = import_file(path, library)
    assert isinstance(result, Episode), result
    return result


def link_to(episode: Episode, words: str, occurrence: int = 0) -> PassageLink:
    starts = [m.start() for m in re.finditer(re.escape(words), episode.text)]
    start = starts[occurrence]
    link = make_link(episode, start, start + len(words))
    assert link is not None
    return link


def words_at(episode: Episode, span: tuple[int, int] | None) -> str:
    assert span is not None
    return " ".join(episode.text[span[0] : span[1]].split())


def test_a_link_names_the_episode_time_and_words_and_reads_back(tmp_path: Path):
    ep = write(tmp_path, CUES)
    link = link_to(ep, "Delegating the audit")
    url = link.url()
    assert url.startswith("episode-reader://passage?path=show/calendars.srt&t=8&at=")
    assert url.endswith("&text=Delegating+the+audit")
    assert parse_link(url) == link
    assert resolve(link, ep).span == (link.start, link.end)


def test_the_url_has_nothing_markdown_would_read_in_a_link_target(tmp_path: Path):
    ep = write(tmp_path, CUES, "show/odd (name) [1].srt")
    link = link_to(ep, "audit (every year) of what [really]")
    url = link.url()
    assert not set(url) & set(" ()[]<>\n\t\\`*")
    parsed = parse_link(url)
    assert parsed is not None
    assert (parsed.path, parsed.text) == ("show/odd (name) [1].srt", link.text)


def test_a_passage_is_found_again_after_a_reimport_that_shifted_the_text(tmp_path: Path):
    ep = write(tmp_path, CUES)
    link = parse_link(link_to(ep, "the best choice we made").url())
    assert link is not None
    edited = [(0, "Grace: A new opening line, added in a later version."), *CUES]
    edited[2] = (4, "Daniel: We keep a calendar audit of costs.")
    new = write(tmp_path, edited)
    found = resolve(link, new)
    assert found.span is not None
    assert found.span != (link.start, link.end)
    assert words_at(new, found.span) == "the best choice we made"


def test_the_time_picks_the_right_one_of_repeated_words_when_offsets_moved(tmp_path: Path):
    """ "Yes, it matters." is said at 0:01 and at 0:08; the link is to the second. A long
    edit before it moves it far from its old offset, nearer the first one: the time decides."""
    ep = write(tmp_path, CUES)
    link = link_to(ep, "Yes, it matters.", occurrence=1)
    assert ep.time_at(link.start) == 8
    long_edit = "Daniel: " + "We keep a calendar audit and talk it through. " * 8
    new = write(tmp_path, [CUES[0], (4, long_edit), CUES[2]])
    span = resolve(link, new).span
    assert span is not None
    assert words_at(new, span) == "Yes, it matters."
    assert new.time_at(span[0]) == 8
    # Without the time only the offset is left, and it points at the wrong one.
    no_time = PassageLink(link.path, link.text, start=link.start, end=link.end)
    assert new.time_at(resolve(no_time, new).span[0]) == 1


def test_words_across_paragraphs_are_found_with_the_blank_lines_between(tmp_path: Path):
    ep = write(tmp_path, CUES)
    start = ep.text.index("really")
    end = ep.text.index("Delegating") + len("Delegating")
    link = make_link(ep, start, end)
    assert link is not None
    assert "\n" not in link.text
    moved = write(tmp_path, [(0, "Grace: Hello."), *CUES])
    span = resolve(parse_link(link.url()), moved).span
    assert span is not None
    assert moved.text[span[0] : span[1]] == ep.text[start:end]


def test_a_long_passage_keeps_its_first_and_last_words_and_survives_an_edit_inside(
    tmp_path: Path,
):
    middle = "Daniel: " + " ".join(f"point number {n} about the budget." for n in range(30))
    ep = write(tmp_path, [CUES[0], (4, middle), CUES[2]])
    start = ep.text.index("Yes, it matters.")
    end = ep.text.index("we made.") + len("we made.")
    link = make_link(ep, start, end)
    assert link is not None
    assert link.tail
    assert len(link.url()) < 400
    assert ep.text[start:].startswith(link.text)
    assert ep.text[:end].endswith(link.tail)
    assert resolve(link, ep).span == (start, end)
    edited = middle.replace("point number 12", "the twelfth point, changed")
    new = write(tmp_path, [(0, "Grace: Intro."), CUES[0], (4, edited), CUES[2]])
    span = resolve(parse_link(link.url()), new).span
    assert span is not None
    assert words_at(new, span).startswith("Yes, it matters. point number 0")
    assert words_at(new, span).endswith("Delegating the audit was the best choice we made.")


def test_a_passage_that_is_gone_says_so_with_the_title(tmp_path: Path):
    ep = write(tmp_path, CUES)
    link = link_to(ep, "Delegating the audit")
    new = write(tmp_path, [CUES[0], CUES[1], (8, "Grace: We handed it to the team.")])
    found = resolve(link, new)
    assert not found
    assert found.span is None
    assert "no longer in" in found.reason
    assert new.title in found.reason
    assert found.near == new.text.index("We handed it")  # where the words were said, at 0:08


def test_an_empty_span_makes_no_link(tmp_path: Path):
    ep = write(tmp_path, CUES)
    blank = ep.text.index("\n\n")
    assert make_link(ep, blank, blank + 2) is None


@pytest.mark.parametrize(
    "url",
    [
        "",
        "https://example.com/?path=a.srt&text=x",
        "episode-reader://passage",
        "episode-reader://passage?text=words",
        "episode-reader://passage?path=a.srt",
        "episode-reader://other?path=a.srt&text=words",
        "episode-reader://passage/more?path=a.srt&text=words",
        "episode-reader://passage?path=../secret.txt&text=words",
        "episode-reader://passage?path=/etc/passwd&text=words",
        "episode-reader://passage?path=C:/x.srt&text=words",
        "episode-reader://passage?path=a\\..\\..\\b.srt&text=words",
        "episode-reader://passage?path=show/./b.srt&text=words",
        "episode-reader://passage?path=a//b.srt&text=words",
        "episode-reader://passage?path=a.srt%00&text=words",
        "episode-reader://passage?path=a.srt&path=b.srt&text=words",
        "episode-reader://passage?path=a.srt&text=words&head=w&tail=x",
        "episode-reader://passage?path=a.srt&head=words",
        "episode-reader://passage?path=a.srt&text=+++",
        "episode-reader://passage?path=a.srt&text=words&t=nan",
        "episode-reader://passage?path=a.srt&text=words&t=-1",
        "episode-reader://passage?path=a.srt&text=words&t=inf",
        "episode-reader://passage?path=a.srt&text=words&at=9-3",
        "episode-reader://passage?path=a.srt&text=words&at=x",
        "episode-reader://passage?path=a.srt&text=%FF%FE",
        "episode-reader://passage?path=a.srt&text=" + "w" * 9000,
        "episode-reader://[::1/passage?path=a.srt&text=words",
    ],
)
def test_malformed_links_are_refused(url: str):
    assert parse_link(url) is None


def test_junk_is_refused_without_an_exception():
    assert parse_link(None) is None
    assert parse_link(b"episode-reader://passage") is None
    rng = random.Random(15)
    alphabet = "episode-rad:/?&=%+path=text=t=at=0123456789.-\\\x00é[]()#"
    for _ in range(3000):
        junk = "episode-reader://passage?" + "".join(
            rng.choice(alphabet) for _ in range(rng.randint(0, 60))
        )
        link = parse_link(junk)
        assert link is None or (link.path and link.text)


@given(st.text(max_size=200))
def test_any_text_parses_or_is_refused(text: str):
    for url in (text, "episode-reader://passage?" + text):
        link = parse_link(url)
        if link is not None:
            assert parse_link(link.url()) == link


def test_odd_but_harmless_file_names_are_kept(tmp_path: Path):
    ep = write(tmp_path, CUES, "show/back\\slash\ttab +plus%.srt")
    link = link_to(ep, "Delegating the audit")
    assert parse_link(link.url()) == link


def test_only_the_app_scheme_counts_as_a_passage_url():
    assert is_passage_url("Episode-Reader://passage?x")
    assert not is_passage_url("https://example.com/episode-reader://")
