"""A note and its highlights as plain data, and the tolerant JSON form of a highlight.

Tolerant because users open, edit and sync these files by hand: an entry with odd fields still
loads, and only one without text is dropped.
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
    tag: str = ""
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
            tag=tag,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "before": self.before,
            "after": self.after,
            "start": self.start,
            "end": self.end,
            "created": self.created,
            "color": self.color,
            "tag": self.tag,
        }

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
        return cls(
            id=text_field("id") or uuid.uuid4().hex,
            text=data["text"],
            before=text_field("before"),
            after=text_field("after"),
            start=start,
            end=max(start, int_field("end", start + len(data["text"]))),
            created=text_field("created"),
            color=color if color in HIGHLIGHT_COLORS else "yellow",
            tag=text_field("tag"),
        )


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

    @property
    def is_empty(self) -> bool:
        """Nothing worth a file: no text, no highlights, no fields the user added."""
        return not self.body.strip() and not self.highlights and not self.header_extra
