"""Laying an episode out as a ``QTextDocument`` for the transcript view.

Built block by block with ``QTextCursor`` and plain-text inserts, never from HTML, so nothing
in a transcript can become markup. Each heading and segment of ``Episode.text`` becomes one
paragraph; the ``BlockMap`` returned maps text offsets to document positions.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import (
    QFont,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from reader.model import Episode
from reader.ui.block_map import BlockMap
from reader.ui.transcript_formats import palette_tint, text_formats
from reader.util.timefmt import format_time

LINE_HEIGHT_PERCENT = 150

#: Where each pull quote sits in the document: start, end, index in ``Episode.quotes``.
PullQuotes = list[tuple[int, int, int]]


def build_document(
    parent: QObject,
    font: QFont,
    palette: QPalette,
    point_size: float,
    episode: Episode | None,
    message: str = "",
) -> tuple[QTextDocument, BlockMap, PullQuotes]:
    """The document showing ``episode`` (or ``message`` when there is none), where its text
    sits in it, and where its pull quotes are."""
    blocks_map, pull_quotes = BlockMap(), PullQuotes()
    doc = QTextDocument(parent)
    doc.setDocumentMargin(24)
    doc.setDefaultFont(font)
    cursor = QTextCursor(doc)
    if episode is None:
        cursor.insertText(message)
        return doc, blocks_map, pull_quotes
    fmt = text_formats(palette, point_size)
    text, blocks = episode.layout
    paragraph = QTextBlockFormat()
    paragraph.setLineHeight(
        LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
    )
    paragraph.setBottomMargin(point_size * 0.9)
    heading_block = QTextBlockFormat(paragraph)
    heading_block.setTopMargin(point_size * 1.4)
    quotes_after: dict[int, list[int]] = {}
    for q_index, quote in enumerate(episode.quotes):
        quote_block = episode.block_at(quote.start) if quote.start is not None else None
        if quote_block is not None:
            quotes_after.setdefault(quote_block, []).append(q_index)
    first = True
    for b_index, block in enumerate(blocks):
        is_heading = block.segment is None
        if not first:
            cursor.insertBlock()
        cursor.setBlockFormat(heading_block if is_heading else paragraph)
        first = False
        if block.segment is None:
            cursor.setCharFormat(fmt["heading"])
        else:
            seg = episode.sections[block.section].segments[block.segment]
            prefix = []
            if seg.start is not None:
                prefix.append(f"[{format_time(seg.start)}]")
            if seg.speaker:
                prefix.append(f"{seg.speaker}:")
            if prefix:
                cursor.insertText(" ".join(prefix) + " ", fmt["label"])
            cursor.setCharFormat(fmt["body"])
        position = cursor.position()
        cursor.insertText(text[block.start : block.end])
        blocks_map.add(block.start, position, cursor.position())
        for q_index in quotes_after.get(b_index, []):
            pull_quotes.append(
                _pull_quote(cursor, episode, q_index, paragraph, fmt, palette, point_size)
            )
    unplaced = [i for i, q in enumerate(episode.quotes) if q.start is None]
    for q_index in unplaced:
        pull_quotes.append(
            _pull_quote(cursor, episode, q_index, paragraph, fmt, palette, point_size)
        )
    return doc, blocks_map, pull_quotes


def _pull_quote(
    cursor: QTextCursor,
    episode: Episode,
    q_index: int,
    paragraph: QTextBlockFormat,
    fmt: dict[str, QTextCharFormat],
    palette: QPalette,
    point_size: float,
) -> tuple[int, int, int]:
    """Insert pull quote ``q_index`` as a tinted block of its own; where it went."""
    quote = episode.quotes[q_index]
    block = QTextBlockFormat(paragraph)
    block.setLeftMargin(36)
    block.setRightMargin(24)
    block.setTopMargin(point_size * 0.6)
    block.setBackground(palette_tint(palette, 0.10))
    block.setProperty(QTextFormat.Property.UserProperty, "pull-quote")
    cursor.insertBlock(block)
    start = cursor.position()
    cursor.insertText(f"“{quote.text}”", fmt["quote"])
    if quote.speaker:
        cursor.insertText(f"  — {quote.speaker}", fmt["attribution"])
    return (start, cursor.position(), q_index)
