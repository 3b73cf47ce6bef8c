"""Episode pages as blocks: the rules for copied pages and (through ``saved_html``) saved ones.

A copied episode page is a fixed sequence: title line with the episode number, player and
subscribe chrome ("Listen on ...", "Play in new window | Download"), show notes, a topic list
after "In this episode you'll hear:", a transcript marker ("Full Episode Transcript"), the
transcript with section headings and click-to-tweet pull quotes, the spoken outro, and the
site footer ("Discover More", "Related Posts", "Scroll to Top").

The page is first cut into ``PageBlock``s (one per line or paragraph), then ``assemble``
recovers the structure from the blocks. The HTML importer builds the same blocks from the
document tree and reuses ``assemble``, so both formats follow one set of rules.

Chrome is recognised line by line (whole short lines that only a website writes); the footer
starts at the first footer marker after the last long paragraph of speech, so a marker-like
line inside the talk never eats the speech after it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reader.importers.base import Draft, ParseError
from reader.importers.shared import turns
from reader.importers.shared.metadata import guess_show, split_title
from reader.importers.shared.speakers import PARTICLES, plausible_name
from reader.importers.shared.text import clean_inline
from reader.model import Quote, Section, Segment

# --------------------------------------------------------------------------- blocks


@dataclass
class PageBlock:
    """One line or paragraph of a page, with the layout hints the rules need."""

    text: str
    kind: str = "text"  # "text" | "heading" | "item" | "quote"
    gap: int = 1  # blank lines before it; 2+ sets a heading apart in copied text
    bullet: str = ""  # the list marker that was stripped from ``text`` ("•", "1.")
    indent: int = 0  # leading spaces (copied lists are often indented instead of bulleted)
    bold: bool = False  # the whole paragraph is bold (HTML): a heading when short
    label: str | None = None  # speaker label given by markup (HTML ``<strong>Name:</strong>``)
    body: str | None = None  # the text after that label
    start: float | None = None  # a time given by markup (Podcasting 2.0 ``<time>``)
    speaker: str | None = None  # for quotes: the attribution

    @property
    def full(self) -> str:
        """The text as the page shows it, list marker included."""
        return f"{self.bullet} {self.text}" if self.bullet else self.text


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BULLET = re.compile(r"^(?P<mark>[•◦▪▫●○■□►▸‣⁃∙·*+✓✔➤→\-–—]|\d{1,3}[.)])\s+(?=\S)")
_INDENT = re.compile(r"^[ \t\u00a0\u3000]*")
# Hard-wrapped text has lines of a bounded width; copied web paragraphs are one long line.
WRAP_MAX_WIDTH = 100
WRAP_MIN_WIDTH = 50


def _wrapped(lines: list[str]) -> bool:
    """A group of lines that is one paragraph broken for width (e.g. an e-mail, a .txt)."""
    if len(lines) < 2:
        return False
    widths = [len(line) for line in lines]
    widest = max(widths)
    if not WRAP_MIN_WIDTH <= widest <= WRAP_MAX_WIDTH:
        return False
    if any(_BULLET.match(line) or is_chrome(line) for line in lines):
        return False
    return all(w >= 0.6 * widest for w in widths[:-1])


def text_blocks(text: str) -> list[PageBlock]:
    """Cut copied page text into blocks: one per line, hard-wrapped paragraphs joined."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    blocks: list[PageBlock] = []
    gap = 0
    group: list[str] = []

    def flush() -> None:
        nonlocal gap
        if not group:
            return
        stripped = [clean_inline(line) for line in group]
        if _wrapped(stripped):
            blocks.append(PageBlock(" ".join(stripped), gap=gap))
        else:
            for i, (raw, line) in enumerate(zip(group, stripped, strict=True)):
                indent = len(_INDENT.match(raw).group().expandtabs(4))  # type: ignore[union-attr]
                match = _BULLET.match(line)
                bullet, rest = (match["mark"], line[match.end() :]) if match else ("", line)
                blocks.append(
                    PageBlock(rest, gap=gap if i == 0 else 0, bullet=bullet, indent=indent)
                )
        group.clear()
        gap = 0

    for raw in text.split("\n"):
        if raw.strip():
            group.append(raw)
        else:
            flush()
            gap += 1
    flush()
    if blocks:
        blocks[0].gap = max(blocks[0].gap, 1)
    return blocks


# --------------------------------------------------------------------------- line kinds

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
_SENTENCE_END = re.compile(r"[.!?…]['\"”’)\]]*$")

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
    if _SENTENCE_END.search(line) and not line.endswith("..."):
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
#: A paragraph this long after a footer marker is speech, so the marker was not the footer.
SPEECH_WORDS = 50


def _is_footer_marker(block: PageBlock) -> bool:
    text = block.full.strip()
    return len(text.split()) <= MAX_FOOTER_MARKER_WORDS and bool(_FOOTER.match(text))


def _is_speech(block: PageBlock) -> bool:
    return block.kind in ("text", "item") and len(block.text.split()) >= SPEECH_WORDS


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


# --------------------------------------------------------------------------- pull quotes

_OPEN_QUOTES = '"“”„«'
_CLOSE_QUOTES = '"”“»'
_BUTTON = re.compile(
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


def _unquote(text: str) -> tuple[str, bool]:
    """The words inside surrounding quotes, and whether there were any."""
    text = text.strip()
    if len(text) > 2 and text[0] in _OPEN_QUOTES and text[-1] in _CLOSE_QUOTES:
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
    button = _BUTTON.search(text)
    if button and (button.start() == 0 or not text[button.start() - 1].isalnum()):
        return text[: button.start()].rstrip(), True
    return text, False


def quote_parts(text: str) -> tuple[str, str | None]:
    """Words and speaker of a block known to be a pull quote (e.g. a click-to-tweet box)."""
    text, _button = _strip_button(text.strip())
    text, speaker = _split_attribution(text)
    return _unquote(text)[0], speaker


def split_pull_quote(line: str) -> tuple[str, str | None] | None:
    """``"Words." ~ Name Share on X`` (and the Click to Tweet / Tweet this / dash forms).

    A line counts as a pull quote when it is wholly in quotes and carries a share button or
    an attribution, or carries both a button and a "~ Name"; a quoted sentence inside speech
    never does.
    """
    line = line.strip()
    if not line or len(line) > MAX_QUOTE_CHARS:
        return None
    if "~" not in line and line[0] not in _OPEN_QUOTES:
        return None
    line, button = _strip_button(line)
    body, speaker = _split_attribution(line)
    words, quoted = _unquote(body)
    if not ((quoted and (button or speaker)) or (button and speaker and "~" in line)):
        return None
    if len(words.split()) < 2:
        return None
    return words, speaker


# --------------------------------------------------------------------------- speakers

#: Share of transcript paragraphs that must carry a speaker label before labels are trusted.
LABELLED_SHARE = 0.3
_LABEL_SHAPES = frozenset({"name-colon"})


def _label_of(block: PageBlock) -> tuple[str, str] | None:
    """The speaker label and the speech after it, when the paragraph starts with one."""
    if block.label and block.body:
        return (block.label, block.body) if plausible_name(block.label) else None
    if block.kind != "text" or block.bullet or ":" not in block.text:
        return None
    head = turns.read_header(block.text, _LABEL_SHAPES)
    if head is not None and head.speaker is not None and head.text.strip():
        return head.speaker, head.text.strip()
    return None


_SELF_INTRO = re.compile(r"\bI(?:'|’)m (?P<name>[A-Z][a-z’'\-]+(?: [A-Z][a-z’'\-]+){1,2})(?=[,.;])")


# --------------------------------------------------------------------------- headings

_HEADING_WORDS = frozenset({"introduction", "intro", "conclusion", "outro", "summary", "recap",
                            "takeaways", "background", "resources", "wrap-up", "wrap"})  # fmt: skip
MAX_HEADING_WORDS = 12
MAX_HEADING_CHARS = 90
MIN_PARAGRAPH_AFTER_HEADING = 15
MIN_PARAGRAPH_AFTER_BOLD = 5
MAX_TOPIC_HEADING_WORDS = 40
MIN_PREFIX_WORDS = 3


def _title_case(words: list[str]) -> bool:
    long = [w for w in words if sum(c.isalpha() for c in w) >= 4]
    return len(long) >= 2 and sum(w[0].isupper() for w in long) >= 0.7 * len(long)


def _matches_topic(text: str, topics: Sequence[str]) -> bool:
    """A line repeating a topic item (or the start of one), ignoring case and punctuation."""
    folded = fold(text)
    if not folded:
        return False
    for topic in topics:
        if folded == topic:
            return True
        if len(folded.split()) >= MIN_PREFIX_WORDS and topic.startswith(folded + " "):
            return True
        if len(topic.split()) >= MIN_PREFIX_WORDS and folded.startswith(topic + " "):
            return len(text.split()) <= MAX_HEADING_WORDS + 6 and not _SENTENCE_END.search(text)
    return False


def _plain_heading(block: PageBlock, following: PageBlock | None) -> bool:
    """A short line set apart above a paragraph (conservative: speech must never qualify)."""
    text = block.text
    words = text.split()
    if block.kind != "text" or block.bullet or not words:
        return False
    if len(words) > MAX_HEADING_WORDS or len(text) > MAX_HEADING_CHARS:
        return False
    if text[-1] in '.,;:!…"”’)' or text[0] in _OPEN_QUOTES or "~" in text:
        return False
    if not (text[0].isupper() or text[0].isdigit()):
        return False
    if following is None or following.kind not in ("text", "item"):
        return False
    needed = MIN_PARAGRAPH_AFTER_BOLD if block.bold else MIN_PARAGRAPH_AFTER_HEADING
    if len(following.text.split()) < needed:
        return False
    strong = block.gap >= 2 or block.bold
    if len(words) == 1 and not (block.bold or words[0].casefold() in _HEADING_WORDS):
        return False
    if text.endswith("?") and not strong:
        return False
    return strong or _title_case(words)


# --------------------------------------------------------------------------- assembly

MAX_TITLE_WORDS = 20
MAX_TITLE_CHARS = 200
MAX_MENU_WORDS = 8
TITLE_SEARCH_BLOCKS = 15
MAX_TOPIC_WORDS = 40


def _find_title(blocks: Sequence[PageBlock]) -> tuple[str, int] | None:
    """The title line and the index after it: the first numbered line near the top (past any
    menu lines), else a short first line; "Episode 7" alone under a title line numbers it."""
    first: int | None = None
    for i, block in enumerate(blocks[:TITLE_SEARCH_BLOCKS]):
        text = block.full
        if is_chrome(text):
            continue
        short = len(text.split()) <= MAX_TITLE_WORDS and len(text) <= MAX_TITLE_CHARS
        if not short or is_transcript_marker(text) or is_topic_intro(text):
            break
        if block.kind in ("text", "heading") and not block.bullet:
            number, rest = split_title(text)
            if number is not None:
                if first is not None and rest == text.strip():  # "Episode 7" under the title
                    return f"Episode {number}: {blocks[first].full}", i + 1
                return text, i + 1
        if first is None:
            first = i
        if len(text.split()) > MAX_MENU_WORDS:  # past the menus: no numbered title here
            break
    if first is None or first + 1 >= len(blocks):
        return None
    block = blocks[first]
    if block.bullet or block.kind not in ("text", "heading") or re.search(r"[.,;:!]$", block.text):
        return None
    if _label_of(block):  # "Sam Ortiz: Hi there" starts a transcript, not a title
        return None
    return block.full, first + 1


def _topic_list_end(blocks: Sequence[PageBlock], intro: int) -> int:
    """Index after the topic items under the intro at ``intro`` (bulleted, indented or not)."""
    j = intro + 1
    while j < len(blocks):
        b = blocks[j]
        listed = b.kind == "item" or bool(b.bullet) or b.indent > 0
        if not (listed or j == intro + 1 or b.gap == 0 or is_chrome(b.full)):
            break
        j += 1
    return j


def _body_start_without_marker(blocks: Sequence[PageBlock], start: int) -> int:
    """No transcript marker: the transcript follows the topic list, else the leading chrome."""
    half = start + max(1, (len(blocks) - start) // 2)
    for i in range(start, min(half, len(blocks))):
        if is_topic_intro(blocks[i].full):
            return _topic_list_end(blocks, i)
    i = start
    while i < len(blocks) and is_chrome(blocks[i].full):
        i += 1
    return i


def _footer_start(blocks: Sequence[PageBlock], lo: int) -> int:
    """The first footer marker after the last long paragraph of speech (or the end)."""
    last_speech = lo - 1
    for i in range(len(blocks) - 1, lo - 1, -1):
        if _is_speech(blocks[i]):
            last_speech = i
            break
    for i in range(last_speech + 1, len(blocks)):
        if _is_footer_marker(blocks[i]):
            return i
    return len(blocks)


def _show_notes(
    blocks: Sequence[PageBlock], quotes: list[Quote], draft: Draft
) -> tuple[str, list[str]]:
    """Description paragraphs and topic items from the part of the page before the transcript."""
    pieces: list[tuple[int, str]] = []
    topics: list[str] = []
    in_topics = False
    loose = False  # an unbulleted topic list right under its intro
    for block in blocks:
        text = block.full
        if not block.text or is_chrome(text):
            continue
        if block.kind == "quote":
            quotes.append(Quote(block.text, block.speaker))
            continue
        if block.kind != "heading" and (found := split_pull_quote(text)):
            quotes.append(Quote(*found))
            continue
        if is_topic_intro(text):
            in_topics, loose = True, False
            continue
        if not pieces and not topics and (date := parse_date_line(text)):
            draft.date = draft.date or date
            continue
        if in_topics:
            listed = block.kind == "item" or bool(block.bullet) or block.indent > 0
            fits = block.kind != "heading" and len(block.text.split()) <= MAX_TOPIC_WORDS
            if fits and listed and not loose:
                topics.append(block.text)
                continue
            if fits and not listed and (not topics or (loose and block.gap == 0)):
                topics.append(block.text)
                loose = True
                continue
            in_topics = False
        if block.kind == "heading" and _norm(text).rstrip(":") in _NOTES_LABELS:
            continue
        pieces.append((block.gap, text))
    parts: list[str] = []
    for gap, text in pieces:
        if parts and gap == 0:
            parts[-1] += "\n" + text
        else:
            parts.append(text)
    return "\n\n".join(parts), topics


def _transcript(
    blocks: Sequence[PageBlock], topics: Sequence[str], quotes: list[Quote]
) -> list[Section]:
    """Sections of segments, with pull quotes and chrome lifted out of the running text."""
    content: list[PageBlock] = []
    for block in blocks:
        text = block.full
        if not block.text:
            continue
        if block.kind == "quote":
            quotes.append(Quote(block.text, block.speaker))
            continue
        if is_chrome(text):
            # A share button on its own line turns the quoted line above it into a pull quote.
            if _BUTTON.match(text) and content and content[-1].kind == "text":
                words, quoted = _unquote(content[-1].full)
                if quoted and len(words.split()) >= 2:
                    content.pop()
                    quotes.append(Quote(words, None))
            continue
        if block.kind != "heading" and (found := split_pull_quote(text)):
            quotes.append(Quote(*found))
            continue
        if is_transcript_marker(text):
            continue
        content.append(block)

    paragraphs = [b for b in content if b.kind in ("text", "item")]
    labels = [_label_of(b) for b in paragraphs]
    named = Counter(lab[0] for lab in labels if lab)
    labelled = (
        bool(named)
        and (len(named) >= 2 or max(named.values()) >= 2)
        and sum(named.values()) >= LABELLED_SHARE * len(paragraphs)
    )
    folded_topics = [t for t in (fold(t) for t in topics) if t]

    sections = [Section(None, [])]
    speaker: str | None = None
    for i, block in enumerate(content):
        following = content[i + 1] if i + 1 < len(content) else None
        text = block.full
        heading = block.kind == "heading"
        if not heading and block.kind == "text" and not block.bullet:
            heading = (
                len(text.split()) <= MAX_TOPIC_HEADING_WORDS and _matches_topic(text, folded_topics)
            ) or (not (labelled and _label_of(block)) and _plain_heading(block, following))
        if heading:
            sections.append(Section(join_text(text), []))
            continue
        start = block.start
        label = _label_of(block) if labelled else None
        if label:
            speaker, text = label
        sections[-1].segments.append(Segment(join_text(text), speaker, start))
    while len(sections) > 1 and not sections[-1].segments:
        sections.pop()  # a heading with nothing after it is page furniture
    return [s for s in sections if s.segments or s.heading]


def join_text(text: str) -> str:
    """One line of running text (blocks are already clean: this only joins their lines)."""
    return " ".join(text.split())


def _host(sections: Sequence[Section], quotes: Sequence[Quote]) -> str | None:
    """The voice of an unlabelled page: whom the pull quotes name, else "I'm Name Surname"."""
    counts = Counter(q.speaker for q in quotes if q.speaker)
    if counts:
        return counts.most_common(1)[0][0]
    first = [seg.text for s in sections for seg in s.segments][:3]
    for text in first:
        if match := _SELF_INTRO.search(text):
            return match["name"]
    return None


def assemble(
    blocks: Sequence[PageBlock],
    *,
    title: str | None = None,
    show: str | None = None,
    find_title: bool = True,
) -> Draft:
    """The episode a page's blocks hold: title, notes, topics, headed sections, pull quotes."""
    blocks = [b for b in blocks if b.text]
    draft = Draft()
    start = 0
    if title is None and find_title and (found := _find_title(blocks)):
        title, start = found
    if title:
        number, rest = split_title(join_text(title))
        draft.title, draft.number = rest, number

    page_end = _footer_start(blocks, start)  # a "Transcript" link in the footer is no marker
    marker = next((i for i in range(start, page_end) if is_transcript_marker(blocks[i].full)), None)
    if marker is not None:
        notes_end, body_start = marker, marker + 1
    else:
        notes_end = body_start = _body_start_without_marker(blocks, start)
    footer = _footer_start(blocks, body_start)

    quotes: list[Quote] = []
    draft.description, draft.topics = _show_notes(blocks[start:notes_end], quotes, draft)
    draft.sections = _transcript(blocks[body_start:footer], draft.topics, quotes)
    draft.quotes = quotes

    segments = [seg for s in draft.sections for seg in s.segments]
    if not any(seg.speaker for seg in segments):
        host = _host(draft.sections, quotes)
        draft.speakers = [host] if host else []
    if show is None:
        edges = segments[:3] + segments[-4:]
        show = guess_show(" ".join(seg.text for seg in edges) + " " + draft.description)
    draft.show = show
    if not segments and not draft.description and not draft.title:
        raise ParseError("no episode text found on the page")
    if not segments:
        draft.warnings.append("the page holds show notes but no transcript")
    return draft
