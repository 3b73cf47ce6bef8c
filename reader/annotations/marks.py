"""One mark: a user's highlight or a pull quote, with what the browser shows of it."""

from __future__ import annotations

from dataclasses import dataclass

HIGHLIGHT = "highlight"
PULL_QUOTE = "pull quote"


@dataclass(frozen=True)
class Mark:
    """A highlight (``key`` is its id) or a pull quote (``key`` is ``quote:<index>``)."""

    kind: str
    key: str
    episode_id: str
    title: str
    show: str | None
    number: int | None
    text: str
    speaker: str | None = None
    time: float | None = None  # seconds into the episode
    color: str | None = None  # highlights only
    tags: tuple[str, ...] = ()
    comment: str = ""
    #: When it was added, ISO 8601 UTC: a highlight when it was made, a pull quote when its
    #: transcript file last changed. "" when unknown (sorts as oldest).
    added: str = ""
    start: int | None = None  # offsets into the transcript text, where known
    end: int | None = None
    date: str | None = None  # the episode's date

    @property
    def quote_index(self) -> int | None:
        """A pull quote's index among its episode's quotes."""
        if self.kind != PULL_QUOTE:
            return None
        return int(self.key.removeprefix("quote:"))

    @property
    def episode_label(self) -> str:
        return f"{self.number} · {self.title}" if self.number is not None else self.title

    def words(self) -> str:
        """The text a search of marks looks in: the passage, the comment and the tags."""
        return "\n".join([self.text, self.comment, *self.tags])
