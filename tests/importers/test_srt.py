"""SubRip subtitles (issue 3, rule 4): every quirk of real .srt files, asserted one by one."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.importers import import_file
from reader.importers.base import Draft, ParseError
from reader.importers.formats.srt import parse, sniff
from reader.importers.shared.captions import split_label
from reader.importers.shared.speakers import plausible_name
from reader.model import Episode

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
EPISODES = REPO / "episodes"


def turns(draft: Draft) -> list[tuple[str | None, float | None, float | None, str]]:
    return [(s.speaker, s.start, s.end, s.text) for sec in draft.sections for s in sec.segments]


def texts(draft: Draft) -> list[str]:
    return [s.text for sec in draft.sections for s in sec.segments]


def cue(index: int | None, times: str, *lines: str) -> str:
    head = f"{index}\n" if index is not None else ""
    return head + times + "\n" + "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- structure


def test_bom_and_crlf_file_reads_like_a_clean_one():
    episode = import_file(FIXTURES / "srt" / "bom-crlf.srt")
    assert isinstance(episode, Episode)
    assert [(s.speaker, s.start, s.end) for s in episode.segments()] == [
        ("Maya Lindqvist", 1.0, 6.0)
    ]
    assert "\ufeff" not in episode.text
    assert "\r" not in episode.text
    assert episode.segments()[0].text.startswith("Saved on Windows, with a byte order mark.")


def test_stray_bom_in_the_middle_of_a_concatenated_file_starts_no_junk():
    # parse() gets text straight from callers too, so it must cope with U+FEFF itself.
    text = (
        "\ufeff1\r\n00:00:01,000 --> 00:00:02,000\r\nAnna Berg: First file.\r\n\r\n"
        "\ufeff1\r\n00:00:03,000 --> 00:00:04,000\r\nBen Ode: Second file.\r\n"
    )
    draft = parse(text)
    assert turns(draft) == [
        ("Anna Berg", 1.0, 2.0, "First file."),
        ("Ben Ode", 3.0, 4.0, "Second file."),
    ]
    assert draft.warnings == []


def test_leading_and_repeated_blank_lines_are_ignored():
    text = "\n\n\n" + cue(1, "00:00:01,000 --> 00:00:02,000", "One.") + "\n\n\n\n"
    text += cue(2, "00:00:02,000 --> 00:00:03,000", "Two.")
    draft = parse(text)
    assert texts(draft) == ["One. Two."]
    assert draft.warnings == []


def test_lines_of_spaces_separate_cues_like_blank_lines():
    text = "1\n00:00:01,000 --> 00:00:02,000\nOne.\n   \n2\n00:00:02,000 --> 00:00:03,000\nTwo.\n"
    assert turns(parse(text)) == [(None, 1.0, 3.0, "One. Two.")]


def test_missing_indices():
    text = cue(None, "00:00:01,000 --> 00:00:02,000", "Anna Berg: No numbers.") + "\n"
    text += cue(None, "00:00:02,500 --> 00:00:04,000", "Still fine.")
    assert turns(parse(text)) == [("Anna Berg", 1.0, 4.0, "No numbers. Still fine.")]


def test_indices_starting_at_zero_are_not_text():
    text = cue(0, "00:00:00,000 --> 00:00:01,000", "Zero.") + "\n"
    text += cue(1, "00:00:01,000 --> 00:00:02,000", "One.")
    assert texts(parse(text)) == ["Zero. One."]


def test_cues_run_together_without_a_blank_line_still_part():
    text = cue(1, "00:00:01,000 --> 00:00:02,000", "Anna Berg: Hi.")
    text += cue(2, "00:00:02,000 --> 00:00:03,000", "Ben Ode: Hello.")
    assert turns(parse(text)) == [
        ("Anna Berg", 1.0, 2.0, "Hi."),
        ("Ben Ode", 2.0, 3.0, "Hello."),
    ]


# --------------------------------------------------------------------------- times


@pytest.mark.parametrize(
    ("time_line", "start", "end"),
    [
        ("00:00:01,250 --> 00:00:03,750", 1.25, 3.75),  # the standard
        ("00:00:01.250 --> 00:00:03.750", 1.25, 3.75),  # dot decimals
        ("00:00:01 --> 00:00:04", 1.0, 4.0),  # no milliseconds
        ("00:00:01,46 --> 00:00:03,5", 1.46, 3.5),  # short fractions are decimals
        ("00:00:01:500 --> 00:00:02:000", 1.5, 2.0),  # colon before the milliseconds
        ("00:00:01,2509 --> 00:00:02,0001", 1.25, 2.0),  # digits past the third are cut
        ("01:02:03,000 --> 01:02:04,000", 3723.0, 3724.0),
        ("00:00:01,000-->00:00:02,000", 1.0, 2.0),  # no spaces around the arrow
        ("00:00:01,000 --> 00:00:02,000  X1:100 X2:620 Y1:400 Y2:460", 1.0, 2.0),
    ],
)
def test_time_line_shapes(time_line: str, start: float, end: float):
    draft = parse(cue(1, time_line, "Words."))
    assert turns(draft) == [(None, start, end, "Words.")]
    assert draft.warnings == []


def test_two_digit_fractions_read_as_decimals_in_a_consistent_file():
    # ",46" is 0.46 s: a file that always writes two digits counts hundredths (ASS converters).
    text = cue(1, "00:00:01,46 --> 00:00:02,05", "A.") + "\n"
    text += cue(2, "00:00:03,50 --> 00:00:04,90", "B.")
    assert [(s, e) for _, s, e, _ in turns(parse(text))] == [(1.46, 4.9)]


def test_short_fractions_are_milliseconds_when_the_writer_drops_leading_zeros():
    # ",250" next to ",46" and ",5": a writer printing milliseconds without zero padding.
    text = cue(1, "00:00:01,250 --> 00:00:02,46", "Anna Berg: A.") + "\n"
    text += cue(2, "00:00:03,5 --> 00:00:04,100", "Ben Ode: B.")
    assert [(s, e) for _, s, e, _ in turns(parse(text))] == [(1.25, 2.046), (3.005, 4.1)]


def test_a_writer_that_trims_trailing_zeros_keeps_the_decimal_reading():
    text = cue(1, "00:00:01.046 --> 00:00:02.5", "Anna Berg: A.") + "\n"
    text += cue(2, "00:00:03.25 --> 00:00:04.125", "Ben Ode: B.")
    assert [(s, e) for _, s, e, _ in turns(parse(text))] == [(1.046, 2.5), (3.25, 4.125)]


def test_screen_coordinates_are_not_text():
    episode = import_file(FIXTURES / "srt" / "coordinates.srt")
    assert isinstance(episode, Episode)
    assert "X1" not in episode.text
    assert "620" not in episode.text


# --------------------------------------------------------------------------- cue text


def test_multi_line_cues_are_joined_with_spaces():
    draft = parse(cue(1, "00:00:01,000 --> 00:00:02,000", "A sentence broken", "for the screen."))
    assert texts(draft) == ["A sentence broken for the screen."]


@pytest.mark.parametrize(
    "line",
    [
        "<i>Plain</i> words.",
        "<b>Plain</b> <u>words</u>.",
        '<font color="#ffff00">Plain</font> <FONT face="Arial">words</FONT>.',
        "{\\an8}Plain words.",
        "{\\i1}Plain{\\i0} words.",
        "{\\pos(192,210)\\c&H00FFFF&}Plain words.",
        "<i>{\\an8}Plain</i>   words.",
    ],
)
def test_formatting_tags_are_stripped(line: str):
    assert texts(parse(cue(1, "00:00:01,000 --> 00:00:02,000", line))) == ["Plain words."]


def test_angle_brackets_that_are_not_tags_stay():
    draft = parse(cue(1, "00:00:01,000 --> 00:00:02,000", "If x <y and y> z, then x < z."))
    assert texts(draft) == ["If x <y and y> z, then x < z."]


def test_entities_are_decoded_and_invisible_marks_dropped():
    draft = parse(cue(1, "00:00:01,000 --> 00:00:02,000", "Tom &amp; Jerry&lrm; &#8212; AT&T"))
    assert texts(draft) == ["Tom & Jerry — AT&T"]


def test_empty_cues_are_dropped_silently():
    episode = import_file(FIXTURES / "srt" / "empty-cues.srt")
    assert isinstance(episode, Episode)
    assert [s.text for s in episode.segments()] == ["Before the silence.", "After the silence."]
    assert episode.warnings == []


# --------------------------------------------------------------------------- speakers


def test_speaker_label_carries_over_to_following_cues():
    text = cue(1, "00:00:01,000 --> 00:00:02,000", "Grace Obi: I label myself once.") + "\n"
    text += cue(2, "00:00:02,000 --> 00:00:03,000", "Then keep talking.") + "\n"
    text += cue(3, "00:00:03,000 --> 00:00:04,000", "Daniel Reyes: My turn.") + "\n"
    text += cue(4, "00:00:04,000 --> 00:00:05,000", "Still mine.")
    assert turns(parse(text)) == [
        ("Grace Obi", 1.0, 3.0, "I label myself once. Then keep talking."),
        ("Daniel Reyes", 3.0, 5.0, "My turn. Still mine."),
    ]


def test_colons_inside_speech_are_not_speakers():
    episode = import_file(FIXTURES / "srt" / "speaker-carry.srt")
    assert isinstance(episode, Episode)
    assert episode.speakers == ["Maya Lindqvist", "Owen Park", "Maya"]
    first = episode.segments()[0]
    assert first.speaker == "Maya Lindqvist"
    assert "Note: this line is still me" in first.text
    assert "Rule one: never cancel" in first.text
    assert "Step two: write it down. One thing: keep it short." in episode.segments()[1].text


@pytest.mark.parametrize(
    ("line", "speaker", "rest"),
    [
        ("Grace Obi: Thanks, Daniel.", "Grace Obi", "Thanks, Daniel."),
        ("Jordan: Hi, thanks.", "Jordan", "Hi, thanks."),
        ("Speaker 2: Hello.", "Speaker 2", "Hello."),
        ("SPEAKER_00: Hello.", "SPEAKER_00", "Hello."),
        ("Dr. Jane Smith: Hello.", "Dr. Jane Smith", "Hello."),
        ("Ludwig van Beethoven: Da da da.", "Ludwig van Beethoven", "Da da da."),
        ("Inés: ¿Qué tal?", "Inés", "¿Qué tal?"),
        ("Anna Berg:", "Anna Berg", ""),  # label on its own line, speech below
        ("Note: this is not a speaker.", None, None),
        ("Note: The rule still applies.", None, None),  # clause opener, even capitalised
        ("Rule one: never cancel.", None, None),
        ("One objective: families reach out.", None, None),
        ("We turned it into: two pieces.", None, None),
        ("Today: difficult conversations.", None, None),
        ("Step Two: Call Them.", None, None),
        ("So, Anna: what now?", None, None),
        ("Well I said: No.", None, None),
        ("A very long label of many words: Text.", None, None),
        ("At 10:30 we met.", None, None),
        ("Https://example.org is a link.", None, None),
    ],
)
def test_what_counts_as_a_speaker_label(line: str, speaker: str | None, rest: str | None):
    name, after = split_label(line, set())
    assert name == speaker
    assert after == (rest if speaker else line)


def test_a_known_speaker_may_start_speech_in_lower_case():
    assert split_label("Anna: and then we left.", set()) == (None, "Anna: and then we left.")
    assert split_label("Anna: and then we left.", {"Anna"}) == ("Anna", "and then we left.")


@pytest.mark.parametrize("name", ["Grace Obi", "Jordan", "Mary-Jane O'Neil", "Speaker 1", "J. R."])
def test_plausible_names(name: str):
    assert plausible_name(name)


@pytest.mark.parametrize("name", ["Note", "the host", "Rule one", "One Two Three Four Five", "Why"])
def test_implausible_names(name: str):
    assert not plausible_name(name)


def test_labels_inside_formatting_tags_are_found():
    draft = parse(cue(1, "00:00:01,000 --> 00:00:02,000", "<b>Grace Obi:</b> Hello."))
    assert turns(draft) == [("Grace Obi", 1.0, 2.0, "Hello.")]


def test_two_labels_in_one_cue_make_two_turns():
    draft = parse(cue(1, "00:00:01,000 --> 00:00:02,000", "Anna Berg: Hi.", "Ben Ode: Hello."))
    assert turns(draft) == [("Anna Berg", 1.0, 2.0, "Hi."), ("Ben Ode", 1.0, 2.0, "Hello.")]


def test_dialogue_dashes_split_turns():
    episode = import_file(FIXTURES / "srt" / "dialogue-dashes.srt")
    assert isinstance(episode, Episode)
    assert [(s.speaker, s.text) for s in episode.segments()] == [
        ("Maya Lindqvist", "Did you read the notes?"),
        ("Owen Park", "Twice. Good, then we can start."),
        ("Maya Lindqvist", "Any questions first?"),
        (None, "Just one, about the budget."),  # a reply from someone not named
        ("Owen Park", "The budget is fixed."),
        (None, "A lone dash just opens the line."),  # a dash opens a new speaker's turn
    ]
    assert not any(s.text.startswith("-") for s in episode.segments())


def test_dialogue_without_names_is_two_turns_without_dashes():
    draft = parse(cue(1, "00:00:01,000 --> 00:00:02,000", "- Where to?", "- Home."))
    assert texts(draft) == ["Where to?", "Home."]


def test_an_em_dash_opening_a_line_is_punctuation_not_dialogue():
    text = cue(1, "00:00:01,000 --> 00:00:02,000", "Anna Berg: The goal", "— a real one.")
    assert turns(parse(text)) == [("Anna Berg", 1.0, 2.0, "The goal — a real one.")]


# --------------------------------------------------------------------------- bad cues


def test_malformed_cues_are_skipped_with_warnings_naming_them():
    episode = import_file(FIXTURES / "srt" / "malformed-cues.srt")
    assert isinstance(episode, Episode)
    assert [s.text for s in episode.segments()] == [
        "The first cue is fine.",
        "And the file goes on after the damage.",
        "Nothing good is lost.",
    ]
    assert episode.warnings == [
        "cue 2 skipped: no valid time line ('00:00:0x,000 --> 00:00:05,000')",
        "cue 3 skipped: it ends (00:00:07.000) before it starts (00:00:09.000)",
        "cue 4 skipped: it has no time line",
        "text at line 16 skipped: it is in no cue ('%%@@ garbage ## line')",
    ]
    assert "garbage" not in episode.text
    assert "broken time line" not in episode.text


def test_a_cue_without_index_is_named_by_its_line():
    text = cue(1, "00:00:01,000 --> 00:00:02,000", "Good.") + "\n"
    text += cue(None, "00:00:09,000 --> 00:00:03,000", "Backwards.")
    draft = parse(text)
    assert texts(draft) == ["Good."]
    assert draft.warnings == [
        "cue at line 5 skipped: it ends (00:00:03.000) before it starts (00:00:09.000)"
    ]


def test_a_huge_junk_line_is_quoted_short_in_the_warning():
    draft = parse(cue(1, "00:00:01,000 --> 00:00:02,000", "Good.") + "\n" + "x" * 10_000 + "\n")
    assert len(draft.warnings) == 1
    assert len(draft.warnings[0]) < 100


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        "Just some words.\nNo times at all.\n",
        "1\n00:00:0x,000 --> 00:00:02,000\nBroken.\n",
        "1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:02,000 --> 00:00:03,000\n<i></i>\n",
    ],
)
def test_nothing_usable_is_a_parse_error_saying_no_cues(text: str):
    with pytest.raises(ParseError, match="no cues found"):
        parse(text)


def test_a_file_with_nothing_usable_fails_with_the_file_named(tmp_path: Path):
    path = tmp_path / "broken.srt"
    path.write_text("1\n00:00:0x,000 --> 00:00:02,000\nBroken.\n", encoding="utf-8")
    result = import_file(path)
    assert not isinstance(result, Episode)
    assert "no cues found" in result.problem
    assert result.source == path


_PIECES = st.sampled_from(
    [
        "1",
        "0",
        "00:00:01,000 --> 00:00:02,000",
        "00:00:09,000 --> 00:00:02,000",
        "00:00:0x --> ",
        "-->",
        "99:99:99,999 --> 00:00:00",
        "Grace Obi: Hello.",
        "- Anna: Hi.",
        "- ",
        "-",
        "[Anna] Hi",
        "[",
        ":",
        "<i>",
        "{\\an8}",
        "&amp;",
        "&#99999999;",
        "&#x110000;",
        "\ufeff",
        "",
        " ",
        "\t",
        "\r",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(_PIECES, max_size=30).map("\n".join)))
def test_parse_never_raises_anything_but_parse_error(text: str):
    try:
        draft = parse(text)
    except ParseError:
        return
    assert all(s.text and s.text == s.text.strip() for s in draft.sections[0].segments)
    assert all(s.start is not None and s.end >= s.start for s in draft.sections[0].segments)


# --------------------------------------------------------------------------- sniffing


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("1\n00:00:01,000 --> 00:00:02,000\nHi.\n", 0.9, 1.0),
        ("\ufeff\n\n1\n00:00:01,000 --> 00:00:02,000\nHi.\n", 0.9, 1.0),
        ("00:00:01,000 --> 00:00:02,000\nHi.\n", 0.8, 1.0),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi.\n", 0.0, 0.0),
        ("Maya  0:03\nHello.\n", 0.0, 0.0),
        ("[00:01:23] Maya: Hello.\n", 0.0, 0.0),
    ],
)
def test_sniff_scores(text: str, low: float, high: float):
    assert low <= sniff(text) <= high


# --------------------------------------------------------------------------- bundled samples


def test_bundled_one_on_ones_episode():
    episode = import_file(EPISODES / "lead-from-the-middle" / "ep33-one-on-ones-that-matter.srt")
    assert isinstance(episode, Episode)
    assert episode.format == "srt"
    assert episode.warnings == []
    assert episode.speakers == ["Daniel Reyes", "Grace Obi"]
    first, second = episode.segments()[:2]
    assert (first.speaker, first.start) == ("Daniel Reyes", 0.5)
    assert first.text.startswith("Welcome to Lead From the Middle. I'm Daniel Reyes.")
    assert first.text.endswith("Grace, welcome to the show.")
    assert (second.speaker, second.text) == ("Grace Obi", "Thanks, Daniel. Happy to be here.")
    assert "<i>" not in episode.text
    assert "It's their meeting." in episode.text
    assert "Grace Obi:" not in episode.text
    assert "-->" not in episode.text


def test_bundled_goals_episode_with_bom_and_crlf():
    path = EPISODES / "the-coaching-hour" / "episode-103-goals-that-stick.srt"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf1\r\n")  # the quirk this sample covers
    episode = import_file(path)
    assert isinstance(episode, Episode)
    assert episode.warnings == []
    assert episode.speakers == ["Priya Raman", "Sam Whitfield", "Jordan"]
    assert episode.segments()[0].text == (
        "This is The Coaching Hour. I'm Priya Raman, and this is episode 103."
    )
    # Colons inside speech ("One objective: ...", "We turned it into: ...") are not speakers.
    assert "One objective: families reach out before a crisis." in episode.text
    assert "We turned it into: two pieces" in episode.text
    assert "\ufeff" not in episode.text
    assert "\r" not in episode.text


# --------------------------------------------------------------------------- speed


def _long_srt(words: int) -> str:
    rng = random.Random(3)
    vocab = [
        "we",
        "talked",
        "about",
        "the",
        "meeting",
        "and",
        "why",
        "one-on-ones",
        "matter",
        "to",
        "every",
        "manager",
    ]
    cues, count, t = [], 0, 0
    while count < words:
        label = f"{rng.choice(['Grace Obi', 'Daniel Reyes'])}: " if len(cues) % 5 == 0 else ""
        line1 = " ".join(rng.choice(vocab) for _ in range(6))
        line2 = " ".join(rng.choice(vocab) for _ in range(6))
        start, end = (
            f"00:{t // 60 % 60:02}:{t % 60:02},000",
            f"00:{t // 60 % 60:02}:{t % 60:02},900",
        )
        cues.append(f"{len(cues) + 1}\n{start} --> {end}\n{label}{line1}\n<i>{line2}</i>.\n")
        count += 12
        t += 1
    return "\n".join(cues)


def test_thirty_thousand_words_keep_every_word():
    """Speed is measured by tests/benchmarks/bench_import.py; this checks the long input."""
    draft = parse(_long_srt(30_000))
    assert sum(len(t.split()) for t in texts(draft)) >= 30_000
