"""Ways an index's files get damaged (a crash, a full disk, a bad sector, a stray tool).

``DAMAGES`` names every (file kind, way) pair; ``damage(index_folder, kind, way)`` does it
to every file of that kind. Used by ``tests/search/test_index_damage.py`` and the reliability
script's damage case.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

#: File kinds of an index folder, as glob patterns relative to it.
KINDS = {
    "postings": "whoosh/*.pst",
    "terms": "whoosh/*.trm",
    "stored-fields": "whoosh/*._stored.col",
    "lengths": "whoosh/*._text_len.col",
    "sort-keys": "whoosh/*.title_sort.col",
    "pairs": "whoosh/*.text_pairs.col",
    "toc": "whoosh/_*.toc",
    "meta": "meta.json",
    "word-list": "words-*.json",
    "text-cache": "texts/*.txt.z",
}
WAYS = ("truncated", "zeroed", "random", "emptied", "deleted")
#: Contents that parse but are not what the file should hold.
META_CONTENTS = {"list": b"[]", "null": b"null", "string": b'"4"'}

DAMAGES = [(kind, way) for kind in KINDS for way in WAYS] + [
    ("meta", f"holds-{name}") for name in META_CONTENTS
]


def damage(folder: Path, kind: str, way: str, seed: int = 0) -> list[Path]:
    """Damage every file of ``kind`` under the index ``folder``; the files touched."""
    files = sorted(folder.glob(KINDS[kind]))
    assert files, f"no {kind} files in {folder}"
    rng = random.Random(seed)
    for path in files:
        size = path.stat().st_size
        if way == "truncated":
            path.write_bytes(path.read_bytes()[: size // 2])
        elif way == "zeroed":
            path.write_bytes(bytes(size))
        elif way == "random":
            path.write_bytes(rng.randbytes(size))
        elif way == "emptied":
            path.write_bytes(b"")
        elif way == "deleted":
            path.unlink()
        elif way.startswith("holds-"):
            path.write_bytes(META_CONTENTS[way.removeprefix("holds-")])
        else:
            raise ValueError(way)
    if kind == "text-cache" and way == "deleted":
        shutil.rmtree(folder / "texts")  # the whole cache folder, as a cleaner tool would
    return files
