"""A small library on disk for the filter tests: two shows (one named only by its folder),
speakers, and dates in two years."""

from __future__ import annotations

from pathlib import Path

EPISODES = {
    "the-coaching-hour/ep-101.md": ("2023-03-01", ["Priya Raman", "Tom Okafor"]),
    "the-coaching-hour/ep-102.md": ("2023-09-12", ["Priya Raman", "Ana Lima"]),
    "the-coaching-hour/ep-103.md": ("2024-01-20", ["Tom Okafor", "Ana Lima"]),
    "leaders-lab/ep-7.md": ("2024-02-02", ["Ana Lima", "Sam Reyes"]),
}


def write_filter_library(root: Path) -> Path:
    """The files of ``EPISODES``; each episode talks about feedback."""
    for episode_id, (date, speakers) in EPISODES.items():
        path = root / episode_id
        path.parent.mkdir(parents=True, exist_ok=True)
        turns = "\n\n".join(f"**{name}:** Feedback works when it is specific." for name in speakers)
        path.write_text(f"---\ndate: {date}\n---\n\n{turns}\n", encoding="utf-8")
    return root
