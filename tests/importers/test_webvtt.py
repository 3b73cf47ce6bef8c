"""WebVTT captions (issue 3, rule 5): every quirk of real .vtt files, asserted one by one."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.importers import import_file, import_text
from reader.importers.base import Draft, ParseError
from reader.importers.formats.webvtt import IMPORTER, parse, sniff
from reader.model import Episode

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
EPISODES = REPO / "episodes"


def turns(draft: Draft) -> list[tuple[str | None, float | None, float | None, str]]:
    return [(s.speaker, s.start, s.end, s.text) for sec in draft.sections for s in sec.segments]


def texts(draft: Draft) -> list[str]:
    return [s.text for sec in draft.sections for s in sec.segments]


def vtt(*cues: str, header: str = "WEBVTT") -> str:
    return header + "\n\n" + "\n\n".join(cues) + "\n"


def fixture(name: str) -> Episode:
    episode = import_file(FIXTURES / "webvtt" / name)
    assert isinstance(episode, Episode), episode
    return episode


# --------------------------------------------------------------------------- header and blocks


def test_importer_is_registered_for_vtt_files():
    assert IMPORTER.name == "webvtt"
    assert IMPORTER.suffixes == frozenset({".vtt"})


def test_header_text_is_the_title():
    text = "WEBVTT - Lead From the Middle, Episode 34: Remote Team Rituals That Aren’t Awkward\n"
    draft = parse(text + "\n00:01.000 --> 00:02.000\nHi.\n")
    assert (
        draft.title == "Lead From the Middle, Episode 34: Remote Team Rituals That Aren’t Awkward"
    )


@pytest.mark.parametrize(
    ("header", "title"),
    [
        ("WEBVTT", None),
        ("WEBVTT Plain Title", "Plain Title"),
        ("WEBVTT\tTabbed Title", "Tabbed Title"),
        ("WEBVTT - ", None),
        ("\ufeffWEBVTT — Dashed", "Dashed"),
    ],
)
def test_header_variants(header: str, title: str | None):
    draft = parse(vtt("00:01.000 --> 00:02.000\nHi.", header=header))
    assert (draft.title, texts(draft), draft.warnings) == (title, ["Hi."], [])


def test_header_title_and_metadata_through_the_registry():
    episode = fixture("header-title.vtt")
    assert (episode.title, episode.number, episode.show) == (
        "Handovers That Work",
        7,
        "Small Team Habits",
    )
    assert "captions" not in episode.text
    assert "Language" not in episode.text


def test_header_fields_are_not_text():
    text = "WEBVTT\nKind: captions\nLanguage: en\nX-TIMESTAMP-MAP=LOCAL:00:00:00.000,MPEGTS:0\n\n"
    draft = parse(text + "00:01.000 --> 00:02.000\nHi.\n")
    assert (texts(draft), draft.warnings) == (["Hi."], [])


def test_note_style_and_region_blocks_are_skipped():
    episode = fixture("note-style-region.vtt")
    assert [s.text for s in episode.segments()] == ["Only this cue is speech. And this one."]
    for chrome in ("Exported", "note", "::cue", "color", "regionanchor", "scroll"):
        assert chrome not in episode.text
    assert episode.warnings == []


def test_a_note_quoting_a_time_line_is_still_a_note():
    draft = parse(vtt("NOTE fixed 00:01.000 --> 00:02.000", "00:03.000 --> 00:04.000\nReal."))
    assert (texts(draft), draft.warnings) == (["Real."], [])


def test_cue_ids_and_settings_are_not_text():
    episode = fixture("cue-ids-settings.vtt")
    assert [(s.speaker, s.start, s.end) for s in episode.segments()] == [
        ("Maya Lindqvist", 1.0, 6.0),
        ("Owen Park", 6.1, 12.0),
    ]
    for chrome in ("intro-2", "6f2c1a9e", "align", "position", "%"):
        assert chrome not in episode.text


def test_times_without_hours():
    assert turns(parse(vtt("01:02.500 --> 01:04.000\nHi."))) == [(None, 62.5, 64.0, "Hi.")]


def test_cues_run_together_without_a_blank_line_still_part():
    text = vtt("00:01.000 --> 00:02.000\n<v Anna>Hi.\n00:02.000 --> 00:03.000\n<v Ben>Hello.")
    assert turns(parse(text)) == [("Anna", 1.0, 2.0, "Hi."), ("Ben", 2.0, 3.0, "Hello.")]


def test_cr_only_newlines():
    draft = parse("WEBVTT\r\r1\r00:01.000 --> 00:02.000\rHello\rthere.\r")
    assert texts(draft) == ["Hello there."]


# --------------------------------------------------------------------------- voices and labels


def test_voice_tags_name_speakers():
    episode = fixture("voice-tags.vtt")
    assert [(s.speaker, s.text) for s in episode.segments()] == [
        ("Maya Lindqvist", "Voices open with a v tag."),
        ("Owen Park", "And may carry a class! The closing tag is optional, as this cue shows."),
        ("Maya Lindqvist", "Two voices in one cue?"),
        ("Owen Park", "Then each gets a turn."),
        ("Maya Lindqvist", "Good."),
        (
            "Owen Park",
            "Even without closing tags. A cue without a voice goes on with the last one.",
        ),
    ]
    assert "<v" not in episode.text
    assert "loud" not in episode.text


def test_a_voice_in_the_middle_of_a_cue_takes_over_from_there():
    draft = parse(vtt("00:01.000 --> 00:02.000\nAnna Berg: Hi, <v Ben Ode>hello!"))
    assert turns(draft) == [("Anna Berg", 1.0, 2.0, "Hi,"), ("Ben Ode", 1.0, 2.0, "hello!")]


def test_zoom_name_labels():
    episode = fixture("zoom.vtt")
    assert [(s.speaker, s.text) for s in episode.segments()] == [
        ("Maya Lindqvist", "Okay, I think we're recording now. Owen, can you hear me?"),
        ("Owen Park", "Loud and clear. First item: the handover checklist."),
        ("Maya Lindqvist", "Go ahead."),
    ]


def test_bracket_labels_but_not_bracket_sounds():
    episode = fixture("netflix-labels.vtt")
    assert episode.speakers == ["Maya", "Owen"]
    assert [s.text for s in episode.segments()] == [
        "Did you hear that?",
        "Hear what? [laughs] [MUSIC PLAYING]",
        "Never mind.",
    ]


@pytest.mark.parametrize("line", ["[Music] Intro plays", "[Laughter] Okay.", "[laughs] Right."])
def test_bracketed_sounds_are_not_speakers(line: str):
    assert turns(parse(vtt(f"00:01.000 --> 00:02.000\n{line}"))) == [(None, 1.0, 2.0, line)]


# --------------------------------------------------------------------------- markup


def test_every_tag_is_removed_and_ruby_readings_dropped():
    episode = fixture("markup.vtt")
    assert [s.text for s in episode.segments()] == [
        "Class spans, italics, bold and underline. Ruby: 漢字 keeps the base text.",
        "She said Guten Morgen to the whole team. Word timings disappear too.",
    ]


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ("<c.yellow.bg_blue>Plain</c> words.", "Plain words."),
        ("<i>Plain</i> <b>words</b>.", "Plain words."),
        ("<u>Plain</u> <lang en-GB>words</lang>.", "Plain words."),
        ("Plain<00:00:01.500> words<00:00:01.900>.", "Plain words."),
        ("<ruby>Plain<rt>reading</rt></ruby> words.", "Plain words."),
        ("Plain &amp; simple &lt;3", "Plain & simple <3"),
        ("No&nbsp;break", "No break"),
        ("&lrm;Marks&rlm; vanish", "Marks vanish"),
        ("It&#39;s &#x201C;quoted&#x201D; &#8212; ok", "It's “quoted” — ok"),
        ("Caf&eacute;", "Café"),
        ("AT&T and R&D; stay", "AT&T and R&D; stay"),
        ("I <3 you, a < b", "I <3 you, a < b"),
        ("Left open <v Anna", "Left open"),
        ("Line &#10;feed", "Line feed"),
    ],
)
def test_payload_clean_up(payload: str, expected: str):
    assert texts(parse(vtt(f"00:01.000 --> 00:02.000\n{payload}"))) == [expected]


def test_entities_fixture():
    episode = fixture("entities.vtt")
    assert [s.text for s in episode.segments()] == [
        "R&D said budget < plan > nothing. No break, marks gone, it's “quoted”.",
        "Café & co—done. AT&T stays as written.",
    ]
    assert "\u200e" not in episode.text
    assert "\u200f" not in episode.text


# --------------------------------------------------------------------------- YouTube


def test_youtube_auto_captions_have_every_word_once():
    episode = fixture("youtube-auto.vtt")
    assert episode.text == (
        "welcome back to small team habits today we're talking about handovers and why they go"
        " wrong [Music] so let's start with the checklist the checklist is one page"
    )
    [segment] = episode.segments()
    assert (segment.start, segment.end) == (0.0, 15.63)  # the last real cue, not a hold cue


def test_hold_cues_are_dropped_even_outside_rolling_captions():
    text = vtt(
        "00:01.000 --> 00:03.000\nFirst line.",
        "00:03.000 --> 00:03.010\nFirst line.",
        "00:03.010 --> 00:05.000\nSecond line.",
    )
    assert turns(parse(text)) == [(None, 1.0, 5.0, "First line. Second line.")]


def test_a_short_cue_with_new_words_is_kept():
    text = vtt("00:01.000 --> 00:02.000\nFirst.", "00:02.000 --> 00:02.010\nBlink and miss it.")
    assert texts(parse(text)) == ["First. Blink and miss it."]


def test_a_speaker_repeating_a_line_in_ordinary_captions_is_kept():
    text = vtt(
        "00:01.000 --> 00:02.000\nNo.",
        "00:02.000 --> 00:03.000\nNo.",
        "00:03.000 --> 00:04.000\nAbsolutely not.",
    )
    assert texts(parse(text)) == ["No. No. Absolutely not."]


def test_unpunctuated_auto_captions_still_break_into_paragraphs():
    lines = [f"word{i} word{i} word{i} word{i} word{i}" for i in range(200)]
    cues = [f"{i:02}:{j:02}.000 --> {i:02}:{j:02}.900\n{line}" for i, j, line in _clock(lines)]
    segments = parse(vtt(*cues)).sections[0].segments
    assert sum(len(s.text.split()) for s in segments) == 1000
    assert len(segments) >= 4
    assert all(len(s.text.split()) <= 250 for s in segments)


def _clock(lines: list[str]) -> list[tuple[int, int, str]]:
    return [(n // 60, n % 60, line) for n, line in enumerate(lines)]


# --------------------------------------------------------------------------- lenient reading


def test_comma_decimals_are_read_with_a_warning():
    episode = fixture("comma-decimals.vtt")
    assert [(s.start, s.end) for s in episode.segments()] == [(1.0, 3.0), (3.1, 5.5)]
    assert episode.warnings == [
        "times are written with commas, as in SRT, not dots; read them anyway"
    ]


def test_commas_in_cue_settings_are_not_comma_decimals():
    draft = parse(vtt("00:01.000 --> 00:02.000 position:50%,line-left\nHi."))
    assert draft.warnings == []


def test_missing_header_is_read_with_a_warning():
    episode = fixture("no-header.vtt")
    assert [s.speaker for s in episode.segments()] == ["Maya Lindqvist", "Owen Park"]
    assert episode.warnings == ["the WEBVTT header line is missing; read as WebVTT anyway"]


def test_malformed_cues_are_skipped_with_warnings_naming_them():
    episode = fixture("malformed-cues.vtt")
    assert [s.text for s in episode.segments()] == [
        "The first cue is fine.",
        "The rest of the file is kept.",
    ]
    assert episode.warnings == [
        "cue bad-time skipped: no valid time line ('00:00:xx.000 --> 00:00:05.000')",
        "cue backwards skipped: it ends (00:00:07.000) before it starts (00:00:09.000)",
        "text at line 14 skipped: it is in no cue ('stray text without a time line')",
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("WEBVTT\n", "no cues found"),
        ("WEBVTT\n\nNOTE only a note\n", "no cues found"),
        ("WEBVTT\n\n00:01.000 --> 00:02.000\n<i></i>\n", "no cues found"),
        ("WEBVTT\n\n00:0x.000 --> 00:02.000\nBroken.\n", "no cues found"),
        ("Just some words.\n", "not a WebVTT file"),
        ("", "not a WebVTT file"),
    ],
)
def test_nothing_usable_is_a_clear_parse_error(text: str, problem: str):
    with pytest.raises(ParseError, match=problem):
        parse(text)


_PIECES = st.sampled_from(
    [
        "WEBVTT",
        "WEBVTT - Title",
        "NOTE",
        "STYLE",
        "REGION",
        "cue-1",
        "00:01.000 --> 00:02.000",
        "00:00:01,000 --> 00:00:02,000 align:start",
        "00:05.000 --> 00:01.000",
        "00:01.000 --> 00:01.010",
        "-->",
        "<v Anna>Hi",
        "<v.loud>",
        "</v>",
        "<v",
        "<ruby>a<rt>b",
        "</rt>",
        "<00:00:01.000><c> word</c>",
        "Anna: Hello.",
        "[Anna] Hello.",
        "- dash",
        "&amp;",
        "&#1114112;",
        "&lrm;",
        "",
        " ",
        "\ufeff",
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
    for segment in draft.sections[0].segments:
        assert segment.text
        assert segment.text == segment.text.strip()
        assert "<v" not in segment.text or "&" in text
        assert segment.start is not None
        assert segment.end is not None
        assert segment.end >= segment.start


# --------------------------------------------------------------------------- sniffing


@pytest.mark.parametrize(
    "text",
    [
        (FIXTURES / "webvtt" / "no-header.vtt").read_text(encoding="utf-8"),
        "1\n00:00:01.120 --> 00:00:04.560\nMaya Lindqvist: Okay, we're recording.\n",  # Zoom
    ],
)
def test_a_headerless_vtt_file_still_goes_to_webvtt_by_suffix(text: str):
    episode = import_text(text, Path("meeting.vtt"))
    assert isinstance(episode, Episode)
    assert episode.format == "webvtt"
    assert episode.warnings == ["the WEBVTT header line is missing; read as WebVTT anyway"]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("WEBVTT\n\n00:01.000 --> 00:02.000\nHi.\n", 0.95, 1.0),
        ("\ufeff\nWEBVTT - Title\r\n", 0.95, 1.0),
        ("00:00:01.000 --> 00:00:02.000 align:start\n<v Anna>Hi.\n", 0.5, 0.7),
        ("1\n00:00:01,000 --> 00:00:02,000\nHi.\n", 0.0, 0.3),  # SRT: leave it to srt
        ("WEBVTTX\n", 0.0, 0.0),
        ("Maya  0:03\nHello.\n", 0.0, 0.0),
    ],
)
def test_sniff_scores(text: str, low: float, high: float):
    assert low <= sniff(text) <= high


# --------------------------------------------------------------------------- bundled samples


def test_bundled_remote_rituals_episode():
    episode = import_file(EPISODES / "lead-from-the-middle" / "ep34-remote-team-rituals.vtt")
    assert isinstance(episode, Episode)
    assert episode.format == "webvtt"
    assert episode.warnings == []
    assert episode.speakers == ["Daniel Reyes", "Lena Hoffmann"]
    assert episode.number == 34
    assert "Remote Team Rituals That Aren’t Awkward" in episode.title
    first = episode.segments()[0]
    assert (first.speaker, first.start) == ("Daniel Reyes", 0.5)
    assert first.text.startswith("Hi everyone, welcome to Lead From the Middle. I’m Daniel Reyes.")
    assert "short Q&A in the thread" in episode.text
    for chrome in ("ritual-audit", "::cue", "Captions generated", "<i>", "</v>", "Kind:"):
        assert chrome not in episode.text


def test_bundled_difficult_conversations_episode():
    path = EPISODES / "the-coaching-hour" / "episode-102-difficult-conversations.vtt"
    episode = import_file(path)
    assert isinstance(episode, Episode)
    assert episode.warnings == []
    assert (episode.title, episode.number) == ("Difficult Conversations", 102)
    assert episode.speakers == ["Priya Raman", "Sam Whitfield"]
    assert episode.segments()[0].text == (
        "Welcome back to The Coaching Hour. This is episode 102, and I'm Priya Raman —"
    )
    assert "opener < 60 seconds" in episode.text
    assert "the R&D team" in episode.text
    for chrome in ("cue-0", "align:start", "position:10%", "Captions edited by hand"):
        assert chrome not in episode.text


# --------------------------------------------------------------------------- speed


def _stamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, minutes, secs = millis // 3_600_000, millis // 60_000 % 60, millis // 1000 % 60
    return f"{hours:02}:{minutes:02}:{secs:02}.{millis % 1000:03}"


def _long_vtt(words: int) -> str:
    rng = random.Random(4)
    vocab = [
        "we",
        "talked",
        "about",
        "the",
        "meeting",
        "and",
        "why",
        "rituals",
        "matter",
        "to",
        "every",
        "remote",
        "team",
    ]
    parts, count, t = ["WEBVTT - Bench\nKind: captions\nLanguage: en\n"], 0, 0.0
    while count < words:
        who = ("Lena Hoffmann", "Daniel Reyes")[len(parts) // 7 % 2]
        line1 = " ".join(rng.choice(vocab) for _ in range(6))
        line2 = " ".join(rng.choice(vocab) for _ in range(6))
        parts.append(
            f"cue-{len(parts)}\n{_stamp(t)} --> {_stamp(t + 2.5)} align:start position:10%\n"
            f"<v {who}>{line1} &amp;\n<c.x>{line2}</c>.</v>\n"
        )
        count += 13
        t += 2.6
    return "\n".join(parts)


def _long_youtube(words: int) -> str:
    rng = random.Random(5)
    vocab = [
        "we",
        "talked",
        "about",
        "the",
        "meeting",
        "and",
        "why",
        "rituals",
        "matter",
        "to",
        "every",
        "remote",
        "team",
    ]
    parts, count, t, previous = ["WEBVTT\nKind: captions\nLanguage: en\n"], 0, 0.0, "hello"
    while count < words:
        new = [rng.choice(vocab) for _ in range(8)]
        timed = new[0] + "".join(
            f"<{_stamp(t + 0.2 * (k + 1))}><c> {w}</c>" for k, w in enumerate(new[1:])
        )
        parts.append(
            f"{_stamp(t)} --> {_stamp(t + 2)} align:start position:0%\n{previous}\n{timed}\n"
        )
        parts.append(
            f"{_stamp(t + 2)} --> {_stamp(t + 2.01)} align:start position:0%\n{' '.join(new)}\n \n"
        )
        previous, count, t = " ".join(new), count + 8, t + 2.01
    return "\n".join(parts)


def test_thirty_thousand_words_keep_every_word():
    """Speed is measured by tests/benchmarks/bench_import.py; these check the long inputs."""
    draft = parse(_long_vtt(30_000))
    assert sum(len(t.split()) for t in texts(draft)) >= 30_000


def test_thirty_thousand_words_of_youtube_captions_keep_each_word_once():
    draft = parse(_long_youtube(30_000))
    assert sum(len(t.split()) for t in texts(draft)) == 30_001  # every word once, plus "hello"
