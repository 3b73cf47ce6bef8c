"""The ``episode-reader`` command: opens the desktop window, or runs a sub-command.

The CLI uses only the Qt-free core; Qt is imported when the window is actually opened, so
scripted commands start fast and work on machines without a display. Each command group
has a module that adds its sub-commands to the parser and runs them (``show``, ``search``,
``export``); ``common`` holds what they share. A command's heavy imports (the search engine,
the importers, tqdm) happen inside it, so ``--help``, ``show`` and ``paths`` stay fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from reader import APP_ID, APP_NAME, __version__
from reader.cli import dossier, export, search, show, who_said
from reader.cli.common import EXIT_NO_WINDOW, EXIT_USAGE, fail
from reader.paths import DATA_DIR_ENV, AppPaths, DataDirError

__all__ = ["EXIT_NO_WINDOW", "EXIT_USAGE", "build_parser", "main"]


def _terminal_columns() -> int:
    """What ``shutil.get_terminal_size`` says (``COLUMNS``, else the terminal, else 80)."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's, given the terminal's width: argparse asks shutil for it, and loading
    shutil (with bz2, lzma and fnmatch) was a twentieth of ``--help``."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:  # fmt: skip
        width = _terminal_columns() - 2 if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    """A parser (the commands' too) that formats help with ``_HelpFormatter``."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)


def _common_options() -> argparse.ArgumentParser:
    """Options every command accepts, before or after the command name.

    ``default=SUPPRESS`` stops a sub-command's copy from overwriting a value given before it.
    """
    common = _Parser(add_help=False)
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
    layout = common.add_mutually_exclusive_group()
    for flag, inside, where in (
        ("--notes-in-library", True, "inside it (.episode-reader/notes)"),
        ("--notes-in-data-folder", False, "in the data folder (the default)"),
    ):
        layout.add_argument(
            flag,
            dest="notes_in_library",
            action="store_const",
            const=inside,
            default=argparse.SUPPRESS,
            help=f"keep the library's notes {where}, moving them there; remembered in its "
            ".episode-reader/library.json",
        )
    common.add_argument(
        "-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="log details"
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common_options()
    parser = _Parser(
        prog=APP_ID,
        parents=[common],
        description=(
            f"{APP_NAME}: read, search, highlight and quote podcast and coaching transcripts, "
            "offline. With no command, opens the desktop window on the last library "
            "(the bundled sample library the first time)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(
        dest="command", title="commands", metavar="COMMAND", parser_class=_Parser
    )
    show.add_commands(commands, common)
    search.add_commands(commands, common)
    export.add_commands(commands, common)
    dossier.add_commands(commands, common)
    who_said.add_commands(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``episode-reader`` and ``python -m reader``; returns the exit status."""
    args = build_parser().parse_args(argv)
    import logging  # not before: --help and --version need none of it (a tenth of their time)

    if (sys.stdout.encoding or "").lower().replace("-", "") != "utf8":
        sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    logging.basicConfig(
        level=logging.DEBUG if getattr(args, "verbose", False) else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    paths = AppPaths.resolve(getattr(args, "data_dir", None))
    if getattr(args, "notes_in_library", None) is not None:
        from reader.cli.notes_layout import apply_notes_layout

        status = apply_notes_layout(args, paths)
        if status:
            return status
    if args.command is not None:
        try:
            return args.run(args, paths)
        except BrokenPipeError:  # ``episode-reader search x | head``: the reader has enough
            return _stop_writing()
    return _open_window(args, paths)


#: The status of a command whose output was closed early, as a shell reports SIGPIPE.
EXIT_PIPE_CLOSED = 141


def _stop_writing() -> int:
    """Nothing more reaches standard output (Python's own flush at exit would fail again
    and print a traceback): say nothing, exit as the tools of a pipeline do."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_PIPE_CLOSED


def _open_window(args: argparse.Namespace, paths: AppPaths) -> int:
    """No command: the desktop window, on ``--library`` or the last library."""
    from reader.library import LibraryError, check_library

    library: Path | None = None
    if getattr(args, "library", None) is not None:
        try:
            library = check_library(args.library)
        except LibraryError as exc:
            return fail(f"cannot open library {exc.folder}: {exc.problem}")
    try:
        paths.ensure()
    except DataDirError as exc:
        return fail(f"cannot use data folder {exc}")

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
