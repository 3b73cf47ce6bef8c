"""Episodes as plain text for a terminal (``episode-reader show``)."""

from __future__ import annotations

from reader.model import Episode
from reader.util.timefmt import format_time


def format_episode(episode: Episode) -> str:
    lines = [episode.title]
    about = [f"Episode {episode.number}" if episode.number is not None else None, episode.show]
    about += [episode.date, f"{episode.format} ({episode.id})"]
    lines.append(" · ".join(part for part in about if part))
    if episode.speakers:
        lines.append("Speakers: " + ", ".join(episode.speakers))
    if episode.description:
        lines += ["", episode.description]
    if episode.topics:
        lines += ["", "Topics:"] + [f"  • {topic}" for topic in episode.topics]
    for section in episode.sections:
        if section.heading:
            lines += ["", f"## {section.heading}"]
        for seg in section.segments:
            label = f"[{format_time(seg.start)}] " if seg.start is not None else ""
            label += f"{seg.speaker}: " if seg.speaker else ""
            lines += ["", label + seg.text]
    if episode.quotes:
        lines += ["", "Pull quotes:"]
        for quote in episode.quotes:
            by = f" — {quote.speaker}" if quote.speaker else ""
            lines.append(f"  “{quote.text}”{by}")
    if episode.warnings:
        lines += ["", "Warnings:"] + [f"  ! {warning}" for warning in episode.warnings]
    return "\n".join(lines) + "\n"
