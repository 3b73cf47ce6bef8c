"""``episode-reader export-notes``: a library's notes and highlights as Markdown files."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.cli.common import EXIT_FAILED, CommandError, library_folder, tell
from reader.paths import AppPaths
from reader.util.plural import counted


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """The ``export-notes`` sub-command."""
    export = commands.add_parser(
        "export-notes",
        parents=[common],
        help="export notes and highlights as Markdown",
        description="Write the notes and highlights of a library (default: the last library) "
        "to OUT as Markdown: one file per episode in the library's show folders, named from "
        "number and title ('show/12 - Title.md'), or one combined notes.md. Each file starts "
        "with YAML front matter (title, show, number, date, source, speakers), then has the "
        "title, show, number and source, the highlights as quotes with speaker and time, "
        "then the note.",
    )
    export.add_argument("out", metavar="OUT", type=Path, help="folder to write the files to")
    export.add_argument(
        "--combined", action="store_true", help="write one notes.md instead of one file each"
    )
    export.set_defaults(run=_export_command)


def _export_command(args: argparse.Namespace, paths: AppPaths) -> int:
    return export_notes(paths, getattr(args, "library", None), args.out, args.combined)


def export_notes(paths: AppPaths, library: Path | None, out: Path, combined: bool) -> int:
    """``export-notes``: exit 1 with one line on stderr if the library or OUT is unusable."""
    from reader.notes import NotesStore
    from reader.notes.export import collect_exports, library_episodes, write_exports

    try:
        folder = library_folder(paths, library)
    except CommandError as exc:
        tell(exc)
        return EXIT_FAILED
    store = NotesStore(paths.data, folder)
    if store.notice:
        tell(store.notice)
    from reader.library.speakers import with_known_names

    try:
        episodes = library_episodes(store)
        with_known_names(episodes, paths.cache, folder)  # as the window names them
        items = collect_exports(store, episodes)
    except OSError as exc:
        tell(f"cannot read the notes in {store.folder}: {exc}")
        return EXIT_FAILED
    if not items:
        print(f"No notes or highlights to export for {folder}")
        return 0
    try:
        written = write_exports(items, out, combined)
    except OSError as exc:
        tell(f"cannot write {out}: {exc.strerror or exc}")
        return EXIT_FAILED
    for path in written:
        print(path)
    orphaned = sum(item.orphaned for item in items)
    extra = f" ({orphaned} no longer in the library)" if orphaned else ""
    target = written[0] if combined else out
    print(f"Exported notes of {counted(len(items), 'episode')}{extra} to {target}")
    return 0
