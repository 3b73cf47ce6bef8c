"""JSON transcripts: Podcasting 2.0, Whisper/WhisperX and whisper.cpp (issue 3, format 6)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.importers import import_file
from reader.importers.base import Draft, ParseError
from reader.importers.formats.json_transcript import (
    _READERS,
    MAX_WARNINGS,
    _Problems,
    _segments,
    _sentences,
    parse,
    sniff,
)
from reader.importers.shared.text import merge_turns
from reader.model import Episode, ImportFailure

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"


def turns(draft: Draft) -> list[tuple[str | None, float | None, float | None, str]]:
    return [(s.speaker, s.start, s.end, s.text) for sec in draft.sections for s in sec.segments]


def podcast(*segments: dict[str, Any]) -> str:
    return json.dumps({"version": "1.0.0", "segments": list(segments)})


def seg(body: Any, speaker: Any = "Maya", start: Any = 1.0, end: Any = 2.0) -> dict[str, Any]:
    return {"speaker": speaker, "startTime": start, "endTime": end, "body": body}


# --------------------------------------------------------------------------- Podcasting 2.0


def test_podcasting_words_merge_into_turns_per_speaker():
    draft = parse(
        podcast(
            seg("Delegation", start=0.5, end=1.0),
            seg("starts", start=1.0, end=1.4),
            seg("here.", start=1.4, end=1.9),
            seg("Agreed.", speaker="Sam", start=2.5, end=3.0),
            seg("Good.", start=3.2, end=3.6),
        )
    )
    assert draft.format == "podcasting20-json"
    assert turns(draft) == [
        ("Maya", 0.5, 1.9, "Delegation starts here."),
        ("Sam", 2.5, 3.0, "Agreed."),
        ("Maya", 3.2, 3.6, "Good."),
    ]


def test_missing_speaker_and_end_time_are_allowed():
    draft = parse(podcast({"startTime": 1.0, "body": "Hello"}, {"startTime": 1.5, "body": "all."}))
    assert turns(draft) == [(None, 1.0, None, "Hello all.")]


def test_body_newlines_become_spaces():
    assert turns(parse(podcast(seg("one line\nand the next\n"))))[0][3] == "one line and the next"


def test_long_monologue_is_split_into_paragraphs_at_sentence_ends():
    words = [seg(f"word{i}.", start=float(i), end=i + 0.5) for i in range(400)]
    paragraphs = turns(parse(podcast(*words)))
    assert len(paragraphs) > 1
    assert all(p[0] == "Maya" for p in paragraphs)
    assert paragraphs[1][1] is not None  # each paragraph keeps its own start time


@pytest.mark.parametrize(
    ("bad", "warning"),
    [
        (seg("x", start="2.0"), 'segment 2 skipped: "startTime" is text, not a number of seconds'),
        (seg(None), 'segment 2 skipped: "body" is null, not text'),
        (seg(["x"]), 'segment 2 skipped: "body" is a list, not text'),
        ({"speaker": "Maya", "startTime": 1.0}, 'segment 2 skipped: no "body"'),
        (seg("x", end=True), 'segment 2 skipped: "endTime" is true/false, not a number of seconds'),
        (seg("x", start=-4), 'segment 2 skipped: "startTime" is not a valid time (-4)'),
        (seg("x", speaker={"name": "M"}), 'segment 2 skipped: "speaker" is an object, not a name'),
        ("just text", "segment 2 skipped: it is text, not an object"),
    ],
)
def test_wrong_types_skip_the_segment_with_a_warning(bad: Any, warning: str):
    draft = parse(podcast(seg("Kept."), bad, seg("Also kept.", start=3.0, end=4.0)))
    assert draft.warnings == [warning]
    assert turns(draft) == [("Maya", 1.0, 4.0, "Kept. Also kept.")]


def test_nan_times_are_skipped_not_crashed_on():
    text = '{"segments": [{"startTime": NaN, "body": "x"}, {"startTime": 1, "body": "ok"}]}'
    draft = parse(text)
    assert draft.warnings == ['segment 1 skipped: "startTime" is not a valid time (nan)']
    assert turns(draft) == [(None, 1.0, None, "ok")]


def test_end_before_start_is_dropped_not_trusted():
    assert turns(parse(podcast(seg("x", start=5.0, end=4.0)))) == [("Maya", 5.0, None, "x")]


def test_thousands_of_bad_segments_give_a_short_summary_of_warnings():
    bad = [seg(None) for _ in range(500)]
    draft = parse(podcast(seg("Kept."), *bad))
    assert len(draft.warnings) == MAX_WARNINGS + 1
    assert draft.warnings[-1] == "480 more segments skipped for the same kinds of reasons"


def test_all_segments_unusable_is_a_parse_error_naming_the_first_problem():
    with pytest.raises(ParseError, match=r'no usable segments \(segment 1 skipped: "body" is null'):
        parse(podcast(seg(None), seg(None)))


def test_top_level_list_of_segments_is_accepted():
    draft = parse(json.dumps([seg("Hi.")]))
    assert (draft.format, turns(draft)) == ("podcasting20-json", [("Maya", 1.0, 2.0, "Hi.")])


# --------------------------------------------------------------------------- Whisper


def test_whisper_segments_lose_their_leading_spaces_and_merge_into_paragraphs():
    text = json.dumps(
        {
            "text": " Hello there. How are you?",
            "segments": [
                {"id": 0, "start": 0.0, "end": 1.5, "text": " Hello there.", "tokens": [1]},
                {"id": 1, "start": 1.5, "end": 3.0, "text": " How are you?", "tokens": [2]},
            ],
            "language": "en",
        }
    )
    draft = parse(text)
    assert draft.format == "whisper-json"
    assert turns(draft) == [(None, 0.0, 3.0, "Hello there. How are you?")]


def test_whisper_escaped_unicode_is_decoded():
    text = '{"segments": [{"start": 0, "end": 1, "text": " It\\u2019s caf\\u00e9 time."}]}'
    assert turns(parse(text))[0][3] == "It’s café time."


def test_whisperx_speakers_become_turns():
    text = json.dumps(
        {
            "segments": [
                {"start": 0.0, "end": 1.0, "text": " Hi.", "speaker": "SPEAKER_00"},
                {"start": 1.0, "end": 2.0, "text": " Hello.", "speaker": "SPEAKER_01"},
                {"start": 2.0, "end": 3.0, "text": " Welcome.", "speaker": "SPEAKER_01"},
            ]
        }
    )
    assert turns(parse(text)) == [
        ("SPEAKER_00", 0.0, 1.0, "Hi."),
        ("SPEAKER_01", 1.0, 3.0, "Hello. Welcome."),
    ]


def test_whisper_text_without_segments_is_read_as_paragraphs():
    draft = parse('{"text": " One paragraph.\\n\\nAnother one."}')
    assert turns(draft) == [
        (None, None, None, "One paragraph."),
        (None, None, None, "Another one."),
    ]


# --------------------------------------------------------------------------- whisper.cpp


def test_whispercpp_offsets_are_milliseconds_and_timestamps_the_fallback():
    text = json.dumps(
        {
            "transcription": [
                {
                    "timestamps": {"from": "00:00:00,000", "to": "00:00:02,000"},
                    "offsets": {"from": 0, "to": 2000},
                    "text": " First.",
                },
                {
                    "timestamps": {"from": "00:00:02,000", "to": "00:00:04,500"},
                    "text": " Second.",
                },
                {"offsets": {"from": 4500, "to": 5000}, "text": " [BLANK_AUDIO]"},
            ]
        }
    )
    draft = parse(text)
    assert draft.format == "whispercpp-json"
    assert turns(draft) == [(None, 0.0, 4.5, "First. Second.")]
    assert draft.warnings == []


def test_whispercpp_bad_timestamp_is_skipped_with_a_warning():
    text = json.dumps(
        {
            "transcription": [
                {"timestamps": {"from": "soon", "to": "later"}, "text": " Lost."},
                {"offsets": {"from": 0, "to": 1000}, "text": " Kept."},
            ]
        }
    )
    draft = parse(text)
    assert draft.warnings == ['segment 1 skipped: timestamp "from" is not a time (soon)']
    assert turns(draft) == [(None, 0.0, 1.0, "Kept.")]


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('{"segments": [{"body": "cut', "line 1, column 24"),  # where the cut string starts
        ('{"segments": [', "line 1, column 15"),
        ('{\n  "segments": [\n    {"body": "a"},\n', "line 4, column 1"),
        ("", "line 1, column 1"),
    ],
)
def test_truncated_json_names_line_and_column(text: str, where: str):
    with pytest.raises(ParseError, match=rf"^truncated or invalid JSON \({where}\)$"):
        parse(text)


def test_truncated_json_file_is_a_failure_naming_the_file(tmp_path: Path):
    path = tmp_path / "cut.json"
    path.write_text('{"version": "1.0.0",\n "segments": [{"body": 1.5,', encoding="utf-8")
    result = import_file(path)
    assert isinstance(result, ImportFailure)
    assert "truncated or invalid JSON (line 2, column 28)" in str(result)
    assert str(result).startswith(str(path))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"title": "x", "items": []}',
            'no "segments" or "transcription" list (keys found: "title"',
        ),
        ('{"segments": {"a": 1}}', '"segments" is not a list'),
        ('{"transcription": "text"}', '"transcription" is not a list'),
        ("42", 'expected an object with "segments", found a number'),
        ('[{"a": 1}]', 'a list without "body" or "text" entries'),
        ('{"segments": []}', "the transcript has no segments with text"),
    ],
)
def test_valid_json_that_is_no_transcript_says_what_is_missing(text: str, message: str):
    with pytest.raises(ParseError, match=message.replace("(", r"\(")):
        parse(text)


def test_deeply_nested_json_is_a_parse_error():
    with pytest.raises(ParseError, match="invalid JSON"):
        parse("[" * 100000 + "]" * 100000)


@settings(max_examples=300, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=8),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    [
                        *("segments", "transcription", "body", "text", "startTime", "endTime"),
                        *("start", "end", "speaker", "offsets", "timestamps", "from", "to", "x"),
                    ]
                ),
                children,
                max_size=5,
            )
        ),
        max_leaves=25,
    )
)
def test_arbitrary_json_parses_or_raises_parse_error(data: Any):
    text = json.dumps(data)
    sniff(text)
    try:
        draft = parse(text)
    except ParseError as exc:
        problem = str(exc)
    else:
        assert turns(draft)
        return
    assert problem.strip()


# --------------------------------------------------------------------------- sniffing


def test_whisper_with_a_long_text_field_first_is_still_recognised():
    words = " ".join(["word"] * 5000)
    text = json.dumps({"text": words, "segments": [{"start": 0, "end": 1, "text": words}]})
    assert sniff(text) >= 0.8


def test_json_that_is_no_transcript_gets_only_a_weak_score():
    assert 0 < sniff('{"name": "settings", "items": [1, 2]}') < 0.4
    assert sniff("[1, 2, 3]") == 0.0


# --------------------------------------------------------------------------- samples, speed


def test_bundled_burnout_episode():
    episode = import_file(REPO / "episodes/the-coaching-hour/episode-101-burnout-signals.json")
    assert isinstance(episode, Episode)
    assert (episode.format, episode.number, episode.title) == (
        "podcasting20-json",
        101,
        "Burnout Signals",
    )
    assert episode.show == "The Coaching Hour"
    assert episode.speakers == ["Priya Raman", "Sam Whitfield"]
    first, second = episode.segments()[:2]
    assert (first.speaker, first.start, first.end) == ("Priya Raman", 4.2, 21.97)
    assert first.text.startswith("Welcome to The Coaching Hour, episode 101. I'm Priya Raman.")
    assert second.speaker == "Sam Whitfield"
    # Turns alternate: a speaker's consecutive segments were merged (long ones split again).
    repeats = [b for a, b in itertools.pairwise(episode.segments()) if a.speaker == b.speaker]
    assert all(len(a.text.split()) >= 150 for a in repeats) or not repeats
    assert episode.warnings == []


def test_thirty_thousand_one_word_segments_keep_every_word():
    """Speed is measured by tests/benchmarks/bench_import.py; this checks the long input."""
    words = [
        seg(f"word{i}{'.' if i % 12 == 11 else ''}", speaker=f"S{i // 40 % 2}", start=i * 0.3)
        for i in range(30000)
    ]
    draft = parse(podcast(*words))
    assert sum(len(t[3].split()) for t in turns(draft)) == 30000


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "body": st.sampled_from(
                    ["Hi", "there.", "ok", "Yes!", "“So”", "end.”", "", " a  b "]
                ),
                "speaker": st.sampled_from([None, "Maya", "Sam", " Maya "]),
                "startTime": st.sampled_from([None, 0.5, 1, 2.25]),
                "endTime": st.sampled_from([None, 0.25, 3.0]),
            }
        )
        | st.sampled_from([{"body": None}, "junk", {"body": "x", "startTime": "1"}]),
        max_size=400,
    ),
    st.sampled_from([3, 150]),
)
def test_sentence_runs_give_the_same_turns_as_merging_every_piece(entries: list, words: int):
    """The fast path joins words up to sentence ends first; the turns must not change."""
    keys = ("startTime", "endTime", "body")
    fast_problems, slow_problems = _Problems(), _Problems()
    slow = _segments(entries, _READERS["podcasting20-json"](), slow_problems)
    fast = _sentences(entries, keys, _READERS["podcasting20-json"](), fast_problems)
    assert merge_turns(fast, words) == merge_turns(slow, words)
    assert fast_problems.finish() == slow_problems.finish()
