"""Selected marks as Markdown: one file, or one file per episode named as File › Export
Notes names them (``reader.notes.export_files``). Each mark is a blockquote credited to its
speaker and time, then its tags and comment; the file says where each episode's marks are from.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from reader.annotations.filtering import BY_EPISODE, ordered
from reader.annotations.marks import PULL_QUOTE, Mark
from reader.notes.export_files import export_name, unique_names
from reader.util.atomic import atomic_write_text
from reader.util.timefmt import format_time

COMBINED_NAME = "annotations.md"


def _code(text: str) -> str:
    return f"`{text}`" if "`" not in text else text


def mark_markdown(mark: Mark) -> list[str]:
    """One mark: the passage as a blockquote, who said it and when, its tags and comment."""
    lines = [f"> {line}" if line.strip() else ">" for line in mark.text.strip().splitlines()]
    credit = [mark.speaker or "", format_time(mark.time) if mark.time is not None else ""]
    attribution = ", ".join(p for p in credit if p)
    extras = [attribution] if attribution else []
    if mark.kind == PULL_QUOTE:
        extras.append("pull quote")
    if attribution or mark.kind == PULL_QUOTE:
        lines.append(f"> — {' · '.join(extras)}")
    if mark.tags:
        lines += ["", "Tags: " + ", ".join(f"#{tag.replace(' ', '-')}" for tag in mark.tags)]
    if mark.comment.strip():
        lines += ["", mark.comment.strip("\r\n")]
    return lines


def episode_markdown(marks: list[Mark], heading: str = "#") -> str:
    """The marks of one episode under its title and a line saying where they are from."""
    first = marks[0]
    about = [first.show, f"Episode {first.number}" if first.number is not None else None]
    lines = [
        f"{heading} {first.title}",
        "",
        " · ".join([*filter(None, about), _code(first.episode_id)]),
    ]
    for mark in marks:
        lines += ["", *mark_markdown(mark)]
    return "\n".join(lines) + "\n"


def by_episode(marks: Iterable[Mark]) -> list[list[Mark]]:
    """The marks grouped by episode (show, number, title), each group in transcript order."""
    groups: dict[str, list[Mark]] = {}
    for mark in ordered(marks, BY_EPISODE):
        groups.setdefault(mark.episode_id, []).append(mark)
    return list(groups.values())


def combined_markdown(marks: Iterable[Mark]) -> str:
    """All of them in one document: a title, then each episode's marks."""
    groups = by_episode(marks)
    parts = ["# Annotations\n"] + [episode_markdown(group, "##") for group in groups]
    return "\n".join(parts)


def export_marks(marks: list[Mark], out: Path, per_episode: bool = False) -> list[Path]:
    """Write ``marks`` into folder ``out`` (``annotations.md``, or one file per episode);
    the files written. Raises ``OSError`` when ``out`` cannot be written."""
    if not marks:
        return []
    out.mkdir(parents=True, exist_ok=True)
    if not per_episode:
        path = out / COMBINED_NAME
        atomic_write_text(path, combined_markdown(marks))
        return [path]
    groups = by_episode(marks)
    names = [
        export_name(
            PurePosixPath(g[0].episode_id).parent,
            g[0].number,
            g[0].title,
            PurePosixPath(g[0].episode_id).stem or "episode",
        )
        for g in groups
    ]
    written = []
    for group, relative in zip(groups, unique_names(names), strict=True):
        path = out.joinpath(*relative.parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, episode_markdown(group))
        written.append(path)
    return written
