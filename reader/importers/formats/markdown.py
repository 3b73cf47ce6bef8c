"""Markdown transcripts: headings, ``**Name:**`` turns, pull quotes and escaped timestamps.

How a file is read:

- Optional YAML front matter (``reader.importers.shared.front_matter``) gives ``title``,
  ``date``, ``show``, ``episode``, ``speakers``, ``description`` and ``topics``.
- The first ``#`` heading before any text is the title ("Episode 19: ..." is split by the
  registry). ``##``-``######`` headings become sections; a heading such as "Transcript" only
  marks where the transcript starts, and "Show notes", "Links", "Topics" and similar headings
  whose text has no speaker labels hold show notes, which go to the description and topics.
- The description is the text before the first speaker label and before the first ``##``
  heading, directly under the title: that is where Markdown show notes put the episode
  summary. A file with no labels and no headings has no such split, and all of its text is
  transcript.
- ``**Name:**`` or ``**Name**:`` at the start of a paragraph (or of a line) starts a turn;
  paragraphs without a label continue the last speaker, each its own segment. A heading ends
  a speaker's run: unlabelled text after it is not attributed to anyone.
- Turn headers come from ``shared.turns``: ``**Name:**`` and Descript's bold name, and the
  plain ``Name (00:01:23):`` (Rev, with ``(00:01:21):`` for the same speaker going on) and
  ``Name: 00:00:12`` (bitcointranscripts) headers that exports carry into ``.md`` files.
  Paragraphs written one a line without blank lines between them stay apart.
- A blockquote is a passage read on air: it stays where it was read, as the speaker's words.
  Only one that repeats a passage of the body is a pull quote (``shared.blockquotes``).
- ``\\[00:04:01\\]`` stamps (escaped or not, with or without a fraction) at the start of a turn
  or paragraph give its start time; anywhere else they are removed. Other bracketed notes
  such as ``\\[laughs\\]`` are kept as ``[laughs]``: readers of transcripts expect to see them.
- Inline Markdown is reduced to its text: emphasis, links (their text), images (their alt
  text), code spans, and HTML tags, which are never rendered.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from reader.importers.base import Draft, Importer, ParseError
from reader.importers.shared import blockquotes, turns
from reader.importers.shared.front_matter import (
    apply_front_matter,
    has_front_matter,
    split_front_matter,
)
from reader.importers.shared.text import join_lines, parse_timestamp
from reader.model import Section, Segment

SNIFF_CHARS = 4096

_STAMP = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
# "\[00:04:01\]", "[00:04:01.06]", and the link form "[00:04:01](#t=241)".
_ANY_STAMP = re.compile(rf"[ \t]*\\?\[({_STAMP})\\?\](?:\([^()\s]*\))?")
_LEAD_STAMP = re.compile(rf"^[ \t]*\\?\[(?P<stamp>{_STAMP})\\?\](?:\([^()\s]*\))?[ \t]*")
_LABEL_START = re.compile(r"^ {0,3}(?:\\?\[[\d:.,]+\\?\][ \t]*)?(?:\*\*|__)[^*_\n:]{1,60}?:")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?(.*)$")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+•]|\d{1,9}[.)])[ \t]+(.*)$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S+")

# Possessive run and lookarounds: a long run of unmatched backticks must not backtrack.
_CODE_SPAN = re.compile(r"(?<!`)(`++)([^`]+)\1(?!`)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_PRIVATE = re.compile(r"[\ue000-\ue1ff]")
_CODE_HOLDER = re.compile(r"\ue000(\d+)\ue001")
# A link target: no spaces (one level of parentheses allowed), then an optional "title".
_TARGET = r"\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)"
_IMAGE = re.compile(rf"!\[([^\[\]]*)\]{_TARGET}")
_LINK = re.compile(rf"\[([^\[\]]*)\]{_TARGET}")
_REF_LINK = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
_FOOTNOTE_REF = re.compile(r"\[\^[^\[\]\s]+\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_RAW_HTML_OPEN = re.compile(r"<!--|<(script|style)\b[^>]*>", re.I)
_EMPHASIS = (
    ("**", re.compile(r"\*\*(?=\S)([^*]+?)(?<=\S)\*\*")),
    ("__", re.compile(r"(?<!\w)__(?=\S)([^_]+?)(?<=\S)__(?!\w)")),
    ("*", re.compile(r"\*(?=\S)([^*]+?)(?<=\S)\*")),
    ("_", re.compile(r"(?<!\w)_(?=\S)([^_]+?)(?<=\S)_(?!\w)")),
    ("~~", re.compile(r"~~(?=\S)([^~]+?)(?<=\S)~~")),
)
# Escaped punctuation is held as a private-use character while the markup is rewritten.
_UNESCAPE = {0xE100 + code: code for code in range(0x21, 0x7F)}


# Headings that only mark where the transcript starts.
_TRANSCRIPT_HEADING = re.compile(r"^(?:the |full |episode |full episode )*transcript\W*$", re.I)
# Headings over show notes rather than speech (used only when their text has no labels).
_NOTES_HEADING = re.compile(
    r"^(?:show notes|(?:episode )?notes|(?:episode )?summary|description|overview"
    r"|about(?: (?:this|the) episode)?|links?|resources|credits|mentioned(?: in this episode)?"
    r"|references|further reading)\W*$",
    re.I,
)
_TOPICS_HEADING = re.compile(
    r"^(?:(?:key )?topics|in this episode.*|what you[’']ll (?:learn|hear).*|highlights"
    r"|(?:key )?takeaways|episode highlights|we (?:discuss|cover|talk about).*)\W*$",
    re.I,
)
_TOPICS_LEAD_IN = re.compile(
    r"(?:in this episode|you[’']ll (?:hear|learn)|topics|we (?:discuss|cover|talk about)"
    r"|what you[’']ll|highlights|takeaways)[^:]*:\s*$",
    re.I,
)


# ---------------------------------------------------------------------------------- blocks


@dataclass
class _Block:
    kind: str  # "heading", "para", "quote", "list", "code"
    lines: list[str] = field(default_factory=list)
    level: int = 0


def _blocks(lines: list[str]) -> list[_Block]:
    """Split Markdown lines into headings, paragraphs, blockquotes, lists and code blocks."""
    blocks: list[_Block] = []
    current: _Block | None = None
    fence: str | None = None
    blank_before = False
    for line in lines:
        if fence is not None:
            if line.lstrip().startswith(fence):
                fence, current = None, None
            elif current is not None:
                current.lines.append(line)
            continue
        if not line.strip():
            blank_before = True
            if current is not None and current.kind != "list":
                current = None
            continue
        was_blank, blank_before = blank_before, False
        item = _LIST_ITEM.match(line)
        if current is not None and current.kind == "list" and was_blank and not item:
            if line[:1] in " \t":  # an indented paragraph inside a list item
                current.lines[-1] += " " + line.strip()
                continue
            current = None
        fenced = _FENCE.match(line)
        if fenced:
            fence = fenced.group(1)[:3]
            current = _Block("code")
            blocks.append(current)
            continue
        atx = _ATX.match(line)
        if atx:
            blocks.append(_Block("heading", [atx.group(2) or ""], len(atx.group(1))))
            current = None
            continue
        setext = _SETEXT.match(line)
        # "**Name:** Bye." over a "---" line is a turn followed by a rule, not a heading.
        if (
            setext
            and current is not None
            and current.kind == "para"
            and not _LABEL_START.match(current.lines[0])
        ):
            current.kind = "heading"
            current.level = 1 if setext.group(1)[0] == "=" else 2
            current.lines = [" ".join(s.strip() for s in current.lines)]
            current = None
            continue
        if _RULE.match(line):
            current = None
            continue
        quoted = _QUOTE.match(line)
        if quoted:
            if current is None or current.kind != "quote":
                current = _Block("quote")
                blocks.append(current)
            current.lines.append(quoted.group(1))
            continue
        if item and not (current is not None and current.kind == "para" and line[:1] in " \t"):
            if current is None or current.kind != "list":
                current = _Block("list")
                blocks.append(current)
            current.lines.append(item.group(1))
            continue
        if _LINK_DEFINITION.match(line):
            continue
        if current is not None and current.kind in ("quote", "list"):
            current.lines[-1] += " " + line.strip()  # lazy continuation line
            continue
        if current is None or current.kind != "para":
            current = _Block("para")
            blocks.append(current)
        current.lines.append(line)
    return blocks


# ---------------------------------------------------------------------------------- inline


def _inline(raw: str) -> str:
    """Markdown inline text -> plain text: the words a reader sees, on one line.

    Each rewrite runs only when its marker character is present: most transcript paragraphs
    hold no markup at all, and 30,000 words must import in well under 100 ms.
    """
    text = raw
    codes: list[str] = []
    if "[" in text:
        text = _ANY_STAMP.sub("", text)
    if "`" in text:

        def hold_code(match: re.Match[str]) -> str:
            codes.append(match.group(2).strip())
            return f"\ue000{len(codes) - 1}\ue001"

        text = _CODE_SPAN.sub(hold_code, text)
    escaped = "\\" in text
    if escaped:
        text = _ESCAPE.sub(lambda m: chr(0xE100 + ord(m.group(1))), text)
    if "[" in text:
        text = _IMAGE.sub(r"\1", text)
        text = _LINK.sub(r"\1", text)
        text = _REF_LINK.sub(r"\1", text)
        text = _FOOTNOTE_REF.sub("", text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
        text = _BREAK_TAG.sub(" ", text)
        text = _TAG.sub("", text)
    if "*" in text or "_" in text or "~" in text:
        for _ in range(2):
            for marker, pattern in _EMPHASIS:
                if marker in text:
                    text = pattern.sub(r"\1", text)
    if "&" in text:
        text = html.unescape(text)
    if codes:
        text = _CODE_HOLDER.sub(lambda m: codes[int(m.group(1))], text)
    if escaped:
        text = text.translate(_UNESCAPE)
    return join_lines(text)


def _drop_raw_html(text: str) -> str:
    """Remove HTML comments and script/style elements; an unclosed one is left as it is.

    Done with ``str.find`` rather than a lazy ``.*?`` regex, which would rescan the rest of
    the file for every unclosed ``<!--``.
    """
    lower = text.lower()
    out: list[str] = []
    pos = 0
    for match in _RAW_HTML_OPEN.finditer(text):
        if match.start() < pos:
            continue
        close = "-->" if match.group(1) is None else f"</{match.group(1).lower()}"
        end = lower.find(close, match.end())
        if end < 0:
            break  # nothing of this kind is closed further on either
        end = text.find(">", end) + 1 if close.startswith("</") else end + len(close)
        if end <= 0:
            break
        out.append(text[pos : match.start()])
        pos = end
    out.append(text[pos:])
    return "".join(out)


# ---------------------------------------------------------------------------------- parsing


@dataclass
class _Group:
    """A heading (None for the text before the first one) and the blocks under it."""

    heading: str | None
    blocks: list[_Block] = field(default_factory=list)


def _split_turns(block: _Block) -> list[list[str]]:
    """A paragraph whose lines open with speaker labels holds one turn per labelled line."""
    parts: list[list[str]] = []
    for line in block.lines:
        if not parts or _label(line.strip()) is not None:
            parts.append([line.strip()])
        else:
            parts[-1].append(line.strip())
    return parts


#: Turn headers (``shared.turns``) a Markdown transcript uses: bold labels and Descript's,
#: and the Rev and bitcointranscripts headers that plain exports carry into ``.md`` files.
_BOLD_SHAPES = frozenset({"bold-label", "descript"})
_PLAIN_SHAPES = frozenset({"rev", "rev-continued", "name-time"})
_SHAPES = _BOLD_SHAPES | _PLAIN_SHAPES


def _label(
    line: str, shapes: frozenset[str] = _SHAPES
) -> tuple[str | None, float | None, str] | None:
    """(speaker, start, rest) when the line opens with a turn header such as
    ``[stamp] **Name:** [stamp]``, ``Name (00:01:23):`` or ``Name: 00:00:12``; the speaker is
    None when the header only says the same speaker goes on (Rev's ``(00:01:21):``)."""
    first = line[:1]
    if first.isalnum() or first == "(":
        if ":" not in line[:80]:
            return None
    elif first not in "*_\\[":
        return None
    start = None
    lead = _LEAD_STAMP.match(line) if first in "\\[" else None
    rest = line[lead.end() :] if lead else line
    head = turns.read_header(rest, shapes)
    if head is None:
        return None
    rest = head.text
    if lead:
        start = parse_timestamp(lead.group("stamp"))
    start = start if start is not None else head.start
    after = _LEAD_STAMP.match(rest)
    if after:
        start = start if start is not None else parse_timestamp(after.group("stamp"))
        rest = rest[after.end() :]
    return head.speaker, start, rest


def _has_label(blocks: list[_Block]) -> bool:
    return any(
        _label(line.strip()) is not None for b in blocks if b.kind == "para" for line in b.lines
    )


class _Reader:
    """Turns groups of blocks into sections, description, topics and quotes."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.notes: list[str] = [draft.description] if draft.description else []
        self.topics_from_text: list[str] = []
        self.passages: list[blockquotes.Passage] = []

    def notes_block(self, block: _Block, topics: bool, previous: str | None) -> None:
        if block.kind == "list":
            items = [_inline(item) for item in block.lines]
            items = [i for i in items if i]
            if topics or (previous is not None and _TOPICS_LEAD_IN.search(previous)):
                self.topics_from_text.extend(items)
            else:
                self.notes.append("\n".join(f"• {i}" for i in items))
        elif block.kind in ("para", "code"):
            text = _inline("\n".join(block.lines)) if block.kind == "para" else ""
            if block.kind == "code":
                text = "\n".join(line.rstrip() for line in block.lines).strip()
            if text:
                self.notes.append(text)

    def notes_group(self, blocks: list[_Block], topics: bool) -> None:
        previous = None
        for block in blocks:
            if block.kind == "quote":
                lines = [_inline(line) for line in block.lines]
                self.notes.append("\n\n".join(blockquotes.paragraphs(lines)))
                passage = blockquotes.Passage(blockquotes.quote_of(lines), [], self.notes)
                passage.note_index = len(self.notes) - 1
                self.passages.append(passage)
                continue
            self.notes_block(block, topics, previous)
            previous = self.notes[-1] if block.kind == "para" and self.notes else None

    def read_aloud(self, block: _Block, speaker: str | None, start: float | None) -> list[Segment]:
        """A blockquote in the talk: the speaker's words where they were read."""
        lines = [_inline(line) for line in block.lines]
        texts = blockquotes.paragraphs(lines)
        segments = [
            Segment(text, speaker, start if i == 0 else None) for i, text in enumerate(texts)
        ]
        self.passages.append(blockquotes.Passage(blockquotes.quote_of(lines), segments, []))
        return segments

    def section(self, heading: str | None, blocks: list[_Block]) -> Section:
        segments: list[Segment] = []
        speaker: str | None = None
        pending: float | None = None
        for block in blocks:
            if block.kind == "quote":
                read = self.read_aloud(block, speaker, pending)
                segments.extend(read)
                pending = pending if not read else None
                continue
            if block.kind == "code":
                text = "\n".join(line.rstrip() for line in block.lines).strip()
                if text:
                    segments.append(Segment(text, speaker, pending))
                    pending = None
                continue
            parts = [[item] for item in block.lines] if block.kind == "list" else None
            for lines in parts or _split_turns(block):
                first = lines[0]
                label = _label(first)
                start = None
                if label is not None:
                    speaker, start, first = label[0] or speaker, label[1], label[2]
                lead = _LEAD_STAMP.match(first)
                if lead:
                    start = start if start is not None else parse_timestamp(lead.group("stamp"))
                    first = first[lead.end() :]
                raw = [first, *lines[1:]]
                if turns.one_paragraph_a_line(raw):  # no blank lines between paragraphs
                    texts = [t for t in (_inline(line) for line in raw) if t]
                else:
                    texts = [t for t in [_inline("\n".join(raw))] if t]
                if not texts:
                    pending = start if start is not None else pending
                    continue
                start = start if start is not None else pending
                segments.extend(
                    Segment(text, speaker, start if i == 0 else None)
                    for i, text in enumerate(texts)
                )
                pending = None
        return Section(heading, segments)


def _groups(blocks: list[_Block], draft: Draft, has_front_title: bool) -> list[_Group]:
    """Group blocks under their headings; the first ``#`` heading before any text is the title."""
    groups = [_Group(None)]
    title_taken = False
    for block in blocks:
        if block.kind != "heading":
            groups[-1].blocks.append(block)
            continue
        heading = _inline(block.lines[0])
        before_text = len(groups) == 1 and not any(
            b.kind in ("para", "list", "code") for b in groups[0].blocks
        )
        if block.level == 1 and not title_taken and before_text:
            title_taken = True
            if heading and not has_front_title:
                draft.title = heading
            continue
        groups.append(_Group(heading))
    return groups


def _read(text: str) -> Draft:
    text = _PRIVATE.sub("", text)
    lines = text.split("\n")
    front, body_start = split_front_matter(text)
    draft = Draft()
    if front is not None:
        apply_front_matter(draft, front)
    body = "\n".join(lines[body_start:])
    body = _drop_raw_html(body)
    blocks = _blocks(body.split("\n"))
    groups = _groups(blocks, draft, bool(draft.title))
    reader = _Reader(draft)
    sections: list[Section] = []

    first, rest = groups[0], groups[1:]
    anything_follows = bool(rest) or _has_label(first.blocks)
    # Front matter is where such a file keeps its description: without one there, the text
    # before the first label is the transcript's opening, not show notes.
    if anything_follows and front is None:
        # Text under the title, before any label: the episode's description.
        index = next(
            (i for i, b in enumerate(first.blocks) if b.kind == "para" and _has_label([b])),
            len(first.blocks),
        )
        reader.notes_group(first.blocks[:index], topics=False)
        sections.append(reader.section(None, first.blocks[index:]))
    else:
        sections.append(reader.section(None, first.blocks))

    for group in rest:
        heading = group.heading or None
        if heading and _TRANSCRIPT_HEADING.match(heading):
            sections.append(reader.section(None, group.blocks))
        elif heading and not _has_label(group.blocks) and _NOTES_HEADING.match(heading):
            reader.notes_group(group.blocks, topics=False)
        elif heading and not _has_label(group.blocks) and _TOPICS_HEADING.match(heading):
            reader.notes_group(group.blocks, topics=True)
        else:
            sections.append(reader.section(heading, group.blocks))

    draft.quotes = blockquotes.settle(reader.passages, sections)
    draft.sections = [s for s in sections if s.segments or s.heading]
    draft.description = "\n\n".join(n for n in reader.notes if n)
    if not draft.topics:
        draft.topics = list(dict.fromkeys(reader.topics_from_text))
    blockquotes.attribute_quotes(draft.quotes, draft.sections)
    return draft


def parse(text: str) -> Draft:
    draft = _read(text)
    if not any(s.segments for s in draft.sections):
        raise ParseError("no transcript text found (only headings, notes or quotes)")
    # A trailing run of empty headings says nothing; keep headings that have text after them.
    while draft.sections and not draft.sections[-1].segments:
        draft.sections.pop()
    return draft


def sniff(text: str) -> float:
    head = text[:SNIFF_CHARS]
    stripped = head.lstrip()
    if not stripped or stripped.startswith(("{", "<", "WEBVTT")) or "-->" in head:
        return 0.0
    lines = head.split("\n")
    labels = sum(1 for line in lines if _label(line.strip(), _BOLD_SHAPES) is not None)
    plain_labels = sum(1 for line in lines if _label(line.strip(), _PLAIN_SHAPES) is not None)
    headings = sum(1 for line in lines if _ATX.match(line) and line.lstrip("# \t"))
    first = next((line for line in lines if line.strip()), "")
    titled = first.startswith("# ") or has_front_matter(head)
    escapes = head.count("\\[") + head.count("\\]")
    quotes = sum(1 for line in lines if line.startswith("> "))
    if labels >= 2 or (labels and (headings or titled)):
        return 0.85
    if plain_labels >= 2 and (headings or titled):
        return 0.8
    if titled and (headings >= 2 or escapes or quotes):
        return 0.75
    if headings >= 2 or titled:
        return 0.5
    if escapes >= 4 or headings:
        return 0.3
    return 0.0


IMPORTER = Importer(
    name="markdown", suffixes=frozenset({".md", ".markdown"}), sniff=sniff, parse=parse
)
