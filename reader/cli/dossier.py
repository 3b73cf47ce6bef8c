"""``episode-reader dossier QUERY``: every moment a query was discussed, as Markdown or JSON.

The research core and the search engine are imported inside the command (``--help`` stays
light).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from reader.cli.common import fail
from reader.paths import AppPaths
from reader.util.pathnames import for_display

if TYPE_CHECKING:
    from reader.search.index import LibraryIndex

#: ``--by`` choices (``reader.research.dossier.GROUPINGS``, named here to keep --help light).
GROUPINGS = ("episode", "speaker")


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """The ``dossier`` sub-command."""
    dossier = commands.add_parser(
        "dossier",
        parents=[common],
        help="every moment a topic was discussed, grouped by episode or speaker",
        description="Print every place in the library's transcripts where QUERY matched "
        "(the search query language), a sentence or two each with its speaker, time and "
        "your highlights, grouped by episode (best first) or by speaker. Markdown, or one "
        "JSON object with --json.",
    )
    dossier.add_argument("query", metavar="QUERY", help="what to look for (quote it in the shell)")
    dossier.add_argument(
        "--by", choices=GROUPINGS, default="episode", help="group moments by (default episode)"
    )
    dossier.add_argument(
        "--limit",
        type=int,
        metavar="N",
        help="only the N best episodes (default: every episode the query matched)",
    )
    dossier.add_argument("--json", action="store_true", help="print one JSON object")
    dossier.set_defaults(run=_dossier_command)


def _dossier_command(args: argparse.Namespace, paths: AppPaths) -> int:
    from reader.cli.synced import answer
    from reader.notes import NotesStore
    from reader.research import briefing
    from reader.research.dossier import Dossier, build_dossier

    if not args.query.strip():
        return fail("QUERY is empty: say what to look for")
    if args.limit is not None and args.limit < 1:
        return fail("--limit must be at least 1")

    def ask(ix: LibraryIndex) -> Dossier:
        notes = NotesStore(paths.data, ix.library)
        return build_dossier(ix, args.query, notes, by=args.by, limit=args.limit)

    status, dossier = answer(paths, getattr(args, "library", None), ask)
    if dossier is None:
        return status
    if args.json:
        found = dossier.to_json()
        for group in found["groups"]:  # an undecodable byte of a file name shows as U+FFFD
            group["path"] = for_display(group["path"])
            for moment in group["moments"]:
                moment["path"] = for_display(moment["path"])
        import json  # not for --help

        print(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(briefing.markdown(dossier))
    return 0
