"""Reading the marks the transcript is drawn with (hits, highlights, pull-quote passages)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QTextCharFormat

from reader.ui.transcript_view import TranscriptView


def marked_runs(view: TranscriptView, drawn: Callable[[QTextCharFormat], bool]) -> list[str]:
    """The runs of document text whose laid-out format satisfies ``drawn``, in order."""
    text = view.document().toPlainText()
    runs: list[str] = []
    start = None
    for position in range(len(text) + 1):
        inside = position < len(text) and drawn(view.format_at(position))
        if inside and start is None:
            start = position
        elif not inside and start is not None:
            runs.append(text[start:position])
            start = None
    return runs
