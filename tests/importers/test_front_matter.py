"""YAML front matter (issue 11, item 2): read with a YAML parser, defensively."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.importers import import_file
from reader.importers.formats.markdown import parse
from reader.importers.shared.front_matter import (
    MAX_CHARS,
    has_front_matter,
    split_front_matter,
)
from reader.model import Episode

FIXTURES = Path(__file__).parent / "fixtures"
BODY = "\n**Ines Varga:** Hello there.\n"


def front(yaml_text: str):
    found, _body_start = split_front_matter(f"---\n{yaml_text}---\n{BODY}")
    assert found is not None
    return found


def test_quoted_and_folded_scalars_are_the_text_they_mean():
    found = front(
        "title: 'It''s Late'\n"
        'show: "Night \\"Desk\\""\n'
        "description: >-\n  One folded\n  paragraph.\n"
        "summary: ignored because description comes first\n"
    )
    assert found.title == "It's Late"
    assert found.show == 'Night "Desk"'
    assert found.description == "One folded paragraph."


def test_literal_blocks_and_escaped_line_breaks_keep_paragraphs_not_markup():
    found = front(
        'description: |-\n  First line\n  goes on.\n\n  Second paragraph.\ntitle: "A\\r\\nB"\n'
    )
    assert found.description == "First line goes on.\n\nSecond paragraph."
    assert found.title == "A B"


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("date: 2024-03-05", "2024-03-05"),  # YAML gives a datetime.date
        ("date: 2024-03-05 18:30:00", "2024-03-05"),  # ... or a datetime
        ("date: '2024-03-05'", "2024-03-05"),
        ("published: March 5, 2024", "2024-03-05"),
    ],
)
def test_dates_in_every_shape_become_iso(line: str, date: str):
    assert front(line + "\n").date == date


@pytest.mark.parametrize(
    ("lines", "number"),
    [("episode: 27", 27), ("number: 27", 27), ("episode: 'Ep. 27'", 27), ("episode: true", None)],
)
def test_episode_numbers(lines: str, number: int | None):
    assert front(lines + "\n").number == number


@pytest.mark.parametrize(
    "lines",
    [
        "speakers:\n  - Ines Varga\n  - Tomas Ruiz\n",
        "speakers: [Ines Varga, 'Tomas Ruiz']\n",
        "speakers: Ines Varga, Tomas Ruiz\n",
        "speakers:\n  - name: Ines Varga\n  - name: Tomas Ruiz\n",
    ],
)
def test_speakers_as_a_list_or_a_comma_string(lines: str):
    assert front(lines).speakers == ["Ines Varga", "Tomas Ruiz"]


@pytest.mark.parametrize("key", ["show", "podcast", "channel"])
def test_show_names(key: str):
    assert front(f"{key}: The Quiet Desk\n").show == "The Quiet Desk"


def test_the_fixture_reads_every_field(tmp_path: Path):
    episode = import_file(FIXTURES / "markdown" / "yaml-front-matter.md")
    assert isinstance(episode, Episode)
    assert episode.title == "It's Not a Meeting, It's a Conversation"
    assert (episode.number, episode.show, episode.date) == (27, "The Quiet Desk", "2023-11-08")
    assert episode.speakers == ["Ines Varga", "Tomas Ruiz"]
    assert episode.description.startswith("Ines and Tomas on why a weekly check-in")
    assert episode.warnings == []


def test_a_missing_description_never_takes_the_transcripts_opening():
    draft = parse(
        "---\ntitle: Walls\n---\n\nI opened the show alone that week.\n\n"
        "**Ines Varga:** And I came in late.\n"
    )
    assert draft.description == ""
    texts = [s.text for sec in draft.sections for s in sec.segments]
    assert texts == ["I opened the show alone that week.", "And I came in late."]


def test_speakers_from_front_matter_come_first_and_labelled_ones_are_kept(tmp_path: Path):
    path = tmp_path / "ep.md"
    path.write_text(
        "---\nspeakers: [Tomas Ruiz]\n---\n\n**Ines Varga:** Hi.\n\n**Tomas Ruiz:** Hi.\n",
        encoding="utf-8",
    )
    episode = import_file(path)
    assert isinstance(episode, Episode)
    assert episode.speakers == ["Tomas Ruiz", "Ines Varga"]


def test_front_matter_that_fails_to_parse_is_a_warning_naming_the_line(tmp_path: Path):
    path = tmp_path / "broken.md"
    path.write_text(
        "---\ntitle: fine\ndescription: 'never closed\nshow: [a, b\n---\n" + BODY,
        encoding="utf-8",
    )
    episode = import_file(path)
    assert isinstance(episode, Episode), episode
    assert episode.text == "Hello there."  # the body still imports, the block is not text
    assert len(episode.warnings) == 1
    warning = episode.warnings[0]
    assert warning.startswith("front matter not read (line ")
    assert "imported without it" in warning
    assert episode.title == "Broken"  # from the file name: the block was not read


def test_a_date_yaml_cannot_build_is_a_warning_that_says_so():
    found = front("title: x\ndate: 2024-02-30\n")
    assert found.warnings == [
        "front matter not read (a value is not valid: day is out of range for month); "
        "the transcript is imported without it"
    ]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab: -[]{}&*!|>'\"#?,\n\t2024-0@%")), max_size=80))
def test_any_block_reads_or_says_why_and_never_raises(block: str):
    found, body_start = split_front_matter(f"---\ntitle: x\n{block}\n---\nBody.\n")
    if found is not None:
        assert body_start > 0
        assert all(w.startswith("front matter") for w in found.warnings)


def test_a_markdown_rule_opening_a_file_is_not_front_matter():
    text = "---\n\nA paragraph after a rule.\n\n---\n\nAnother one.\n"
    assert split_front_matter(text) == (None, 0)
    assert not has_front_matter(text)
    texts = [s.text for sec in parse(text).sections for s in sec.segments]
    assert "A paragraph after a rule." in texts


def test_oversized_and_deeply_nested_blocks_are_not_parsed():
    big = front("title: x\nnotes: '" + "a" * MAX_CHARS + "'\n")
    assert big.title is None
    assert "longer than" in big.warnings[0]
    deep = front("title: x\nnested: " + "[" * 500 + "]" * 500 + "\n")
    assert deep.title is None
    assert deep.warnings == ["front matter not read: it is nested too deeply"]


def test_python_tags_are_refused_not_run(tmp_path: Path):
    marker = tmp_path / "ran"
    found = front(f"title: !!python/object/apply:os.system ['touch {marker}']\n")
    assert not marker.exists()
    assert found.title is None
    assert found.warnings[0].startswith("front matter not read (line 2")


BILLION_LAUGHS = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n"
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
)


def test_an_alias_bomb_imports_at_once_without_expanding(tmp_path: Path):
    """A "billion laughs" block: 9 levels of 9 aliases. In a real process with a timeout, so
    a regression shows as a failure, not as a test run that never ends."""
    path = tmp_path / "bomb.md"
    path.write_text(
        "---\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + BILLION_LAUGHS
        + "title: *i\nspeakers: *i\ndescription: *i\ntopics: *i\n---\n"
        + BODY,
        encoding="utf-8",
    )
    code = (
        "import sys; from reader.importers import import_file; "
        "e = import_file(sys.argv[1]); print(e.title, e.speakers, repr(e.description), e.text)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Bomb ['Ines Varga'] '' Hello there."
