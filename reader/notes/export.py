"""Export notes and highlights as Markdown a person can read, share or print.

One file per episode that has a note or highlights, in the library's show folders and named
from number and title (``show-a/12 - Delegating Decisions.md``), or one combined ``notes.md``.
Each file opens with YAML front matter (title, show, number, date, source, speakers), then has
the title, a line with show, number and source path, the highlights as blockquotes attributed
to speaker and time, then the note, whose passage links point at the transcript files
(``export_links``). Notes whose transcript left the library are exported too, with what
their header knows. Used by
File > Export Notes... and ``episode-reader export-notes``; no Qt here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from reader.importers import import_file
from reader.library import list_transcripts
from reader.model import Episode
from reader.notes import Highlight, Note, NotesStore, fingerprint
from reader.notes.anchoring import reanchor
from reader.notes.export_files import export_name, front_matter, unique_names
from reader.notes.export_links import export_links
from reader.util.atomic import atomic_write_text
from reader.util.pathnames import library_file
from reader.util.timefmt import format_time

log = logging.getLogger(__name__)

COMBINED_NAME = "notes.md"


@dataclass
class NoteExport:
    """One note to export, with the episode it belongs to (None for an orphan)."""

    note: Note
    episode: Episode | None
    relative: PurePosixPath  # its file inside the export folder
    in_library: bool  # the transcript file exists (it may still have failed to import)
    library: Path | None = None  # where the note's passage links point (export_links)

    @property
    def orphaned(self) -> bool:
        return self.episode is None and not self.in_library


def _in_library(store: NotesStore, episode_id: str) -> bool:
    rel = PurePosixPath(episode_id)
    if rel.is_absolute() or ".." in rel.parts:
        return False
    try:
        return library_file(store.library, episode_id).is_file()
    except OSError:
        return False


def library_episodes(store: NotesStore) -> dict[str, Episode]:
    """Import the transcripts an export needs: those with notes, or the whole library when a
    note's transcript is missing (it may have been renamed: found again by fingerprint)."""
    notes = store.all_notes()
    present = sorted({n.episode_id for n in notes if _in_library(store, n.episode_id)})
    if len(present) < len({n.episode_id for n in notes}):
        paths = list_transcripts(store.library)
    else:
        paths = [library_file(store.library, i) for i in present]
    episodes: dict[str, Episode] = {}
    for path in paths:
        result = import_file(path, store.library)
        if isinstance(result, Episode):
            episodes[result.id] = result
        else:
            log.info("exporting without details of %s", result)
    return episodes


def collect_exports(store: NotesStore, episodes: dict[str, Episode]) -> list[NoteExport]:
    """Every note worth exporting, matched to its episode: library notes by path, then orphans.

    A note whose transcript was renamed but not opened since (so the note has not followed
    it yet) is matched by fingerprint when exactly one episode without a note has it.
    """
    notes = [n for n in store.all_notes() if n.body.strip() or n.highlights]
    noted = {n.episode_id for n in notes}
    by_fingerprint: dict[str, list[Episode]] | None = None
    items: list[NoteExport] = []
    for note in notes:
        episode = episodes.get(note.episode_id)
        if episode is None and note.fingerprint and not _in_library(store, note.episode_id):
            if by_fingerprint is None:
                by_fingerprint = {}
                for other in episodes.values():
                    if other.id not in noted:
                        by_fingerprint.setdefault(fingerprint(other), []).append(other)
            matches = by_fingerprint.get(note.fingerprint, [])
            if len(matches) == 1:
                episode = matches.pop()
                log.info("exporting the note of %s with %s (renamed)", note.episode_id, episode.id)
        if episode is not None:
            reanchor(note, episode.text)
        in_library = episode is not None or _in_library(store, note.episode_id)
        items.append(NoteExport(note, episode, PurePosixPath(), in_library, store.library))
    items.sort(key=lambda i: (not i.in_library, _key(i).casefold()))
    names = [export_name(*_naming(item)) for item in items]
    for item, relative in zip(items, unique_names(names), strict=True):
        item.relative = relative
    return items


def _naming(item: NoteExport) -> tuple[PurePosixPath, int | None, str, str]:
    """The show folder, number, title and fallback stem an item's file is named from."""
    source = PurePosixPath(_key(item))
    number = item.episode.number if item.episode is not None else None
    return source.parent, number, _title(item), source.stem or "note"


def _title(item: NoteExport) -> str:
    return item.episode.title if item.episode is not None else item.note.title


def _key(item: NoteExport) -> str:
    return item.episode.id if item.episode is not None else item.note.episode_id


def _code(text: str) -> str:
    return f"`{text}`" if "`" not in text else text


def _about(item: NoteExport) -> str:
    episode = item.episode
    if episode is not None:
        parts = [
            episode.show,
            f"Episode {episode.number}" if episode.number is not None else None,
            _code(episode.id),
        ]
        return " · ".join(p for p in parts if p)
    where = _code(item.note.episode_id)
    if item.in_library:
        return f"{where} · the transcript could not be read"
    return f"{where} · no longer in the library"


def _first_word(episode: Episode, highlight: Highlight) -> int:
    """Where a highlight's first word stands: one that starts in the blank line before a
    paragraph starts in that paragraph."""
    passage = episode.text[highlight.start : highlight.end]
    return highlight.start + len(passage) - len(passage.lstrip())


def _turns_in(episode: Episode, start: int, end: int) -> list[tuple[str | None, float | None]]:
    """Who speaks in transcript text ``start:end``, in order, with the time each one's words
    begin there: one entry per change of speaker (a highlight may span two turns)."""
    turns: list[tuple[str | None, float | None]] = []
    for piece_start, _piece_end, segment in episode.spoken_pieces(start, end):
        if not turns or turns[-1][0] != segment.speaker:
            turns.append((segment.speaker, episode.time_at(piece_start)))
    return turns


def _credit(speaker: str | None, said: float | None) -> str:
    return ", ".join(p for p in (speaker, format_time(said) if said is not None else None) if p)


def _quote(highlight: Highlight, episode: Episode | None) -> list[str]:
    lines = [f"> {line}" if line.strip() else ">" for line in highlight.text.strip().splitlines()]
    attribution = ""
    if episode is not None and highlight.anchored:
        first = _first_word(episode, highlight)
        turns = _turns_in(episode, first, highlight.end)
        if len(turns) > 1:  # never one speaker's credit for another's words
            attribution = "; ".join(_credit(*turn) for turn in turns)
        elif episode.segment_at(first) is not None:
            # its own cue's time, also mid-paragraph
            attribution = _credit(turns[0][0] if turns else None, episode.time_at(first))
    if highlight.tags:
        tags = f"{'tag' if len(highlight.tags) == 1 else 'tags'}: {', '.join(highlight.tags)}"
        attribution = " · ".join(p for p in (attribution, tags) if p)
    if attribution:
        lines.append(f"> — {attribution}")
    if highlight.comment.strip():  # the user's comment, under the passage it is about
        lines += ["", highlight.comment.strip("\r\n")]
    return lines


def render(item: NoteExport, properties: bool = True, written_to: Path | None = None) -> str:
    """One episode's Markdown: front matter (``properties``), title, about line, highlights,
    then the note, its passage links pointing at the transcripts from ``written_to`` (plain
    text without it: see ``export_links``)."""
    note, episode = item.note, item.episode
    title = _title(item)
    lines = [front_matter(episode, title, _key(item))] if properties else []
    lines += [f"# {title}", "", _about(item)]
    if note.highlights:
        lines += ["", "## Highlights"]
        for highlight in sorted(note.highlights, key=lambda h: (h.start, h.created)):
            lines += ["", *_quote(highlight, episode)]
    body = export_links(note.body.strip("\r\n"), item.library, written_to)
    if body.strip():
        lines += ["", "## Notes", "", body]
    return "\n".join(lines) + "\n"


def write_exports(items: list[NoteExport], out: Path, combined: bool = False) -> list[Path]:
    """Write the files (atomically) and return their paths; nothing at all when no notes."""
    if not items:
        return []
    out.mkdir(parents=True, exist_ok=True)
    if combined:
        path = out / COMBINED_NAME
        # One file holds many episodes: no front matter, which only the top of a file may have.
        text = "\n".join(render(item, properties=False, written_to=path) for item in items)
        atomic_write_text(path, text)
        return [path]
    written = []
    for item in items:
        path = out.joinpath(*item.relative.parts)
        atomic_write_text(path, render(item, written_to=path))
        written.append(path)
    return written


def export_notes(
    store: NotesStore, episodes: dict[str, Episode], out: Path, combined: bool = False
) -> list[Path]:
    """Export every note and highlight of ``store``'s library into ``out``; the files written.

    ``episodes`` (by id) supply titles, shows, numbers and timestamps; ``library_episodes``
    imports the ones needed. Raises ``OSError`` if ``out`` cannot be written.
    """
    return write_exports(collect_exports(store, episodes), out, combined)
