"""The one recogniser of turn headers and the one rule for speaker names (shared.turns,
shared.speakers): every shape in the table reads its own examples, and a label reads the
same whichever text-like format it is in."""

from __future__ import annotations

import re

import pytest

from reader.importers.base import Draft
from reader.importers.formats import labelled_text, markdown, srt, web_page_text
from reader.importers.shared import turns
from reader.importers.shared.speakers import plausible_name


def _examples(shape: turns.Shape) -> list[str]:
    """The example lines of a shape's docstring: the indented lines after its ``::``."""
    doc = shape.read.__doc__ or ""
    block = doc.split("::", 1)[1]
    return [line.strip() for line in block.split("\n") if line.strip()]


CASES = [(shape, example) for shape in turns.SHAPES for example in _examples(shape)]


@pytest.mark.parametrize(("shape", "example"), CASES, ids=[f"{s.name}:{e[:30]}" for s, e in CASES])
def test_every_documented_example_reads_as_its_own_shape(shape: turns.Shape, example: str):
    head = turns.read_header(example)
    assert head is not None, example
    assert turns.FAMILY[head.shape] == shape.family
    assert head.speaker is not None or head.start is not None


def test_every_shape_has_examples():
    assert all(_examples(shape) for shape in turns.SHAPES)


@pytest.mark.parametrize(
    ("line", "shape", "speaker", "start", "text"),
    [
        ("[Speaker 1] [00:00] Hello there.", "bracket-name-time", "Speaker 1", 0.0, "Hello there."),
        ("[Maya Okafor] Hello.", "bracket-name", "Maya Okafor", None, "Hello."),
        ("Maya Okafor: 00:00:12", "name-time", "Maya Okafor", 12.0, ""),
        ("Maya Okafor (00:01:23):", "rev", "Maya Okafor", 83.0, ""),
        ("(00:01:21):", "rev-continued", None, 81.0, ""),
        ("00:00:06 Hello, and welcome.", "time-text", None, 6.0, "Hello, and welcome."),
        ("00:00:00 <v Maya Okafor>Hi. <v Maya Okafor>Again.", "time-voice", "Maya Okafor", 0.0,
         "Hi. Again."),
        ("Maya Okafor  0:03", "otter", "Maya Okafor", 3.0, ""),
        ("**Maya Okafor** [00:00:04] Hi.", "descript", "Maya Okafor", 4.0, "Hi."),
        ("**Maya Okafor:** Hi.", "bold-label", "Maya Okafor", None, "Hi."),
        ("[00:00:01.500 --> 00:00:04.000]  Hi.", "whisper", None, 1.5, "Hi."),
        ("00:00:01,500 --> 00:00:04,000  Hi.", "whisper", None, 1.5, "Hi."),
        ("Maya Okafor: Hi.", "name-colon", "Maya Okafor", None, "Hi."),
    ],
)  # fmt: skip
def test_header_shapes(line: str, shape: str, speaker: str | None, start: float | None, text: str):
    head = turns.read_header(line)
    assert head is not None
    assert (head.shape, head.speaker, head.start, head.text.strip()) == (
        shape,
        speaker,
        start,
        text,
    )


@pytest.mark.parametrize(
    "line",
    [
        "00:00:01,000 --> 00:00:04,000 X1:40 X2:600 Y1:20 Y2:50",  # SRT coordinates
        "00:00:01.000 --> 00:00:04.000 align:start position:10%",  # WebVTT settings
        "00:00:01,000 --> 00:00:04,000",  # an SRT time line, the words on the next line
        "[Laughter] That was close.",  # a sound, not a name
        "[MUSIC PLAYING] la la",  # shouted caption text
        "Note: 00:00:12",  # a clause opener
        "So (00:01:00): we start",
    ],
)
def test_lines_that_are_no_speaker_headers(line: str):
    head = turns.read_header(line)
    assert head is None or head.shape == "time-text", head


def test_whisper_lines_with_text_are_not_subtitles():
    whisper = "[00:00:00.000 --> 00:00:02.000]  One.\n[00:00:02.000 --> 00:00:04.000]  Two.\n"
    assert turns.whisper_console(whisper)
    assert not turns.whisper_console("1\n00:00:00,000 --> 00:00:02,000\nOne.\n")


# ------------------------------------------------------------------- one rule for names

NAMES = [
    ("Grace Obi", True),
    ("Speaker 2", True),
    ("Dr. Ana de la Cruz", True),
    ("Mary-Jane O'Neil", True),
    ("Host", True),
    ("Note", False),
    ("Step Two", False),
    ("Today", False),
    ("So Anyway", False),
    ("The Big Question", False),
    ("the host", False),
    ("One Two Three Four Five", False),
    ("Remember this.", False),
]


@pytest.mark.parametrize(("name", "ok"), NAMES)
def test_plausible_names(name: str, ok: bool):
    assert plausible_name(name) is ok


def _speakers(draft: Draft) -> set[str]:
    return {seg.speaker for sec in draft.sections for seg in sec.segments if seg.speaker}


def _in_every_format(name: str) -> dict[str, bool]:
    """Whether each text-like format takes ``name`` for a speaker in the same conversation."""
    other = "Pavel Novak"
    lines = [(name, "We should start."), (other, "Agreed."), (name, "Then let us begin."),
             (other, "Go ahead.")]  # fmt: skip
    plain = "\n\n".join(f"{who}: {text}" for who, text in lines) + "\n"
    cues = "\n\n".join(
        f"{i + 1}\n00:00:0{i},000 --> 00:00:0{i},900\n{who}: {text}"
        for i, (who, text) in enumerate(lines)
    )
    bold = "\n\n".join(f"**{who}:** {text}" for who, text in lines) + "\n"
    page = "Episode 4: Starting\n\nFull Episode Transcript\n\n" + plain
    found = {
        "labelled-text": labelled_text.parse(plain) if labelled_text.sniff(plain) else None,
        "srt": srt.parse(cues),
        "markdown": markdown.parse(bold),
        "web-page": web_page_text.parse(page),
    }
    return {fmt: draft is not None and name in _speakers(draft) for fmt, draft in found.items()}


@pytest.mark.parametrize(
    ("name", "ok"), [(n, ok) for n, ok in NAMES if re.fullmatch(r"[\w .'-]+", n)]
)
def test_a_label_reads_the_same_in_every_text_format(name: str, ok: bool):
    assert _in_every_format(name) == dict.fromkeys(
        ("labelled-text", "srt", "markdown", "web-page"), ok
    )
