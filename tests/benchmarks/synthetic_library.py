"""The synthetic library of the search benchmarks: transcripts recombined from the samples.

Sentences of the bundled sample library (imported, so markup is stripped) recombined with a
seeded RNG per episode, plus made-up rare words drawn with a Zipf law so queries range from
"every episode" to "a few". Written in Markdown, Otter and SRT, as coaches keep them.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import random
import re
from collections import Counter
from pathlib import Path

from reader.importers import import_file
from reader.library import list_transcripts
from reader.model import Episode

ROOT = Path(__file__).resolve().parents[2]

WORDS_PER_EPISODE = 6000  # give or take 10%
#: Share of each format: mostly Markdown, plus the Otter and SRT exports coaches also keep.
FORMAT_MIX = (("markdown", 0.70), ("otter", 0.15), ("srt", 0.15))
SUFFIX = {"markdown": ".md", "otter": ".txt", "srt": ".srt"}
SHOWS = (
    "The Delegation Desk",
    "Lead From the Middle",
    "The Coaching Hour",
    "Manager Tools Weekly",
    "First Time Leader",
)
NAMES = (
    "Maya Okafor", "Daniel Reyes", "Aisha Karimi", "Grace Obi", "Renée Laurent", "Tom Becker",
    "Priya Natarajan", "Lucas Moreau", "Hannah Schulz", "Kenji Watanabe", "Sofia Marquez",
    "Olu Adeyemi", "Ingrid Larsen", "Marco Bianchi", "Leila Haddad", "Sam Whitfield",
    "Chloé Dubois", "Ravi Menon", "Zoe Campbell", "Tariq Aziz", "Ana de la Cruz", "Ben Hollis",
)  # fmt: skip
TITLE_WORDS = (
    "Delegation", "Feedback", "Trust", "Meetings", "Calendar", "Burnout", "Hiring", "Goals",
    "Decisions", "Rituals", "Peers", "Conversations", "Priorities", "Coaching", "Teams",
    "Promotion", "Boundaries", "Focus", "Change", "Conflict", "Onboarding", "Recognition",
)  # fmt: skip
#: Made-up words; with a Zipf law of this exponent the top ones are in about half of the
#: episodes and most in a handful, like names, products and jargon in real shows.
RARE_VOCABULARY = 20_000
RARE_EXPONENT = 1.1
RARE_PER_WORDS = 200  # one rare word per this many words of text


def sentences() -> list[str]:
    """Sentences of the bundled sample library, as the importers read them (no markup)."""
    found: list[str] = []
    for path in list_transcripts(ROOT / "episodes"):
        episode = import_file(path)
        # The short sample with a recording (issue 16) is left out: the synthetic libraries,
        # and so the figures, stay those of earlier rounds.
        if isinstance(episode, Episode) and episode.audio is None:
            found += re.findall(r"[A-Z][^.!?\n]{20,200}[.!?]", episode.text)
    found = [s for s in found if "Share on X" not in s and "Listen on" not in s]
    return list(dict.fromkeys(found))


def rare_words(pool: list[str], count: int = RARE_VOCABULARY, seed: int = 11) -> list[str]:
    """Pronounceable made-up words, none of them in the pool, in a fixed order (Zipf rank)."""
    rng = random.Random(seed)
    known = {w.lower() for s in pool for w in re.findall(r"\w+", s)}
    onsets = [
        "b", "br", "c", "ch", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l", "m",
        "n", "p", "pl", "qu", "r", "s", "sh", "st", "t", "tr", "v", "w", "z",
    ]  # fmt: skip
    vowels = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou"]
    codas = ["", "", "n", "r", "l", "s", "th", "x", "nd", "rk"]
    words: dict[str, None] = {}
    while len(words) < count:
        word = "".join(
            rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
            for _ in range(rng.randint(2, 4))
        )
        if word not in known and len(word) >= 6:
            words[word] = None
    return list(words)


_POOL: list[str] = []
_RARE: list[str] = []
_RARE_CUM: list[float] = []


def _init_worker(pool: list[str], rare: list[str]) -> None:
    global _POOL, _RARE, _RARE_CUM
    _POOL, _RARE = pool, rare
    _RARE_CUM = list(itertools.accumulate(1 / (k**RARE_EXPONENT) for k in range(1, len(rare) + 1)))


def stamp(seconds: float) -> str:
    ms = round(seconds * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


Turn = tuple[str, str, float]  # speaker, text, start seconds


def _turns(rng: random.Random, speakers: list[str], words: int) -> list[Turn]:
    """Turns of 1-6 pool sentences, rare words slipped into some sentences."""
    picked: list[str] = []
    total = 0
    while total < words:
        batch = rng.choices(_POOL, k=16)
        picked += batch
        total += sum(s.count(" ") + 1 for s in batch)
    for _ in range(words // RARE_PER_WORDS):
        i = rng.randrange(len(picked))
        parts = picked[i].split(" ")
        parts.insert(rng.randrange(1, len(parts)), rng.choices(_RARE, cum_weights=_RARE_CUM)[0])
        picked[i] = " ".join(parts)
    turns: list[Turn] = []
    clock, i = 0.0, 0
    while i < len(picked):
        n = rng.randint(1, 6)
        text = " ".join(picked[i : i + n])
        i += n
        speaker = speakers[0] if len(turns) % 2 == 0 else rng.choice(speakers[1:])
        turns.append((speaker, text, clock))
        clock += (text.count(" ") + 1) / 2.5
    return turns


def _markdown(title: str, turns: list[Turn], rng: random.Random) -> str:
    lines = [f"# {title}", "", " ".join(rng.choices(_POOL, k=2)), ""]
    for n, (speaker, text, _) in enumerate(turns):
        if n % 14 == 0:
            lines += [f"## {' '.join(rng.sample(TITLE_WORDS, 3))}", ""]
        lines += [f"**{speaker}:** {text}", ""]
    return "\n".join(lines)


def _otter(turns: list[Turn]) -> str:
    blocks = []
    for speaker, text, start in turns:
        m, s = divmod(int(start), 60)
        blocks.append(f"{speaker}  {m}:{s:02d}\n{text}\n")
    return "\n".join(blocks) + "\nTranscribed by https://otter.ai\n"


def _srt(turns: list[Turn]) -> str:
    blocks, n = [], 0
    for speaker, text, start in turns:
        words = text.split(" ")
        for i in range(0, len(words), 10):
            n += 1
            begin = start + i / 2.5
            chunk = words[i : i + 10]
            label = f"{speaker}: " if i == 0 else ""
            end = stamp(begin + len(chunk) / 2.5)
            blocks.append(f"{n}\n{stamp(begin)} --> {end}\n{label}{' '.join(chunk)}\n")
    return "\n".join(blocks)


def make_episode(args: tuple[Path, int, int]) -> tuple[str, int, int]:
    """Write episode ``i``; its RNG depends only on (seed, i), so workers need no order."""
    library, seed, i = args
    rng = random.Random(f"{seed}-{i}")
    show = SHOWS[i % len(SHOWS)]
    number = i // len(SHOWS) + 1
    host = NAMES[i % len(SHOWS)]
    guests = rng.sample(NAMES[len(SHOWS) :], rng.randint(1, 2))
    words = [*rng.sample(TITLE_WORDS, rng.randint(1, 3))]
    if rng.random() < 0.3:
        words.append(rng.choices(_RARE, cum_weights=_RARE_CUM)[0].capitalize())
    title = f"Episode {number}: {' '.join(words)}"
    turns = _turns(
        rng, [host, *guests], rng.randint(WORDS_PER_EPISODE * 9 // 10, WORDS_PER_EPISODE * 11 // 10)
    )
    fmt = rng.choices([f for f, _ in FORMAT_MIX], weights=[w for _, w in FORMAT_MIX])[0]
    if fmt == "markdown":
        text = _markdown(title, turns, rng)
    elif fmt == "otter":
        text = _otter(turns)
    else:
        text = _srt(turns)
    slug = re.sub(r"[^a-z0-9]+", "-", " ".join(words).lower()).strip("-")
    folder = library / re.sub(r"[^a-z0-9]+", "-", show.lower())
    path = folder / f"ep{number:04d}-{slug}{SUFFIX[fmt]}"
    data = text.encode("utf-8")
    path.write_bytes(data)
    return fmt, len(data), sum(t.count(" ") + 1 for _, t, _ in turns)


def generate(library: Path, episodes: int, seed: int, pool: list[str], rare: list[str]) -> dict:
    """Write the library with every core; the parent process stays small (peak RSS)."""
    for show in SHOWS:
        (library / re.sub(r"[^a-z0-9]+", "-", show.lower())).mkdir(parents=True, exist_ok=True)
    formats: Counter[str] = Counter()
    size = words = 0
    jobs = [(library, seed, i) for i in range(episodes)]
    with multiprocessing.Pool(os.cpu_count() or 1, _init_worker, (pool, rare)) as workers:
        for fmt, nbytes, nwords in workers.imap_unordered(make_episode, jobs, chunksize=25):
            formats[fmt] += 1
            size += nbytes
            words += nwords
    return {"formats": dict(sorted(formats.items())), "bytes": size, "words": words}


def rare_phrases(library: Path, rare: list[str], ranks: tuple[int, ...]) -> list[str]:
    """A phrase per rank: the rare word of that Zipf rank and the word after it, where it
    first stands in the library (files in name order), so a few episodes have it."""
    found: dict[int, str] = {}
    for path in sorted(list_transcripts(library)):
        text = path.read_text(encoding="utf-8")
        for rank in ranks:
            if rank in found:
                continue
            match = re.search(rf"\b{re.escape(rare[rank - 1])} ([a-z]{{3,}})\b", text)
            if match:
                found[rank] = f'"{match[0]}"'
        if len(found) == len(ranks):
            break
    return [found[rank] for rank in ranks if rank in found]
