"""Cutting copied page text into ``PageBlock``s: one per line or paragraph, with layout hints.

The blocks are what ``shared.page.assemble`` recovers an episode from; the HTML importer builds
the same blocks from the document tree, so copied and saved pages follow one set of rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.importers.shared.page_lines import is_chrome
from reader.importers.shared.text import clean_inline


@dataclass
class PageBlock:
    """One line or paragraph of a page, with the layout hints the rules need."""

    text: str
    kind: str = "text"  # "text" | "heading" | "item" | "quote"
    gap: int = 1  # blank lines before it; 2+ sets a heading apart in copied text
    bullet: str = ""  # the list marker that was stripped from ``text`` ("•", "1.")
    indent: int = 0  # leading spaces (copied lists are often indented instead of bulleted)
    bold: bool = False  # the whole paragraph is bold (HTML): a heading when short
    label: str | None = None  # speaker label given by markup (HTML ``<strong>Name:</strong>``)
    body: str | None = None  # the text after that label
    start: float | None = None  # a time given by markup (Podcasting 2.0 ``<time>``)
    speaker: str | None = None  # for quotes: the attribution

    @property
    def full(self) -> str:
        """The text as the page shows it, list marker included."""
        return f"{self.bullet} {self.text}" if self.bullet else self.text


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BULLET = re.compile(r"^(?P<mark>[•◦▪▫●○■□►▸‣⁃∙·*+✓✔➤→\-–—]|\d{1,3}[.)])\s+(?=\S)")
_INDENT = re.compile(r"^[ \t\u00a0\u3000]*")
# Hard-wrapped text has lines of a bounded width; copied web paragraphs are one long line.
WRAP_MAX_WIDTH = 100
WRAP_MIN_WIDTH = 50


def _wrapped(lines: list[str]) -> bool:
    """A group of lines that is one paragraph broken for width (e.g. an e-mail, a .txt)."""
    if len(lines) < 2:
        return False
    widths = [len(line) for line in lines]
    widest = max(widths)
    if not WRAP_MIN_WIDTH <= widest <= WRAP_MAX_WIDTH:
        return False
    if any(_BULLET.match(line) or is_chrome(line) for line in lines):
        return False
    return all(w >= 0.6 * widest for w in widths[:-1])


def text_blocks(text: str) -> list[PageBlock]:
    """Cut copied page text into blocks: one per line, hard-wrapped paragraphs joined."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    blocks: list[PageBlock] = []
    gap = 0
    group: list[str] = []

    def flush() -> None:
        nonlocal gap
        if not group:
            return
        stripped = [clean_inline(line) for line in group]
        if _wrapped(stripped):
            blocks.append(PageBlock(" ".join(stripped), gap=gap))
        else:
            for i, (raw, line) in enumerate(zip(group, stripped, strict=True)):
                indent = len(_INDENT.match(raw).group().expandtabs(4))  # type: ignore[union-attr]
                match = _BULLET.match(line)
                bullet, rest = (match["mark"], line[match.end() :]) if match else ("", line)
                blocks.append(
                    PageBlock(rest, gap=gap if i == 0 else 0, bullet=bullet, indent=indent)
                )
        group.clear()
        gap = 0

    for raw in text.split("\n"):
        if raw.strip():
            group.append(raw)
        else:
            flush()
            gap += 1
    flush()
    if blocks:
        blocks[0].gap = max(blocks[0].gap, 1)
    return blocks
