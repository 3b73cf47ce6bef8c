"""Section headings inside a page's transcript: lines repeating a topic from the show notes,
and short lines set apart above a paragraph (conservative: speech must never qualify).
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.importers.shared.page_blocks import PageBlock
from reader.importers.shared.page_lines import fold
from reader.importers.shared.page_quotes import OPEN_QUOTES
from reader.importers.shared.text import ENDS_SENTENCE

_HEADING_WORDS = frozenset({"introduction", "intro", "conclusion", "outro", "summary", "recap",
                            "takeaways", "background", "resources", "wrap-up", "wrap"})  # fmt: skip
MAX_HEADING_WORDS = 12
MAX_HEADING_CHARS = 90
MIN_PARAGRAPH_AFTER_HEADING = 15
MIN_PARAGRAPH_AFTER_BOLD = 5
MAX_TOPIC_HEADING_WORDS = 40
MIN_PREFIX_WORDS = 3


def _title_case(words: list[str]) -> bool:
    long = [w for w in words if sum(c.isalpha() for c in w) >= 4]
    return len(long) >= 2 and sum(w[0].isupper() for w in long) >= 0.7 * len(long)


def matches_topic(text: str, topics: Sequence[str]) -> bool:
    """A line repeating a topic item (or the start of one), ignoring case and punctuation."""
    folded = fold(text)
    if not folded:
        return False
    for topic in topics:
        if folded == topic:
            return True
        if len(folded.split()) >= MIN_PREFIX_WORDS and topic.startswith(folded + " "):
            return True
        if len(topic.split()) >= MIN_PREFIX_WORDS and folded.startswith(topic + " "):
            return len(text.split()) <= MAX_HEADING_WORDS + 6 and not ENDS_SENTENCE.search(text)
    return False


def plain_heading(block: PageBlock, following: PageBlock | None) -> bool:
    """A short line set apart above a paragraph (conservative: speech must never qualify)."""
    text = block.text
    words = text.split()
    if block.kind != "text" or block.bullet or not words:
        return False
    if len(words) > MAX_HEADING_WORDS or len(text) > MAX_HEADING_CHARS:
        return False
    if text[-1] in '.,;:!…"”’)' or text[0] in OPEN_QUOTES or "~" in text:
        return False
    if not (text[0].isupper() or text[0].isdigit()):
        return False
    if following is None or following.kind not in ("text", "item"):
        return False
    needed = MIN_PARAGRAPH_AFTER_BOLD if block.bold else MIN_PARAGRAPH_AFTER_HEADING
    if len(following.text.split()) < needed:
        return False
    strong = block.gap >= 2 or block.bold
    if len(words) == 1 and not (block.bold or words[0].casefold() in _HEADING_WORDS):
        return False
    if text.endswith("?") and not strong:
        return False
    return strong or _title_case(words)
