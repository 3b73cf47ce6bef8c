"""Episode pages as blocks: the rules for copied pages and (through ``saved_html``) saved ones.

A copied episode page is a fixed sequence: title line with the episode number, player and
subscribe chrome ("Listen on ...", "Play in new window | Download"), show notes, a topic list
after "In this episode you'll hear:", a transcript marker ("Full Episode Transcript"), the
transcript with section headings and click-to-tweet pull quotes, the spoken outro, and the
site footer ("Discover More", "Related Posts", "Scroll to Top").

The page is first cut into ``PageBlock``s (one per line or paragraph, ``shared.page_blocks``),
then ``assemble`` recovers the structure from the blocks. The HTML importer builds the same
blocks from the document tree and reuses ``assemble``, so both formats follow one set of rules.
What each line is (chrome, footer marker, topic intro, ...) is ``shared.page_lines``; pull
quotes are ``shared.page_quotes`` and transcript headings ``shared.page_headings``.

The footer starts at the first footer marker after the last long paragraph of speech, so a
marker-like line inside the talk never eats the speech after it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from reader.importers.base import Draft, ParseError
from reader.importers.shared import turns
from reader.importers.shared.metadata import guess_show, split_title
from reader.importers.shared.page_blocks import PageBlock
from reader.importers.shared.page_headings import (
    MAX_TOPIC_HEADING_WORDS,
    matches_topic,
    plain_heading,
)
from reader.importers.shared.page_lines import (
    fold,
    is_chrome,
    is_footer_marker,
    is_notes_label,
    is_topic_intro,
    is_transcript_marker,
    parse_date_line,
)
from reader.importers.shared.page_quotes import SHARE_BUTTON, split_pull_quote, unquote
from reader.importers.shared.speakers import plausible_name
from reader.model import Quote, Section, Segment

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


# --------------------------------------------------------------------------- footer

#: A paragraph this long after a footer marker is speech, so the marker was not the footer.
SPEECH_WORDS = 50


def _is_speech(block: PageBlock) -> bool:
    return block.kind in ("text", "item") and len(block.text.split()) >= SPEECH_WORDS


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
        if is_footer_marker(blocks[i].full):
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
        if block.kind == "heading" and is_notes_label(text):
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
            if SHARE_BUTTON.match(text) and content and content[-1].kind == "text":
                words, quoted = unquote(content[-1].full)
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
                len(text.split()) <= MAX_TOPIC_HEADING_WORDS and matches_topic(text, folded_topics)
            ) or (not (labelled and _label_of(block)) and plain_heading(block, following))
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
