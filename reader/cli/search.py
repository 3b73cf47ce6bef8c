"""``episode-reader index`` and ``episode-reader search``: the library index from a terminal.

The search engine, the sync and the progress bar are imported inside the commands, so that
building the parser (for any command) stays light.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader import APP_ID
from reader.cli.common import (
    EXIT_FAILED,
    EXIT_INDEX_DAMAGED,
    CommandError,
    PausedCollector,
    fail,
    library_folder,
    open_index,
    tell,
)
from reader.paths import AppPaths
from reader.search.sorts import SORTS
from reader.util.pathnames import display_relative, for_display
from reader.util.plural import counted

if TYPE_CHECKING:
    from reader.library.sync_run import SyncReport
    from reader.search.filters import Filters
    from reader.search.results import SearchResults
    from reader.search.snippets import Snippet


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """The ``index`` and ``search`` sub-commands."""
    index = commands.add_parser(
        "index",
        parents=[common],
        help="bring a library's search index up to date",
        description="Index new, changed and removed transcripts of a library (default: the "
        "last library), then print a summary and each file that failed to import.",
    )
    index.add_argument("library_arg", metavar="LIBRARY", type=Path, nargs="?", help="folder")
    index.add_argument("--rebuild", action="store_true", help="rebuild the index from scratch")
    index.set_defaults(run=_index_command)

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
    narrow = search.add_argument_group(
        "filters (whole values, any case; as beside the app's search)"
    )
    narrow.add_argument("--show", metavar="SHOW", help="only episodes of this show")
    narrow.add_argument("--speaker", metavar="NAME", help="only episodes this speaker speaks in")
    narrow.add_argument("--year", metavar="YYYY", help="only episodes dated in this year")
    search.set_defaults(run=_search_command)


def _library(args: argparse.Namespace) -> Path | None:
    """The library named after the command (``index LIBRARY``), else by ``--library``."""
    return getattr(args, "library_arg", None) or getattr(args, "library", None)


def _index_command(args: argparse.Namespace, paths: AppPaths) -> int:
    return run_index(paths, _library(args), args.rebuild)


def _search_command(args: argparse.Namespace, paths: AppPaths) -> int:
    from reader.search.filters import Filters

    if args.limit < 1:
        return fail("--limit must be at least 1")
    if args.year is not None and not (len(args.year) == 4 and args.year.isdigit()):
        return fail(f"--year must be a year such as 2023, not {args.year!r}")
    filters = Filters(args.show, args.speaker, args.year)
    return run_search(paths, _library(args), args.query, args.limit, args.sort, args.json, filters)


def run_index(paths: AppPaths, library: Path | None, rebuild: bool) -> int:
    from reader.cli.progress import ProgressBar
    from reader.library.repair import sync_or_rebuild
    from reader.search.failed_commit import write_problem
    from reader.search.health import IndexDamaged
    from reader.search.lock import IndexBusy
    from reader.state import remember_library

    try:
        ix = open_index(paths, library)
    except CommandError as exc:
        tell(exc)
        return EXIT_FAILED
    bar = ProgressBar(sys.stderr)
    try:
        # Waits for another process's sync (then finds its work done); a second rebuild
        # stops at once with RebuildRunning. A damaged index is rebuilt and synced again.
        ix, report = sync_or_rebuild(
            ix,
            lambda: open_index(paths, ix.library),
            progress=bar,
            rebuild=rebuild,
            wait=None,
            on_wait=tell,
        )
        with contextlib.suppress(IndexBusy):  # housekeeping: a later sync merges instead
            ix.tidy()
    except (IndexBusy, IndexDamaged) as exc:
        bar.close()
        tell(exc)
        return EXIT_INDEX_DAMAGED if isinstance(exc, IndexDamaged) else EXIT_FAILED
    except OSError as exc:  # a full disk: the failed commit was undone, the index is as it was
        bar.close()
        tell(write_problem(exc, ix.folder))
        return EXIT_FAILED
    finally:
        ix.close()
    bar.close()
    remember_library(paths, ix.library)
    _print_report(ix.library, report)
    return 0


def _print_report(library: Path, report: SyncReport) -> None:
    print(f"Indexed {for_display(library)}: {report.summary()}")
    for failure in report.failed:
        print(f"  failed: {display_relative(failure.source, library)}: {failure.problem}")


def run_search(
    paths: AppPaths,
    library: Path | None,
    text: str,
    limit: int,
    sort: str,
    as_json: bool,
    filters: Filters | None = None,
) -> int:
    from reader.library.folder_state import walked_ahead

    try:
        library = library_folder(paths, library)
    except CommandError as exc:
        tell(exc)
        return EXIT_FAILED
    with walked_ahead(library):  # the no-op sync's walk, on the other core while the engine loads
        return _synced_search(paths, library, text, limit, sort, as_json, filters)


def _synced_search(
    paths: AppPaths,
    library: Path,
    text: str,
    limit: int,
    sort: str,
    as_json: bool,
    filters: Filters | None,
) -> int:
    with PausedCollector() as collector:  # on again when files are imported, and at the end
        from reader.search.quick_import import import_engine

        import_engine()  # first: Whoosh without its network and asyncio code, numpy one thread
        from reader.library.repair import sync_or_rebuild
        from reader.search.failed_commit import write_problem
        from reader.search.health import IndexDamaged
        from reader.search.lock import IndexBusy

        collector.engine_loaded()

        try:
            ix = open_index(paths, library)
        except CommandError as exc:
            tell(exc)
            return EXIT_FAILED
        try:
            try:
                ix, _report = sync_or_rebuild(
                    ix, lambda: open_index(paths, ix.library), progress=collector.sync_progress
                )
            except IndexBusy:
                print(
                    f"{APP_ID}: the index is being updated by another process; "
                    "searching what it last saved",
                    file=sys.stderr,
                )
                ix.refresh()
            except OSError as exc:  # a full disk: the old index still answers
                print(f"{APP_ID}: {write_problem(exc, ix.folder)}; searching it", file=sys.stderr)
                ix.refresh()
            results = ix.search(text, limit=limit, sort=sort, filters=filters, facet_counts=False)
        except IndexDamaged as exc:
            print(f"{APP_ID}: {exc}", file=sys.stderr)
            return EXIT_INDEX_DAMAGED
        finally:
            ix.close()
        if as_json:
            answer = results.to_json()
            for result in answer["results"]:  # an undecodable byte of a file name shows as U+FFFD
                result["path"] = for_display(result["path"])
            import json  # not for --help

            print(json.dumps(answer, ensure_ascii=False, indent=2))
        else:
            _print_results(results, bold=sys.stdout.isatty())
        return 0


def _mark(snippet: Snippet, bold: bool) -> str:
    if not bold:
        return snippet.text
    out, pos = [], 0
    for start, end in snippet.highlights:
        out += [snippet.text[pos:start], "\033[1m", snippet.text[start:end], "\033[0m"]
        pos = end
    out.append(snippet.text[pos:])
    return "".join(out)


def _print_results(results: SearchResults, bold: bool) -> None:
    verb = "matches" if results.total == 1 else "match"
    print(f"{counted(results.total, 'episode')} {verb} {results.query!r}")
    if results.suggestion:
        print(f"Did you mean: {results.suggestion}")
    for rank, hit in enumerate(results.hits, 1):
        number = f"Ep {hit.number} · " if hit.number is not None else ""
        show = f" — {hit.show}" if hit.show else ""
        matches = counted(hit.matches or 0, "match")  # every hit is made whole here
        elsewhere = [f for f in hit.fields if f != "transcript"]
        if elsewhere:
            matches += f", in {', '.join(elsewhere)}"
        print(f"\n{rank:>2}. {number}{hit.title}{show} ({matches})")
        print(f"    {for_display(hit.path)}")
        for snippet in hit.snippets:
            print(f"    {_mark(snippet, bold)}")
