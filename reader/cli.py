"""The ``episode-reader`` command: opens the desktop window, or runs a sub-command.

The CLI uses only the Qt-free core; Qt is imported when the window is actually opened, so
scripted commands start fast and work on machines without a display.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from reader import APP_ID, APP_NAME, __version__
from reader.library import LibraryError, check_library
from reader.paths import DATA_DIR_ENV, AppPaths, DataDirError
from reader.search.sorts import SORTS

log = logging.getLogger(__name__)

#: Exit status for unusable start-up input (a bad --library or --data-dir), like argparse's.
EXIT_USAGE = 2
#: Exit status when the window cannot open because system libraries Qt needs are missing.
EXIT_NO_WINDOW = 3


def _common_options() -> argparse.ArgumentParser:
    """Options every command accepts, before or after the command name.

    ``default=SUPPRESS`` stops a sub-command's copy from overwriting a value given before it.
    """
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--library",
        metavar="DIR",
        type=Path,
        default=argparse.SUPPRESS,
        help="library folder to open (default: the last one, or the bundled sample library)",
    )
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        type=Path,
        default=argparse.SUPPRESS,
        help=f"keep all notes, settings and caches under DIR (also: ${DATA_DIR_ENV})",
    )
    common.add_argument(
        "-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="log details"
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common_options()
    parser = argparse.ArgumentParser(
        prog=APP_ID,
        parents=[common],
        description=(
            f"{APP_NAME}: read, search, highlight and quote podcast and coaching transcripts, "
            "offline. With no command, opens the desktop window on the last library "
            "(the bundled sample library the first time)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")
    paths = commands.add_parser(
        "paths",
        parents=[common],
        help="print where notes, settings and the index cache are kept",
        description="Print the folders Episode Reader writes to (after any --data-dir override).",
    )
    paths.add_argument("--json", action="store_true", help="print one JSON object")

    show = commands.add_parser(
        "show",
        parents=[common],
        help="print a transcript file as Episode Reader understands it",
        description="Import one transcript file and print the episode: title, number, show, "
        "speakers, show notes, topics, sections and pull quotes.",
    )
    show.add_argument("path", metavar="PATH", type=Path, help="a transcript file")
    show.add_argument("--json", action="store_true", help="print one JSON object")

    index = commands.add_parser(
        "index",
        parents=[common],
        help="bring a library's search index up to date",
        description="Index new, changed and removed transcripts of a library (default: the "
        "last library), then print a summary and each file that failed to import.",
    )
    index.add_argument("library_arg", metavar="LIBRARY", type=Path, nargs="?", help="folder")
    index.add_argument("--rebuild", action="store_true", help="rebuild the index from scratch")

    search = commands.add_parser(
        "search",
        parents=[common],
        help="search a library (indexing it first if needed)",
        description="Search a library's transcripts. See the README for the query language: "
        '"exact phrases", OR, NOT / -word, prefix*, fuzzy~, title: speaker: show: quote: '
        "notes: ep:6.",
    )
    search.add_argument("query", metavar="QUERY", help="what to look for (quote it in the shell)")
    search.add_argument("--limit", type=int, default=20, metavar="N", help="results to show")
    search.add_argument(
        "--sort", choices=SORTS, default="relevance", help="order of results (default relevance)"
    )
    search.add_argument("--json", action="store_true", help="print one JSON object")

    export = commands.add_parser(
        "export-notes",
        parents=[common],
        help="export notes and highlights as Markdown",
        description="Write the notes and highlights of a library (default: the last library) "
        "to OUT as Markdown: one file per episode, laid out like the library, or one "
        "combined notes.md. Each has the title, show, number and source, the highlights as "
        "quotes with speaker and time, then the note.",
    )
    export.add_argument("out", metavar="OUT", type=Path, help="folder to write the files to")
    export.add_argument(
        "--combined", action="store_true", help="write one notes.md instead of one file each"
    )
    return parser


def _print_paths(paths: AppPaths, as_json: bool) -> int:
    if as_json:
        print(json.dumps(paths.as_dict(), indent=2))
    else:
        print(f"notes and highlights: {paths.data}")
        print(f"index cache:          {paths.cache}")
        print(f"settings:             {paths.config}")
    return 0


def _show(path: Path, as_json: bool) -> int:
    from reader.episode_text import format_episode
    from reader.importers import import_file
    from reader.model import ImportFailure

    result = import_file(path)
    if isinstance(result, ImportFailure):
        print(f"{APP_ID}: {result}", file=sys.stderr)
        return 1
    if as_json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print(format_episode(result), end="")
    return 0


def _export_notes(paths: AppPaths, library: Path | None, out: Path, combined: bool) -> int:
    """``export-notes``: exit 1 with one line on stderr if the library or OUT is unusable."""
    from reader.cli_search import CommandError, library_folder
    from reader.notes import NotesStore
    from reader.notes.export import collect_exports, library_episodes, write_exports

    try:
        folder = library_folder(paths, library)
    except CommandError as exc:
        print(f"{APP_ID}: {exc}", file=sys.stderr)
        return 1
    store = NotesStore(paths.data, folder)
    try:
        items = collect_exports(store, library_episodes(store))
    except OSError as exc:
        print(f"{APP_ID}: cannot read the notes in {store.folder}: {exc}", file=sys.stderr)
        return 1
    if not items:
        print(f"No notes or highlights to export for {folder}")
        return 0
    try:
        written = write_exports(items, out, combined)
    except OSError as exc:
        print(f"{APP_ID}: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    orphaned = sum(item.orphaned for item in items)
    noun = "episode" if len(items) == 1 else "episodes"
    extra = f" ({orphaned} no longer in the library)" if orphaned else ""
    target = written[0] if combined else out
    print(f"Exported notes of {len(items)} {noun}{extra} to {target}")
    return 0


def _fail(message: str) -> int:
    print(f"{APP_ID}: {message}", file=sys.stderr)
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``episode-reader`` and ``python -m reader``; returns the exit status."""
    args = build_parser().parse_args(argv)
    if (sys.stdout.encoding or "").lower().replace("-", "") != "utf8":
        sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    logging.basicConfig(
        level=logging.DEBUG if getattr(args, "verbose", False) else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    paths = AppPaths.resolve(getattr(args, "data_dir", None))
    if args.command == "paths":
        return _print_paths(paths, args.json)
    if args.command == "show":
        return _show(args.path, args.json)
    if args.command == "export-notes":
        return _export_notes(paths, getattr(args, "library", None), args.out, args.combined)
    if args.command in {"index", "search"}:
        from reader import cli_search

        library = getattr(args, "library_arg", None) or getattr(args, "library", None)
        if args.command == "index":
            return cli_search.run_index(paths, library, args.rebuild)
        if args.limit < 1:
            return _fail("--limit must be at least 1")
        return cli_search.run_search(paths, library, args.query, args.limit, args.sort, args.json)

    library: Path | None = None
    if getattr(args, "library", None) is not None:
        try:
            library = check_library(args.library)
        except LibraryError as exc:
            return _fail(f"cannot open library {exc.folder}: {exc.problem}")
    try:
        paths.ensure()
    except DataDirError as exc:
        return _fail(f"cannot use data folder {exc}")

    if packages := _missing_window_libraries():
        from reader.util.qt_libraries import advice

        print(advice(packages), file=sys.stderr)
        return EXIT_NO_WINDOW
    from reader.ui.app import run_app  # Qt is only needed for the window

    return run_app(library=library, paths=paths)


def _missing_window_libraries() -> list[str]:
    """Debian packages Qt's X11 window needs and lacks here, so we can say which to install
    (Qt itself aborts with a list of platform plugins). Checked only where Qt will use xcb."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or platform not in {"", "xcb"}:
        return []
    if not platform and os.environ.get("WAYLAND_DISPLAY"):
        return []  # Qt prefers its Wayland plugin there
    from reader.util.qt_libraries import missing_packages

    return missing_packages()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
