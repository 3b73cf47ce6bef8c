"""Light and dark palettes: follow the system by default, or the user's choice."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")
Role = QPalette.ColorRole

LIGHT = {
    Role.Window: (246, 245, 242),
    Role.WindowText: (28, 28, 30),
    Role.Base: (255, 255, 255),
    Role.AlternateBase: (246, 245, 242),
    Role.Text: (28, 28, 30),
    Role.Button: (240, 239, 236),
    Role.ButtonText: (28, 28, 30),
    Role.Highlight: (47, 93, 98),
    Role.HighlightedText: (255, 255, 255),
    Role.PlaceholderText: (110, 110, 115),
    Role.ToolTipBase: (255, 255, 240),
    Role.ToolTipText: (28, 28, 30),
    Role.Link: (32, 96, 160),
}
DARK = {
    Role.Window: (40, 42, 46),
    Role.WindowText: (222, 222, 222),
    Role.Base: (30, 31, 34),
    Role.AlternateBase: (40, 42, 46),
    Role.Text: (222, 222, 222),
    Role.Button: (48, 50, 55),
    Role.ButtonText: (222, 222, 222),
    Role.Highlight: (79, 140, 201),
    Role.HighlightedText: (255, 255, 255),
    Role.PlaceholderText: (150, 150, 150),
    Role.ToolTipBase: (40, 42, 46),
    Role.ToolTipText: (222, 222, 222),
    Role.Link: (120, 170, 230),
}
DISABLED_TEXT = {"light": (160, 160, 160), "dark": (120, 120, 120)}


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def make_palette(dark: bool) -> QPalette:
    pal = QPalette()
    for role, rgb in (DARK if dark else LIGHT).items():
        pal.setColor(QPalette.ColorGroup.Active, role, QColor(*rgb))
        pal.setColor(QPalette.ColorGroup.Inactive, role, QColor(*rgb))
    disabled = QColor(*DISABLED_TEXT["dark" if dark else "light"])
    for role in (Role.Text, Role.WindowText, Role.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return pal


def apply_theme(app: QApplication, theme: str) -> bool:
    """Apply ``theme`` ("system", "light" or "dark"); returns True when the result is dark."""
    dark = system_is_dark() if theme == "system" else theme == "dark"
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")  # the same look everywhere, and it honours our palettes
    app.setPalette(make_palette(dark))
    # With a style sheet active, widgets keep their old palette until they are polished
    # again; setting the same sheet re-polishes every widget.
    app.setStyleSheet(app.styleSheet())
    return dark
