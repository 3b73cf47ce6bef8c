"""Quotes with attribution: who said a passage, and how to write it for the clipboard.

Qt-free so the same rules serve the clipboard, notes, the quote card and the command line.
``attribution`` finds who said a passage and when (``QuoteInfo``), ``template`` is the
attribution template language, and ``render`` writes the clipboard flavours. The template's
attribution line (``reader.quotes.template.attribution``) is not re-exported here, as its
name is the module's.
"""

from __future__ import annotations

from reader.quotes.attribution import QuoteInfo, pull_quote_info, quote_info
from reader.quotes.render import ATTRIBUTION_DASH, escape_markdown, html, markdown, plain_text
from reader.quotes.template import (
    DEFAULT_TEMPLATE,
    PLACEHOLDERS,
    render_template,
    validate_template,
)

__all__ = [
    "ATTRIBUTION_DASH",
    "DEFAULT_TEMPLATE",
    "PLACEHOLDERS",
    "QuoteInfo",
    "escape_markdown",
    "html",
    "markdown",
    "plain_text",
    "pull_quote_info",
    "quote_info",
    "render_template",
    "validate_template",
]
