"""One folder per library under the data or cache folder, with a name people can tell apart.

The name is the library folder's own name, made safe for any file system, plus a hash of its
full resolved path (two libraries called "Podcasts" get two folders). The notes and the index
of a library are found again by this name, so it must never change: a new name would make the
app start with no notes and rebuild the index from scratch.
"""

from __future__ import annotations

import re
from pathlib import Path

from reader.util import digests

#: Characters of the library's name kept in the folder name (the hash follows).
SLUG_CHARS = 40


def per_library_folder(root: Path, library: Path) -> Path:
    """``root/<slug>-<hash>``: the folder below ``root`` that belongs to ``library``."""
    resolved = library.resolve()
    key = digests.sha1(str(resolved).encode("utf-8", "surrogateescape")).hexdigest()[:12]
    slug = re.sub(r"[^\w-]+", "-", resolved.name).strip("-")[:SLUG_CHARS] or "library"
    return root / f"{slug}-{key}"
