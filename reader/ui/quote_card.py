"""Quote cards: a quote and its attribution drawn into a PNG users can share.

Everything is drawn offline with QPainter, with fonts installed on the machine, so a card
looks the same with or without a network and never fetches anything. Sizes are in pixels
(``QFont.setPixelSize``) so a card does not depend on the screen's DPI.

The layout is computed first (``quote_card_layout``) and only then painted: the same rects
and fonts serve the painter and the tests that check every text fits inside the margins.
The card shows, top to bottom: a large opening quote mark, the quote (the largest font size at
which it fits its box, shrinking step by step; at the smallest size a quote that still does not
fit is cut at a word and ends with "…"), a short rule, the speaker, the episode details (the
attribution template without speaker and show, e.g. ``Episode 7: Title (12:34)``), a hairline
and the show's name.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QImageWriter,
    QPainter,
    QPainterPath,
)

from reader.quotes import DEFAULT_TEMPLATE, QuoteInfo
from reader.quotes.marks import typeset_quote
from reader.quotes.template import attribution
from reader.util.atomic import atomic_write_bytes

PRESETS = {"square": (1080, 1080), "landscape": (1200, 675)}

#: Serif faces for the quote, best first; the first one installed is used, else the
#: application font. Georgia/Palatino ship with macOS and Windows, the others with Linux.
QUOTE_FAMILIES = (
    "Georgia",
    "Palatino Linotype",
    "Palatino",
    "Noto Serif",
    "Source Serif 4",
    "Liberation Serif",
    "DejaVu Serif",
)

WRAP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
ONE_LINE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextSingleLine
ELLIPSIS = "…"

# Sizes for a 1080x1080 card; other presets scale them by sqrt(area) so type keeps its weight.
_MARGIN = 92
_QUOTE_MAX = 76
_QUOTE_MIN = 30
_MARK = 170
_SPEAKER = 34
_DETAILS = 27
_SHOW = 22
_DETAILS_LINES = 2


@dataclass(frozen=True)
class Palette:
    background: QColor
    text: QColor
    muted: QColor
    accent: QColor
    hairline: QColor


LIGHT = Palette(
    background=QColor("#f6efe2"),
    text=QColor("#2b2520"),
    muted=QColor("#6d6158"),
    accent=QColor("#b0532c"),
    hairline=QColor(43, 37, 32, 48),
)
DARK = Palette(
    background=QColor("#1f1b18"),
    text=QColor("#f3ece0"),
    muted=QColor("#b8ab9c"),
    accent=QColor("#e8a468"),
    hairline=QColor(243, 236, 224, 48),
)


@dataclass
class TextBlock:
    """One piece of text on the card, drawn with ``QPainter.drawText(rect, flags, text)``."""

    name: str  # "quote", "speaker", "details", "show"
    text: str
    rect: QRectF
    font: QFont
    flags: int
    color: QColor


@dataclass
class QuoteCardLayout:
    """Where everything goes on one card; ``content`` is the image inside the margins."""

    width: int
    height: int
    content: QRectF
    palette: Palette
    blocks: list[TextBlock] = field(default_factory=list)
    rules: list[tuple[QRectF, QColor]] = field(default_factory=list)
    quote_pixel_size: int = 0
    quote_elided: bool = False
    mark_font: QFont = field(default_factory=QFont)
    mark_origin: QPointF = field(default_factory=QPointF)  # baseline start of the "“"
    mark_rect: QRectF = field(default_factory=QRectF)  # the ink of the "“"

    def block(self, name: str) -> TextBlock | None:
        return next((b for b in self.blocks if b.name == name), None)


def card_metrics(font: QFont) -> QFontMetricsF:
    """Metrics as a QImage sees them (the card's paint device), for layout and for tests."""
    return QFontMetricsF(font, QImage(1, 1, QImage.Format.Format_RGB32))


def _font(family: str, pixels: float, bold: bool = False) -> QFont:
    font = QFont(family)
    font.setPixelSize(max(1, round(pixels)))
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def _ink(font: QFont, text: str) -> QRectF:
    """The exact ink of ``text`` around its baseline origin (font metrics round it up)."""
    path = QPainterPath()
    path.addText(0, 0, font, text)
    return path.boundingRect()


def _quote_family() -> str:
    for family in QUOTE_FAMILIES:
        if QFontDatabase.hasFamily(family):
            return family
    return QGuiApplication.font().family()


def _text_height(font: QFont, width: float, text: str) -> float:
    return card_metrics(font).boundingRect(QRectF(0, 0, width, 1e6), WRAP, text).height()


def _fits(font: QFont, width: float, height: float, text: str) -> bool:
    rect = card_metrics(font).boundingRect(QRectF(0, 0, width, 1e6), WRAP, text)
    return rect.height() <= height and rect.width() <= width


def _elide_words(font: QFont, width: float, height: float, text: str) -> str:
    """The longest run of whole words, ending with "…", that fits ``width`` x ``height``."""
    words = text.split()
    low, high = 0, len(words)  # words[:low] + "…" fits (0 words: "…" alone)
    while low < high:
        mid = (low + high + 1) // 2
        if _fits(font, width, height, _cut(words, mid)):
            low = mid
        else:
            high = mid - 1
    return _cut(words, low)


def _cut(words: list[str], count: int) -> str:
    return " ".join(words[:count]).rstrip(",;:.-–— ") + ELLIPSIS


def quote_card_layout(
    info: QuoteInfo,
    preset: str = "square",
    dark: bool = False,
    template: str = DEFAULT_TEMPLATE,
) -> QuoteCardLayout:
    """Rects, fonts and the final quote size for a card; needs a QGuiApplication."""
    if preset not in PRESETS:
        raise ValueError(f"unknown quote card preset {preset!r} (one of {', '.join(PRESETS)})")
    width, height = PRESETS[preset]
    scale = math.sqrt(width * height) / 1080
    margin = round(_MARGIN * scale)
    content = QRectF(margin, margin, width - 2 * margin, height - 2 * margin)
    layout = QuoteCardLayout(width, height, content, DARK if dark else LIGHT)
    pal = layout.palette
    sans = QGuiApplication.font().family()
    serif = _quote_family()
    left, inner = content.left(), content.width()

    # Footer, bottom up: show name, hairline, details, speaker, accent rule.
    y = content.bottom()
    if info.show:
        font = _font(sans, _SHOW * scale, bold=True)
        font.setCapitalization(QFont.Capitalization.AllUppercase)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        metrics = card_metrics(font)
        text = metrics.elidedText(info.show, Qt.TextElideMode.ElideRight, inner)
        y -= metrics.height()
        layout.blocks.append(
            TextBlock(
                "show", text, QRectF(left, y, inner, metrics.height()), font, ONE_LINE, pal.accent
            )
        )
        y -= round(22 * scale)
        layout.rules.append((QRectF(left, y, inner, max(1.0, 2 * scale)), pal.hairline))
        y -= round(34 * scale)

    details = attribution(replace(info, speaker=None, show=None), template)
    attribution_top = y
    if details:
        font = _font(sans, _DETAILS * scale)
        metrics = card_metrics(font)
        most = metrics.lineSpacing() * (_DETAILS_LINES - 1) + metrics.height()
        if not _fits(font, inner, most, details):
            details = _elide_words(font, inner, most, details)
        text_h = math.ceil(_text_height(font, inner, details))
        y -= text_h
        layout.blocks.append(
            TextBlock("details", details, QRectF(left, y, inner, text_h), font, WRAP, pal.muted)
        )
        y -= round(8 * scale)
    if info.speaker:
        font = _font(sans, _SPEAKER * scale, bold=True)
        metrics = card_metrics(font)
        text = metrics.elidedText(info.speaker, Qt.TextElideMode.ElideRight, inner)
        y -= metrics.height()
        layout.blocks.append(
            TextBlock(
                "speaker", text, QRectF(left, y, inner, metrics.height()), font, ONE_LINE, pal.text
            )
        )
    if y < attribution_top:  # there is an attribution: set it off with a short accent rule
        y -= round(26 * scale)
        layout.rules.append((QRectF(left, y, round(64 * scale), max(2.0, 5 * scale)), pal.accent))
    quote_bottom = y - round(44 * scale)

    # The quote mark and the quote, centred together in the space above the attribution.
    mark_font = _font(serif, _MARK * scale, bold=True)
    glyph = _ink(mark_font, "“")
    mark_gap = round(30 * scale)
    box_h = quote_bottom - content.top() - glyph.height() - mark_gap
    # Inner quotes and apostrophes as the clipboard writes them ("you’ll", ‘…’ inside).
    quote = typeset_quote(" ".join(info.quote.split())) or ELLIPSIS
    size = round(_QUOTE_MAX * scale)
    smallest = round(_QUOTE_MIN * scale)
    font = _font(serif, size)
    while size > smallest and not _fits(font, inner, box_h, quote):
        size = max(smallest, size - max(1, round(size * 0.06)))
        font = _font(serif, size)
    if not _fits(font, inner, box_h, quote):
        quote = _elide_words(font, inner, box_h, quote)
        layout.quote_elided = True
    layout.quote_pixel_size = size
    text_h = math.ceil(_text_height(font, inner, quote))
    group_h = glyph.height() + mark_gap + text_h
    top = content.top() + max(0.0, (quote_bottom - content.top() - group_h) / 2)
    # The mark is placed by its ink (its line box has room for accents above it).
    layout.mark_font = mark_font
    layout.mark_origin = QPointF(left - glyph.left(), top - glyph.top())
    layout.mark_rect = glyph.translated(layout.mark_origin)
    quote_rect = QRectF(left, top + glyph.height() + mark_gap, inner, text_h)
    layout.blocks.insert(0, TextBlock("quote", quote, quote_rect, font, WRAP, pal.text))
    return layout


def render_quote_card(
    info: QuoteInfo,
    preset: str = "square",
    dark: bool = False,
    template: str = DEFAULT_TEMPLATE,
) -> QImage:
    """The card as an image (see ``PRESETS`` for sizes); needs a QGuiApplication."""
    layout = quote_card_layout(info, preset, dark, template)
    image = QImage(layout.width, layout.height, QImage.Format.Format_RGB32)
    image.fill(layout.palette.background)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        for rect, color in layout.rules:
            painter.fillRect(rect, color)
        painter.setFont(layout.mark_font)
        painter.setPen(layout.palette.accent)
        painter.drawText(layout.mark_origin, "“")
        for block in layout.blocks:
            painter.setFont(block.font)
            painter.setPen(block.color)
            painter.drawText(block.rect, block.flags, block.text)
    finally:
        painter.end()
    return image


def save_quote_card(image: QImage, path: Path) -> None:
    """Write ``image`` as a PNG, atomically: a failed save never leaves half a file behind."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # QImageWriter, not QImage.save: PySide6's stubs want the format as bytes, its runtime as str.
    ok = QImageWriter(buffer, QByteArray(b"PNG")).write(image)
    buffer.close()
    if not ok or data.isEmpty():
        raise OSError(f"could not encode the quote card as PNG for {path}")
    atomic_write_bytes(Path(path), bytes(data.data()))
