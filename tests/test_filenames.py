from __future__ import annotations

import pytest

from reader.importers import import_file
from reader.importers.shared.filenames import FileName, read_filename, title_from_filename
from reader.model import Episode


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("ep-12-delegating-decisions-not-tasks.txt", "Ep 12 Delegating Decisions Not Tasks"),
        ("episode_7_the_art_of_feedback.srt", "Episode 7 the Art of Feedback"),
        ("Hiring Your First Manager.vtt", "Hiring Your First Manager"),
        ("RACI-for-small-teams.md", "RACI for Small Teams"),
        ("---.txt", "---"),
    ],
)
def test_file_names_become_readable_titles(name: str, title: str):
    assert title_from_filename(name) == title


# --------------------------------------------------------------- issue 11, item 7


@pytest.mark.parametrize(
    ("name", "title", "number"),
    [
        ("the-changelog-594.md", "The Changelog 594", 594),
        ("go-time-100.md", "Go Time 100", 100),
        ("450-api-versioning.vtt", "API Versioning", 450),
        ("000_introducing_the_show.txt", "Introducing the Show", 0),
        ("ep31-hiring-your-first-manager.txt", "Hiring Your First Manager", 31),
        # numbers that are not episode numbers
        ("3-ways-to-lead.md", "3 Ways to Lead", None),
        ("deep-work-2024.md", "Deep Work 2024", None),
        ("interview-part-2.md", "Interview Part 2", None),
        ("notes-utf-8.srt", "Notes UTF 8", None),
    ],
)
def test_file_names_carry_episode_numbers(name: str, title: str, number: int | None):
    assert read_filename(name) == FileName(title, number)


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("yt-delegation.en.vtt", "Yt Delegation"),
        ("standup.en-US.srt", "Standup"),
        ("reuniao.pt-BR.vtt", "Reuniao"),
        ("retro.zh-Hans.vtt", "Retro"),
        ("weekly-sync.wav.vtt", "Weekly Sync"),  # whisper.cpp keeps the audio suffix
        ("the.end.txt", "The End"),  # not a language
    ],
)
def test_language_and_audio_suffixes_are_not_part_of_the_title(name: str, title: str):
    assert read_filename(name).title == title


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("js-party-12.md", "JS Party 12"),
        ("keynote-qa.vtt", "Keynote Q&A"),
        ("ios-and-macos-apis.srt", "iOS and macOS APIs"),
        ("RACI-for-small-teams.md", "RACI for Small Teams"),  # cased in the name: kept
    ],
)
def test_words_keep_a_sensible_case(name: str, title: str):
    assert read_filename(name).title == title


def test_the_library_s_show_names_give_the_show_and_its_spelling():
    shows = ["The Quiet Desk", "BizOps Hour"]
    assert read_filename("bizops-hour-7.vtt", shows) == FileName("BizOps Hour 7", 7, "BizOps Hour")
    assert read_filename("the-quiet-desk-31.md", shows).show == "The Quiet Desk"
    assert read_filename("quiet-hours.md", shows).show is None


def test_import_fills_title_number_and_show_from_the_name(tmp_path):
    path = tmp_path / "bizops-hour-0042.en.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nHello.\n", encoding="utf-8")
    episode = import_file(path, shows=["BizOps Hour"])
    assert isinstance(episode, Episode)
    assert (episode.title, episode.number, episode.show) == ("BizOps Hour 0042", 42, "BizOps Hour")
    plain = import_file(path)
    assert (plain.title, plain.number, plain.show) == ("Bizops Hour 0042", 42, None)


def test_the_show_named_in_the_speech_spells_the_file_name(tmp_path):
    path = tmp_path / "bizops-hour-8.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:02,000\nWelcome to BizOps Hour. Today, budgets.\n",
        encoding="utf-8",
    )
    episode = import_file(path)
    assert isinstance(episode, Episode)
    assert (episode.title, episode.number, episode.show) == ("BizOps Hour 8", 8, "BizOps Hour")
