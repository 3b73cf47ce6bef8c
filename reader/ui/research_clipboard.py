"""Text for the clipboard in the three flavours a quote is copied in."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData
from PySide6.QtWidgets import QApplication


def put_on_clipboard(text: str, rich: str, markdown: str) -> None:
    """Plain text, HTML and ``text/markdown``, as Copy Quote puts them."""
    mime = QMimeData()
    mime.setText(text)
    mime.setHtml(rich)
    mime.setData("text/markdown", QByteArray(markdown.encode("utf-8")))
    QApplication.clipboard().setMimeData(mime)
