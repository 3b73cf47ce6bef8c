"""A saved page's document tree turned into ``PageBlock``s, in document order, without
recursion (a deeply nested page cannot exhaust the stack).

Headings, list items and whole-bold paragraphs keep their kind; a ``<strong>Name:</strong>``
at the start of a paragraph is a speaker label, as is Podcasting 2.0's
``<cite>Name:</cite><time>0:00</time>``, whose ``<time>`` gives the turn's start. Text is
only ever extracted: no markup from the file reaches the app.
"""

from __future__ import annotations

from collections.abc import Iterator

from bs4 import NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from reader.importers.shared.page_blocks import PageBlock
from reader.importers.shared.text import clean_inline, parse_timestamp

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = frozenset(
    {"p", "div", "section", "article", "main", "body", "html", "ul", "ol", "li", "blockquote",
     "pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "dl", "dt", "dd", "figure",
     "figcaption", "hr", "address", "details", "summary", "center", "fieldset", "caption",
     "hgroup", "legend", "menu"}
    | _HEADINGS
)  # fmt: skip
_BOLD = frozenset({"strong", "b"})
_SKIP_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)
MAX_LABEL_CHARS = 40

#: Pull quotes by element id, as (box, words, speaker): the walker writes each box as one
#: quote block instead of its text.
PullQuotes = dict[int, tuple[Tag, str, str | None]]


def element_text(tag: Tag) -> str:
    """The element's text on one line: inline tags joined as written, ``<br>`` as a space."""
    pieces: list[str] = []
    for node in tag.descendants:
        if isinstance(node, NavigableString):
            if not isinstance(node, _SKIP_STRINGS):
                pieces.append(str(node))
        elif isinstance(node, Tag) and node.name == "br":
            pieces.append(" ")
    return " ".join("".join(pieces).split())


class BlockWalker:
    """Turns the cleaned tree into blocks, in document order, without recursion."""

    def __init__(self, quotes: PullQuotes) -> None:
        self.quotes = quotes
        self.pre = 0  # inside <pre>, source line breaks are real line breaks
        self.blocks: list[PageBlock] = []
        self.buf: list[str] = []
        self.bold_chars = 0
        self.chars = 0
        self.label_span: tuple[int, int] | None = None
        self.label_open: Tag | None = None
        self.label_start = 0
        self.pending_label: str | None = None
        self.pending_start: float | None = None
        self.headings = 0
        self.items = 0

    def add(self, text: str, bold: bool) -> None:
        if not self.pre:
            text = text.replace("\n", " ")  # only <br> breaks a line
        self.buf.append(text)
        size = len(text.strip())
        self.chars += size
        if bold:
            self.bold_chars += size

    def flush(self) -> None:
        if not self.chars:  # only whitespace (and maybe <br>s) since the last block
            self.buf, self.bold_chars = [], 0
            self.label_span, self.label_open = None, None
            return
        raw = "".join(self.buf)
        label: str | None = None
        body: str | None = None
        if self.label_span is not None:
            label_start, label_end = self.label_span
            name = clean_inline("".join(self.buf[label_start:label_end])).strip()
            rest = " ".join("".join(self.buf[label_end:]).split())
            if name.endswith(":"):
                name = name[:-1].strip()
            elif rest.startswith(":"):
                rest = rest[1:].strip()
            else:
                name = ""
            if name and rest and len(name) <= MAX_LABEL_CHARS and ":" not in name:
                label, body = name, rest
        bold = self.chars > 0 and self.bold_chars == self.chars
        self.buf, self.chars, self.bold_chars = [], 0, 0
        self.label_span, self.label_open = None, None
        lines = [line for line in clean_inline(raw).split("\n") if line]
        if not lines:
            return
        if label is None and self.pending_label:
            label, body = self.pending_label, " ".join(" ".join(lines).split())
        kind = "heading" if self.headings else "item" if self.items else "text"
        if kind == "heading" or label:
            lines = [" ".join(lines)]
        start, self.pending_label, self.pending_start = self.pending_start, None, None
        for i, line in enumerate(lines):
            block = PageBlock(line, kind=kind, gap=1 if i == 0 else 0, bold=bold)
            if i == 0:
                block.label, block.body, block.start = label, body, start
            self.blocks.append(block)

    def walk(self, root: Tag) -> list[PageBlock]:
        stack: list[tuple[Tag, Iterator[object]]] = [(root, iter(root.children))]
        bold = 0
        while stack:
            tag, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                self.leave(tag)
                if tag.name in _BOLD:
                    bold -= 1
                continue
            if isinstance(child, NavigableString):
                if not isinstance(child, _SKIP_STRINGS):
                    self.add(str(child), bold > 0)
                continue
            if not isinstance(child, Tag):
                continue
            quote = self.quotes.get(id(child))
            if quote is not None and quote[0] is child:
                self.flush()
                self.blocks.append(PageBlock(quote[1], kind="quote", speaker=quote[2]))
                continue
            name = child.name
            if name == "br":
                self.buf.append("\n")
                continue
            if name == "cite" and self._speaker_cite(child):
                continue
            if name == "time" and not self.chars:
                seconds = parse_timestamp(element_text(child))
                if seconds is not None:
                    self.pending_start = seconds
                    continue
            self.enter(child)
            if name in _BOLD:
                bold += 1
            stack.append((child, iter(child.children)))
        self.flush()
        return self.blocks

    def _speaker_cite(self, cite: Tag) -> bool:
        """Podcasting 2.0 HTML: ``<cite>Name:</cite><time>0:00</time><p>...</p>``."""
        text = element_text(cite)
        following = cite.find_next_sibling(True)
        if text.endswith(":") or (following is not None and following.name == "time"):
            name = text.rstrip(":").strip()
            if name and len(name) <= MAX_LABEL_CHARS:
                self.flush()
                self.pending_label = name
                return True
        return False

    def enter(self, tag: Tag) -> None:
        name = tag.name
        if name in _BLOCKS:
            self.flush()
            if name in _HEADINGS:
                self.headings += 1
            elif name == "li":
                self.items += 1
            elif name == "pre":
                self.pre += 1
        elif (
            name in _BOLD
            and self.label_open is None
            and self.label_span is None
            and not "".join(self.buf).strip()
        ):
            self.label_open, self.label_start = tag, len(self.buf)

    def leave(self, tag: Tag) -> None:
        name = tag.name
        if tag is self.label_open:
            self.label_open = None
            self.label_span = (self.label_start, len(self.buf))
        if name in _BLOCKS:
            self.flush()
            if name in _HEADINGS:
                self.headings -= 1
            elif name == "li":
                self.items -= 1
            elif name == "pre":
                self.pre -= 1
