"""Make the sample episode with audio: speech from espeak-ng, a WebVTT timed to it.

Each line of the script is spoken as its own clip (two voices), trimmed of the silence
espeak leaves around it, measured, and joined with short pauses; the cue times are those
measured offsets, so each cue starts as its words do. The result is encoded as Ogg Opus.

    apt-get install espeak-ng ffmpeg
    python tests/tools/make_audio_sample.py   # rewrites the two files in episodes/

Not run by the tests (they check the files it made: tests/test_sample_library.py).
"""

from __future__ import annotations

import array
import subprocess
import tempfile
import wave
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "episodes" / "the-coaching-hour"
NAME = "episode-106-one-question-before-advice"
VOICES = {"Priya Raman": "en-gb+f3", "Tomás Reyes": "en-us+m3"}
SCRIPT = [
    ("Priya Raman", "Welcome to The Coaching Hour, episode 106. A short one today: one live "
     "coaching moment."),
    ("Tomás Reyes", "Hi Priya. I lead a team of six, and every question lands on my desk."),
    ("Priya Raman", "Before I give any advice: what would you like to be different by Friday?"),
    ("Tomás Reyes", "One day where I am not the answer to everything."),
    ("Priya Raman", "What do you do now, when someone brings you a question?"),
    ("Tomás Reyes", "I answer it. It is faster. Then they come back the next day."),
    ("Priya Raman", "So the fast answer has a cost. What could you ask them instead?"),
    ("Tomás Reyes", "Maybe: what have you tried so far?"),
    ("Priya Raman", "Good. Ask that three times this week, and notice what happens."),
    ("Tomás Reyes", "Three times. I can do that."),
    ("Priya Raman", "That is the whole episode: one question before advice. Thanks for "
     "listening."),
]  # fmt: skip
LEAD_IN, TURN_PAUSE = 0.6, 0.55  # seconds of silence before the first line, between lines
SILENT = 400  # a sample below this (of 32767) counts as silence when trimming


def speak(text: str, voice: str, path: Path) -> tuple[int, array.array]:
    subprocess.run(["espeak-ng", "-v", voice, "-s", "158", "-w", str(path), text], check=True)
    with wave.open(str(path)) as clip:
        rate = clip.getframerate()
        samples = array.array("h", clip.readframes(clip.getnframes()))
    loud = [i for i, s in enumerate(samples) if abs(s) > SILENT]
    return rate, samples[max(loud[0] - rate // 50, 0) : loud[-1] + rate // 20]


def cue_time(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"00:{int(minutes):02d}:{rest:06.3f}"


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        joined, cues, rate = array.array("h"), [], 22050
        for index, (speaker, text) in enumerate(SCRIPT):
            rate, clip = speak(text, VOICES[speaker], Path(work) / f"{index}.wav")
            joined.extend([0] * int(rate * (LEAD_IN if index == 0 else TURN_PAUSE)))
            start = len(joined) / rate
            joined.extend(clip)
            cues.append((start, len(joined) / rate, speaker, text))
        joined.extend([0] * int(rate * 0.8))
        whole = Path(work) / "whole.wav"
        with wave.open(str(whole), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(rate)
            out.writeframes(joined.tobytes())
        subprocess.run(
            ["ffmpeg", "-loglevel", "error", "-y", "-i", str(whole), "-c:a", "libopus",
             "-b:a", "20k", "-ac", "1", "-map_metadata", "-1", str(OUT / f"{NAME}.opus")],
            check=True,
        )  # fmt: skip
    lines = [
        "WEBVTT", "Kind: captions", "Language: en", "",
        "NOTE", "The Coaching Hour, episode 106: One Question Before Advice.",
        f"The recording beside it ({NAME}.opus) was spoken by espeak-ng; each cue",
        "starts and ends where its words do in that recording.", "",
    ]  # fmt: skip
    for number, (start, end, speaker, text) in enumerate(cues, 1):
        lines += [f"cue-{number:03d}", f"{cue_time(start)} --> {cue_time(end)}"]
        lines += [f"<v {speaker}>{text}</v>", ""]
    (OUT / f"{NAME}.vtt").write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(cues)} cues, {len(joined) / rate:.2f} s")


if __name__ == "__main__":
    main()
