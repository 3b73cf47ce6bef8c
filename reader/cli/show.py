"""``episode-reader show`` and ``episode-reader paths``: an episode as Episode Reader
understands it, and the folders it writes to, as plain text or JSON.

A file inside the library (``--library``, else the last one) whose index holds it is shown
with the show and speaker names the library gives it (``reader.library.speakers``); the
JSON keeps the file's own names and adds them under ``library``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.common import CommandError, library_folder, tell
from reader.paths import AppPaths
from reader.util.timefmt import format_time

if TYPE_CHECKING:
    from reader.model import Episode


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


def _show_command(args: argparse.Namespace, paths: AppPaths) -> int:
    return show_file(args.path, args.json, paths, getattr(args, "library", None))


def print_paths(paths: AppPaths, as_json: bool) -> int:
    if as_json:
        import json  # not for --help

        print(json.dumps(paths.as_dict(), indent=2))
    else:
        print(f"notes and highlights: {paths.data}")
        print(f"index cache:          {paths.cache}")
        print(f"settings:             {paths.config}")
    return 0


def show_file(
    path: Path, as_json: bool, paths: AppPaths | None = None, library: Path | None = None
) -> int:
    """Import ``path`` and print it; exit 1 with the import's problem on stderr."""
    from reader.importers import import_file  # the importers' parsers: only when needed
    from reader.model import ImportFailure

    result = import_file(path)
    if isinstance(result, ImportFailure):
        tell(result)
        return 1
    data = result.to_json()
    data["audio"] = playable_audio(result)  # added key (issue 16)
    known = _in_library(path, paths, library)
    if known is not None:
        from reader.library.speakers import as_known

        episode_id, stored = known
        own_speakers = list(result.speakers)
        as_known(result, stored)
        names = stored.get("speaker_names") or {}
        data["library"] = {
            "path": episode_id,
            "show": result.show,
            "speakers": list(result.speakers),
            "speaker_names": {own: names[own] for own in own_speakers if own in names},
        }
    else:
        data["library"] = None
    if as_json:
        import json  # not for --help

        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(format_episode(result), end="")
    return 0


def playable_audio(episode: Episode) -> str | None:
    """Its audio file (relative to its folder) if that file is there to play, else None."""
    from reader.audio.pairing import audio_is_there

    return episode.audio if audio_is_there(episode.source, episode.audio, None) else None


def _in_library(
    path: Path, paths: AppPaths | None, library: Path | None
) -> tuple[str, dict] | None:
    """``path``'s id and index document, when it is in the library and indexed there."""
    from reader.util.folders import per_library_folder
    from reader.util.pathnames import episode_id

    if paths is None:
        return None
    try:
        folder = library_folder(paths, library)
    except CommandError:
        return None
    found = episode_id(path, folder)
    # No index yet (``reader.search.index.index_folder``): nothing to ask, no engine to load.
    if found is None or not per_library_folder(paths.cache / "index", folder).is_dir():
        return None
    from reader.search.index import IndexNotReady, LibraryIndex  # only for a library's file

    try:
        ix = LibraryIndex(folder, paths.cache, create=False)
    except (IndexNotReady, OSError):
        return None
    try:
        stored = ix.stored(found)
    except Exception:  # a damaged index: the file's own names still print
        return None
    finally:
        ix.close()
    return None if stored is None else (found, stored)


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
