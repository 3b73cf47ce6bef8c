"""What makes an exported note a good file: a name a person recognises (from the episode's
number and title, safe on every file system) and YAML front matter that Obsidian, Logseq and
static-site tools read as the episode's properties."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath

import yaml

from reader.model import Episode

#: Longest file name stem we make: well under the 255 bytes most file systems allow, with room
#: for " (99)" and ".md" even when every character takes several bytes in UTF-8.
MAX_STEM = 80
#: Characters Windows, macOS or Obsidian links refuse in a file name, and control characters.
UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*#^\[\]]')
#: Names Windows keeps for devices, whatever the extension.
RESERVED = re.compile(r"(?i)^(con|prn|aux|nul|com\d|lpt\d)$")


def safe_stem(text: str, fallback: str) -> str:
    """``text`` as a file name stem: unsafe characters become spaces, runs of white space
    one space, no leading or trailing dots or spaces, at most ``MAX_STEM`` characters."""
    stem = UNSAFE.sub(" ", unicodedata.normalize("NFC", text))
    stem = " ".join(stem.split()).strip(". ")
    if len(stem) > MAX_STEM:
        stem = stem[:MAX_STEM].rsplit(" ", 1)[0].rstrip(". ") or stem[:MAX_STEM]
    if not stem:
        stem = fallback
    return f"{stem}_" if RESERVED.match(stem) else stem


def export_name(folder: PurePosixPath, number: int | None, title: str, fallback: str) -> str:
    """``show-folder/12 - Delegating Decisions`` (no extension, no collision handling)."""
    label = f"{number} - {title}" if number is not None else title
    parts = [safe_stem(p, "_") for p in folder.parts if p not in {"", ".", "..", "/"}]
    return PurePosixPath(*parts, safe_stem(label, fallback)).as_posix()


def unique_names(names: list[str]) -> list[PurePosixPath]:
    """``.md`` paths for ``names`` in order; a name taken already (ignoring case, as macOS and
    Windows do) gets " (2)", " (3)"…"""
    used: set[str] = set()
    paths = []
    for name in names:
        candidate, n = name, 1
        while f"{candidate}.md".casefold() in used:
            n += 1
            candidate = f"{name} ({n})"
        used.add(f"{candidate}.md".casefold())
        paths.append(PurePosixPath(f"{candidate}.md"))
    return paths


def front_matter(episode: Episode | None, title: str, source: str) -> str:
    """The YAML block that opens an exported file: title, show, number, date, source and
    speakers, the ones that are known. ``safe_dump`` quotes whatever YAML would misread (a
    title with ": ", a leading "#", "yes", a date-like string)."""
    fields: dict[str, object] = {"title": title}
    if episode is not None:
        fields.update(show=episode.show, number=episode.number, date=episode.date, source=source)
        fields["speakers"] = list(episode.speakers)
    else:
        fields["source"] = source
    fields = {k: v for k, v in fields.items() if v not in (None, "", [])}
    body = yaml.safe_dump(
        fields, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10**6
    )
    return f"---\n{body}---\n"
