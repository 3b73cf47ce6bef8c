"""Which folder holds a library's notes, and the move of notes from the old place to it.

Notes are found by the library's id (``reader.library.identity``), never by its path, so they
follow a moved, renamed or synced library: ``<data>/notes/<name>-<id>/`` (the name is the
folder's name when the notes folder was made; it is found again by the id alone), or, with
the in-library layout, ``<library>/.episode-reader/notes/``. A library without an id (a
read-only folder) keeps the old place, named from its path.

Notes kept by path (the layout before ids) are copied to the new place on first open. Nothing
is deleted or overwritten: a file that exists in both places with other bytes is kept as a
``….conflict-<time>`` copy beside the new one, and the old folder stays as it was.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from reader.library.identity import HIDDEN_FOLDER, library_identity
from reader.util.exclusive import create_new_file
from reader.util.folders import SLUG_CHARS, per_library_folder

log = logging.getLogger(__name__)

#: Marker in an old by-path folder: the ids of the notes folders it was copied to.
MIGRATED_MARKER = ".migrated.json"


@dataclass(frozen=True)
class NotesLocation:
    root: Path
    library_id: str | None = None
    in_library: bool = False
    notice: str | None = None


def in_library_root(library: Path) -> Path:
    return Path(library) / HIDDEN_FOLDER / "notes"


def data_root(data_dir: Path, library: Path, library_id: str) -> Path:
    """``<data>/notes/<name>-<id>``: an existing folder with this id, whatever its name."""
    notes = Path(data_dir) / "notes"
    with contextlib.suppress(OSError):
        for found in sorted(notes.glob(f"*-{library_id}")):
            if found.is_dir():
                return found
    slug = re.sub(r"[^\w-]+", "-", Path(library).name).strip("-")[:SLUG_CHARS] or "library"
    return notes / f"{slug}-{library_id}"


def _is_bundled(library: Path) -> bool:
    """The sample library shipped with the app (``reader.bundled``, which the notes layer
    may not import): in the wheel's ``reader/_bundled/`` or a checkout's top folder."""
    package = Path(__file__).resolve().parents[1]
    return library in (package / "_bundled" / "episodes", package.parent / "episodes")


def locate_notes(data_dir: Path, library: Path) -> NotesLocation:
    """Where ``library``'s notes are; gives it an id and brings old notes over on first open."""
    library = Path(library).resolve()
    legacy = per_library_folder(Path(data_dir) / "notes", library)
    if _is_bundled(library):
        return NotesLocation(legacy)  # shipped with the app: we never write inside it
    identity = library_identity(library)
    if identity.id is None:
        return NotesLocation(legacy, notice=identity.notice)
    if identity.notes_in_library:
        root = in_library_root(library)
    else:
        root = data_root(data_dir, library, identity.id)
    notice = migrate_legacy(legacy, root, identity.id)
    return NotesLocation(root, identity.id, identity.notes_in_library, notice)


@dataclass
class CopyReport:
    """What ``copy_tree`` did: files new at the target, already there, kept as both."""

    copied: list[tuple[Path, Path]] = field(default_factory=list)
    same: list[tuple[Path, Path]] = field(default_factory=list)
    kept_both: list[tuple[Path, Path]] = field(default_factory=list)

    def created(self) -> list[Path]:
        return [dst for _src, dst in self.copied + self.kept_both]


def conflict_name(path: Path) -> Path:
    """A free name for the other version of ``path`` that is never read as a note."""
    from reader.notes.note_file import HIGHLIGHTS_SUFFIX, NOTE_SUFFIX  # not for finding the
    from reader.notes.pair import free_name, stamp  # folder (every one-shot search does)

    when = stamp()
    if path.name.endswith(HIGHLIGHTS_SUFFIX):
        stem = path.name.removesuffix(HIGHLIGHTS_SUFFIX)
        return free_name(path.with_name(f"{stem}.highlights.conflict-{when}.json"))
    if path.name.endswith(NOTE_SUFFIX):
        stem = path.name.removesuffix(NOTE_SUFFIX)
        return free_name(path.with_name(f"{stem}.conflict-{when}{NOTE_SUFFIX}"))
    return free_name(path.with_name(f"{path.name}.conflict-{when}"))


def _create(path: Path, data: bytes) -> bool:
    """``create_new_file``, then compare the bytes on disk with ``data`` (verify the copy)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not create_new_file(path, data):
        return False
    if path.read_bytes() != data:
        raise OSError(f"{path}: the copy does not match the original")
    return True


def note_files_below(root: Path, hidden: bool) -> list[Path]:
    """The files of a notes folder (no temp files; hidden ones only with ``hidden``)."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if hidden or not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith(".tmp") or name == MIGRATED_MARKER:
                continue
            if hidden or not name.startswith("."):
                found.append(Path(dirpath, name))
    return found


def copy_tree(source: Path, target: Path, hidden: bool) -> CopyReport:
    """Copy every file of ``source`` into ``target``, never overwriting: a file already
    there with other bytes gets the source's version beside it as a conflict copy. Raises
    OSError on the first failure (after removing what this call created)."""
    report = CopyReport()
    try:
        for src in note_files_below(source, hidden):
            dst = target / src.relative_to(source)
            data = src.read_bytes()
            if _create(dst, data):
                report.copied.append((src, dst))
            elif dst.read_bytes() == data:
                report.same.append((src, dst))
            else:
                other = conflict_name(dst)
                if not _create(other, data):
                    raise OSError(f"{other}: appeared while copying")
                report.kept_both.append((src, other))
    except OSError:
        for path in report.created():
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    return report


def _migrated_to(legacy: Path) -> list[str]:
    try:
        raw = json.loads((legacy / MIGRATED_MARKER).read_text("utf-8"))
    except (OSError, ValueError):
        return []
    ids = raw.get("to") if isinstance(raw, dict) else None
    return [str(i) for i in ids] if isinstance(ids, list) else []


def migrate_legacy(legacy: Path, root: Path, library_id: str) -> str | None:
    """Copy the notes kept by path into ``root`` once; a notice when both held a version."""
    if legacy == root or not legacy.is_dir() or library_id in _migrated_to(legacy):
        return None
    try:
        report = copy_tree(legacy, root, hidden=False)
        marker = {"to": [*_migrated_to(legacy), library_id]}
        (legacy / MIGRATED_MARKER).write_text(json.dumps(marker) + "\n", "utf-8")
    except OSError as exc:
        notice = f"could not copy the notes in {legacy} to {root}: {exc}; they stay in {legacy}"
        log.warning("%s", notice)
        return notice
    log.info("copied %d note file(s) from %s to %s", len(report.copied), legacy, root)
    if not report.kept_both:
        return None
    names = ", ".join(str(dst.relative_to(root)) for _src, dst in report.kept_both)
    notice = (
        f"{len(report.kept_both)} note file(s) existed both in {legacy} and in {root}; "
        f"both versions are kept (the older place's as {names})"
    )
    log.warning("%s", notice)
    return notice
