"""The bundled sample library: enough original episodes, in every format, to feel real."""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from reader.library import list_transcripts

LIBRARY = Path(__file__).resolve().parent.parent / "episodes"
TAG = re.compile(r"<[^>]+>")
CUE_TIME = re.compile(r"^[\d:.,]+ --> .*$|^\d+$", re.MULTILINE)


def kind_of(path: Path, text: str) -> str:
    """Which of the importer issue's formats a sample is written in, judged by content."""
    if path.suffix == ".srt" and re.search(r"\d\d:\d\d:\d\d,\d{3} --> ", text):
        return "srt"
    if path.suffix == ".vtt" and text.startswith("WEBVTT") and "<v " in text:
        return "webvtt-voices"
    if path.suffix == ".json" and "startTime" in json.loads(text)["segments"][0]:
        return "podcasting2-json"
    if path.suffix == ".html" and "<html" in text.lower():
        return "saved-html"
    if path.suffix == ".md" and re.search(r"^\*\*[^*]+:\*\*", text, re.MULTILINE):
        return "markdown"
    if "Transcribed by https://otter.ai" in text:
        return "otter"
    if re.search(r"Share on X|Click to Tweet", text) and "Transcript" in text:
        return "web-page-text"
    return "unknown"


def spoken_words(path: Path, text: str) -> int:
    if path.suffix == ".json":
        return sum(len(s["body"].split()) for s in json.loads(text)["segments"])
    return len(TAG.sub(" ", CUE_TIME.sub(" ", text)).split())


@pytest.fixture(scope="module")
def samples() -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8-sig") for p in list_transcripts(LIBRARY)}


def test_at_least_twelve_episodes_from_several_shows(samples: dict[Path, str]):
    assert len(samples) >= 12
    shows = Counter(p.parent.name for p in samples)
    assert len(shows) >= 2
    assert min(shows.values()) >= 3


def test_every_format_of_the_importer_issue_is_present(samples: dict[Path, str]):
    kinds = Counter(kind_of(p, t) for p, t in samples.items())
    assert "unknown" not in kinds, kinds
    assert set(kinds) == {
        "web-page-text",
        "markdown",
        "saved-html",
        "srt",
        "webvtt-voices",
        "podcasting2-json",
        "otter",
    }


def test_several_episodes_are_full_length(samples: dict[Path, str]):
    long = [p.name for p, t in samples.items() if spoken_words(p, t) >= 3000]
    assert len(long) >= 4, long


def test_web_pages_have_numbered_titles_topics_and_pull_quotes(samples: dict[Path, str]):
    pages = {p: t for p, t in samples.items() if kind_of(p, t) == "web-page-text"}
    assert len(pages) >= 3
    for path, text in pages.items():
        first_line = text.splitlines()[0]
        assert re.match(r"(Episode |Ep\. |#)\d+", first_line), path.name
        assert re.search(r"^In this episode you’ll (hear|learn):", text, re.MULTILINE), path.name
        quotes = re.findall(r"^[\"“](.+)[\"”] ~ .+ (?:Share on X|Click to Tweet)$", text, re.M)
        assert len(quotes) >= 2, path.name
        body = fold(text)
        for quote in quotes:  # a pull quote repeats a passage of the body
            assert body.count(fold(quote)) >= 2, (path.name, quote)


def fold(text: str) -> str:
    return " ".join(text.translate(str.maketrans("’‘“”", "''\"\"")).casefold().split())


SAMPLE_WITH_AUDIO = "the-coaching-hour/episode-106-one-question-before-advice.vtt"


def opus_seconds(data: bytes) -> float:
    """An Ogg Opus file's length, from its last page's granule position (48 kHz samples)
    less the decoder's pre-skip (RFC 7845)."""
    assert data.startswith(b"OggS")
    head = data.index(b"OpusHead")
    pre_skip = int.from_bytes(data[head + 10 : head + 12], "little")
    last = data.rindex(b"OggS")
    return (int.from_bytes(data[last + 6 : last + 14], "little") - pre_skip) / 48_000


def test_one_short_sample_has_its_recording_and_cues_timed_to_it(samples: dict[Path, str]):
    """The 16th sample (issue 16) is the one with audio: under 1 MB of Ogg Opus beside it,
    two voices, and cues that end with the recording (made by tests/tools/)."""
    from reader.importers import import_file
    from reader.model import Episode

    assert len(samples) == 16
    episodes = [import_file(path, LIBRARY) for path in samples]
    assert all(isinstance(e, Episode) for e in episodes)
    paired = {e.id: e.audio for e in episodes if isinstance(e, Episode) and e.audio}
    assert paired == {SAMPLE_WITH_AUDIO: "episode-106-one-question-before-advice.opus"}
    audio = LIBRARY / "the-coaching-hour" / paired[SAMPLE_WITH_AUDIO]
    data = audio.read_bytes()
    assert len(data) < 1_000_000
    length = opus_seconds(data)
    assert 40 <= length <= 70
    (episode,) = (e for e in episodes if isinstance(e, Episode) and e.id == SAMPLE_WITH_AUDIO)
    assert episode.speakers == ["Priya Raman", "Tomás Reyes"]
    segments = episode.segments()
    assert segments[0].start is not None
    assert 0 < segments[0].start < 1.5
    assert length - 1.5 < (segments[-1].end or 0) <= length
    assert len(segments) == 11  # one turn per line: each starts when its clip does
    assert all((a.end or 0) < (b.start or 0) for a, b in itertools.pairwise(segments))
