"""What an episode with audio adds to opening it, in GUI-thread time (target: under 50 ms).

Usage: ``python tests/benchmarks/bench_player.py [--opens 20] [--minutes 60] [--json]``. Runs
offscreen. Opening an episode lays out its transcript (the same with or without audio); the
player's share is ``PlayerController.show_episode``: the bar, the time map of the transcript
(``reader.audio.timeline``) and handing the file to QtMultimedia, which opens and probes it on
its own thread. QtMultimedia is imported on a thread when the window is made (long before a
user opens anything); the benchmark waits for that first (``import_wait_ms``, not GUI time in the
app). The first open also makes the player (a QMediaPlayer and its output); it is reported
apart. The episode is a 60-minute timed transcript (one cue every 4 s) with a WAV that long.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def write_episode(folder: Path, minutes: int, name: str) -> Path:
    """A WebVTT transcript of ``minutes`` minutes, a cue every 4 s, with a silent WAV."""
    import wave

    lines = ["WEBVTT", ""]
    for n in range(minutes * 15):
        start, end = n * 4, n * 4 + 4
        stamp = [f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}.000" for s in (start, end)]
        speaker = "Ana" if (n // 5) % 2 else "Ben"
        lines += [f"{stamp[0]} --> {stamp[1]}", f"<v {speaker}>Cue {n} says a few words.", ""]
    path = folder / f"{name}.vtt"
    path.write_text("\n".join(lines), "utf-8")
    with wave.open(str(folder / f"{name}.wav"), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(bytes(2 * 8000 * 60 * minutes))
    return path


def measure(opens: int, minutes: int, workdir: Path) -> dict:
    import shiboken6
    from PySide6.QtWidgets import QApplication

    from reader.importers import import_file
    from reader.model import Episode
    from reader.ui import player_support
    from reader.ui.player_controller import PlayerController
    from reader.ui.transcript_pane import TranscriptPane

    app = QApplication.instance() or QApplication([])
    episodes = []
    for name in ("a", "b"):
        episode = import_file(write_episode(workdir, minutes, name), workdir)
        assert isinstance(episode, Episode)
        episode.audio = f"{name}.wav"
        episodes.append(episode)
    pane = TranscriptPane()
    player = PlayerController(pane, lambda _message: None, lambda _path: None)
    pane.resize(900, 700)
    pane.show()
    app.processEvents()
    import_start = time.perf_counter()
    player_support.engine_module()  # the thread the controller started has imported it by now
    waited_for_import = (time.perf_counter() - import_start) * 1000
    timings: dict[str, list[float]] = {"layout_ms": [], "player_ms": []}
    real_show = player.show_episode

    def timed_show(episode) -> None:
        start = time.perf_counter()
        real_show(episode)
        timings["player_ms"].append((time.perf_counter() - start) * 1000)

    pane.episode_shown.disconnect(real_show)
    pane.episode_shown.connect(timed_show)
    for n in range(opens + 1):
        start = time.perf_counter()
        pane.show_episode(episodes[n % 2])
        total = (time.perf_counter() - start) * 1000
        timings["layout_ms"].append(total - timings["player_ms"][-1])
        deadline = time.monotonic() + 5
        while not (player.engine and player.engine.loaded) and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.002)
    pane.show_episode(None)
    if player.engine is not None:  # a player left to Python's exit crashes in Qt's teardown
        shiboken6.delete(player.engine)
    first = timings["player_ms"].pop(0)
    timings["layout_ms"].pop(0)
    return {
        "minutes": minutes,
        "cues": minutes * 15,
        "opens": opens,
        "import_wait_ms": round(waited_for_import, 1),
        "first_open_player_ms": round(first, 1),
        "player_ms_median": round(statistics.median(timings["player_ms"]), 1),
        "player_ms_max": round(max(timings["player_ms"]), 1),
        "layout_ms_median": round(statistics.median(timings["layout_ms"]), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opens", type=int, default=20)
    parser.add_argument("--minutes", type=int, default=60)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        result = measure(args.opens, args.minutes, Path(tmp))
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>24}: {value}")


if __name__ == "__main__":
    main()
