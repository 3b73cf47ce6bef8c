"""The contract every format module meets, checked the same way for each one.

Each fixture folder belongs to one format (``FOLDERS``); the bundled episodes belong to the
format they import as. For every format: its declared name and suffixes, its own files are
recognised by content whatever their suffix, other formats' files are not claimed, arbitrary
text parses or raises a ``ParseError`` that says why, and ``parse`` alone gives the parts of
each golden file the format owns (the registry adds title fallback, numbers and speakers).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.audio.pairing import is_audio_name
from reader.importers import importers
from reader.importers.base import Draft, Importer, ParseError
from reader.importers.registry import FALLBACK, SUFFIX_BONUS, detect
from reader.model import segment_json

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
BY_NAME = {importer.name: importer for importer in importers()}

#: Fixture folder -> the format that owns its files.
FOLDERS = {
    "srt": "srt",
    "webvtt": "webvtt",
    "json": "json",
    "markdown": "markdown",
    "labelled-text": "labelled-text",
    "text": "text",
    "web-page": "web-page",
    "html": "html",
}
SUFFIXES = {
    "srt": {".srt"},
    "webvtt": {".vtt"},
    "json": {".json"},
    "markdown": {".md", ".markdown"},
    "labelled-text": {".txt"},
    "text": {".txt"},
    "web-page": {".txt"},
    "html": {".html", ".htm"},
}
#: Formats whose files look alike by nature; there the owner must only score higher.
OVERLAPS = {
    ("webvtt", "srt"),  # SRT cues are headerless WebVTT cues with comma decimals
    ("srt", "webvtt"),  # a headerless .vtt file is SRT-shaped
    ("markdown", "labelled-text"),  # Descript's **Name** [00:00:00] is bold Markdown
    ("labelled-text", "markdown"),  # Rev headers under a "# Title" in a .md file
}
#: Files only their suffix can place (by content they are plain text).
BY_SUFFIX_ONLY = {"markdown/no-structure.md"}


def _fixtures() -> list[tuple[str, Path]]:
    cases = [
        (FOLDERS[path.parent.name], path)
        for path in sorted(FIXTURES.rglob("*"))
        if path.is_file() and not path.name.endswith(".golden.json")
    ]
    for path in sorted((REPO / "episodes").rglob("*")):
        if path.is_file() and not is_audio_name(path.name):  # a sample's recording is no text
            owner = detect(path.read_text(encoding="utf-8"), path.suffix)
            assert owner is not None, path
            cases.append((owner.name, path))
    return cases


CASES = _fixtures()
GOLDEN = [(fmt, path) for fmt, path in CASES if path.is_relative_to(FIXTURES)]


def _id(case: tuple[str, Path]) -> str:
    fmt, path = case
    return f"{fmt}:{path.parent.name}/{path.name}"


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the contract


def test_every_fixture_folder_names_a_format():
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    assert folders == set(FOLDERS)
    assert set(FOLDERS.values()) == set(BY_NAME)


@pytest.mark.parametrize("name", sorted(SUFFIXES))
def test_importer_contract(name: str):
    importer = BY_NAME[name]
    assert isinstance(importer, Importer)
    assert (importer.name, set(importer.suffixes)) == (name, SUFFIXES[name])


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_a_file_is_read_by_its_own_format(case: tuple[str, Path]):
    fmt, path = case
    found = detect(_text(path), path.suffix)
    assert getattr(found, "name", None) == fmt


@pytest.mark.parametrize("case", [c for c in CASES if c[0] != FALLBACK], ids=_id)
@pytest.mark.parametrize("suffix", [".transcript", ""])
def test_a_file_is_recognised_by_content_whatever_the_suffix(case: tuple[str, Path], suffix: str):
    fmt, path = case
    if f"{path.parent.name}/{path.name}" in BY_SUFFIX_ONLY:
        pytest.skip("only the suffix says which format this is")
    found = detect(_text(path), suffix)
    assert getattr(found, "name", None) == fmt


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_other_formats_do_not_claim_a_file(case: tuple[str, Path]):
    fmt, path = case
    text = _text(path)
    own = BY_NAME[fmt].sniff(text) + (SUFFIX_BONUS if path.suffix in SUFFIXES[fmt] else 0.0)
    for other in importers():
        if other.name in (fmt, FALLBACK):
            continue
        score = other.sniff(text)
        if (other.name, fmt) in OVERLAPS:
            assert score < own, other.name
        else:
            assert score == 0.0, other.name


# Pieces of every format, so each importer meets the others' syntax too.
TOKENS = ["\n", "\n\n", " --> ", "WEBVTT", "<v Ann>", "</v>", "00:00:01,000", "00:01.500"]
TOKENS += ["**A:**", "**Ann**", "{", "}", '"segments"', '"body"', ":", "[", "]", "(", ")"]
TOKENS += ["Share on X", "~", "Transcript", "#", "> ", "Ann  0:03", "Ann (00:01:02):", "---"]
TOKENS += ["[00:00:00.000 --> 00:00:02.000]  ", "<p>", "</p>", "<cite>", "&amp;", "Ann: "]
TOKENS += ["Speaker 1", "[Ann]", "0:00:11.6", "Note", "Transcribed by https://otter.ai"]
TEXTISH = st.lists(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=20) | st.sampled_from(TOKENS),
    max_size=60,
).map("".join)


@pytest.mark.parametrize("importer", importers(), ids=lambda imp: imp.name)
@settings(max_examples=150, deadline=None)
@given(text=TEXTISH)
def test_arbitrary_text_parses_or_says_why(importer: Importer, text: str):
    importer.sniff(text)
    try:
        draft = importer.parse(text)
    except ParseError as exc:
        problem = str(exc)
    else:
        assert isinstance(draft, Draft)
        return
    assert problem.strip(), "a ParseError must say what is wrong"


def _owned_parts(draft: Draft, fmt: str) -> dict[str, object]:
    """The parts of the golden ``show --json`` object a format's ``parse`` decides, with the
    registry's clean-up (empty segments and sections dropped) applied."""
    sections = []
    for section in draft.sections:
        segments = [seg for seg in section.segments if seg.text.strip()]
        if segments or section.heading:
            sections.append(
                {
                    "heading": section.heading,
                    "segments": [segment_json(g) for g in segments],
                }
            )
    return {
        "format": draft.format or fmt,
        "sections": sections,
        "quotes": [{"text": q.text, "speaker": q.speaker} for q in draft.quotes],
        "description": draft.description.strip(),
        "topics": [t for t in draft.topics if t],
        "warnings": draft.warnings,
    }


@pytest.mark.parametrize("case", GOLDEN, ids=_id)
def test_parse_gives_the_golden_parts_the_format_owns(case: tuple[str, Path]):
    fmt, path = case
    golden = json.loads(path.with_name(path.name + ".golden.json").read_text("utf-8"))
    owned = _owned_parts(BY_NAME[fmt].parse(_text(path)), fmt)
    assert owned == {key: golden[key] for key in owned}
