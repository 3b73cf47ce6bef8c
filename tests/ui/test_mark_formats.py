"""Search hits, the current hit, user highlights and pull-quote passages are drawn differently
by more than colour, readably, in the light and the dark theme: read from the formats the
text is laid out with (what is drawn), not from what the code asked for."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat
from pytestqt.qtbot import QtBot

from reader.ui.main_window import MainWindow
from reader.ui.transcript_formats import HIGHLIGHT_TINTS

if TYPE_CHECKING:
    from .conftest import Driver

EP1 = "show-a/ep01-leaders-who-delegate.md"


def luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def over(tint: QColor, base: QColor) -> QColor:
    """``tint`` painted over ``base`` (its alpha mixed in)."""
    a = tint.alphaF()
    return QColor.fromRgbF(
        *(a * t + (1 - a) * b for t, b in zip(tint.getRgbF()[:3], base.getRgbF()[:3], strict=True))
    )


def drawn(fmt: QTextCharFormat, palette: QPalette) -> tuple[QColor, QColor]:
    """Text and background colours a format is drawn with on the view's base."""
    base = palette.color(QPalette.ColorRole.Base)
    text = (
        fmt.foreground().color()
        if fmt.hasProperty(fmt.Property.ForegroundBrush)
        else (palette.color(QPalette.ColorRole.Text))
    )
    background = fmt.background().color() if fmt.hasProperty(fmt.Property.BackgroundBrush) else base
    return text, over(background, base)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_hits_current_hit_highlights_and_pull_quotes_look_different(
    ui: Driver, qtbot: QtBot, window: MainWindow, theme: str
):
    window.set_theme(theme)
    ui.type_query(window, "calendar")
    window.open_episode(EP1)
    ui.wait_for_episode(window)
    view = window.transcript.view
    text = view.episode.text
    start = text.index("Good leaders delegate early.")
    view.set_user_highlights([("h1", start, start + len("Good leaders"), "yellow")])
    assert len(view.hits) == 2
    palette = view.palette()
    current = view.format_at(view.position_of(view.hits[0][0]) + 1)
    hit = view.format_at(view.position_of(view.hits[1][0]) + 1)
    mark = view.format_at(view.position_of(start) + 1)
    passage = view.format_at(view.position_of(text.index("builds trust")) + 1)
    body = view.format_at(view.position_of(text.index("early")))

    assert hit.fontWeight() >= QFont.Weight.Bold  # hits are bold…
    assert current.fontWeight() >= QFont.Weight.Bold
    assert current.underlineStyle() == QTextCharFormat.UnderlineStyle.SingleUnderline
    assert hit.underlineStyle() == QTextCharFormat.UnderlineStyle.NoUnderline  # …one underlined
    assert mark.fontWeight() < QFont.Weight.DemiBold  # highlights are not bold, and wavy
    assert mark.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    assert passage.fontItalic()  # pull-quote passages: italic and dotted
    assert passage.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
    assert not body.fontItalic()
    assert body.fontWeight() < QFont.Weight.DemiBold

    hit_text, hit_back = drawn(hit, palette)
    current_text, current_back = drawn(current, palette)
    mark_text, mark_back = drawn(mark, palette)
    for fg, bg in ((hit_text, hit_back), (current_text, current_back), (mark_text, mark_back)):
        assert contrast(fg, bg) >= 4.5  # readable in this theme
    # Distinct colours too: a yellow highlight is not another shade of the hits' amber.
    assert abs(hit_back.hslHue() - mark_back.hslHue()) >= 12
    assert contrast(hit_back, current_back) >= 1.2
    # Every highlight colour stays readable, and each is its own hue.
    hues = []
    for colour in HIGHLIGHT_TINTS:
        view.set_user_highlights([("h1", start, start + len("Good leaders"), colour)])
        fg, bg = drawn(view.format_at(view.position_of(start) + 1), palette)
        assert contrast(fg, bg) >= 4.5, colour
        hues.append(bg.hslHue())
    assert min(abs(a - b) for i, a in enumerate(hues) for b in hues[i + 1 :]) >= 40
