"""Kinds of line on an episode page: site chrome, footer markers, topic intros, the transcript
marker, show-notes labels and date lines.

Chrome is recognised line by line (whole short lines that only a website writes: player,
subscribe and share links), so a sentence of speech never counts as chrome.
"""

from __future__ import annotations

import re
from datetime import datetime

from reader.importers.shared.text import ENDS_SENTENCE

_QUOTE_FOLD = str.maketrans("’‘‛`´“”„‟«»", '\'\'\'\'\'""""""')
_WORD = re.compile(r"\w+")


def _norm(text: str) -> str:
    """Casefold with one apostrophe and one double quote, for matching fixed phrases."""
    return " ".join(text.translate(_QUOTE_FOLD).casefold().split())


def fold(text: str) -> str:
    """Words only, casefolded: headings match topics ignoring case, punctuation and quotes."""
    return " ".join(_WORD.findall(text.translate(_QUOTE_FOLD).casefold().replace("'", "")))


MAX_CHROME_CHARS = 160
MAX_CHROME_WORDS = 18

# Whole short lines that only the website writes (players, share buttons, subscribe links).
_CHROME = re.compile(
    r"""^(?:
      listen\s+(?:on|in|with|now|here|to\s+(?:the|this)\s+(?:episode|podcast|show))\b.*
    | listen\s*[:|].*
    | subscribe\b.*
    | (?:podcast:\s*)?play\s+in\s+new\s+window\b.*
    | download\b.*
    | (?:play|pause|mute|unmute|stop)(?:\s+(?:episode|audio|podcast))?
    | (?:rewind|skip\s+back|fast\s+forward|skip\s+forward|jump\s+back)\b.*
    | \d+(?:\.\d+)?\s*x
    | \d{1,2}:\d{2}(?::\d{2})?(?:\s*/\s*\d{1,2}:\d{2}(?::\d{2})?)?
    | \(?duration:?\s*\d.*
    | share\s+on\s+(?:x|twitter|facebook|linkedin|whatsapp|email|pinterest)\b.*
    | click\s+to\s+tweet | tweet\s+this | tweet | share | share\s+this(?:\s+(?:episode|post))?:?
    | skip\s+to\s+(?:main\s+)?(?:content|navigation)
    | (?:back|scroll|return)\s+to\s+top\b.*
    | (?:tagged|tags|filed\s+under|posted\s+in|categories|category)\s*:.*
    | (?:previous|next)\s+(?:episode|post)\b.*
    | [←→«»].* | .*[←→«»]
    | loading\.{0,3} | like\s+this:? | embed | copy\s+link
    | join\s+(?:the|our)\s+(?:community|newsletter|mailing\s+list|list|club)\b.*
    | sign\s+up\b.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_PLATFORMS = frozenset(
    _norm(name)
    for name in (
        "Apple Podcasts", "Apple", "iTunes", "Spotify", "Google Podcasts", "Google POdcasts",
        "Amazon", "Amazon Music", "Audible", "Overcast", "Pocket Casts", "Castbox", "Castro",
        "Stitcher", "TuneIn", "iHeartRadio", "iHeart", "Pandora", "Deezer", "Podbean",
        "Player FM", "Podcast Addict", "Podchaser", "Goodpods", "Fountain", "RadioPublic",
        "Radio Public", "YouTube", "YouTube Music", "SoundCloud", "Android", "RSS", "Email",
        "E-mail", "More", "Listen Notes", "Blubrry", "Podcast Index", "Anghami", "JioSaavn",
    )
)  # fmt: skip
_PLATFORM_SPLIT = re.compile(r"\s*(?:[|•·,/]|\band\b)\s*")


def is_chrome(line: str) -> bool:
    """A whole line of player, share or subscribe chrome (never a sentence of speech)."""
    line = line.strip()
    if not line or len(line) > MAX_CHROME_CHARS or len(line.split()) > MAX_CHROME_WORDS:
        return False
    parts = [p for p in _PLATFORM_SPLIT.split(_norm(line)) if p]
    if parts and all(p in _PLATFORMS for p in parts):
        return True
    if ENDS_SENTENCE.search(line) and not line.endswith("..."):
        return False
    return bool(_CHROME.match(line))


# The site footer: a marker line starts it, when no long paragraph of speech follows.
_FOOTER = re.compile(
    r"""^(?:
      discover\s+more | related\s+(?:posts|episodes|articles|content|reading)
    | you\s+(?:may|might)\s+also\s+(?:like|enjoy) | more\s+episodes | more\s+from\s+.+
    | (?:recent|popular|latest)\s+(?:posts|episodes|articles)
    | (?:scroll|back|return)\s+to\s+top\b.*
    | join\s+(?:the|our)\s+(?:community|newsletter|mailing\s+list|list|mission)\b.*
    | leave\s+a\s+(?:reply|comment) | \d*\s*comments? | \d+\s+responses?
    | share\s+this(?:\s+(?:episode|post))?:?
    | (?:previous|next)\s+(?:episode|post)\b.*
    | about\s+the\s+(?:author|host|hosts|show|podcast)
    | (?:©|\(c\)|copyright\b).* | .*\ball\s+rights\s+reserved\b.*
    | privacy\s+policy\b.* | terms\s+(?:of\s+(?:use|service)|and\s+conditions)\b.*
    | powered\s+by\b.* | built\s+with\b.*
    | (?:subscribe|sign\s+up)\s+(?:to|for)\s+(?:our|the)\s+(?:newsletter|mailing\s+list)\b.*
    | follow\s+us\b.* | connect\s+with\s+us\b.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
MAX_FOOTER_MARKER_WORDS = 14


def is_footer_marker(text: str) -> bool:
    """A line that starts the site footer ("Discover More", "Related Posts", "© 2024 ...")."""
    text = text.strip()
    return len(text.split()) <= MAX_FOOTER_MARKER_WORDS and bool(_FOOTER.match(text))


# "In this episode you'll hear:", "What you'll learn:", "Key topics:".
_TOPIC_INTRO = re.compile(
    r"""^(?:
      (?:in\s+)?(?:this|today's)\s+episode,?\s+(?:you'll|you\s+will|we'll|we\s+will|we|i|you)
        \s+(?:hear|learn|discover|find\s+out|cover|discuss|talk\s+about|explore|get)(?:\s+about)?
    | (?:here's\s+)?what\s+you'll\s+(?:hear|learn|discover|get)
        (?:\s+(?:in|from)\s+(?:this|today's)\s+episode)?
    | (?:key|main)\s+(?:topics|takeaways|points)(?:\s+(?:covered|discussed))?
    | (?:episode\s+)?(?:topics|highlights|takeaways)
        (?:\s+(?:covered|discussed|in\s+this\s+episode))?
    | in\s+this\s+episode | (?:this|today's)\s+episode\s+covers | we\s+(?:cover|discuss)
    )\s*:?$""",
    re.VERBOSE,
)
# "Full Episode Transcript", "Episode Transcript", "Transcript", "Read the full transcript below".
_TRANSCRIPT_MARKER = re.compile(
    r"""^(?:(?:read|view|show|see)\s+)?(?:the\s+)?(?:full\s+|complete\s+)?
    (?:episode\s+|podcast\s+|show\s+|interview\s+)?transcript(?:ion)?
    (?:\s+(?:below|of\s+(?:this|the)\s+episode))?\s*[:.]?$""",
    re.VERBOSE,
)
# Headings in the show notes that only label what follows.
_NOTES_LABELS = frozenset(
    {"show notes", "episode notes", "episode summary", "summary", "about this episode",
     "about the episode", "description", "overview", "episode description", "notes"}
)  # fmt: skip
MAX_INTRO_WORDS = 14


def is_topic_intro(text: str) -> bool:
    return len(text.split()) <= MAX_INTRO_WORDS and bool(_TOPIC_INTRO.match(_norm(text)))


def is_transcript_marker(text: str) -> bool:
    return len(text) <= 60 and bool(_TRANSCRIPT_MARKER.match(_norm(text)))


def is_notes_label(text: str) -> bool:
    """A heading such as "Show notes:" that only labels the show notes under it."""
    return _norm(text).rstrip(":") in _NOTES_LABELS


# "May 14, 2024", "Posted on 14 May 2024 by Maya Okafor", "2024-05-14 · Episodes".
_DATE_LINE = re.compile(
    r"""^(?:(?:posted|published|released|aired|recorded)(?:\s+on)?:?\s+)?
    (?P<date>[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}
    | \d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}
    | \d{4}-\d{2}-\d{2})
    (?:\s*(?:by\s|[·|•–—-]).{0,80})?$""",
    re.IGNORECASE | re.VERBOSE,
)
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b|[.,]", re.IGNORECASE)
_DATE_FORMATS = ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d")


def parse_date_line(line: str) -> str | None:
    """The ISO date of a line that only gives a date (and maybe a byline), else None."""
    match = _DATE_LINE.match(line.strip()) if len(line) <= MAX_CHROME_CHARS else None
    if not match:
        return None
    value = " ".join(_ORDINAL.sub(" ", match["date"]).split())
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None
