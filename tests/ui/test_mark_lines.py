"""Hits, the current hit, highlights and pull-quote passages differ by their line, not only
by colour (for colour-blind readers and for look-alike tints in either theme)."""

from __future__ import annotations

from PySide6.QtGui import QPalette, QTextCharFormat
from PySide6.QtWidgets import QApplication

from reader.ui.transcript_formats import (
    HIGHLIGHT_TINTS,
    highlight_format,
    hit_formats,
    passage_format,
)

Style = QTextCharFormat.UnderlineStyle


def test_each_kind_of_mark_has_its_own_line(qapp: QApplication):
    palette = QPalette()
    hit, current = hit_formats()
    lines = {
        "hit": hit.underlineStyle(),
        "current hit": current.underlineStyle(),
        "pull quote": passage_format(palette, "Maya").underlineStyle(),
    }
    for colour in HIGHLIGHT_TINTS:
        lines[f"{colour} highlight"] = highlight_format(colour, palette).underlineStyle()
    assert Style.NoUnderline not in lines.values()
    kinds = {
        "hit": lines["hit"],
        "current hit": lines["current hit"],
        "pull quote": lines["pull quote"],
        "highlight": lines["yellow highlight"],
    }
    assert len(set(kinds.values())) == 4, kinds
    assert {lines[f"{c} highlight"] for c in HIGHLIGHT_TINTS} == {kinds["highlight"]}
