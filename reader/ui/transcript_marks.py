"""Lays the transcript's marks (pull-quote passages, user highlights, search hits) into the
text layout itself, block by block, as a syntax highlighter does.

``QTextEdit.setExtraSelections`` only paints colours over text already laid out, so the bold
of a hit or the italic of a pull-quote passage never showed; formats set here take part in
the layout, so weight, slant and underline render as promised. They live in each block's
layout, not in the document, so copying text never carries them along."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from PySide6.QtCore import QObject
from PySide6.QtGui import QSyntaxHighlighter, QTextBlock, QTextCharFormat, QTextDocument

Mark = tuple[int, int, QTextCharFormat]  # document positions start, end; later marks on top


class TranscriptMarks(QSyntaxHighlighter):
    def __init__(self, owner: QObject) -> None:
        super().__init__(owner)  # owned by the view: it outlives each episode's document
        self._by_block: dict[int, list[Mark]] = {}

    def set_marks(self, marks: Iterable[Mark], refresh: Iterable[int] | None = None) -> None:
        """Use ``marks`` (in layer order); lay out again the blocks numbered in ``refresh``,
        or every block when None (a new set of marks)."""
        doc = self.document()
        by_block: dict[int, list[Mark]] = {}
        for start, end, fmt in marks:
            if end <= start:
                continue
            block = doc.findBlock(start)
            while block.isValid() and block.position() < end:
                by_block.setdefault(block.blockNumber(), []).append((start, end, fmt))
                block = block.next()
        self._by_block = by_block
        if refresh is None:
            self.rehighlight()
        else:
            for number in set(refresh):
                block = doc.findBlockByNumber(number)
                if block.isValid():
                    self.rehighlightBlock(block)

    def blocks_of(self, start: int, end: int) -> list[int]:
        """Numbers of the blocks that positions ``start``…``end`` touch."""
        doc = self.document()
        first, last = doc.findBlock(start), doc.findBlock(max(start, end - 1))
        return list(range(first.blockNumber(), last.blockNumber() + 1))

    def highlightBlock(self, text: str) -> None:
        block: QTextBlock = self.currentBlock()
        marks = self._by_block.get(block.blockNumber())
        if not marks:
            return
        base = block.position()
        length = len(text)
        cuts = {0, length}
        for start, end, _fmt in marks:
            cuts.add(min(max(start - base, 0), length))
            cuts.add(min(max(end - base, 0), length))
        edges = sorted(cuts)
        for a, b in itertools.pairwise(edges):
            merged: QTextCharFormat | None = None
            for start, end, fmt in marks:
                if start - base <= a and end - base >= b:
                    if merged is None:
                        merged = QTextCharFormat(fmt)
                    else:
                        merged.merge(fmt)
            if merged is not None:
                self.setFormat(a, b - a, merged)


def laid_out_format(document: QTextDocument, position: int) -> QTextCharFormat:
    """The format the text at ``position`` is laid out and drawn with: its own character
    format with the marks of its block's layout merged over it."""
    block = document.findBlock(position)
    fmt = QTextCharFormat(block.charFormat())
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        if fragment.contains(position):
            fmt = QTextCharFormat(fragment.charFormat())
        it += 1
    inside = position - block.position()
    for mark in block.layout().formats():
        if mark.start <= inside < mark.start + mark.length:
            fmt.merge(mark.format)
    return fmt
