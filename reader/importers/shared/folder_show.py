"""A show's name from the folder an episode sits in (``the-coaching-hour/ep-103.srt`` ->
"The Coaching Hour"), for files that name no show themselves, unless the other episodes in the
same folder name one and agree on it (``shows_in_folders``): then that one.

People keep one folder per show; folders that only group episodes (years, seasons,
"transcripts") are looked past to the folder above. The library folder itself is never a show.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from pathlib import PurePosixPath

#: Folder names that group episodes rather than name a show.
_GROUPING = re.compile(
    r"""^(?:
        \d{1,4}([-_. ]\d{1,2})*                      # 2023, 2023-05, 12
        | (?:season|series|s|vol|volume|part)[-_. ]?\d+  # season 2, s01
        | transcripts?|episodes?|captions?|subtitles?|subs|srt|vtt|txt|text|json|html?
        | shows?|podcasts?|files|archive|archives|downloads?|misc|other|new|old|inbox|done
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_SEPARATORS = re.compile(r"[-_.]+|\s+")
#: Lower-case inside a title ("The State of the Art"), capitalised at its start.
_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to"}


def show_from_folder(episode_id: str) -> str | None:
    """The show named by the nearest folder above the episode (its library-relative id, with
    forward slashes) that is not a grouping folder; None at the library's top level."""
    for folder in reversed(PurePosixPath(episode_id).parent.parts):
        name = readable_name(folder)
        if name and not _GROUPING.match(folder.strip()):
            return name
    return None


def shows_in_folders(own_shows: Mapping[str, str | None]) -> dict[str, str | None]:
    """Episode id -> the show it is in, from each episode's own show (what its file names,
    None for none): an episode whose file names none takes the one its siblings (the
    episodes in the same folder, below the library's top level) name when all that name one
    name the same (in any case;
    their most used spelling, mixed case first), else its folder's name (``show_from_folder``)."""
    named: dict[PurePosixPath, Counter[str]] = defaultdict(Counter)
    for episode_id, show in own_shows.items():
        if show and show.strip():
            named[PurePosixPath(episode_id).parent][show.strip()] += 1
    shows: dict[str, str | None] = {}
    for episode_id, show in own_shows.items():
        if show and show.strip():
            shows[episode_id] = show.strip()
            continue
        folder = PurePosixPath(episode_id).parent
        # The library's top level gathers loose files of any show: no show folder either.
        siblings = named.get(folder) if folder.parts else None
        agreed = {name.casefold() for name in siblings} if siblings else set()
        if siblings and len(agreed) == 1:
            shows[episode_id] = max(siblings, key=lambda name: (siblings[name], _cased(name)))
        else:
            shows[episode_id] = show_from_folder(episode_id)
    return shows


def _cased(name: str) -> tuple[bool, str]:
    """Of spellings used as often, "Leaders Lab" before "LEADERS LAB" or "leaders lab"."""
    return (name not in (name.lower(), name.upper()), name)


def readable_name(folder: str) -> str:
    """``the-coaching-hour`` -> "The Coaching Hour"; a name with capitals of its own ("JS
    Party", "iOS_Weekly") keeps its spelling, only its separators become spaces."""
    words = [word for word in _SEPARATORS.split(folder.strip()) if word]
    if any(char.isupper() for char in folder):
        return " ".join(words)
    titled = [
        word if i and word in _SMALL_WORDS else word[:1].upper() + word[1:]
        for i, word in enumerate(words)
    ]
    return " ".join(titled)
