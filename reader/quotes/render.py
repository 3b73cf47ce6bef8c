"""A quote for the clipboard in its three flavours: plain text (the whole template), a
Markdown block quote and HTML, each with the attribution under the quote.

Text from a file never becomes markup: Markdown escapes what would change meaning, HTML escapes
every piece.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable

from reader.quotes.attribution import QuoteInfo
from reader.quotes.marks import typeset_quote
from reader.quotes.template import DEFAULT_TEMPLATE, attribution, quote_marks, render_template

#: The dash that introduces an attribution under a block quote.
ATTRIBUTION_DASH = "—"
#: A quote's link back to its passage (``reader.notes.passage_links``), None when it has none.
LinkFor = Callable[[QuoteInfo], "str | None"]


def plain_text(info: QuoteInfo, template: str = DEFAULT_TEMPLATE) -> str:
    """The clipboard's plain text: the whole template, e.g. ``“...” — Speaker, Show (12:34)``."""
    return render_template(template, info)


def _quote_lines(info: QuoteInfo, template: str) -> list[str]:
    """The quote's lines, inner marks curled, in the marks the plain text puts around it."""
    lines = [" ".join(line.split()) for line in typeset_quote(info.quote.strip()).splitlines()]
    lines = lines or [""]
    opening, closing = quote_marks(template)
    lines[0] = opening + lines[0]
    lines[-1] += closing
    return lines


_MD_INLINE = re.compile(r"([\\`*_\[\]<>~|])")
_MD_ENTITY = re.compile(r"&(?=#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_MD_LINE_START = re.compile(r"^(#{1,6}(?=\s|$)|[-+*](?=\s|$)|=+\s*$|-+\s*$)")
_MD_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
#: What GitHub-flavoured Markdown (and the notes preview) turns into a link by itself: a URL
#: (``https://…``), ``www.…`` and an e-mail address.
_MD_AUTOLINK = re.compile(r"(?<=[A-Za-z0-9])(?=://)|(?i:(?<=\bwww))(?=\.)|(?=@)")


def escape_markdown(text: str, line_start: bool = True) -> str:
    """``text`` written so Markdown shows it as typed (no emphasis, links, autolinks, lists,
    HTML)."""
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_ENTITY.sub(r"\\&", text)
    text = _MD_AUTOLINK.sub("\\\\", text)
    if line_start:
        text = _MD_ORDERED.sub(r"\1\\\2", text)
        text = _MD_LINE_START.sub(lambda m: "\\" + m[0], text)
    return text


def linked(label: str, url: str | None) -> str:
    """``label`` (Markdown already) as the text of a link to ``url``, or as it is without one."""
    return f"[{label}]({url})" if url and label else label


def markdown(info: QuoteInfo, template: str = DEFAULT_TEMPLATE, link: LinkFor | None = None) -> str:
    """A Markdown block quote: every quote line prefixed ``> ``, then ``> — attribution``; with
    ``link``, the attribution is a link to the passage (its time when the template has no
    attribution), so the quote reads the same as plain text."""
    lines = [f"> {escape_markdown(line)}" if line else ">" for line in _quote_lines(info, template)]
    by = escape_markdown(attribution(info, template), line_start=False)
    url = link(info) if link is not None else None
    if url and not by:
        by = info.values()["timestamp"] or "passage"
    if by:
        lines += [">", f"> {ATTRIBUTION_DASH} {linked(by, url)}"]
    return "\n".join(lines)


def html(info: QuoteInfo, template: str = DEFAULT_TEMPLATE) -> str:
    """``<blockquote><p>quote</p><footer>— attribution</footer></blockquote>``, all escaped."""
    quote = "<br>".join(html_lib.escape(line, quote=False) for line in _quote_lines(info, template))
    by = attribution(info, template)
    footer = f"<footer>{ATTRIBUTION_DASH} {html_lib.escape(by, quote=False)}</footer>" if by else ""
    return f"<blockquote><p>{quote}</p>{footer}</blockquote>"
