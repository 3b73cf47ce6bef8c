"""Plain text: the fallback for any text no other format claims.

Nothing in plain text marks speakers, so the best a reader can get is the author's
paragraphs (blank-line separated, or one a line when long lines follow each other without
blank lines) as unlabelled segments in one section; a paragraph opening with a bracketed
time (``[00:01:23]``, read by ``shared.turns``) starts then. A first line that
reads like a title (short, no final punctuation, followed by a blank line) becomes the title,
because that is how people start a text file they mean to keep.
"""

from __future__ import annotations

import re

from reader.importers.base import Draft, Importer, ParseError
from reader.importers.shared import turns
from reader.importers.shared.text import clean_inline
from reader.model import Section, Segment

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n")
# C0 controls other than tab/newline/form feed, DEL and the C1 block: never part of real text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_CONTROL_SPACE = re.compile(r"[\x0b\x0c]")
# A line that starts a list item keeps its own line instead of being joined to the previous.
_LIST_ITEM = re.compile(r"^(?:[-*+•◦▪‣·]|\d{1,3}[.)])\s")
_FINAL_PUNCTUATION = re.compile(r"[.!?…,;:]['\"”’)\]]*$")

MAX_TITLE_CHARS = 120
MAX_TITLE_WORDS = 16
#: More than this share of control characters (and at least MIN_CONTROL of them) means the
#: "text" is binary data that was decoded anyway; a few stray ones are just removed.
MAX_CONTROL_SHARE = 0.05
MIN_CONTROL = 16


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = len(_CONTROL.findall(sample))
    return controls >= MIN_CONTROL and controls > MAX_CONTROL_SHARE * len(sample)


def sniff(text: str) -> float:
    """0.1 for any non-empty text: the registry only uses this as a last resort."""
    if not text.strip() or _looks_binary(text):
        return 0.0
    return 0.1


def _paragraphs(block: str) -> list[str]:
    """A blank-line separated block as paragraphs: one, or one a line when the lines are
    paragraphs written without blank lines between them (``shared.turns``)."""
    lines = [line for line in clean_inline(block).split("\n") if line]
    if turns.one_paragraph_a_line(lines):
        return lines
    text = _paragraph_text(lines)
    return [text] if text else []


def _paragraph_text(lines: list[str]) -> str:
    """Join hard-wrapped lines with spaces, but keep list items on lines of their own."""
    out: list[str] = []
    for line in lines:
        if out and not _LIST_ITEM.match(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)


def _is_title(paragraph: str) -> bool:
    return (
        "\n" not in paragraph
        and len(paragraph) <= MAX_TITLE_CHARS
        and len(paragraph.split()) <= MAX_TITLE_WORDS
        and not _FINAL_PUNCTUATION.search(paragraph)
        and not _LIST_ITEM.match(paragraph)
    )


def parse(text: str) -> Draft:
    if _looks_binary(text):
        raise ParseError("binary data, not a text transcript")
    text = _CONTROL_SPACE.sub(" ", _CONTROL.sub("", text))
    blocks = [(b, _paragraphs(b)) for b in _PARAGRAPH_BREAK.split(text)]
    blocks = [(raw, paras) for raw, paras in blocks if paras]
    if not blocks:
        raise ParseError("the file holds no text")
    paragraphs = [para for _raw, paras in blocks for para in paras]
    draft = Draft()
    # The first line is only a title when it is a paragraph of its own with text after it.
    one_line = blocks[0][0].strip().count("\n") == 0
    if len(paragraphs) > 1 and one_line and _is_title(paragraphs[0]):
        draft.title = paragraphs.pop(0)
    draft.sections = [Section(None, [_segment(p) for p in paragraphs])]
    return draft


def _segment(paragraph: str) -> Segment:
    """A paragraph opening with a bracketed time (``[00:01:23] ...``) starts then."""
    start, text = turns.lead_stamp(paragraph)
    return Segment(text or paragraph, None, start)


IMPORTER = Importer(name="text", suffixes=frozenset({".txt"}), sniff=sniff, parse=parse)
