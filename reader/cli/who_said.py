"""``episode-reader who-said "TEXT"``: the passages a remembered quote comes from.

The research core and the search engine are imported inside the command (``--help`` stays
light).
"""

from __future__ import annotations

import argparse

from reader.cli.common import fail
from reader.paths import AppPaths
from reader.util.pathnames import for_display
from reader.util.timefmt import format_time


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """The ``who-said`` sub-command."""
    who = commands.add_parser(
        "who-said",
        parents=[common],
        help="find who said a quote, exact or half-remembered",
        description="Find the passages of the library's transcripts a quote comes from: "
        "the exact words first, then close ones (a changed or missing word, other "
        "punctuation or quote marks). Prints each with its episode, speaker, time and the "
        "transcript's own words, or says that nothing is close; one JSON object with --json.",
    )
    who.add_argument("text", metavar="TEXT", help="the quote (in quotes in the shell)")
    who.add_argument("--json", action="store_true", help="print one JSON object")
    who.set_defaults(run=_who_said_command)


def _who_said_command(args: argparse.Namespace, paths: AppPaths) -> int:
    from reader.cli.synced import answer
    from reader.research.who_said import who_said

    if not any(ch.isalnum() for ch in args.text):
        return fail("TEXT has no words: paste the quote to look for")
    status, passages = answer(
        paths, getattr(args, "library", None), lambda ix: who_said(ix, args.text)
    )
    if passages is None:
        return status
    if args.json:
        results = [p.to_json() | {"path": for_display(p.path)} for p in passages]
        import json  # not for --help

        print(json.dumps({"query": args.text, "results": results}, ensure_ascii=False, indent=2))
        return 0
    if not passages:
        print(f"Nothing in the library is close to “{' '.join(args.text.split())}”.")
        return 0
    for rank, passage in enumerate(passages, 1):
        when = f" at {format_time(passage.time)}" if passage.time is not None else ""
        who = passage.speaker or "an unnamed speaker"
        exact = "exact" if passage.score >= 1.0 else f"{passage.score:.0%} close"
        print(f"{rank:>2}. {who}{when}, in {passage.title} ({exact})")
        print(f"    {for_display(passage.path)}")
        print(f"    “{' '.join(passage.text.split())}”")
    return 0
