"""The state of every indexed file at one commit, in one small file beside the index.

A sync compares each file in the library with the state it was indexed in. Those states are
stored fields of the index, and reading them means unpickling every stored document: a
tenth of a second per 5,000 episodes, paid by every one-shot ``episode-reader search``
even when nothing changed. ``files-N.json`` holds the states of commit N, written after the
commit (by the process that made it, or by the first that read the states from the index),
so later processes read one file instead.

It is a cache, trusted only for the commit it names and only if it holds as many files as
that commit has documents; anything else (missing, damaged, another commit's) means reading
the stored fields as before. Generations only grow within an index folder and a new index
starts in an empty one, so a commit number names one set of documents.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from reader.search.per_commit import forget_older
from reader.search.results import FileState
from reader.util.atomic import atomic_write_text

log = logging.getLogger(__name__)

FORMAT_VERSION = 2  # 2: with each file's audio (``FileState.audio``)


def _text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise TypeError("not text")


class FileManifests:
    """The ``files-N.json`` manifests of an index folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, generation: int) -> Path:
        return self.folder / f"files-{generation}.json"

    def load(self, generation: int, doc_count: int) -> dict[str, FileState] | None:
        """The file states of commit ``generation``, or None if no sound manifest has them."""
        try:
            data = json.loads(self.path(generation).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.info("Ignoring the file manifest of commit %s: %s", generation, exc)
            return None
        try:
            if data["version"] != FORMAT_VERSION or data["generation"] != generation:
                return None
            states = {
                str(path): FileState(int(size), float(mtime), str(digest), _text(audio), _text(ref))
                for path, (size, mtime, digest, audio, ref) in data["files"].items()
            }
        except (KeyError, TypeError, ValueError, AttributeError):
            log.info("Ignoring a damaged file manifest of commit %s", generation)
            return None
        return states if len(states) == doc_count else None

    def save(self, generation: int, states: dict[str, FileState]) -> None:
        """Write the manifest of commit ``generation`` (a cache: no fsync, failure is fine)."""
        if generation < 0:  # nothing committed yet: nothing to keep
            return
        files = {
            path: [s.size, s.mtime, s.digest, s.audio, s.audio_ref] for path, s in states.items()
        }
        data = {"version": FORMAT_VERSION, "generation": generation, "files": files}
        try:
            atomic_write_text(self.path(generation), json.dumps(data), durable=False)
        except OSError as exc:
            log.info("Could not write the file manifest of commit %s: %s", generation, exc)
            return
        forget_older(self.folder, "files-", generation)
