"""Speaker-labelled text exports: Otter, Rev, Descript, timed lines, ``Name: text`` (format 7)."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import pytest

from reader.importers import import_file
from reader.importers.base import Draft, ParseError
from reader.importers.formats.labelled_text import parse, sniff
from reader.importers.shared.speakers import plausible_name
from reader.model import Episode

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"

#: A guard against hangs, far above any real parse time (which the benchmark measures).
HANG_SECONDS = 20.0


def turns(draft: Draft) -> list[tuple[str | None, float | None, str]]:
    return [(s.speaker, s.start, s.text) for sec in draft.sections for s in sec.segments]


# --------------------------------------------------------------------------- Otter


def test_otter_header_lines_start_turns_with_times():
    draft = parse(
        "Maya Okafor  0:03\nHello there.\n\nSam Lee  1:02:03   \nHi.\nSecond line.\n\n"
        "Maya Okafor\t\t12:30\nBye.\n"
    )
    assert draft.format == "otter"
    assert turns(draft) == [
        ("Maya Okafor", 3.0, "Hello there."),
        ("Sam Lee", 3723.0, "Hi. Second line."),
        ("Maya Okafor", 750.0, "Bye."),
    ]


def test_otter_footer_is_dropped():
    draft = parse("A B  0:00\nHello.\n\nC D  0:05\nBye.\n\nTranscribed by https://otter.ai\n")
    assert turns(draft)[-1] == ("C D", 5.0, "Bye.")
    assert all("otter" not in t.lower() for *_, t in turns(draft))


def test_bold_otter_headers():
    draft = parse("**Maya Okafor**  0:00\nHi.\n\n**Sam**  0:04\nHello.\n")
    assert (draft.format, turns(draft)) == (
        "otter",
        [("Maya Okafor", 0.0, "Hi."), ("Sam", 4.0, "Hello.")],
    )


def test_a_colon_line_inside_an_otter_turn_stays_text():
    draft = parse("Maya  0:00\nHi.\n\nNote: that was fast.\n\nSam  0:04\nYes.\n")
    assert turns(draft) == [
        ("Maya", 0.0, "Hi."),
        ("Maya", None, "Note: that was fast."),
        ("Sam", 4.0, "Yes."),
    ]


def test_one_space_before_the_time_is_not_an_otter_header():
    assert sniff("Maya 0:03\nHello.\n\nSam 0:05\nHi.\n") == 0.0


# --------------------------------------------------------------------------- Rev, Descript


def test_rev_labels_with_text_on_the_next_or_same_line():
    draft = parse("Maya Okafor (00:01:23):\nHello.\n\nSam (00:01:30): Hi there.\n\nMore.\n")
    assert draft.format == "rev"
    assert turns(draft) == [
        ("Maya Okafor", 83.0, "Hello."),
        ("Sam", 90.0, "Hi there."),
        ("Sam", None, "More."),
    ]


def test_descript_labels():
    draft = parse("**Maya** [00:00:00] Hi.\n\n**Sam** [00:00:04]\nHello.\n")
    assert (draft.format, turns(draft)) == (
        "descript",
        [("Maya", 0.0, "Hi."), ("Sam", 4.0, "Hello.")],
    )


# --------------------------------------------------------------------------- timed lines


def test_bracketed_time_then_label():
    draft = parse("[00:01:23] Maya: Hello.\n[00:01:30] Sam Lee: Hi.\n[00:01:35] And more.\n")
    assert draft.format == "bracketed"
    assert turns(draft) == [
        ("Maya", 83.0, "Hello."),
        ("Sam Lee", 90.0, "Hi."),
        ("Sam Lee", 95.0, "And more."),
    ]


def test_bare_time_with_fraction_then_label():
    draft = parse("0:00:11.6 Maya: Hello.\n0:00:15.2 Sam: Hi.\n")
    assert (draft.format, turns(draft)) == (
        "bracketed",
        [("Maya", 11.6, "Hello."), ("Sam", 15.2, "Hi.")],
    )


# --------------------------------------------------------------------------- Name: text


def test_name_colon_turns_and_unlabelled_paragraphs_continue_the_speaker():
    draft = parse("Maya: Hello.\n\nSam: Hi.\n\nStill Sam here.\n\nMaya:\nBack to me.\n")
    assert draft.format == "name-colon"
    assert turns(draft) == [
        ("Maya", None, "Hello."),
        ("Sam", None, "Hi."),
        ("Sam", None, "Still Sam here."),
        ("Maya", None, "Back to me."),
    ]


def test_name_colon_one_turn_per_line_without_blank_lines():
    draft = parse("Maya: Hello.\nSam: Hi.\nMaya: How are you?\nSam: Fine.\n")
    assert [t[0] for t in turns(draft)] == ["Maya", "Sam", "Maya", "Sam"]


@pytest.mark.parametrize("word", ["First", "Remember"])
def test_a_one_off_word_label_inside_a_turn_is_text(word: str):
    draft = parse(f"Maya: Hello.\n{word}: we plan.\n\nSam: Hi.\n\nMaya: Bye.\n")
    assert turns(draft)[0] == ("Maya", None, f"Hello. {word}: we plan.")
    assert [t[0] for t in turns(draft)] == ["Maya", "Sam", "Maya"]


@pytest.mark.parametrize(
    "text",
    [
        "Note: this is a list of my thoughts.\n\nI wrote them on the train.\n\nMore prose here.\n"
        "\nAnd here.\n\nTip: read slowly.\n",
        "We met on Tuesday.\nAgenda: budget, hiring.\n\nThe budget is fine.\n\nHiring is slow.\n",
        "The thing is: nobody knows.\n\nThe thing is: we tried.\n\nThe thing is: it failed.\n",
        "Note: one.\nTip: two.\nWarning: three.\nSummary: four.\n",
    ],
    ids=["notes-in-prose", "agenda", "sentences", "notice-words"],
)
def test_prose_with_colons_is_not_labelled_text(text: str):
    assert sniff(text) == 0.0
    with pytest.raises(ParseError, match="no speaker-labelled turns found"):
        parse(text)


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("Maya", True),
        ("Maya Okafor", True),
        ("Ana de la Cruz", True),
        ("Speaker 2", True),
        ("Renée O’Brien-Laurent", True),
        ("The thing is", False),
        ("Note", False),
        ("This Is A Very Long Label", False),
        ("maya", False),
    ],
)
def test_plausible_names(name: str, ok: bool):
    assert plausible_name(name) is ok


# --------------------------------------------------------------------------- sniffing


def test_otter_export_is_recognised_with_any_suffix(tmp_path: Path):
    path = tmp_path / "call.md"
    path.write_text("Maya Okafor  0:03\nHello.\n\nSam  0:09\nHi.\n", encoding="utf-8")
    episode = import_file(path)
    assert isinstance(episode, Episode)
    assert episode.format == "otter"


def test_web_copied_page_with_pull_quotes_and_colon_lines_is_not_labelled_text():
    page = (
        "Episode 6: Trust First\n\nListen on Apple Podcasts\nListen on Spotify\n\n"
        "Full Episode Transcript\n\n"
        + "".join(
            f"Maya: point {i} about trust.\n\nSam: reply {i}.\n\n"
            f'"Trust is built daily, part {i}." ~ Maya Okafor Share on X\n\n'
            for i in range(3)
        )
    )
    assert sniff(page) == 0.0


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds are not present")
def test_seed_web_pages_are_not_labelled_text():
    for path in sorted(SEEDS.glob("*.txt")):
        assert sniff(path.read_text(encoding="utf-8", errors="replace")) == 0.0, path.name


def test_subtitles_with_name_colon_cues_are_not_claimed():
    srt = (
        "1\n00:00:01,000 --> 00:00:02,000\nMaya: Hi.\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\nSam: Yo.\n"
    )
    assert sniff(srt) == 0.0
    assert (
        sniff("WEBVTT\n\n00:01.000 --> 00:02.000\nMaya: Hi.\n\n00:03.000 --> 00:04.000\nSam: Yo.\n")
        == 0.0
    )


def test_scores():
    otter = "Maya  0:03\nHi.\n\nSam  0:05\nHello.\n"
    assert sniff(otter) == 0.9
    assert sniff(otter + "\nTranscribed by https://otter.ai\n") == 0.95
    assert sniff("Maya: Hi.\n\nSam: Hello.\n\nMaya: Bye.\n") == 0.75
    assert sniff("") == 0.0


# --------------------------------------------------------------------------- robustness, speed


@pytest.mark.parametrize(
    "text",
    [
        ("Word " * 20000) + " 0:03\n",
        ("A " * 20000) + ":\n",
        "Maya Okafor  0:03\n" + "x" * 200000 + "\n",
        ("Ab Cd Ef Gh Ij Kl Mn " * 3000) + "(00:01):\n",
    ],
    ids=["long-otter-like", "long-name-colon", "long-turn", "long-rev-like"],
)
def test_pathological_lines_never_hang(text: str):
    """A guard against catastrophic regex backtracking (minutes), not a speed test: the
    benchmark (tests/benchmarks/bench_import.py) measures speed."""
    started = time.perf_counter()
    sniff(text)
    with contextlib.suppress(ParseError):
        parse(text)
    assert time.perf_counter() - started < HANG_SECONDS


@pytest.mark.parametrize(
    "header",
    ["Maya Okafor  {m}:{s:02d}", "Maya Okafor ({m:02d}:{s:02d}):", "Maya Okafor: "],
    ids=["otter", "rev", "name-colon"],
)
def test_thirty_thousand_words_keep_every_turn(header: str):
    sentence = "Delegation starts with trust and ends with it. " * 5
    blocks = []
    for i in range(750):
        m, s = divmod(i * 7, 60)
        name = header.replace("Maya Okafor", "Maya Okafor" if i % 2 else "Sam Lee")
        blocks.append(name.format(m=m % 60, s=s) + "\n" + sentence)
    text = "\n\n".join(blocks) + "\n"
    assert len(text.split()) >= 30000
    draft = parse(text)
    assert len(turns(draft)) == 750


# --------------------------------------------------------------------------- samples, goldens


def test_bundled_otter_episode():
    episode = import_file(REPO / "episodes/lead-from-the-middle/ep31-hiring-your-first-manager.txt")
    assert isinstance(episode, Episode)
    assert (episode.format, episode.number, episode.title) == (
        "otter",
        31,
        "Hiring Your First Manager",
    )
    assert episode.show == "Lead From the Middle"
    assert episode.speakers == ["Daniel Reyes", "Aisha Karimi"]
    segs = episode.segments()
    assert (segs[0].speaker, segs[0].start) == ("Daniel Reyes", 2.0)
    assert (segs[1].speaker, segs[1].start) == ("Aisha Karimi", 60.0)
    assert segs[-1].text.endswith("Take care, everybody.")
    assert "otter.ai" not in episode.text
    assert "0:02" not in episode.text


def test_bundled_bold_otter_episode():
    episode = import_file(REPO / "episodes/lead-from-the-middle/ep35-managing-former-peers.txt")
    assert isinstance(episode, Episode)
    assert (episode.format, episode.number, episode.speakers) == (
        "otter",
        35,
        ["Daniel Reyes", "Marcus Bell"],
    )
    assert "**" not in episode.text
    assert "otter.ai" not in episode.text
    assert episode.segments()[1].start == 40.0


# --------------------------------------------------------------------------- new header shapes


def test_a_title_line_above_the_first_otter_header_is_title_and_number():
    draft = parse(
        "Onboarding New Leads - Episode 5\n\nSpeaker 1  0:03\nHello.\n\nSpeaker 2  0:09\nHi.\n"
    )
    assert (draft.title, draft.number) == ("Onboarding New Leads", 5)
    assert turns(draft) == [("Speaker 1", 3.0, "Hello."), ("Speaker 2", 9.0, "Hi.")]


def test_a_first_line_of_speech_is_not_taken_for_a_title():
    draft = parse("We are recording now.\n\nSpeaker 1  0:03\nHello.\n\nSpeaker 2  0:09\nHi.\n")
    assert draft.title is None
    assert turns(draft)[0] == (None, None, "We are recording now.")


@pytest.mark.parametrize(
    "lines",
    [
        "[00:00:00.000 --> 00:00:02.500]   Seeds first.\n"
        "[00:00:02.500 --> 00:00:05.000]   Then soil.\n",
        "00:00:00,000 --> 00:00:02,500  Seeds first.\n00:00:02,500 --> 00:00:05,000  Then soil.\n",
    ],
    ids=["brackets", "commas"],
)
def test_whisper_cli_console_output_is_timed_segments_not_subtitles(tmp_path: Path, lines: str):
    path = tmp_path / "talk.txt"
    path.write_text(lines, encoding="utf-8")
    episode = import_file(path)
    assert isinstance(episode, Episode), episode
    assert episode.format == "whisper-cli"
    assert [(s.start, s.end, s.text) for s in episode.segments()] == [
        (0.0, 5.0, "Seeds first. Then soil.")
    ]
    srt_copy = tmp_path / "talk.srt"  # even under an .srt name it is no SRT file
    srt_copy.write_text(lines, encoding="utf-8")
    assert getattr(import_file(srt_copy), "format", None) == "whisper-cli"


def test_an_srt_file_is_still_srt(tmp_path: Path):
    path = tmp_path / "talk.srt"
    path.write_text(
        "1\n00:00:00,000 --> 00:00:02,500\nSeeds first.\n\n"
        "2\n00:00:02,500 --> 00:00:05,000 X1:10 X2:90 Y1:5 Y2:20\nThen soil.\n",
        encoding="utf-8",
    )
    assert sniff(path.read_text(encoding="utf-8")) == 0.0
    assert getattr(import_file(path), "format", None) == "srt"
