"""A note and its highlights as plain data, and the tolerant JSON form of a highlight.

Tolerant because users open, edit and sync these files by hand: an entry with odd fields still
loads, keys this version does not know are kept and written back, and an entry without text
(not a highlight we can show) is kept in the file as it was (``note_file``).

Format 2 added ``tags`` (a list; format 1 had one ``tag``, still read and still written as the
first tag for older versions), a multi-line ``comment``, and the passage's ``speaker`` and
``time`` (seconds) as the app found them when the highlight was made, so the annotations
browser lists them without opening every transcript.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

HIGHLIGHT_COLORS = ("yellow", "green", "blue", "pink")
#: Characters of transcript text kept on each side of a highlight, to find it again later.
CONTEXT_CHARS = 40


def _iso_now() -> str:
    return datetime.now(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Highlight:
    """A passage the user marked; ``before``/``after`` let us find it again after edits."""

    id: str
    text: str
    before: str
    after: str
    start: int
    end: int
    created: str
    color: str = "yellow"
    tags: list[str] = field(default_factory=list)
    comment: str = ""
    #: Who said it and when (seconds), found when it was made; None when unknown.
    speaker: str | None = None
    time: float | None = None
    #: Keys of its JSON entry this version does not know: written back as they were.
    extra: dict[str, Any] = field(default_factory=dict)
    #: False when the last ``anchor()`` could not find the passage (kept, shown as not found).
    #: Runtime state only: not saved, not compared.
    anchored: bool = field(default=True, compare=False)

    @classmethod
    def create(
        cls,
        text_of_episode: str,
        start: int,
        end: int,
        color: str = "yellow",
        tag: str = "",
        tags: list[str] | None = None,
    ) -> Highlight:
        """A new highlight of ``text_of_episode[start:end]`` with its surrounding context."""
        if not 0 <= start < end <= len(text_of_episode):
            raise ValueError(f"no passage at [{start}, {end}) in a text of {len(text_of_episode)}")
        if color not in HIGHLIGHT_COLORS:
            raise ValueError(f"unknown colour {color!r}; choose one of {HIGHLIGHT_COLORS}")
        return cls(
            id=uuid.uuid4().hex,
            text=text_of_episode[start:end],
            before=text_of_episode[max(0, start - CONTEXT_CHARS) : start],
            after=text_of_episode[end : end + CONTEXT_CHARS],
            start=start,
            end=end,
            created=_iso_now(),
            color=color,
            tags=clean_tags([*(tags or []), tag]),
        )

    @property
    def tag(self) -> str:
        """The first tag (format 1 had one tag per highlight)."""
        return self.tags[0] if self.tags else ""

    @tag.setter
    def tag(self, value: str) -> None:
        self.tags = clean_tags([value])

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = dict(self.extra)
        data.update(
            id=self.id,
            text=self.text,
            before=self.before,
            after=self.after,
            start=self.start,
            end=self.end,
            created=self.created,
            color=self.color,
            tag=self.tag,  # what format 1 readers understand
            tags=list(self.tags),
            comment=self.comment,
        )
        if self.speaker is not None:
            data["speaker"] = self.speaker
        if self.time is not None:
            data["time"] = self.time
        return data

    @classmethod
    def from_json(cls, data: object) -> Highlight | None:
        """Tolerant: a hand-edited entry with odd fields still loads; one without text does not."""
        if not isinstance(data, dict) or not isinstance(data.get("text"), str) or not data["text"]:
            return None

        def text_field(name: str, default: str = "") -> str:
            value = data.get(name)
            return value if isinstance(value, str) else default

        def int_field(name: str, default: int) -> int:
            value = data.get(name)
            return value if isinstance(value, int) and not isinstance(value, bool) else default

        start = max(0, int_field("start", 0))
        color = text_field("color", "yellow")
        tags = data.get("tags")
        listed = [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []
        time = data.get("time")
        speaker = data.get("speaker")
        return cls(
            id=text_field("id") or uuid.uuid4().hex,
            text=data["text"],
            before=text_field("before"),
            after=text_field("after"),
            start=start,
            end=max(start, int_field("end", start + len(data["text"]))),
            created=text_field("created"),
            color=color if color in HIGHLIGHT_COLORS else "yellow",
            tags=clean_tags(listed or [text_field("tag")]),
            comment=text_field("comment"),
            speaker=speaker if isinstance(speaker, str) and speaker.strip() else None,
            time=float(time)
            if isinstance(time, int | float) and not isinstance(time, bool)
            else None,
            extra={k: v for k, v in data.items() if k not in KNOWN_KEYS},
        )


#: The keys of a highlight entry this version reads (any others are kept as they are).
KNOWN_KEYS = frozenset(
    ("id", "text", "before", "after", "start", "end", "created", "color", "tag", "tags",
     "comment", "speaker", "time")
)  # fmt: skip


def clean_tags(tags: list[str]) -> list[str]:
    """Tags as the user means them: one line each, no blanks, no "#", each once (any case)."""
    out: list[str] = []
    seen: set[str] = set()
    for tag in tags:
        tag = " ".join(tag.split()).lstrip("#").strip()
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            out.append(tag)
    return out


def parse_tags(text: str) -> list[str]:
    """Tags typed in one box, split at commas: ``"idea, follow up"`` -> two tags."""
    return clean_tags(text.split(","))


@dataclass
class Note:
    """One episode's note: the Markdown body the user wrote, and its highlights."""

    episode_id: str
    title: str
    fingerprint: str
    body: str = ""
    highlights: list[Highlight] = field(default_factory=list)
    #: Header fields a user added by hand (kept and written back, in order).
    header_extra: dict[str, str] = field(default_factory=dict)
    #: What the highlights file held besides highlights we can show: its top-level keys this
    #: version does not know, and entries it could not read (both written back as they were).
    highlights_extra: dict[str, Any] = field(default_factory=dict)
    kept_entries: list[Any] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """Nothing worth a file: no text, no highlights, no fields the user added."""
        return (
            not self.body.strip()
            and not self.highlights
            and not self.header_extra
            and not self.kept_entries
        )

    @property
    def has_highlights_file(self) -> bool:
        """Whether a highlights file is written: highlights, or entries kept from one."""
        return bool(self.highlights or self.kept_entries)
