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
- Turn headers come from ``shared.turns`` (which ones: ``shared.markdown_turns``): bold
  ``**Name:**`` labels and the plain headers that exports carry into ``.md`` files.
  Paragraphs written one a line without blank lines between them stay apart.
- A blockquote is a passage read on air: it stays where it was read, as the speaker's words.
  Only one that repeats a passage of the body is a pull quote (``shared.blockquotes``).
- ``\\[00:04:01\\]`` stamps at the start of a turn or paragraph give its start time; anywhere
  else they are removed (``shared.markdown_inline``).
- Inline Markdown is reduced to its text (``shared.markdown_inline``); HTML tags are never
  rendered. The blocks themselves are ``shared.markdown_blocks``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.importers.base import Draft, Importer, ParseError
from reader.importers.shared import blockquotes, turns
from reader.importers.shared.front_matter import (
    apply_front_matter,
    has_front_matter,
    split_front_matter,
)
from reader.importers.shared.markdown_blocks import ATX, Block, split_blocks
from reader.importers.shared.markdown_inline import PRIVATE_USE, drop_raw_html, inline_text
from reader.importers.shared.markdown_turns import (
    BOLD_SHAPES,
    LEAD_STAMP,
    PLAIN_SHAPES,
    has_label,
    read_label,
    split_turns,
)
from reader.importers.shared.text import parse_timestamp
from reader.model import Section, Segment

SNIFF_CHARS = 4096

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


# ---------------------------------------------------------------------------------- parsing


@dataclass
class _Group:
    """A heading (None for the text before the first one) and the blocks under it."""

    heading: str | None
    blocks: list[Block] = field(default_factory=list)


class _Reader:
    """Turns groups of blocks into sections, description, topics and quotes."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.notes: list[str] = [draft.description] if draft.description else []
        self.topics_from_text: list[str] = []
        self.passages: list[blockquotes.Passage] = []

    def notes_block(self, block: Block, topics: bool, previous: str | None) -> None:
        if block.kind == "list":
            items = [inline_text(item) for item in block.lines]
            items = [i for i in items if i]
            if topics or (previous is not None and _TOPICS_LEAD_IN.search(previous)):
                self.topics_from_text.extend(items)
            else:
                self.notes.append("\n".join(f"• {i}" for i in items))
        elif block.kind in ("para", "code"):
            text = inline_text("\n".join(block.lines)) if block.kind == "para" else ""
            if block.kind == "code":
                text = "\n".join(line.rstrip() for line in block.lines).strip()
            if text:
                self.notes.append(text)

    def notes_group(self, blocks: list[Block], topics: bool) -> None:
        previous = None
        for block in blocks:
            if block.kind == "quote":
                lines = [inline_text(line) for line in block.lines]
                self.notes.append("\n\n".join(blockquotes.paragraphs(lines)))
                passage = blockquotes.Passage(blockquotes.quote_of(lines), [], self.notes)
                passage.note_index = len(self.notes) - 1
                self.passages.append(passage)
                continue
            self.notes_block(block, topics, previous)
            previous = self.notes[-1] if block.kind == "para" and self.notes else None

    def read_aloud(self, block: Block, speaker: str | None, start: float | None) -> list[Segment]:
        """A blockquote in the talk: the speaker's words where they were read."""
        lines = [inline_text(line) for line in block.lines]
        texts = blockquotes.paragraphs(lines)
        segments = [
            Segment(text, speaker, start if i == 0 else None) for i, text in enumerate(texts)
        ]
        self.passages.append(blockquotes.Passage(blockquotes.quote_of(lines), segments, []))
        return segments

    def section(self, heading: str | None, blocks: list[Block]) -> Section:
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
            for lines in parts or split_turns(block):
                first = lines[0]
                label = read_label(first)
                start = None
                if label is not None:
                    speaker, start, first = label[0] or speaker, label[1], label[2]
                lead = LEAD_STAMP.match(first)
                if lead:
                    start = start if start is not None else parse_timestamp(lead.group("stamp"))
                    first = first[lead.end() :]
                raw = [first, *lines[1:]]
                if turns.one_paragraph_a_line(raw):  # no blank lines between paragraphs
                    texts = [t for t in (inline_text(line) for line in raw) if t]
                else:
                    texts = [t for t in [inline_text("\n".join(raw))] if t]
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


def _groups(blocks: list[Block], draft: Draft, has_front_title: bool) -> list[_Group]:
    """Group blocks under their headings; the first ``#`` heading before any text is the title."""
    groups = [_Group(None)]
    title_taken = False
    for block in blocks:
        if block.kind != "heading":
            groups[-1].blocks.append(block)
            continue
        heading = inline_text(block.lines[0])
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
    text = PRIVATE_USE.sub("", text)
    lines = text.split("\n")
    front, body_start = split_front_matter(text)
    draft = Draft()
    if front is not None:
        apply_front_matter(draft, front)
    body = "\n".join(lines[body_start:])
    body = drop_raw_html(body)
    blocks = split_blocks(body.split("\n"))
    groups = _groups(blocks, draft, bool(draft.title))
    reader = _Reader(draft)
    sections: list[Section] = []

    first, rest = groups[0], groups[1:]
    anything_follows = bool(rest) or has_label(first.blocks)
    # Front matter is where such a file keeps its description: without one there, the text
    # before the first label is the transcript's opening, not show notes.
    if anything_follows and front is None:
        # Text under the title, before any label: the episode's description.
        index = next(
            (i for i, b in enumerate(first.blocks) if b.kind == "para" and has_label([b])),
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
        elif heading and not has_label(group.blocks) and _NOTES_HEADING.match(heading):
            reader.notes_group(group.blocks, topics=False)
        elif heading and not has_label(group.blocks) and _TOPICS_HEADING.match(heading):
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
    labels = sum(1 for line in lines if read_label(line.strip(), BOLD_SHAPES) is not None)
    plain_labels = sum(1 for line in lines if read_label(line.strip(), PLAIN_SHAPES) is not None)
    headings = sum(1 for line in lines if ATX.match(line) and line.lstrip("# \t"))
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
