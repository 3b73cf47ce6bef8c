"""Episode pages saved as HTML ("Save page as" in a browser, or a Podcasting 2.0 text/html file).

The page is read with BeautifulSoup over the standard library's ``html.parser``: tolerant of
broken markup, no compiled dependency, and it never fetches anything (no network, no
scripts, no styles). Text is only ever *extracted*; no markup from the file reaches the app.

Site furniture (by element, and by the class names themes and plugins give it) is dropped
and click-to-tweet boxes become pull quotes (``shared.html_furniture``). What is left is
turned into the same blocks as a copied page (``shared.html_blocks``), and
``shared.page.assemble`` applies the same rules for topics, the transcript marker, headings,
quotes and the footer.
"""

from __future__ import annotations

import logging
import re

from bs4 import BeautifulSoup, Tag

from reader.importers.base import Draft, Importer, ParseError
from reader.importers.shared.html_blocks import BlockWalker, element_text
from reader.importers.shared.html_furniture import drop_furniture, pull_quotes
from reader.importers.shared.metadata import split_title
from reader.importers.shared.page import assemble
from reader.importers.shared.page_blocks import text_blocks
from reader.importers.shared.page_lines import fold
from reader.importers.shared.text import clean_inline

log = logging.getLogger(__name__)

# " | ", " – ", " — ", " - ", " :: ", " · ", " » " between a page title and the site name.
_TITLE_SEPARATORS = (" | ", " – ", " — ", " :: ", " · ", " » ", " - ")
_ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")
_DATE_META = ("article:published_time", "datePublished", "date", "dc.date", "DC.date.issued")


def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = tag.get("content")
        if isinstance(key, str) and key in names and isinstance(content, str) and content.strip():
            return clean_inline(content).strip()
    return None


def _split_page_title(doc_title: str, h1: str | None) -> tuple[str, str | None]:
    """``Ep 15: The Calendar Audit | The Delegation Desk`` -> (title, show)."""
    pairs: list[tuple[str, str]] = []
    for sep in _TITLE_SEPARATORS:
        start = 0
        while (pos := doc_title.find(sep, start)) >= 0:
            pairs.append((doc_title[:pos].strip(), doc_title[pos + len(sep) :].strip()))
            start = pos + 1
        if pairs and not h1:
            break  # the strongest separator present decides
    if h1:
        target = fold(h1)
        for left, right in pairs:
            if fold(left) == target and right:
                return h1, right
            if fold(right) == target and left:
                return h1, left
        return h1, None
    if not pairs:
        return doc_title, None
    left, right = pairs[-1]
    if split_title(right)[0] is not None and split_title(left)[0] is None:
        return right, left  # "Show | Episode 7: Title"
    return left, right or None


def _title_heading(root: Tag, doc_title: str, site: str | None) -> Tag | None:
    """The ``<h1>`` holding the episode title (themes also put the site name in an h1).

    Preferred: not the site's name (``og:site_name``, else the last part of ``<title>``), then
    one with an episode number, then one the ``<title>`` repeats; ties go to the first.
    """
    candidates = [
        h for h in root.find_all("h1", limit=10) if isinstance(h, Tag) and element_text(h)
    ]
    if not candidates:
        return None
    parts = [doc_title]
    for sep in _TITLE_SEPARATORS:
        if sep in doc_title:
            parts = doc_title.split(sep)
            break
    site_name = fold(site or (parts[-1] if len(parts) > 1 else ""))
    title = fold(doc_title)

    def rank(tag: Tag) -> tuple[bool, bool, bool]:
        text = element_text(tag)
        folded = fold(text)
        return (
            folded != site_name,
            split_title(text)[0] is not None,
            bool(folded) and folded in title,
        )

    return max(candidates, key=rank)  # max keeps the first of equal ranks


SNIFF_CHARS = 4096
_TAG = re.compile(
    r"<(p|div|span|h[1-6]|ul|ol|li|br|a|cite|time|article|section|body|head|title|strong|em|"
    r"blockquote|table|meta|link|main|nav|script|style)\b",
    re.IGNORECASE,
)


def sniff(text: str) -> float:
    """A document type or ``<html>`` is certain; a fragment of common tags is plausible."""
    head = text[:SNIFF_CHARS].lstrip("\ufeff \t\r\n")
    lower = head[:200].lower()
    if lower.startswith(("<!doctype html", "<html")) or "<html" in lower:
        return 0.95
    if lower.startswith("webvtt"):
        return 0.0
    tags = _TAG.findall(head)
    kinds = {t.lower() for t in tags}
    if head.startswith("<") and len(kinds) >= 2:
        return 0.7
    if len(kinds) >= 3 and len(tags) >= 5:
        return 0.4
    return 0.0


def parse(text: str) -> Draft:
    """A saved episode page; raises ``ParseError`` when it holds no readable text."""
    if "<" not in text:
        return assemble(text_blocks(text))  # a page saved as text under an .html name
    try:
        soup = BeautifulSoup(text, "html.parser")
    except Exception as exc:  # html.parser rejects some malformed declarations
        raise ParseError(f"the HTML could not be read ({exc})") from exc

    title_tag = soup.find("title")
    doc_title = element_text(title_tag) if isinstance(title_tag, Tag) else ""
    site = _meta(soup, "og:site_name", "application-name")
    summary = _meta(soup, "description", "og:description")
    published = _meta(soup, *_DATE_META)

    root = soup.find("body") or soup
    doc_title = doc_title or _meta(soup, "og:title") or ""
    h1 = _title_heading(root, doc_title, site)
    heading = element_text(h1) if h1 is not None else ""
    if h1 is not None:
        h1.decompose()
    if not published:
        stamp = root.find("time", attrs={"datetime": _ISO_DATE})
        value = stamp.get("datetime") if isinstance(stamp, Tag) else None
        published = value if isinstance(value, str) else None
    title, show = _split_page_title(doc_title, heading or None) if doc_title else (heading, None)

    quotes = pull_quotes(soup)
    drop_furniture(root, quotes)
    blocks = BlockWalker(quotes).walk(root)
    if not blocks:
        raise ParseError("the page holds no readable text")
    draft = assemble(blocks, title=title or None, show=site or show, find_title=not title)
    if not draft.description and summary:
        draft.description = summary
    if published and (match := _ISO_DATE.match(published)):
        draft.date = match[1]
    return draft


IMPORTER = Importer(name="html", suffixes=frozenset({".html", ".htm"}), sniff=sniff, parse=parse)
