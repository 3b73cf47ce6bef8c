"""A small library with speakers and times, written for the research tests (and the CLI's)."""

from __future__ import annotations

from pathlib import Path

SILENCE_VTT = """WEBVTT

00:00:05.000 --> 00:00:09.000
<v Maya Okafor>Welcome back to the show. Today we talk about silence in coaching.

00:01:10.000 --> 00:01:16.000
<v Tom Becker>I learned to wait. The silence is where the thinking happens, and I keep quiet.

00:02:30.000 --> 00:02:36.000
<v Maya Okafor>So silence is a tool. Most managers rush to fill it with advice.
"""

DELEGATION_MD = """# Episode 2: Handing Over

## Part one

**Grace Obi:** Delegation starts with trust. You hand over the decision, not only the task.

**Ben Hollis:** And when it fails? People say "don't delegate what you can't undo."

## Part two

Nobody speaks here, it is a narrator's note about budgets and calendars.
"""

#: The verbatim sentence of ``ep01`` that the who-said tests look for.
SILENCE_SENTENCE = "The silence is where the thinking happens, and I keep quiet."


def write_library(root: Path) -> Path:
    (root / "show-a").mkdir(parents=True)
    (root / "show-a" / "ep01-silence.vtt").write_text(SILENCE_VTT, encoding="utf-8")
    (root / "show-b").mkdir()
    (root / "show-b" / "ep02-handing-over.md").write_text(DELEGATION_MD, encoding="utf-8")
    return root
