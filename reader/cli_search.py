"""``episode-reader index`` and ``episode-reader search``: the library index from a terminal."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from reader import APP_ID
from reader.cli_progress import ProgressBar
from reader.healing import sync_or_rebuild
from reader.indexer import SyncReport
from reader.library import LibraryError, check_library
from reader.notes import IndexedNotes
from reader.pathnames import display_relative, for_display
from reader.paths import AppPaths, DataDirError
from reader.search.failed_commit import write_problem
from reader.search.health import IndexDamaged
from reader.search.index import LibraryIndex
from reader.search.lock import IndexBusy
from reader.search.results import SearchResults
from reader.search.snippets import Snippet
from reader.state import default_library, remember_library

#: Exit status when the library (or the folders we write to) cannot be used.
EXIT_FAILED = 1
#: Exit status of a search that found the index damaged (the next sync rebuilds it).
EXIT_INDEX_DAMAGED = 3


def _tell(message: object) -> None:
    """One line for the user on stderr, named after the app."""
    print(f"{APP_ID}: {message}", file=sys.stderr)


class CommandError(Exception):
    """A problem that ends the command with one line on stderr and exit status 1."""


def library_folder(paths: AppPaths, library: Path | None) -> Path:
    """The library a command works on: the one given, else the last one (or the samples),
    checked; raises ``CommandError`` naming the folder and the problem."""
    if library is None:
        library, notice = default_library(paths)
        if notice:
            _tell(notice)
    try:
        return check_library(library)
    except LibraryError as exc:
        raise CommandError(f"cannot read library {exc.folder}: {exc.problem}") from exc


def _open(paths: AppPaths, library: Path | None) -> LibraryIndex:
    folder = library_folder(paths, library)
    try:
        paths.ensure()
        ix = LibraryIndex(folder, paths.cache)
    except DataDirError as exc:
        raise CommandError(f"cannot use the index cache: {exc}") from exc
    except IndexBusy as exc:
        raise CommandError(str(exc)) from exc
    except OSError as exc:
        raise CommandError(write_problem(exc, paths.cache)) from exc
    if ix.notice:
        _tell(ix.notice)
    # Episodes are indexed with the user's notes, as the window indexes them: an episode
    # re-imported here must still be found by ``notes:``.
    ix.notes_source = IndexedNotes(paths.data, ix.library)
    return ix


def run_index(paths: AppPaths, library: Path | None, rebuild: bool) -> int:
    try:
        ix = _open(paths, library)
    except CommandError as exc:
        _tell(exc)
        return EXIT_FAILED
    bar = ProgressBar(sys.stderr)
    try:
        # Waits for another process's sync (then finds its work done); a second rebuild
        # stops at once with RebuildRunning. A damaged index is rebuilt and synced again.
        ix, report = sync_or_rebuild(
            ix,
            lambda: _open(paths, ix.library),
            progress=bar,
            rebuild=rebuild,
            wait=None,
            on_wait=_tell,
        )
        ix.tidy()
    except (IndexBusy, IndexDamaged) as exc:
        bar.close()
        _tell(exc)
        return EXIT_INDEX_DAMAGED if isinstance(exc, IndexDamaged) else EXIT_FAILED
    except OSError as exc:  # a full disk: the failed commit was undone, the index is as it was
        bar.close()
        _tell(write_problem(exc, ix.folder))
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
    paths: AppPaths, library: Path | None, text: str, limit: int, sort: str, as_json: bool
) -> int:
    try:
        ix = _open(paths, library)
    except CommandError as exc:
        _tell(exc)
        return EXIT_FAILED
    try:
        try:
            ix, _report = sync_or_rebuild(ix, lambda: _open(paths, ix.library))
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
        results = ix.search(text, limit=limit, sort=sort)
    except IndexDamaged as exc:
        print(f"{APP_ID}: {exc}", file=sys.stderr)
        return EXIT_INDEX_DAMAGED
    finally:
        ix.close()
    if as_json:
        answer = results.to_json()
        for result in answer["results"]:  # an undecodable byte of a file name shows as U+FFFD
            result["path"] = for_display(result["path"])
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
    noun = "episode" if results.total == 1 else "episodes"
    print(f"{results.total} {noun} match {results.query!r}")
    if results.suggestion:
        print(f"Did you mean: {results.suggestion}")
    for rank, hit in enumerate(results.hits, 1):
        number = f"Ep {hit.number} · " if hit.number is not None else ""
        show = f" — {hit.show}" if hit.show else ""
        matches = f"{hit.matches} match{'es' if hit.matches != 1 else ''}"
        print(f"\n{rank:>2}. {number}{hit.title}{show} ({matches})")
        print(f"    {for_display(hit.path)}")
        for snippet in hit.snippets:
            print(f"    {_mark(snippet, bold)}")
