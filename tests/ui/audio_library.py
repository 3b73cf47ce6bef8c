"""A small library with audio for the player's tests, and a stand-in for pairing.

Finding an episode's audio file is the importers' job (``Episode.audio``); these tests are about
the player, so ``pair_wav_files`` pairs ``name.wav`` beside ``name.vtt`` (or ``.txt``) on load."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.model import Episode
from reader.ui import workers

from ..audio.tone import TIMED_VTT, UNTIMED_TEXT, write_tone

TIMED = "tone/ep01-tuning.vtt"
UNTIMED = "tone/ep02-plain.txt"
SILENT = "tone/ep03-no-audio.vtt"  # no audio file beside it


def write_audio_library(root: Path, seconds: float = 8.0) -> Path:
    folder = root / "tone"
    folder.mkdir(parents=True)
    (root / TIMED).write_text(TIMED_VTT, "utf-8")
    write_tone(folder / "ep01-tuning.wav", seconds)
    (root / UNTIMED).write_text(UNTIMED_TEXT, "utf-8")
    write_tone(folder / "ep02-plain.wav", seconds, hz=330.0)
    (root / SILENT).write_text(TIMED_VTT.replace("tuning fork", "quiet"), "utf-8")
    return root


def pair_wav_files(monkeypatch: pytest.MonkeyPatch, audio: dict[str, str] | None = None) -> None:
    """Loaded episodes get ``audio``: ``audio[episode id]`` when given, else ``stem.wav`` when
    such a file is beside the transcript."""
    real = workers.import_file

    def import_with_audio(path, root=None, shows=()):
        result = real(path, root, shows)
        if isinstance(result, Episode):
            wav = Path(path).with_suffix(".wav")
            if audio is not None and result.id in audio:
                result.audio = audio[result.id]
            elif wav.exists():
                result.audio = wav.name
        return result

    monkeypatch.setattr(workers, "import_file", import_with_audio)
