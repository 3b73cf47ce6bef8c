"""Site furniture in a saved page, and the click-to-tweet boxes that are pull quotes.

Furniture is dropped by element (script, style, nav, footer, forms, iframes, buttons...) and
by the class names WordPress themes and plugins use for it (share bars, subscribe boxes,
related posts, player links). Click-to-tweet boxes (``bctt-click-to-tweet``,
``tm-click-to-tweet``) are kept and become pull quotes.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from reader.importers.shared.html_blocks import PullQuotes, element_text
from reader.importers.shared.page_quotes import quote_parts

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


def _classes(tag: Tag) -> list[str]:
    value: str | list[str] = tag.get("class") or []
    words = value.split() if isinstance(value, str) else list(value)
    ident = tag.get("id")
    if isinstance(ident, str):
        words.append(ident)
    return words


def pull_quotes(soup: BeautifulSoup) -> PullQuotes:
    """Click-to-tweet boxes by element id, as (box, words, speaker); buttons are left out."""
    found: PullQuotes = {}
    for box in soup.find_all(class_=_CTT_BOX):
        if not isinstance(box, Tag) or any(id(p) in found for p in box.parents):
            continue
        for button in box.find_all(class_=_CTT_BUTTON):
            button.extract()
        inner = box.find(class_=_CTT_TEXT)
        words, speaker = quote_parts(element_text(inner if isinstance(inner, Tag) else box))
        if words:
            found[id(box)] = (box, words, speaker)
    return found


def drop_furniture(root: Tag, keep: PullQuotes) -> None:
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
