"""Episode pages saved as HTML ("Save page as" in a browser, or a Podcasting 2.0 text/html file).

The page is read with BeautifulSoup over the standard library's ``html.parser``: tolerant of
broken markup, no compiled dependency, and it never fetches anything (no network, no
scripts, no styles). Text is only ever *extracted*; no markup from the file reaches the app.

Site furniture is dropped by element (script, style, nav, footer, forms, iframes, buttons...)
and by the class names WordPress themes and plugins use for it (share bars, subscribe boxes,
related posts, player links). Click-to-tweet boxes (``bctt-click-to-tweet``,
``tm-click-to-tweet``) become pull quotes. What is left is turned into the same blocks as a
copied page, and ``shared.page.assemble`` applies the same rules for topics, the transcript
marker, headings, quotes and the footer.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from reader.importers.base import Draft, Importer, ParseError
from reader.importers.shared.metadata import split_title
from reader.importers.shared.page import assemble
from reader.importers.shared.page_blocks import PageBlock, text_blocks
from reader.importers.shared.page_lines import fold
from reader.importers.shared.page_quotes import quote_parts
from reader.importers.shared.text import clean_inline, parse_timestamp

log = logging.getLogger(__name__)

# Elements that never hold episode text.
_DROP_TAGS = frozenset({
    "script", "style", "nav", "footer", "iframe", "form", "noscript", "svg", "button",
    "template", "object", "embed", "audio", "video", "canvas", "map", "select", "input",
    "textarea", "label", "aside", "dialog", "link", "meta", "head", "header", "picture", "img",
    "math", "frameset", "frame",
})  # fmt: skip
# Class or id words of site furniture in common themes and plugins.
_CHROME_CLASS = re.compile(
    r"""(?:^|[-_])(?:
      nav|navigation|menu|breadcrumbs?|share|sharing|sharedaddy|social|subscribe|subscription
    | newsletter|signup|optin|related|jp-relatedposts|comments?|comment-respond|sidebar|widget
    | cookie|consent|skip-link|screen-reader-text|sr-only|visually-hidden|entry-meta|post-meta
    | byline|post-navigation|nav-links|pagination|powerpress_links|powerpress_subscribe
    | podcast-player|player|advert|ads|promo|banner|popup|modal|author-box|author-bio
    | tags-links|cat-links|entry-footer|site-footer|site-header|twitter-tweet
    )(?:$|[-_])""",
    re.IGNORECASE | re.VERBOSE,
)
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
# Click-to-tweet boxes: Better Click To Tweet, Click To Tweet by Todaymade, and look-alikes.
_CTT_BOX = re.compile(r"^(?:bctt|tm)-click-to-tweet$|^click-to-tweet$|^ctt-box$", re.I)
_CTT_TEXT = re.compile(r"^(?:bctt|tm)-ctt-text$|^ctt-text$", re.I)
_CTT_BUTTON = re.compile(r"-ctt-btn$|^ctt-btn$|-ctt-tip$", re.I)
#: Furniture is only dropped by class when it is smaller than this share of the page text, so
#: an odd class on the content wrapper ("has-sidebar") never takes the transcript with it.
MAX_CHROME_SHARE = 0.4

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = frozenset(
    {"p", "div", "section", "article", "main", "body", "html", "ul", "ol", "li", "blockquote",
     "pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "dl", "dt", "dd", "figure",
     "figcaption", "hr", "address", "details", "summary", "center", "fieldset", "caption",
     "hgroup", "legend", "menu"}
    | _HEADINGS
)  # fmt: skip
_BOLD = frozenset({"strong", "b"})
_SKIP_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)
# " | ", " – ", " — ", " - ", " :: ", " · ", " » " between a page title and the site name.
_TITLE_SEPARATORS = (" | ", " – ", " — ", " :: ", " · ", " » ", " - ")
_ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")
_DATE_META = ("article:published_time", "datePublished", "date", "dc.date", "DC.date.issued")
MAX_LABEL_CHARS = 40


def _classes(tag: Tag) -> list[str]:
    value: str | list[str] = tag.get("class") or []
    words = value.split() if isinstance(value, str) else list(value)
    ident = tag.get("id")
    if isinstance(ident, str):
        words.append(ident)
    return words


def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = tag.get("content")
        if isinstance(key, str) and key in names and isinstance(content, str) and content.strip():
            return clean_inline(content).strip()
    return None


def _text(tag: Tag) -> str:
    """The element's text on one line: inline tags joined as written, ``<br>`` as a space."""
    pieces: list[str] = []
    for node in tag.descendants:
        if isinstance(node, NavigableString):
            if not isinstance(node, _SKIP_STRINGS):
                pieces.append(str(node))
        elif isinstance(node, Tag) and node.name == "br":
            pieces.append(" ")
    return " ".join("".join(pieces).split())


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
    candidates = [h for h in root.find_all("h1", limit=10) if isinstance(h, Tag) and _text(h)]
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
        text = _text(tag)
        folded = fold(text)
        return (
            folded != site_name,
            split_title(text)[0] is not None,
            bool(folded) and folded in title,
        )

    return max(candidates, key=rank)  # max keeps the first of equal ranks


_PullQuotes = dict[int, tuple[Tag, str, str | None]]


def _pull_quotes(soup: BeautifulSoup) -> _PullQuotes:
    """Click-to-tweet boxes by element id, as (box, words, speaker); buttons are left out."""
    found: _PullQuotes = {}
    for box in soup.find_all(class_=_CTT_BOX):
        if not isinstance(box, Tag) or any(id(p) in found for p in box.parents):
            continue
        for button in box.find_all(class_=_CTT_BUTTON):
            button.extract()
        inner = box.find(class_=_CTT_TEXT)
        words, speaker = quote_parts(_text(inner if isinstance(inner, Tag) else box))
        if words:
            found[id(box)] = (box, words, speaker)
    return found


def _drop_furniture(root: Tag, keep: _PullQuotes) -> None:
    """Remove site furniture: by element, then by class/role when it is a small part that
    holds no pull quote."""
    protected = {id(parent) for box, _, _ in keep.values() for parent in box.parents}
    doomed: list[Tag] = []
    dropped: list[Tag] = []
    for tag in root.find_all(True):
        if tag.name in _DROP_TAGS:
            dropped.append(tag)
            continue
        if id(tag) in keep or tag.name in ("body", "html", "main", "article"):
            continue
        role = tag.get("role")
        hidden = tag.get("hidden") is not None or tag.get("aria-hidden") == "true"
        if (
            hidden
            or (isinstance(role, str) and role in _CHROME_ROLES)
            or any(_CHROME_CLASS.search(word) for word in _classes(tag))
        ):
            doomed.append(tag)
    for tag in dropped:
        if not tag.decomposed:
            tag.decompose()
    total = len(root.get_text())
    for tag in doomed:
        if tag.decomposed or id(tag) in protected or any(id(p) in keep for p in tag.parents):
            continue
        if len(tag.get_text()) <= MAX_CHROME_SHARE * total:
            tag.decompose()


class _Walker:
    """Turns the cleaned tree into blocks, in document order, without recursion."""

    def __init__(self, quotes: _PullQuotes) -> None:
        self.quotes = quotes
        self.pre = 0  # inside <pre>, source line breaks are real line breaks
        self.blocks: list[PageBlock] = []
        self.buf: list[str] = []
        self.bold_chars = 0
        self.chars = 0
        self.label_span: tuple[int, int] | None = None
        self.label_open: Tag | None = None
        self.label_start = 0
        self.pending_label: str | None = None
        self.pending_start: float | None = None
        self.headings = 0
        self.items = 0

    def add(self, text: str, bold: bool) -> None:
        if not self.pre:
            text = text.replace("\n", " ")  # only <br> breaks a line
        self.buf.append(text)
        size = len(text.strip())
        self.chars += size
        if bold:
            self.bold_chars += size

    def flush(self) -> None:
        if not self.chars:  # only whitespace (and maybe <br>s) since the last block
            self.buf, self.bold_chars = [], 0
            self.label_span, self.label_open = None, None
            return
        raw = "".join(self.buf)
        label: str | None = None
        body: str | None = None
        if self.label_span is not None:
            label_start, label_end = self.label_span
            name = clean_inline("".join(self.buf[label_start:label_end])).strip()
            rest = " ".join("".join(self.buf[label_end:]).split())
            if name.endswith(":"):
                name = name[:-1].strip()
            elif rest.startswith(":"):
                rest = rest[1:].strip()
            else:
                name = ""
            if name and rest and len(name) <= MAX_LABEL_CHARS and ":" not in name:
                label, body = name, rest
        bold = self.chars > 0 and self.bold_chars == self.chars
        self.buf, self.chars, self.bold_chars = [], 0, 0
        self.label_span, self.label_open = None, None
        lines = [line for line in clean_inline(raw).split("\n") if line]
        if not lines:
            return
        if label is None and self.pending_label:
            label, body = self.pending_label, " ".join(" ".join(lines).split())
        kind = "heading" if self.headings else "item" if self.items else "text"
        if kind == "heading" or label:
            lines = [" ".join(lines)]
        start, self.pending_label, self.pending_start = self.pending_start, None, None
        for i, line in enumerate(lines):
            block = PageBlock(line, kind=kind, gap=1 if i == 0 else 0, bold=bold)
            if i == 0:
                block.label, block.body, block.start = label, body, start
            self.blocks.append(block)

    def walk(self, root: Tag) -> list[PageBlock]:
        stack: list[tuple[Tag, Iterator[object]]] = [(root, iter(root.children))]
        bold = 0
        while stack:
            tag, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                self.leave(tag)
                if tag.name in _BOLD:
                    bold -= 1
                continue
            if isinstance(child, NavigableString):
                if not isinstance(child, _SKIP_STRINGS):
                    self.add(str(child), bold > 0)
                continue
            if not isinstance(child, Tag):
                continue
            quote = self.quotes.get(id(child))
            if quote is not None and quote[0] is child:
                self.flush()
                self.blocks.append(PageBlock(quote[1], kind="quote", speaker=quote[2]))
                continue
            name = child.name
            if name == "br":
                self.buf.append("\n")
                continue
            if name == "cite" and self._speaker_cite(child):
                continue
            if name == "time" and not self.chars:
                seconds = parse_timestamp(_text(child))
                if seconds is not None:
                    self.pending_start = seconds
                    continue
            self.enter(child)
            if name in _BOLD:
                bold += 1
            stack.append((child, iter(child.children)))
        self.flush()
        return self.blocks

    def _speaker_cite(self, cite: Tag) -> bool:
        """Podcasting 2.0 HTML: ``<cite>Name:</cite><time>0:00</time><p>...</p>``."""
        text = _text(cite)
        following = cite.find_next_sibling(True)
        if text.endswith(":") or (following is not None and following.name == "time"):
            name = text.rstrip(":").strip()
            if name and len(name) <= MAX_LABEL_CHARS:
                self.flush()
                self.pending_label = name
                return True
        return False

    def enter(self, tag: Tag) -> None:
        name = tag.name
        if name in _BLOCKS:
            self.flush()
            if name in _HEADINGS:
                self.headings += 1
            elif name == "li":
                self.items += 1
            elif name == "pre":
                self.pre += 1
        elif (
            name in _BOLD
            and self.label_open is None
            and self.label_span is None
            and not "".join(self.buf).strip()
        ):
            self.label_open, self.label_start = tag, len(self.buf)

    def leave(self, tag: Tag) -> None:
        name = tag.name
        if tag is self.label_open:
            self.label_open = None
            self.label_span = (self.label_start, len(self.buf))
        if name in _BLOCKS:
            self.flush()
            if name in _HEADINGS:
                self.headings -= 1
            elif name == "li":
                self.items -= 1
            elif name == "pre":
                self.pre -= 1


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
    doc_title = _text(title_tag) if isinstance(title_tag, Tag) else ""
    site = _meta(soup, "og:site_name", "application-name")
    summary = _meta(soup, "description", "og:description")
    published = _meta(soup, *_DATE_META)

    root = soup.find("body") or soup
    doc_title = doc_title or _meta(soup, "og:title") or ""
    h1 = _title_heading(root, doc_title, site)
    heading = _text(h1) if h1 is not None else ""
    if h1 is not None:
        h1.decompose()
    if not published:
        stamp = root.find("time", attrs={"datetime": _ISO_DATE})
        value = stamp.get("datetime") if isinstance(stamp, Tag) else None
        published = value if isinstance(value, str) else None
    title, show = _split_page_title(doc_title, heading or None) if doc_title else (heading, None)

    quotes = _pull_quotes(soup)
    _drop_furniture(root, quotes)
    blocks = _Walker(quotes).walk(root)
    if not blocks:
        raise ParseError("the page holds no readable text")
    draft = assemble(blocks, title=title or None, show=site or show, find_title=not title)
    if not draft.description and summary:
        draft.description = summary
    if published and (match := _ISO_DATE.match(published)):
        draft.date = match[1]
    return draft


IMPORTER = Importer(name="html", suffixes=frozenset({".html", ".htm"}), sniff=sniff, parse=parse)
