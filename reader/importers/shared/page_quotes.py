"""Pull quotes on episode pages: click-to-tweet boxes and quoted lines with a share button or
an attribution ("~ Name", "— Name"), told apart from a quoted sentence inside speech.
"""

from __future__ import annotations

import re

from reader.importers.shared.speakers import PARTICLES

OPEN_QUOTES = '"“”„«'
_CLOSE_QUOTES = '"”“»'
SHARE_BUTTON = re.compile(
    r"(?:share\s+on\s+(?:x|twitter)|click\s+to\s+tweet|tweet\s+this|tweet\s+it)[\s.!]*$",
    re.IGNORECASE,
)
_DASH_ATTRIBUTION = re.compile(r"[\"”»]\s*[—–-]{1,2}\s*(?P<name>[^\"“”«»—–~]{1,70})$")
_HANDLE = re.compile(r"\s*\(@?\w+\)$")
_NAME = re.compile(r"^[A-Z@][\w.'’\- ]{0,59}$")
MAX_NAME_WORDS = 6
MAX_QUOTE_CHARS = 2000


def _attribution(text: str) -> str | None:
    """A person's name as written after "~" or a dash: "Thomas R. Harris" (trimmed)."""
    name = _HANDLE.sub("", text.strip()).split(",")[0].strip()
    if not name or not _NAME.match(name):
        return None
    words = name.split()
    if len(words) > MAX_NAME_WORDS:
        return None
    if not all(w[0].isupper() or w[0] == "@" or w.casefold() in PARTICLES for w in words):
        return None
    return name


def unquote(text: str) -> tuple[str, bool]:
    """The words inside surrounding quotes, and whether there were any."""
    text = text.strip()
    if len(text) > 2 and text[0] in OPEN_QUOTES and text[-1] in _CLOSE_QUOTES:
        return text[1:-1].strip(), True
    return text, False


def _split_attribution(text: str) -> tuple[str, str | None]:
    """``“Words.” ~ Name`` / ``“Words.” — Name`` -> (``“Words.”``, Name)."""
    tilde = text.rfind("~")
    if tilde > 0 and (name := _attribution(text[tilde + 1 :])):
        return text[:tilde].rstrip(), name
    match = _DASH_ATTRIBUTION.search(text)
    if match and (name := _attribution(match["name"])):
        return text[: match.start() + 1], name
    return text, None


def _strip_button(text: str) -> tuple[str, bool]:
    """Remove a trailing share button ("Share on X", "Click to Tweet", "Tweet this")."""
    button = SHARE_BUTTON.search(text)
    if button and (button.start() == 0 or not text[button.start() - 1].isalnum()):
        return text[: button.start()].rstrip(), True
    return text, False


def quote_parts(text: str) -> tuple[str, str | None]:
    """Words and speaker of a block known to be a pull quote (e.g. a click-to-tweet box)."""
    text, _button = _strip_button(text.strip())
    text, speaker = _split_attribution(text)
    return unquote(text)[0], speaker


def split_pull_quote(line: str) -> tuple[str, str | None] | None:
    """``"Words." ~ Name Share on X`` (and the Click to Tweet / Tweet this / dash forms).

    A line counts as a pull quote when it is wholly in quotes and carries a share button or
    an attribution, or carries both a button and a "~ Name"; a quoted sentence inside speech
    never does.
    """
    line = line.strip()
    if not line or len(line) > MAX_QUOTE_CHARS:
        return None
    if "~" not in line and line[0] not in OPEN_QUOTES:
        return None
    line, button = _strip_button(line)
    body, speaker = _split_attribution(line)
    words, quoted = unquote(body)
    if not ((quoted and (button or speaker)) or (button and speaker and "~" in line)):
        return None
    if len(words.split()) < 2:
        return None
    return words, speaker
