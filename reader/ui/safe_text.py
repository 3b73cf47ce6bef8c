"""Text from files and from the user reaches widgets as text: never markup, never a resource.

Qt guesses. A ``QLabel``, a ``QMessageBox`` and every tooltip show a string as rich text when
it looks like HTML (``Qt.mightBeRichText``: a tag, or ``&lt;``, on its first line), so a
transcript titled ``<h1>…`` would show a heading and ``<img src=…>`` would read a file.
Buttons and menu actions take ``&`` for a keyboard accelerator, and a window title drops
``[*]``. Whatever comes from a transcript, a note, a file name or the user goes through one of
these; text we write ourselves may use Qt's conveniences as it likes.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain_label(text: str = "", name: str = "") -> QLabel:
    """A label that shows ``text`` as it is, whatever it looks like."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    label.setText(text)
    return label


def tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally: our own rich text, with ``text`` escaped (a
    tooltip has no plain-text switch, and escaped text alone can still look like HTML)."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text, quote=False)}</p>"


def for_button(text: str) -> str:
    """``text`` for a button or menu item: each ``&`` shown, none taken as an accelerator."""
    return text.replace("&", "&&")


def for_title(text: str) -> str:
    """``text`` for a window title: a ``[*]`` in it shown, not taken as the modified mark."""
    return text.replace("[*]", "[*][*]")


def tell(
    parent: QWidget | None,
    title: str,
    text: str,
    icon: QMessageBox.Icon = QMessageBox.Icon.Information,
) -> None:
    """A modal message box whose ``text`` is shown as plain text."""
    box = QMessageBox(icon, for_title(title), text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
