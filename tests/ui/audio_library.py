"""A small library with audio for the player's tests: ``name.wav`` beside ``name.vtt`` (or
``.txt``), paired by the importers' own rules (``reader.audio.pairing``) as a user's are."""

from __future__ import annotations

from pathlib import Path

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
