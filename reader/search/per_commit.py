"""Files kept per index commit beside the index (``words-N.json``, ``files-N.json``)."""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path


def forget_older(folder: Path, prefix: str, generation: int) -> None:
    """Delete ``{prefix}N.json`` files older than the previous commit's (a reader may still
    be on that one)."""
    for path in folder.glob(f"{prefix}*.json"):
        number = path.stem.removeprefix(prefix)
        if number.isdigit() and int(number) < generation - 1:
            with suppress(OSError):
                path.unlink()
