"""A long episode we write ourselves, for tests of where the view goes (jumps, places)."""

from __future__ import annotations

from pathlib import Path

LONG_PATH = "show-long/ep12-long-talk.md"
SPEAKERS = ("Ana Silva", "Ben Cho")


def write_long_library(folder: Path, turns: int = 120) -> Path:
    """``folder`` with one long episode: sections every 30 turns, a word (``zebrafish``) said
    in turns 10, 60 and 110 only, and many turns of plain talk in between."""
    lines = ["# Episode 12: The Long Talk", ""]
    for turn in range(turns):
        if turn % 30 == 0:
            lines += [f"## Part {turn // 30 + 1}", ""]
        speaker = SPEAKERS[turn % 2]
        special = " We kept a zebrafish tank in the office." if turn in (10, 60, 110) else ""
        lines += [
            f"**{speaker}:** Turn {turn} of the talk, about teams, trust and the work of "
            f"leading people day after day.{special} That is all for this turn.",
            "",
        ]
    (folder / "show-long").mkdir(parents=True, exist_ok=True)
    (folder / LONG_PATH).write_text("\n".join(lines), encoding="utf-8")
    return folder
