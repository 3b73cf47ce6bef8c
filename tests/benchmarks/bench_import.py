"""Import speed per format: prints how long a ~30,000-word transcript takes to import.

Usage: ``python tests/benchmarks/bench_import.py [--words 30000] [--runs 7] [--json]``.
Target (issue 3): under 100 ms per format on the 2-core CI machine. The transcript is made
from the bundled sample library's sentences, shuffled with a fixed seed, so every format
carries the same realistic text.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reader.importers import import_file  # noqa: E402
from reader.model import Episode  # noqa: E402

SPEAKERS = ("Maya Okafor", "Daniel Reyes")
Turn = tuple[str, str, float]  # speaker, text, start seconds


def sentences() -> list[str]:
    found: list[str] = []
    for path in sorted((ROOT / "episodes").rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found += re.findall(r"[A-Z][^.!?\n]{20,200}[.!?]", text)
    return [s for s in found if "Share on X" not in s and "Listen on" not in s]


def make_turns(words: int, seed: int = 7) -> list[Turn]:
    rng = random.Random(seed)
    pool = sentences()
    turns: list[Turn] = []
    total, clock = 0, 0.0
    while total < words:
        text = " ".join(rng.choice(pool) for _ in range(rng.randint(2, 6)))
        n = len(text.split())
        turns.append((SPEAKERS[len(turns) % 2], text, clock))
        total += n
        clock += n / 2.5
    return turns


def stamp(seconds: float, sep: str = ",") -> str:
    ms = round(seconds * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def cues(turns: list[Turn]) -> list[tuple[str | None, str, float, float]]:
    """Split turns into caption cues of about 10 words, naming the speaker when it changes."""
    out = []
    for speaker, text, start in turns:
        words = text.split()
        for i in range(0, len(words), 10):
            chunk = words[i : i + 10]
            begin = start + i / 2.5
            out.append(
                (speaker if i == 0 else None, " ".join(chunk), begin, begin + len(chunk) / 2.5)
            )
    return out


def web_page(turns: list[Turn]) -> str:
    body = "\n\n".join(text for _, text, _ in turns)
    quote = turns[3][1].split(". ")[0].rstrip(".") + "."
    return (
        "Episode 42: Delegation at Scale\n\nListen on Apple Podcasts\nListen on Spotify\n\n"
        "Show notes about delegating well.\n\nIn this episode you’ll hear:\n\n  • Trust\n\n"
        f"Full Episode Transcript\n\nWelcome to The Delegation Desk.\n\nTrust\n\n{body}\n\n"
        f'"{quote}" ~ Maya Okafor Share on X\n\nThank you for listening to this episode of The '
        "Delegation Desk.\n\nDiscover More\n\nScroll to Top\n"
    )


def html_page(turns: list[Turn]) -> str:
    paras = "\n".join(f"<p>{html.escape(text)}</p>" for _, text, _ in turns)
    return (
        "<!DOCTYPE html><html><head><title>Ep 42: Delegation at Scale | The Delegation Desk"
        "</title><script>var x = 1;</script></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Ep 42: Delegation at Scale</h1><h2>Full Episode Transcript</h2>{paras}"
        "</article><footer>© The Delegation Desk</footer></body></html>"
    )


def markdown(turns: list[Turn]) -> str:
    lines = ["# Episode 42: Delegation at Scale", ""]
    for speaker, text, start in turns:
        lines += [f"**{speaker}:** \\[{stamp(start)[:8]}\\] {text}", ""]
    return "\n".join(lines)


def srt(turns: list[Turn]) -> str:
    blocks = []
    for i, (speaker, text, begin, end) in enumerate(cues(turns), 1):
        label = f"{speaker}: " if speaker else ""
        blocks.append(f"{i}\n{stamp(begin)} --> {stamp(end)}\n{label}{text}\n")
    return "\n".join(blocks)


def webvtt(turns: list[Turn]) -> str:
    blocks, current = ["WEBVTT\n"], SPEAKERS[0]
    for speaker, text, begin, end in cues(turns):
        current = speaker or current
        blocks.append(f"{stamp(begin, '.')} --> {stamp(end, '.')}\n<v {current}>{text}</v>\n")
    return "\n".join(blocks)


def podcast_json(turns: list[Turn]) -> str:
    segments, current = [], SPEAKERS[0]
    for speaker, text, begin, end in cues(turns):
        current = speaker or current
        segments.append({"speaker": current, "startTime": begin, "endTime": end, "body": text})
    return json.dumps({"version": "1.0.0", "segments": segments})


def whisper_json(turns: list[Turn]) -> str:
    segments = [
        {"id": i, "start": begin, "end": end, "text": " " + text}
        for i, (_, text, begin, end) in enumerate(cues(turns))
    ]
    return json.dumps({"text": "", "segments": segments, "language": "en"})


def otter(turns: list[Turn]) -> str:
    blocks = []
    for speaker, text, start in turns:
        m, s = divmod(int(start), 60)
        blocks.append(f"{speaker}  {m}:{s:02d}\n{text}\n")
    return "\n".join(blocks) + "\nTranscribed by https://otter.ai\n"


def plain_text(turns: list[Turn]) -> str:
    return "\n\n".join(text for _, text, _ in turns) + "\n"


FORMATS: dict[str, tuple[str, Callable[[list[Turn]], str]]] = {
    "web-page": (".txt", web_page),
    "html": (".html", html_page),
    "markdown": (".md", markdown),
    "srt": (".srt", srt),
    "webvtt": (".vtt", webvtt),
    "podcasting20-json": (".json", podcast_json),
    "whisper-json": (".json", whisper_json),
    "otter": (".txt", otter),
    "text": (".txt", plain_text),
}


def run(words: int, runs: int) -> list[dict[str, object]]:
    turns = make_turns(words)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, (suffix, render) in FORMATS.items():
            path = Path(tmp, f"bench-{name}{suffix}")
            path.write_text(render(turns), encoding="utf-8")
            timings, episode = [], None
            for _ in range(runs):
                start = time.perf_counter()
                episode = import_file(path)
                timings.append((time.perf_counter() - start) * 1000)
            ok = isinstance(episode, Episode)
            results.append(
                {
                    "format": name,
                    "detected": episode.format if ok else None,
                    "words": episode.word_count() if ok else 0,
                    "bytes": path.stat().st_size,
                    "median_ms": round(statistics.median(timings), 1),
                    "max_ms": round(max(timings), 1),
                    "error": None if ok else str(episode),
                }
            )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=30000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results = run(args.words, args.runs)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(
        f"Import of a ~{args.words:,}-word transcript, median of {args.runs} runs (target < 100 ms)"
    )
    print(f"{'format':<20}{'detected as':<20}{'words':>8}{'KB':>8}{'median ms':>11}{'max ms':>9}")
    for r in results:
        kb = int(r["bytes"]) // 1024
        print(
            f"{r['format']:<20}{r['detected'] or 'FAILED':<20}{r['words']:>8}{kb:>8}"
            f"{r['median_ms']:>11}{r['max_ms']:>9}"
        )
        if r["error"]:
            print(f"    {r['error']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
