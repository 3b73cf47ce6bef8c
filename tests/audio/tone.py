"""Short audio files written by the tests themselves: a tone as WAV (Python's ``wave``), and a
WebVTT transcript timed to it, so real playback can be driven offscreen."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 8000


def write_tone(path: Path, seconds: float = 8.0, hz: float = 440.0) -> Path:
    """``seconds`` of a quiet sine tone, 8 kHz mono 16-bit."""
    frames = b"".join(
        struct.pack("<h", int(3000 * math.sin(2 * math.pi * hz * i / RATE)))
        for i in range(int(seconds * RATE))
    )
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)
    return path


#: A WebVTT transcript of four turns, the first two merged from two cues each; times fit an
#: 8-second tone. Each cue's words are unique so a test can find them.
TIMED_VTT = """WEBVTT

00:00:00.500 --> 00:00:01.500
<v Ana>Welcome to the tuning fork hour.

00:00:01.500 --> 00:00:02.500
<v Ana>Today we listen closely.

00:00:02.500 --> 00:00:03.500
<v Ben>Thanks for having me here.

00:00:03.500 --> 00:00:04.500
<v Ben>Pitch matters more than volume.

00:00:04.500 --> 00:00:06.000
<v Ana>Let us hear the middle A together.

00:00:06.000 --> 00:00:07.500
<v Ben>That was four hundred forty hertz.
"""

UNTIMED_TEXT = """Plain Notes On Tone

This transcript has paragraphs but no times at all.

A second paragraph, still without any time.
"""
