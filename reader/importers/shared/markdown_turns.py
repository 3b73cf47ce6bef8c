"""Turn headers in Markdown transcripts: who speaks, and from when.

Turn headers come from ``shared.turns``: ``**Name:**`` and Descript's bold name, and the plain
``Name (00:01:23):`` (Rev, with ``(00:01:21):`` for the same speaker going on) and
``Name: 00:00:12`` (bitcointranscripts) headers that exports carry into ``.md`` files. A
``\\[00:04:01\\]`` stamp before or after the header gives the turn's start time.
"""

from __future__ import annotations

import re

from reader.importers.shared import turns
from reader.importers.shared.markdown_blocks import Block
from reader.importers.shared.markdown_inline import STAMP
from reader.importers.shared.text import parse_timestamp

#: A stamp at the start of a line: "\[00:04:01\] ", "[00:04:01](#t=241) ".
LEAD_STAMP = re.compile(rf"^[ \t]*\\?\[(?P<stamp>{STAMP})\\?\](?:\([^()\s]*\))?[ \t]*")

#: Turn headers (``shared.turns``) a Markdown transcript uses: bold labels and Descript's,
#: and the Rev and bitcointranscripts headers that plain exports carry into ``.md`` files.
BOLD_SHAPES = frozenset({"bold-label", "descript"})
PLAIN_SHAPES = frozenset({"rev", "rev-continued", "name-time"})
_SHAPES = BOLD_SHAPES | PLAIN_SHAPES


def split_turns(block: Block) -> list[list[str]]:
    """A paragraph whose lines open with speaker labels holds one turn per labelled line."""
    parts: list[list[str]] = []
    for line in block.lines:
        if not parts or read_label(line.strip()) is not None:
            parts.append([line.strip()])
        else:
            parts[-1].append(line.strip())
    return parts


def read_label(
    line: str, shapes: frozenset[str] = _SHAPES
) -> tuple[str | None, float | None, str] | None:
    """(speaker, start, rest) when the line opens with a turn header such as
    ``[stamp] **Name:** [stamp]``, ``Name (00:01:23):`` or ``Name: 00:00:12``; the speaker is
    None when the header only says the same speaker goes on (Rev's ``(00:01:21):``)."""
    first = line[:1]
    if first.isalnum() or first == "(":
        if ":" not in line[:80]:
            return None
    elif first not in "*_\\[":
        return None
    start = None
    lead = LEAD_STAMP.match(line) if first in "\\[" else None
    rest = line[lead.end() :] if lead else line
    head = turns.read_header(rest, shapes)
    if head is None:
        return None
    rest = head.text
    if lead:
        start = parse_timestamp(lead.group("stamp"))
    start = start if start is not None else head.start
    after = LEAD_STAMP.match(rest)
    if after:
        start = start if start is not None else parse_timestamp(after.group("stamp"))
        rest = rest[after.end() :]
    return head.speaker, start, rest


def has_label(blocks: list[Block]) -> bool:
    return any(
        read_label(line.strip()) is not None for b in blocks if b.kind == "para" for line in b.lines
    )
