"""Who speaks where and when in each indexed episode, kept beside its cached text.

A dossier or a "who said this?" answer names the speaker and time of passages in hundreds of
episodes; importing each file again for that cost seconds. So when an episode is indexed,
its shape is written here too: each section's heading, each segment's length, speaker and
times, the pull quotes and the speakers. With the cached text that is enough to make the
``Episode`` again (``cached_episode``), so ``segment_at``, ``time_at`` and the quote
attribution work on it as on an imported one.

A cache like the text cache: written atomically without an fsync, one compressed file per
episode (``marshal``: plain lists and numbers, read back five times faster than JSON and
never code). One that is missing (an index made before it existed), damaged or does not
add up to the cached text (its length and CRC are kept) gives ``None``, and the caller
imports the file instead.
"""

from __future__ import annotations

import logging
import marshal
import zlib
from contextlib import suppress
from pathlib import Path
from typing import Any

from reader.model import BLOCK_SEPARATOR, Block, Episode, Quote, Section, Segment
from reader.util.atomic import atomic_write_bytes

log = logging.getLogger(__name__)

VERSION = 2
SUFFIX = ".layout.z"


class LayoutCache:
    """The layout cache of the index in ``index_folder``, named like its text cache."""

    def __init__(self, index_folder: Path) -> None:
        self.folder = index_folder / "layouts"

    def path(self, name: str) -> Path:
        """Where the layout of the episode whose cached text is called ``name`` lives."""
        return self.folder / (name.split(".", 1)[0] + SUFFIX)

    def write(self, name: str, episode: Episode) -> None:
        data = zlib.compress(marshal.dumps(layout_of(episode)), 6)
        self.folder.mkdir(exist_ok=True)
        atomic_write_bytes(self.path(name), data, durable=False)

    def read(self, name: str) -> dict[str, Any] | None:
        """The stored layout, or None when missing or unreadable."""
        try:
            data = marshal.loads(zlib.decompress(self.path(name).read_bytes()))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, EOFError, TypeError, zlib.error):
            log.debug("unreadable layout %s", self.path(name), exc_info=True)
            return None
        return data if isinstance(data, dict) and data.get("v") == VERSION else None

    def remove(self, name: str) -> None:
        with suppress(FileNotFoundError):
            self.path(name).unlink()


def layout_of(episode: Episode) -> dict[str, Any]:
    """What ``cached_episode`` needs besides the text and the stored fields."""
    text, _blocks = episode.layout
    return {
        "v": VERSION,
        "length": len(text),
        "crc": zlib.crc32(text.encode("utf-8")),
        "format": episode.format,
        "speakers": list(episode.speakers),
        "quotes": [[q.text, q.speaker, q.start, q.end] for q in episode.quotes],
        "sections": [
            {
                "heading": section.heading,
                "segments": [
                    [len(s.text), s.speaker, s.start, s.end, [list(t) for t in s.times]]
                    for s in section.segments
                ],
            }
            for section in episode.sections
        ],
    }


def cached_episode(
    layout: dict[str, Any], text: str, episode_id: str, source: Path, stored: dict
) -> Episode | None:
    """The episode made again from its layout, cached ``text`` and ``stored`` index fields;
    None when they do not fit together (the text changed since the layout was written)."""
    if layout.get("length") != len(text) or layout.get("crc") != zlib.crc32(text.encode()):
        return None
    try:
        sections: list[Section] = []
        blocks: list[Block] = []
        pos = 0
        for s_index, raw in enumerate(layout["sections"]):
            heading = raw["heading"]
            pieces: list[tuple[int | None, int]] = [(None, len(heading))] if heading else []
            pieces += [(n, seg[0]) for n, seg in enumerate(raw["segments"])]
            segments: list[Segment] = []
            for seg_index, length in pieces:
                if blocks:
                    pos += len(BLOCK_SEPARATOR)
                blocks.append(Block(pos, pos + length, s_index, seg_index))
                if seg_index is not None:
                    _length, speaker, start, end, times = raw["segments"][seg_index]
                    piece = text[pos : pos + length]
                    segments.append(Segment(piece, speaker, start, end, list(map(tuple, times))))
                pos += length
            sections.append(Section(heading, segments))
        episode = Episode(
            id=episode_id,
            source=source,
            format=str(layout.get("format") or stored.get("format") or ""),
            title=stored.get("title") or episode_id,
            number=stored.get("number"),
            show=stored.get("show") or None,
            date=stored.get("date") or None,
            speakers=[str(s) for s in layout.get("speakers", [])],
            sections=sections,
            quotes=[Quote(q, s, a, b) for q, s, a, b in layout.get("quotes", [])],
        )
    except (KeyError, TypeError, ValueError):
        return None
    if pos != len(text):
        return None
    # The text and where each block stands, as ``Episode.layout`` would work them out.
    episode.__dict__["layout"] = (text, blocks)
    return episode
