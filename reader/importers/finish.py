"""Draft -> Episode: fill what a format left open (title, number, show, speakers, quote offsets)
the same way for every format."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from reader.audio.pairing import find_audio
from reader.importers.base import Draft
from reader.importers.shared.filenames import read_filename
from reader.importers.shared.folder_show import show_from_folder
from reader.importers.shared.metadata import guess_show, split_show_title
from reader.importers.shared.pull_quotes import find_passage
from reader.model import Episode
from reader.util.pathnames import episode_id, text_name


def _episode_id(path: Path, root: str | Path | None) -> str:
    found = episode_id(path, Path(root)) if root is not None else None
    return found if found is not None else text_name(path.name)


def finish(
    draft: Draft, path: Path, root: str | Path | None, fmt: str, shows: Iterable[str] = ()
) -> Episode:
    """Fill what the format left open, the same way for every format.

    ``shows`` are show names the library already knows (from other episodes): a file name
    that opens with one gets its show and its spelling ("js-party-12" -> "JS Party 12"), as
    does one that opens with the name this episode gives its show.
    """
    sections = [s for s in draft.sections if s.segments or s.heading]
    for section in sections:
        section.segments = [seg for seg in section.segments if seg.text.strip()]
    number, title, show = draft.number, (draft.title or "").strip(), draft.show
    if title and number is None:  # a format that found the number has split it off already
        named_show, number, title = split_show_title(title)
        show = show or named_show
    spoken = None
    if show is None:
        edges = [seg for section in sections for seg in section.segments]
        edges = edges[:3] + edges[-4:]
        spoken = guess_show(" ".join(s.text for s in edges) + " " + draft.description)
    # The show's own name (from the file or its speech) spells the file name's words first.
    named = read_filename(path, [name for name in (show or spoken,) if name] + list(shows))
    if not title:
        title = named.title
        show = show or named.show
    if number is None:
        number = named.number
    show = show or spoken
    episode_id = _episode_id(path, root)
    folder_show = show is None and root is not None
    if folder_show:  # its folder, when it is named after the show (siblings may say better)
        show = show_from_folder(episode_id)
    episode = Episode(
        id=episode_id,
        source=path,
        format=draft.format or fmt,
        title=title,
        number=number,
        show=show,
        date=draft.date,
        description=draft.description.strip(),
        topics=[t for t in draft.topics if t],
        sections=sections,
        quotes=list(draft.quotes),
        warnings=list(draft.warnings),
        folder_show=folder_show and show is not None,
    )
    episode.audio = find_audio(path, draft.audio, episode_id, Path(root) if root else None)
    segments = episode.segments()
    # Speakers the file lists (front matter) first, then everyone who speaks in it.
    speakers = draft.speakers + [s.speaker for s in segments if s.speaker]
    speakers = speakers or [q.speaker for q in episode.quotes if q.speaker]
    episode.speakers = list(dict.fromkeys(s for s in speakers if s))
    text = episode.text
    for quote in episode.quotes:
        span = find_passage(text, quote.text)
        if span is not None:
            quote.start, quote.end = span
    return episode
