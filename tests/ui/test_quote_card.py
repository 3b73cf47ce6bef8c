"""Quote card images: sizes, themes, shrink-to-fit, and that no text leaves its box.

The fit checks are done twice: against the layout (every rect inside the margins, the wrapped
text's bounding rect inside its rect) and against the pixels (the outer band of the margins is
pure background), so a layout that lies about where text goes still fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from reader.quotes import QuoteInfo
from reader.ui.quote_card import (
    ELLIPSIS,
    PRESETS,
    QuoteCardLayout,
    card_metrics,
    quote_card_layout,
    render_quote_card,
    save_quote_card,
)

SHORT = QuoteInfo(
    quote="Awareness is the first big step.",
    speaker="Maya Okafor",
    show="The Delegation Desk",
    title="Stop Taking the Monkey Back",
    number=7,
    timestamp=754.2,
)
SENTENCE = (
    "You handed it off on Monday, and by Thursday it is back on your desk, and you can't "
    "quite say how it got there, because the monkey climbed back in a hallway conversation. "
)
LONG = QuoteInfo(
    quote=SENTENCE * 40,
    speaker="Maya Okafor-Villanueva de la Fuente, with her producer and two guests",
    show="The Delegation Desk: Conversations About Handing Work to Other People",
    title="Stop Taking the Monkey Back, Keep It Off, and Build a Team That Keeps Its Own "
    "Monkeys Without Anyone Carrying Them Home at Night or on the Weekend",
    number=7,
    timestamp=3723,
)


@pytest.fixture(autouse=True)
def app(qapp: QApplication) -> QApplication:
    return qapp


def corner(image: QImage) -> QColor:
    return image.pixelColor(2, 2)


def is_blank(image: QImage, rect: QRect, color: QColor) -> bool:
    """Whether every pixel of ``rect`` is ``color`` (QImage equality compares pixel data)."""
    part = image.copy(rect)
    blank = QImage(part.size(), part.format())
    blank.fill(color)
    return part == blank


def text_rects(layout: QuoteCardLayout) -> list[QRectF]:
    return [block.rect for block in layout.blocks] + [layout.mark_rect]


@pytest.mark.parametrize("preset", sorted(PRESETS))
@pytest.mark.parametrize("dark", [False, True])
def test_image_size_for_each_preset(preset: str, dark: bool) -> None:
    image = render_quote_card(SHORT, preset, dark=dark)
    assert not image.isNull()
    assert (image.width(), image.height()) == PRESETS[preset]
    assert PRESETS == {"square": (1080, 1080), "landscape": (1200, 675)}


def test_light_and_dark_backgrounds_differ() -> None:
    light = corner(render_quote_card(SHORT))
    dark = corner(render_quote_card(SHORT, dark=True))
    assert light != dark
    assert light.lightnessF() > 0.85 > 0.2 > dark.lightnessF()
    # Warm: more red than blue in the light background.
    assert light.red() > light.blue()


def test_text_contrasts_with_the_background() -> None:
    for dark in (False, True):
        layout = quote_card_layout(SHORT, dark=dark)
        quote = layout.block("quote")
        assert quote is not None
        gap = abs(quote.color.lightnessF() - layout.palette.background.lightnessF())
        assert gap > 0.6


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_a_short_quote_is_set_larger_than_a_long_one(preset: str) -> None:
    short = quote_card_layout(SHORT, preset)
    medium = quote_card_layout(QuoteInfo(SENTENCE * 3, "Maya Okafor"), preset)
    long = quote_card_layout(LONG, preset)
    assert short.quote_pixel_size > medium.quote_pixel_size > long.quote_pixel_size
    assert not short.quote_elided
    assert not medium.quote_elided


@pytest.mark.parametrize("preset", sorted(PRESETS))
@pytest.mark.parametrize("dark", [False, True])
def test_a_very_long_quote_fits_inside_the_margins(preset: str, dark: bool) -> None:
    layout = quote_card_layout(LONG, preset, dark=dark)
    width, height = PRESETS[preset]
    content = layout.content
    assert content.left() >= 0.06 * width
    assert content.top() >= 0.06 * height
    assert content.right() <= 0.94 * width
    assert content.bottom() <= 0.94 * height

    assert {block.name for block in layout.blocks} == {"quote", "speaker", "details", "show"}
    for rect in text_rects(layout) + [rect for rect, _ in layout.rules]:
        assert content.contains(rect), rect
    for block in layout.blocks:
        bounds = card_metrics(block.font).boundingRect(block.rect, block.flags, block.text)
        assert block.rect.adjusted(-0.5, -0.5, 0.5, 0.5).contains(bounds), block.name
    # No two blocks overlap.
    rects = text_rects(layout)
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert not a.intersects(b), (a, b)

    quote = layout.block("quote")
    details = layout.block("details")
    assert quote is not None
    assert details is not None
    assert layout.quote_elided
    assert quote.text.endswith(ELLIPSIS)
    assert quote.text.startswith("You handed it off on Monday")
    assert len(quote.text) < len(LONG.quote)
    assert details.text.endswith(ELLIPSIS)
    metrics = card_metrics(details.font)
    assert details.rect.height() < 3 * metrics.lineSpacing()  # two lines at most

    # The pixels agree: the outer three quarters of every margin stay background.
    image = render_quote_card(LONG, preset, dark=dark)
    band = round(min(content.left(), content.top()) * 0.75)
    background = layout.palette.background
    for rect in (
        QRect(0, 0, width, band),
        QRect(0, height - band, width, band),
        QRect(0, 0, band, height),
        QRect(width - band, 0, band, height),
    ):
        assert is_blank(image, rect, background), rect
    assert not is_blank(image, quote.rect.toAlignedRect(), background)


def test_a_quote_that_fits_is_not_cut() -> None:
    layout = quote_card_layout(SHORT)
    quote = layout.block("quote")
    assert quote is not None
    assert quote.text == SHORT.quote
    assert not layout.quote_elided


def test_the_attribution_follows_the_template() -> None:
    layout = quote_card_layout(SHORT)
    texts = {block.name: block.text for block in layout.blocks}
    assert texts == {
        "quote": "Awareness is the first big step.",
        "speaker": "Maya Okafor",
        "details": "Episode 7: Stop Taking the Monkey Back (12:34)",
        "show": "The Delegation Desk",
    }
    custom = quote_card_layout(SHORT, template="“{quote}” ({date}, no. {number}) {title}")
    details = custom.block("details")
    assert details is not None
    assert details.text == "(no. 7) Stop Taking the Monkey Back"


def test_missing_parts_leave_only_the_quote() -> None:
    layout = quote_card_layout(QuoteInfo("Just the words."))
    assert [block.name for block in layout.blocks] == ["quote"]
    assert layout.rules == []
    image = render_quote_card(QuoteInfo("Just the words."), "landscape", dark=True)
    assert image.size().toTuple() == (1200, 675)


def test_typewriter_apostrophes_are_set_as_typographic_ones() -> None:
    quote = quote_card_layout(QuoteInfo("you'll see, 'they' said")).block("quote")
    assert quote is not None
    assert quote.text == "you’ll see, ‘they’ said"  # a quote inside the quote: single marks


def test_non_ascii_renders(tmp_path: Path) -> None:
    info = QuoteInfo(
        quote="Déjà vu — “naïve” managers’ café talk, São Paulo, Zürich, Kraków",
        speaker="Renée Laurent",
        show="Les Épisodes",
        title="Ça marche — ou pas",
        number=19,
    )
    for preset in PRESETS:
        image = render_quote_card(info, preset)
        layout = quote_card_layout(info, preset)
        for block in layout.blocks:
            assert not is_blank(image, block.rect.toAlignedRect(), layout.palette.background)
        save_quote_card(image, tmp_path / f"{preset}.png")
        assert QImage(str(tmp_path / f"{preset}.png")).size() == image.size()


def test_saved_png_loads_back(tmp_path: Path) -> None:
    image = render_quote_card(SHORT, "landscape", dark=True)
    path = tmp_path / "cards" / "quote.png"
    save_quote_card(image, path)
    assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    loaded = QImage(str(path))
    assert (loaded.width(), loaded.height()) == (1200, 675)
    assert loaded.pixelColor(2, 2) == image.pixelColor(2, 2)
    assert [p.name for p in path.parent.iterdir()] == ["quote.png"]  # no temp file left


def test_saving_over_an_existing_card_replaces_it(tmp_path: Path) -> None:
    path = tmp_path / "quote.png"
    path.write_bytes(b"old")
    save_quote_card(render_quote_card(SHORT), path)
    assert QImage(str(path)).size().toTuple() == (1080, 1080)


def test_an_image_that_cannot_be_encoded_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "quote.png"
    path.write_bytes(b"old")
    with pytest.raises(OSError, match="PNG"):
        save_quote_card(QImage(), path)
    assert path.read_bytes() == b"old"


def test_unknown_preset_is_refused() -> None:
    with pytest.raises(ValueError, match="portrait"):
        render_quote_card(SHORT, "portrait")
