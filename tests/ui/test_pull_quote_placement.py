"""Where the transcript shows a pull quote: after the paragraph (or heading) its passage
starts in, so a reader meets the quote right after the words it repeats."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from reader.model import Episode, Quote
from reader.ui.transcript_view import TranscriptView


def shown_blocks(qtbot: QtBot, episode: Episode) -> list[str]:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.show_episode(episode)
    doc = view.document()
    return [doc.findBlockByNumber(i).text() for i in range(doc.blockCount())]


@pytest.mark.parametrize(
    ("start", "after"),
    [
        (15, "[0:10] Ann: Alpha one speaks here."),  # inside a paragraph
        (2, "Opening"),  # inside the heading
        (32, "[0:10] Ann: Alpha one speaks here."),  # the blank line before "Beta"
        (40, "[0:20] Ben: Beta two answers now."),
    ],
)
def test_a_pull_quote_follows_the_block_its_passage_starts_in(
    qtbot: QtBot, three_blocks: Episode, start: int, after: str
) -> None:
    three_blocks.quotes = [Quote("A pull quote.", "Ann", start, start + 5)]
    blocks = shown_blocks(qtbot, three_blocks)
    assert blocks[blocks.index(after) + 1] == "“A pull quote.”  — Ann"
    assert len(blocks) == 4
