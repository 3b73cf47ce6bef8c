"""Episode pages copied off podcast websites as text: sniffing, and ``shared.page`` for the rest."""

from __future__ import annotations

import re

from reader.importers.base import Draft, Importer
from reader.importers.shared.metadata import split_title
from reader.importers.shared.page import MAX_TITLE_CHARS, assemble
from reader.importers.shared.page_blocks import text_blocks
from reader.importers.shared.page_lines import is_chrome, is_topic_intro, is_transcript_marker
from reader.importers.shared.page_quotes import SHARE_BUTTON, split_pull_quote

SNIFF_CHARS = 6000
_OTTER_HEADER = re.compile(r"^\S[^\n:]{0,40}? {2,}\d{1,2}:\d{2}(?::\d{2})?\s*$", re.MULTILINE)
_MARKDOWN_LABEL = re.compile(r"^\*\*[^*\n]{1,40}:?\*\*", re.MULTILINE)


def sniff(text: str) -> float:
    """Numbered title line, player chrome, topic intro, transcript marker, share buttons."""
    head = text[:SNIFF_CHARS]
    stripped = head.lstrip("\ufeff \t\r\n")
    if not stripped or stripped[0] in "<{[" or stripped.startswith("WEBVTT") or "-->" in head:
        return 0.0
    if _MARKDOWN_LABEL.search(head) or len(_OTTER_HEADER.findall(head)) >= 2:
        return 0.0
    lines = [line.strip() for line in head.replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    if not lines:  # only characters str.strip() counts as space, such as \x1f
        return 0.0
    first = lines[0]
    if first.startswith("#") and not re.match(r"#\d", first):
        return 0.0  # a Markdown heading
    score = 0.0
    if len(first) <= MAX_TITLE_CHARS and split_title(first)[0] is not None:
        score += 0.35
    if any(is_chrome(line) and not SHARE_BUTTON.match(line) for line in lines[:40]):
        score += 0.25
    if any(is_topic_intro(line) for line in lines):
        score += 0.25
    if any(is_transcript_marker(line) for line in lines):
        score += 0.3
    if any(SHARE_BUTTON.search(line) and split_pull_quote(line) for line in lines):
        score += 0.3
    return min(score, 0.95)


def parse(text: str) -> Draft:
    """A copied episode page; raises ``ParseError`` when it holds no episode text at all."""
    return assemble(text_blocks(text))


IMPORTER = Importer(name="web-page", suffixes=frozenset({".txt"}), sniff=sniff, parse=parse)
