"""Episode numbers, titles and show names as podcasts write them."""

from __future__ import annotations

import re

# "Episode 6: Title", "Ep. 12 – Title", "#12 — Title", "EP 015 | Title", "PTC 389: Title",
# "Season 3 Episode 5: Title", "Episode 104: Title – Show".
_NUMBERED_TITLE = re.compile(
    r"""^\s*
    (?:season\s*\d+\s*[,\-–—]?\s*)?
    (?:episode|ep\.?|e|\#|no\.?|(?-i:[A-Z]{2,5}))\s*\#?\s*(?P<number>\d{1,5})\b
    \s*(?:[:.\-–—|)]+\s*|\s+(?=\S)|$)
    (?P<title>.*\S)?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Numbers in file names: "ep31-...", "episode-101-...", "e300", "ep_12".
_NUMBERED_FILE = re.compile(
    r"(?:^|[^a-z])(?:episode|ep|e)[\s_\-.]*0*(?P<number>\d{1,5})(?!\d)", re.I
)

# "welcome to Lead From the Middle", "this episode of The Coaching Hour", "listening to X".
_SMALL = r"(?:of|the|and|a|an|for|from|in|on|to|with|&|at|by|vs\.?)"
_NAME_WORD = r"(?:[A-Z0-9][\w'’&-]*)"
_SHOW_NAME = rf"(?P<show>{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|{_SMALL}(?=\s+{_NAME_WORD})))*)"
_SHOW_PATTERNS = (
    re.compile(
        rf"\b(?:this|today[’']s|another)\s+episode\s+of\s+(?:the\s+podcast\s+)?{_SHOW_NAME}"
    ),
    re.compile(rf"\b[Ww]elcome\s+(?:back\s+)?to\s+{_SHOW_NAME}"),
    re.compile(rf"\b[Yy]ou[’']re\s+listening\s+to\s+{_SHOW_NAME}"),
)
# Words that follow "welcome to" without being a show name.
_NOT_SHOWS = frozenset(
    {"The Show", "The Podcast", "Episode", "Today", "This", "Our", "My", "I", "Part"}
)


def split_title(title: str) -> tuple[int | None, str]:
    """Split a leading episode number off a title: ``"Ep. 6: Title"`` -> ``(6, "Title")``.

    A title that is only a number ("Episode 12") keeps its text.
    """
    match = _NUMBERED_TITLE.match(title)
    if not match:
        return None, title.strip()
    rest = (match["title"] or "").strip()
    return int(match["number"]), rest or title.strip()


# "Lead From the Middle, Episode 34: Title" / "My Show - Ep. 5 – Title": show name first.
_SHOW_THEN_NUMBER = re.compile(
    r"^(?P<show>[^,:|–—-]{3,80}?)\s*[,:|–—-]\s*(?P<rest>(?:episode|ep\.?)\s*#?\d.*)$", re.I
)


def split_show_title(title: str) -> tuple[str | None, int | None, str]:
    """Like ``split_title``, but also accepts the show's name before the episode number."""
    number, rest = split_title(title)
    if number is not None:
        return None, number, rest
    match = _SHOW_THEN_NUMBER.match(title.strip())
    if match:
        number, rest = split_title(match["rest"])
        if number is not None:
            return match["show"].strip(), number, rest
    return None, None, title.strip()


def number_from_filename(stem: str) -> int | None:
    match = _NUMBERED_FILE.search(stem)
    return int(match["number"]) if match else None


def guess_show(text: str) -> str | None:
    """The show's name when the speech names it ("thanks for listening to this episode of X")."""
    for pattern in _SHOW_PATTERNS:
        for match in pattern.finditer(text):
            show = re.sub(r"[\s.,!?;:’']+$", "", match["show"])
            show = re.sub(r",?\s+(?:episode|ep\.?)\s*\d+$", "", show, flags=re.I)
            first = show.split()[0] if show else ""
            if (
                show
                and first not in _NOT_SHOWS
                and show not in _NOT_SHOWS
                and len(show.split()) <= 8
            ):
                return show
    return None
