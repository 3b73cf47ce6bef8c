"""Transcript files with named speakers, written for the speaker tests."""

from __future__ import annotations

from pathlib import Path


def write_speakers_episode(path: Path, *speakers: str) -> None:
    """A Markdown transcript in which each of ``speakers`` says one line about delegation."""
    path.parent.mkdir(parents=True, exist_ok=True)
    turns = "\n\n".join(f"**{name}:** We talked about delegation today." for name in speakers)
    path.write_text(turns + "\n", encoding="utf-8")
