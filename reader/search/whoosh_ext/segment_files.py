"""A segment reader holds every file of its segment from the moment it opens.

Whoosh opens a segment's per-document columns (stored fields, field lengths, sort keys)
only when a search first needs them, and asks whether a column exists by looking for its
file then. A commit in another thread or process that merges or replaces segments deletes
the old segments' files as it finishes, so a searcher opened just before it found the
files gone: the stored fields came back as ``None`` (``TypeError: 'NoneType' object is not
subscriptable``) or the sort-key file was missing. Opened (memory-mapped) files stay
readable after they are deleted, so every column is opened with the segment, and a
segment whose files are already going raises ``FileNotFoundError``: Whoosh's
``FileIndex.reader`` then reads the newer table of contents and tries again.
"""

from __future__ import annotations

import io
import mmap
from pathlib import Path

from whoosh.codec.whoosh3 import W3Codec, W3PerDocReader, _lenfield
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile

STORED = "_stored"


class MappedFile(StructFile):
    """An index file read through a read-only memory map: pieces are sliced out as needed.

    Whoosh reads its compound segment files by copying each whole part into memory, once per
    open reader: the app's three readers of a 10,000-episode library took 3 GB. Segments
    here are written as separate files instead, and read through this.
    """

    def __init__(self, mapped: mmap.mmap, name: str) -> None:
        super().__init__(mapped, name=name)
        self._map = mapped

    def get(self, position: int, length: int) -> bytes:
        return self._map[position : position + length]


class MappedStorage(FileStorage):
    """Whoosh's folder storage, opening files for reading as ``MappedFile``."""

    def open_file(self, name: str, **kwargs) -> StructFile:
        with Path(self._fpath(name)).open("rb") as handle:
            try:
                mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            except (ValueError, OSError):  # an empty file cannot be mapped: nothing to read
                return StructFile(io.BytesIO(handle.read()), name=name)
        return MappedFile(mapped, name=name)


class PinnedPerDocReader(W3PerDocReader):
    """Whoosh's per-document reader with all of the segment's column files opened at once."""

    def __init__(self, storage, segment) -> None:
        super().__init__(storage, segment)
        prefix, suffix = segment.make_filename("."), W3Codec.COLUMN_EXT
        columns = {
            name[len(prefix) : -len(suffix)]
            for name in storage.list()
            if name.startswith(prefix) and name.endswith(suffix)
        }
        missing = _expected_columns(segment) - columns
        if missing:
            raise FileNotFoundError(
                f"segment {segment.segment_id()} has no {', '.join(sorted(missing))} column "
                "(a newer commit removed it)"
            )
        try:
            for column in columns:
                self._colfiles[column] = self._get_column_file(column)
        except BaseException:
            self.close()
            raise
        self._columns = frozenset(columns)

    def has_column(self, fieldname: str) -> bool:
        return fieldname in self._columns  # what the segment had when it was opened


def _expected_columns(segment) -> set[str]:
    """Columns every segment with documents has: stored fields, and a length column for
    each field with words in it."""
    if not segment.doc_count_all():
        return set()
    lengths = {_lenfield(name) for name, total in segment._fieldlengths.items() if total}
    return {STORED} | lengths
