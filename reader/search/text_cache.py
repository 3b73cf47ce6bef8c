"""Each indexed episode's transcript text, kept beside the index for snippets and hit spans.

The index holds the transcript's postings but not its text (storing it would double the
index); the text is written here when the episode is indexed, one file per episode named by
a hash of its id. It is a cache: written atomically but without an fsync, and a missing or
damaged text is noted so the next sync imports the episode again (see ``health``).
"""

from __future__ import annotations

import hashlib
from contextlib import suppress
from pathlib import Path

from reader.model import Episode
from reader.search.health import suspect_text
from reader.util.atomic import atomic_write_text


class TextCache:
    """The text cache of the index in ``index_folder`` (plain paths: it pickles)."""

    def __init__(self, index_folder: Path) -> None:
        self.index_folder = index_folder
        self.folder = index_folder / "texts"

    def path(self, episode_id: str) -> Path:
        """Where the text cache keeps an episode's transcript text."""
        return self.folder / f"{hashlib.sha1(episode_id.encode('utf-8')).hexdigest()}.txt"

    def read(self, episode_id: str) -> str:
        """The cached text, or "" (noting a damaged one so the next sync re-imports it)."""
        try:
            return self.path(episode_id).read_text(encoding="utf-8")
        except FileNotFoundError:
            return ""
        except (OSError, UnicodeDecodeError):
            suspect_text(self.index_folder, episode_id)
            return ""

    def write(self, episode: Episode) -> None:
        # A cache: never half-written, but not worth an fsync per episode.
        atomic_write_text(self.path(episode.id), episode.text, durable=False)

    def remove(self, episode_id: str) -> None:
        with suppress(FileNotFoundError):
            self.path(episode_id).unlink()
