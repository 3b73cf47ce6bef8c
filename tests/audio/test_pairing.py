"""Which audio file belongs to a transcript: every rule with real files on disk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.audio.pairing import LibraryAudio, find_audio, named_reference, pair_by_name
from reader.importers import import_file
from reader.model import Episode

VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ana>We start with the goal.\n"


def make(folder: Path, *names: str) -> Path:
    """Files with these names below ``folder`` (a transcript for transcript names)."""
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        is_transcript = path.suffix in (".vtt", ".srt", ".json", ".md", ".txt")
        path.write_text(VTT if is_transcript else "not really audio, but a file")
    return folder


def audio_of(folder: Path, transcript: str) -> str | None:
    """``Episode.audio`` as importing the file in the library ``folder`` finds it."""
    episode = import_file(folder / transcript, folder)
    assert isinstance(episode, Episode), episode
    return episode.audio


@pytest.mark.parametrize(
    ("transcript", "beside", "expected"),
    [
        ("ep12.vtt", ["ep12.m4a"], "ep12.m4a"),  # a Zoom recording
        ("ep12.en.vtt", ["ep12.mp3"], "ep12.mp3"),  # a language tag on the captions
        ("ep12.pt-BR.vtt", ["ep12.mp3"], "ep12.mp3"),
        ("ep12.mp3.json", ["ep12.mp3"], "ep12.mp3"),  # Whisper's output name
        ("ep12.vtt", ["ep12.MP3"], "ep12.MP3"),  # the type in any case
        ("ep12.vtt", ["ep12b.mp3"], None),  # another episode's
        ("ep12.vtt", ["ep120.mp3"], None),
        ("ep12.vtt", ["ep1.mp3"], None),
        ("ep12.vtt", ["Ep12.mp3"], None),  # stems compare exactly
        ("ep12.vtt", ["ep12.en.mp3"], None),  # a tagged recording is not the untagged one's
        ("ep12.vtt", ["ep12.txt"], None),  # not an audio type
        ("ep12.vtt", ["ep12.mp3.bak"], None),
        ("ep12.vtt", ["intro.mp3", "outro.ogg"], None),  # unrelated names
        ("ep12.vtt", ["sub/ep12.mp3"], None),  # not beside it
        ("ep12.en.vtt", ["ep12.mp3", "ep12.en.mp3"], "ep12.en.mp3"),  # exact stem first
        ("ep12.vtt", ["ep12.mp3", "ep12.en.mp3"], "ep12.mp3"),
        ("ep12.vtt", ["ep12.wav", "ep12.mp3"], "ep12.mp3"),  # one stem, two types
        ("ep12.final.vtt", ["ep12.mp3"], None),  # "final" is no language tag
        ("ep12.mp3.json", ["ep12.mp3", "ep12.mp3.m4a"], "ep12.mp3"),
    ],
)
def test_name_rules_on_disk(tmp_path: Path, transcript: str, beside: list[str], expected):
    make(tmp_path, transcript, *beside)
    assert audio_of(tmp_path, transcript) == expected
    assert pair_by_name(transcript, [n for n in beside if "/" not in n]) == expected


def test_every_audio_type_pairs(tmp_path: Path):
    for suffix in ("mp3", "m4a", "aac", "mp4", "ogg", "opus", "wav", "flac", "OPUS", "Flac"):
        folder = make(tmp_path / suffix, "ep.vtt", f"ep.{suffix}")
        assert audio_of(folder, "ep.vtt") == f"ep.{suffix}"


def test_two_transcripts_of_one_recording_share_it(tmp_path: Path):
    """ep1.vtt and ep1.srt are captions of the same ep1.mp3: both are paired with it."""
    make(tmp_path, "ep1.vtt", "ep1.mp3")
    (tmp_path / "ep1.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\nHello there.\n")
    assert audio_of(tmp_path, "ep1.vtt") == "ep1.mp3"
    assert audio_of(tmp_path, "ep1.srt") == "ep1.mp3"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_or_a_folder_named_like_audio_is_not_audio(tmp_path: Path):
    make(tmp_path, "ep1.vtt", "ep2.vtt")
    os.mkfifo(tmp_path / "ep1.mp3")
    (tmp_path / "ep2.mp3").mkdir()
    assert audio_of(tmp_path, "ep1.vtt") is None  # and it did not hang on the FIFO
    assert audio_of(tmp_path, "ep2.vtt") is None


def test_hidden_files_and_links_out_of_the_library_are_not_audio(tmp_path: Path):
    library, outside = tmp_path / "library", tmp_path / "elsewhere"
    make(library, "ep1.vtt", "ep2.vtt", "ep3.vtt", ".ep1.mp3")
    make(outside, "secret.mp3")
    (library / "ep2.mp3").symlink_to(outside / "secret.mp3")
    make(library, "recordings/ep3-take2.mp3")
    (library / "ep3.mp3").symlink_to(library / "recordings" / "ep3-take2.mp3")
    assert audio_of(library, "ep1.vtt") is None
    assert audio_of(library, "ep2.vtt") is None
    assert audio_of(library, "ep3.vtt") == "ep3.mp3"  # a link inside the library is fine


FRONT = "---\ntitle: Goals\naudio: {audio}\n---\n\n**Ana:** We start with the goal.\n"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("recordings/goals.mp3", "recordings/goals.mp3"),
        ("./take.ogg", "take.ogg"),
        ("../audio/goals.mp3", "../audio/goals.mp3"),  # elsewhere in the library
        ("https://cdn.example.com/goals.mp3", None),  # never fetched
        ("file:///home/me/goals.mp3", None),
        ("/home/me/goals.mp3", None),  # absolute
        ("../../goals.mp3", None),  # out of the library
        ("C:/Podcasts/goals.mp3", None),
        ("goals.pdf", None),  # not audio
    ],
)
def test_front_matter_names_the_audio(tmp_path: Path, value: str, expected: str | None):
    library = tmp_path / "library"
    (library / "notes").mkdir(parents=True)
    (library / "notes" / "goals.md").write_text(FRONT.format(audio=value))
    make(library, "notes/recordings/goals.mp3", "notes/take.ogg", "audio/goals.mp3")
    make(tmp_path, "goals.mp3")
    assert audio_of(library, "notes/goals.md") == expected


def test_named_audio_decides_even_when_missing_and_a_url_falls_back_to_the_name(tmp_path: Path):
    (tmp_path / "a.md").write_text(FRONT.format(audio="take-2.mp3"))
    (tmp_path / "b.md").write_text(FRONT.format(audio="https://example.com/b.mp3"))
    make(tmp_path, "a.mp3", "b.mp3")
    assert audio_of(tmp_path, "a.md") == "take-2.mp3"  # what the file says (the player: missing)
    assert audio_of(tmp_path, "b.md") == "b.mp3"  # a URL names nothing here


def test_json_transcripts_name_their_audio(tmp_path: Path):
    (tmp_path / "ep5.json").write_text(
        '{"version": "1.0.0", "audio": "media/ep5-final.m4a", "segments": ['
        '{"speaker": "Ana", "startTime": 0.5, "endTime": 2.0, "body": "Hello."}]}'
    )
    (tmp_path / "ep6.json").write_text(
        '{"enclosure": {"url": "ep6.opus", "type": "audio/opus"}, "segments": ['
        '{"speaker": "Ana", "startTime": 0.5, "endTime": 2.0, "body": "Hello."}]}'
    )
    make(tmp_path, "media/ep5-final.m4a", "ep6.opus")
    assert audio_of(tmp_path, "ep5.json") == "media/ep5-final.m4a"
    assert audio_of(tmp_path, "ep6.json") == "ep6.opus"


def test_a_file_added_after_a_first_look_is_found(tmp_path: Path):
    """The folder listing is remembered per change of the folder, never past one."""
    make(tmp_path, "ep1.vtt")
    old = tmp_path.stat().st_mtime - 60
    os.utime(tmp_path, (old, old))  # a settled folder: its listing is cached
    assert audio_of(tmp_path, "ep1.vtt") is None
    make(tmp_path, "ep1.mp3")
    assert audio_of(tmp_path, "ep1.vtt") == "ep1.mp3"


def test_a_transcript_without_a_library_stays_in_its_folder(tmp_path: Path):
    """``show`` imports a file alone: its own folder is the boundary."""
    assert named_reference("../x.mp3", "ep1.md") is None
    assert named_reference("x.mp3", "ep1.md") == "x.mp3"
    assert find_audio(tmp_path / "ep1.md", "../x.mp3", "ep1.md", None) is None


def test_the_library_pairs_unchanged_transcripts_as_the_import_would():
    audio = LibraryAudio(["talks/ep1.mp3", "talks/ep2.en.mp3", "rec/named.ogg"])
    assert audio.pairing("talks/ep1.en.vtt", None) == ("ep1.mp3", True)
    assert audio.pairing("talks/ep2.en.vtt", "ep2.mp3") == ("ep2.en.mp3", True)  # a better one
    assert audio.pairing("talks/ep3.vtt", "ep3.mp3") == (None, False)  # it went away
    assert audio.pairing("talks/ep4.md", "../rec/named.ogg") == ("../rec/named.ogg", True)
    assert audio.pairing("talks/ep5.md", "../rec/gone.ogg") == ("../rec/gone.ogg", False)
