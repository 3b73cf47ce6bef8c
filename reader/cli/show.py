"""``episode-reader show`` and ``episode-reader paths``: an episode as Episode Reader
understands it, and the folders it writes to, as plain text or JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from reader.cli.common import tell
from reader.model import Episode, ImportFailure
from reader.paths import AppPaths
from reader.util.timefmt import format_time


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """The ``paths`` and ``show`` sub-commands."""
    paths = commands.add_parser(
        "paths",
        parents=[common],
        help="print where notes, settings and the index cache are kept",
        description="Print the folders Episode Reader writes to (after any --data-dir override).",
    )
    paths.add_argument("--json", action="store_true", help="print one JSON object")
    paths.set_defaults(run=_paths_command)

    show = commands.add_parser(
        "show",
        parents=[common],
        help="print a transcript file as Episode Reader understands it",
        description="Import one transcript file and print the episode: title, number, show, "
        "speakers, show notes, topics, sections and pull quotes.",
    )
    show.add_argument("path", metavar="PATH", type=Path, help="a transcript file")
    show.add_argument("--json", action="store_true", help="print one JSON object")
    show.set_defaults(run=_show_command)


def _paths_command(args: argparse.Namespace, paths: AppPaths) -> int:
    return print_paths(paths, args.json)


def _show_command(args: argparse.Namespace, _paths: AppPaths) -> int:
    return show_file(args.path, args.json)


def print_paths(paths: AppPaths, as_json: bool) -> int:
    if as_json:
        print(json.dumps(paths.as_dict(), indent=2))
    else:
        print(f"notes and highlights: {paths.data}")
        print(f"index cache:          {paths.cache}")
        print(f"settings:             {paths.config}")
    return 0


def show_file(path: Path, as_json: bool) -> int:
    """Import ``path`` and print it; exit 1 with the import's problem on stderr."""
    from reader.importers import import_file  # the importers' parsers: only when needed

    result = import_file(path)
    if isinstance(result, ImportFailure):
        tell(result)
        return 1
    if as_json:
        shown = result.to_json()
        shown["audio"] = playable_audio(result)  # added key (issue 16)
        print(json.dumps(shown, ensure_ascii=False, indent=2))
    else:
        print(format_episode(result), end="")
    return 0


def playable_audio(episode: Episode) -> str | None:
    """Its audio file (relative to its folder) if that file is there to play, else None."""
    from reader.audio.pairing import audio_is_there

    return episode.audio if audio_is_there(episode.source, episode.audio, None) else None


def format_episode(episode: Episode) -> str:
    """The episode as ``show`` prints it: details, then each segment with time and speaker."""
    lines = [episode.title]
    about = [f"Episode {episode.number}" if episode.number is not None else None, episode.show]
    about += [episode.date, f"{episode.format} ({episode.id})"]
    lines.append(" · ".join(part for part in about if part))
    if episode.speakers:
        lines.append("Speakers: " + ", ".join(episode.speakers))
    if episode.audio:
        missing = "" if playable_audio(episode) else " (named, but not there)"
        lines.append(f"Audio: {episode.audio}{missing}")
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
