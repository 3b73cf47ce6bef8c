"""Markdown lines cut into blocks: headings (ATX and setext), paragraphs, blockquotes, lists
and fenced code, which ``formats.markdown`` then reads as sections, turns and show notes.

Only what transcripts and show notes use is recognised; a ``**Name:** Bye.`` line over a
``---`` line is a turn followed by a rule, not a setext heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_LABEL_START = re.compile(r"^ {0,3}(?:\\?\[[\d:.,]+\\?\][ \t]*)?(?:\*\*|__)[^*_\n:]{1,60}?:")
ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?(.*)$")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+•]|\d{1,9}[.)])[ \t]+(.*)$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S+")


@dataclass
class Block:
    kind: str  # "heading", "para", "quote", "list", "code"
    lines: list[str] = field(default_factory=list)
    level: int = 0


def split_blocks(lines: list[str]) -> list[Block]:
    """Split Markdown lines into headings, paragraphs, blockquotes, lists and code blocks."""
    blocks: list[Block] = []
    current: Block | None = None
    fence: str | None = None
    blank_before = False
    for line in lines:
        if fence is not None:
            if line.lstrip().startswith(fence):
                fence, current = None, None
            elif current is not None:
                current.lines.append(line)
            continue
        if not line.strip():
            blank_before = True
            if current is not None and current.kind != "list":
                current = None
            continue
        was_blank, blank_before = blank_before, False
        item = _LIST_ITEM.match(line)
        if current is not None and current.kind == "list" and was_blank and not item:
            if line[:1] in " \t":  # an indented paragraph inside a list item
                current.lines[-1] += " " + line.strip()
                continue
            current = None
        fenced = _FENCE.match(line)
        if fenced:
            fence = fenced.group(1)[:3]
            current = Block("code")
            blocks.append(current)
            continue
        atx = ATX.match(line)
        if atx:
            blocks.append(Block("heading", [atx.group(2) or ""], len(atx.group(1))))
            current = None
            continue
        setext = _SETEXT.match(line)
        # "**Name:** Bye." over a "---" line is a turn followed by a rule, not a heading.
        if (
            setext
            and current is not None
            and current.kind == "para"
            and not _LABEL_START.match(current.lines[0])
        ):
            current.kind = "heading"
            current.level = 1 if setext.group(1)[0] == "=" else 2
            current.lines = [" ".join(s.strip() for s in current.lines)]
            current = None
            continue
        if _RULE.match(line):
            current = None
            continue
        quoted = _QUOTE.match(line)
        if quoted:
            if current is None or current.kind != "quote":
                current = Block("quote")
                blocks.append(current)
            current.lines.append(quoted.group(1))
            continue
        if item and not (current is not None and current.kind == "para" and line[:1] in " \t"):
            if current is None or current.kind != "list":
                current = Block("list")
                blocks.append(current)
            current.lines.append(item.group(1))
            continue
        if _LINK_DEFINITION.match(line):
            continue
        if current is not None and current.kind in ("quote", "list"):
            current.lines[-1] += " " + line.strip()  # lazy continuation line
            continue
        if current is None or current.kind != "para":
            current = Block("para")
            blocks.append(current)
        current.lines.append(line)
    return blocks
