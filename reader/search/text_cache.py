"""Each indexed episode's transcript text, kept beside the index for snippets and hit spans.

The index holds the transcript's postings but not its text (storing it would double the
index); the text is written here when the episode is indexed, one file per episode named by
a hash of its id. It is a cache: written atomically but without an fsync, and a missing or
damaged text is noted so the next sync imports the episode again (see ``health``).

Texts are kept zlib-compressed (level 6): transcripts shrink to about a third (the cache was
a fifth of the index on disk), and inflating one costs about 0.2 ms, less than the snippet
made from it. A damaged file fails to inflate (zlib checks its Adler-32), so damage shows on
reading instead of as wrong snippets.
"""

from __future__ import annotations

import zlib
from contextlib import suppress
from pathlib import Path

from reader.model import Episode
from reader.search.health import suspect_text
from reader.search.layout_cache import LayoutCache
from reader.util import digests
from reader.util.atomic import atomic_write_bytes

#: zlib level: 6 is within 1% of 9's size at half its time; 1 is a sixth larger.
LEVEL = 6
SUFFIX = ".txt.z"


class TextCache:
    """The text cache of the index in ``index_folder`` (plain paths: it pickles)."""

    def __init__(self, index_folder: Path) -> None:
        self.index_folder = index_folder
        self.folder = index_folder / "texts"
        #: Each episode's speakers and times, written and removed with its text.
        self.layouts = LayoutCache(index_folder)

    def name(self, episode_id: str) -> str:
        """The file name of an episode's cached text (inside ``folder``)."""
        return digests.sha1(episode_id.encode("utf-8")).hexdigest() + SUFFIX

    def path(self, episode_id: str) -> Path:
        """Where the text cache keeps an episode's transcript text."""
        return self.folder / self.name(episode_id)

    def read(self, episode_id: str) -> str:
        """The cached text, or "" (noting a damaged one so the next sync re-imports it)."""
        try:
            return self._read(episode_id)
        except FileNotFoundError:
            return ""
        except (OSError, ValueError, zlib.error):  # UnicodeDecodeError is a ValueError
            suspect_text(self.index_folder, episode_id)
            return ""

    def read_if_readable(self, episode_id: str) -> str | None:
        """The cached text, or None when it is missing or cannot be read (nothing noted)."""
        try:
            return self._read(episode_id)
        except (OSError, ValueError, zlib.error):
            return None

    def _read(self, episode_id: str) -> str:
        return zlib.decompress(self.path(episode_id).read_bytes()).decode("utf-8")

    def write(self, episode: Episode) -> None:
        # A cache: never half-written, but not worth an fsync per episode.
        data = zlib.compress(episode.text.encode("utf-8"), LEVEL)
        atomic_write_bytes(self.path(episode.id), data, durable=False)
        self.layouts.write(self.name(episode.id), episode)

    def remove(self, episode_id: str) -> None:
        with suppress(FileNotFoundError):
            self.path(episode_id).unlink()
        self.layouts.remove(self.name(episode_id))
