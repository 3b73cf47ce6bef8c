"""Passage links in exported notes: ``episode-reader://`` means nothing outside the app, so
an export never keeps one.

A link whose transcript is in the library becomes a relative link from the exported file to
that transcript file, with the time as a media fragment (``#t=8.5``, the W3C form players
and many viewers read): ``[Grace Obi, Calendars (0:08)](../lib/show-b/ep06.srt#t=8.5)``.
It works as long as the export and the library keep their places (an export kept inside a
synced library folder, say). A link whose transcript is gone, a damaged one, or one that no
relative path can reach (another drive) becomes its plain attributed text, with the time
added when the text lacks it: ``Grace Obi, Calendars (0:08)``. Code (spans and fenced
blocks) is left exactly as written.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote

from reader.notes.passage_links import PassageLink, parse_link
from reader.util.pathnames import library_file
from reader.util.timefmt import format_time

#: A code span, a fenced code block (kept as they are), an inline link or an autolink.
_PIECE = re.compile(
    r"(?P<fence>^[ ]{0,3}(?P<mark>`{3,}|~{3,}).*?(?:^[ ]{0,3}(?P=mark)[`~]*[ \t]*$|\Z))"
    r"|(?P<code>(?P<ticks>`+).+?(?P=ticks))"
    r"|(?<![\\!])\[(?P<label>(?:\\.|[^\\\[\]])*)\]\(\s*<?(?P<url>episode-reader:[^\s)>]*)>?\s*\)"
    r"|<(?P<auto>episode-reader:[^\s>]*)>",
    re.MULTILINE | re.DOTALL | re.IGNORECASE,
)


def _target(link: PassageLink, library: Path, exported: Path) -> str | None:
    """The relative link from ``exported`` to the passage's transcript, if it is there."""
    try:
        transcript = library_file(library, link.path)
        if not transcript.is_file():
            return None
        relative = os.path.relpath(transcript, exported.parent)
    except (OSError, ValueError):  # unreadable, or on another drive
        return None
    fragment = f"#t={link.time:.3f}".rstrip("0").rstrip(".") if link.time is not None else ""
    return quote(Path(relative).as_posix(), safe="/") + fragment


def _as_code(name: str) -> str:
    """A file name shown as written, never as Markdown (a code span, as the about line has)."""
    name = " ".join(name.splitlines())
    return f"`{name}`" if "`" not in name else f"`` {name.replace('``', '` `')} ``"


def _plain(label: str, link: PassageLink | None) -> str:
    if link is not None and link.time is not None:
        when = format_time(link.time)
        if when not in label:
            label = f"{label} ({when})" if label else when
    return label


def export_links(markdown: str, library: Path | None, exported: Path | None) -> str:
    """``markdown`` with each passage link made a link to the transcript file from the file
    ``exported`` (when ``library`` and ``exported`` are given and the file is there), else
    plain attributed text."""

    def rewrite(match: re.Match[str]) -> str:
        if match["fence"] or match["code"]:
            return match[0]
        url = match["url"] or match["auto"]
        link = parse_link(url)
        if match["url"]:
            label = match["label"]
        else:  # an autolink: the episode and the time
            label = _plain(_as_code(link.path), link) if link is not None else url
        if link is not None and library is not None and exported is not None:
            target = _target(link, library, exported)
            if target is not None:
                return f"[{label or _plain('', link) or 'passage'}]({target})"
        return _plain(label, link)

    return _PIECE.sub(rewrite, markdown)
