"""Search hits and user highlights are told apart by colour as well as by their marks, in the
light and the dark theme, and every highlight colour keeps its text readable. Read from the
selections the view lays over the text (colours and underlines render from there)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtGui import QColor, QPalette, QTextCharFormat
from pytestqt.qtbot import QtBot

from reader.ui.main_window import MainWindow
from reader.ui.transcript_formats import HIGHLIGHT_TINTS

if TYPE_CHECKING:
    from .conftest import Driver

EP1 = "show-a/ep01-leaders-who-delegate.md"


def luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in color.getRgbF()[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def drawn(fmt: QTextCharFormat, palette: QPalette) -> tuple[QColor, QColor]:
    """Text colour and the background as seen (the tint painted over the view's base)."""
    base = palette.color(QPalette.ColorRole.Base)
    tint = fmt.background().color()
    a = tint.alphaF()
    mixed = [
        a * t + (1 - a) * b for t, b in zip(tint.getRgbF()[:3], base.getRgbF()[:3], strict=True)
    ]
    text = (
        fmt.foreground().color()
        if fmt.hasProperty(QTextCharFormat.Property.ForegroundBrush)
        else palette.color(QPalette.ColorRole.Text)
    )
    return text, QColor.fromRgbF(*mixed)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_hits_and_highlights_differ_and_stay_readable(
    ui: Driver, qtbot: QtBot, window: MainWindow, theme: str
):
    window.set_theme(theme)
    ui.type_query(window, "calendar")
    window.open_episode(EP1)
    ui.wait_for_episode(window)
    view = window.transcript.view
    palette = view.palette()
    start = view.episode.text.index("Good leaders")
    selections = view.extraSelections()
    hit_fg, hit_bg = drawn(QTextCharFormat(selections[-1].format), palette)  # hits on top
    assert contrast(hit_fg, hit_bg) >= 4.5
    hues = []
    for colour in HIGHLIGHT_TINTS:
        view.set_user_highlights([("h", start, start + len("Good leaders"), colour)])
        selections = view.extraSelections()
        wavy = [
            QTextCharFormat(s.format) for s in selections
            if s.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
        ]  # fmt: skip
        assert len(wavy) == 1
        fg, bg = drawn(wavy[0], palette)
        assert contrast(fg, bg) >= 4.5, colour
        hues.append(bg.hslHue())
    # The yellow highlight is not another shade of the hits' amber; the colours are far apart.
    assert abs(hues[0] - hit_bg.hslHue()) >= 12
    assert min(abs(a - b) for i, a in enumerate(hues) for b in hues[i + 1 :]) >= 40
