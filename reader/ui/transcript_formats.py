"""How the transcript marks things: the character formats of headings, labels, body text and
pull quotes, and the marks laid over the text for search hits, user highlights and the body
passages a pull quote repeats, and the words the player is saying. Each kind differs by more
than colour: hits are bold, the current hit underlined, highlights have a wavy underline,
pull-quote passages are italic and dotted, and the words being played get a band across the
whole width of their lines."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor, QFont, QPalette, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QTextEdit

from reader.ui.safe_text import tooltip

#: User highlights: a tint per colour, always with a wavy underline so they differ from
#: search hits (bold) and pull-quote passages (italic, dotted) by more than colour.
#: Hues far apart (lemon 56°, green 123°, blue 210°, pink 330°) and the lemon far from the
#: amber (about 38°) of search hits: two yellows were hard to tell apart.
HIGHLIGHT_TINTS = {"yellow": "#fff04d", "green": "#66cc6e", "blue": "#4da6ff", "pink": "#ff66b3"}
HIGHLIGHT_ALPHA = {"light": 0.45, "dark": 0.28}
HIT_TINT = QColor(255, 183, 51, 170)  # amber, with dark text on it in either theme


def palette_tint(palette: QPalette, alpha: float) -> QColor:
    """The palette's highlight colour, see-through: quote blocks and passages in any theme."""
    color = QColor(palette.color(QPalette.ColorRole.Highlight))
    color.setAlphaF(alpha)
    return color


def text_formats(palette: QPalette, point_size: float) -> dict[str, QTextCharFormat]:
    """Formats by kind of text: heading, label (time and speaker), body, quote, attribution."""
    muted = palette.color(QPalette.ColorRole.PlaceholderText)
    heading = QTextCharFormat()
    heading.setFontWeight(QFont.Weight.Bold)
    heading.setFontPointSize(point_size * 1.3)
    label = QTextCharFormat()
    label.setForeground(muted)
    label.setFontWeight(QFont.Weight.DemiBold)
    body = QTextCharFormat()
    body.setFontPointSize(point_size)
    quote = QTextCharFormat()
    quote.setFontItalic(True)
    quote.setFontPointSize(point_size * 1.15)
    attribution = QTextCharFormat()
    attribution.setForeground(muted)
    attribution.setFontPointSize(point_size * 0.95)
    return {
        "heading": heading,
        "label": label,
        "body": body,
        "quote": quote,
        "attribution": attribution,
    }


def passage_format(palette: QPalette, speaker: str | None) -> QTextCharFormat:
    """A body passage that a pull quote repeats: italic, dotted underline and a tint."""
    fmt = QTextCharFormat()
    fmt.setFontItalic(True)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    fmt.setBackground(palette_tint(palette, 0.08))
    fmt.setToolTip(tooltip(f"Pull quote{f' — {speaker}' if speaker else ''}"))
    return fmt


def hit_formats() -> tuple[QTextCharFormat, QTextCharFormat]:
    """Search hits: a tint and a dashed underline; the current hit: solid orange and a solid
    underline. Marks differ by their line as well as their colour (hits dashed, the current
    hit solid, highlights wavy, pull-quote passages dotted): extra selections paint colour and
    lines but not weight or slant, so bold or italic alone would not show."""
    hit = QTextCharFormat()
    hit.setFontWeight(QFont.Weight.Bold)
    hit.setBackground(HIT_TINT)
    hit.setForeground(QBrush(QColor(20, 20, 20)))
    hit.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
    hit.setUnderlineColor(QColor(120, 80, 0))
    current = QTextCharFormat(hit)
    current.setBackground(QColor(255, 152, 0))
    current.setFontUnderline(True)
    current.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    current.setUnderlineColor(QColor(20, 20, 20))
    return hit, current


def highlight_format(colour: str, palette: QPalette | None = None) -> QTextCharFormat:
    """A user highlight: its colour's see-through tint (lighter in a dark theme, so its text
    stays readable) and a wavy underline in the full colour."""
    hue = QColor(HIGHLIGHT_TINTS.get(colour, HIGHLIGHT_TINTS["yellow"]))
    dark = palette is not None and palette.color(QPalette.ColorRole.Base).lightness() < 128
    mark = QTextCharFormat()
    tint = QColor(hue)
    tint.setAlphaF(HIGHLIGHT_ALPHA["dark" if dark else "light"])
    mark.setBackground(tint)
    mark.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    mark.setUnderlineColor(hue if dark else hue.darker(160))
    return mark


def spoken_format(cursor: QTextCursor, palette: QPalette) -> QTextEdit.ExtraSelection:
    """The words the player is saying: a band of the palette's highlight across the full width
    of their lines (every other mark hugs its words), so it reads as "here" at a glance."""
    selection = QTextEdit.ExtraSelection()
    selection.cursor = cursor
    mark = QTextCharFormat()
    mark.setBackground(palette_tint(palette, 0.30))
    mark.setProperty(QTextFormat.Property.FullWidthSelection, True)
    selection.format = mark
    return selection
