"""Transcript files with named speakers, written for the speaker tests."""

from __future__ import annotations

from pathlib import Path


def write_speakers_episode(path: Path, *speakers: str) -> None:
    """A Markdown transcript in which each of ``speakers`` says one line about delegation."""
    path.parent.mkdir(parents=True, exist_ok=True)
    turns = "\n\n".join(f"**{name}:** We talked about delegation today." for name in speakers)
    path.write_text(turns + "\n", encoding="utf-8")


def write_coaching_hour(root: Path) -> Path:
    """A show folder whose speakers need settling: "Priya" is "Priya Raman" (until split),
    "Tom" is "Tom Okafor", and "Sam" and "S. Ortiz" are two names until merged."""
    show = root / "the-coaching-hour"
    write_speakers_episode(show / "ep-1.md", "Priya", "Tom")
    write_speakers_episode(show / "ep-2.md", "Priya Raman", "Tom Okafor")
    write_speakers_episode(show / "ep-3.md", "Sam", "S. Ortiz")
    return root
