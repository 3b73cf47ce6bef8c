"""Where Episode Reader keeps user data, caches and settings.

Everything the app writes lives under three folders. One override (``--data-dir`` or the
``EPISODE_READER_DATA_DIR`` environment variable) moves all three below a single folder, so
tests and portable installs never touch the real home folder.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from reader import APP_ID

DATA_DIR_ENV = "EPISODE_READER_DATA_DIR"


class DataDirError(Exception):
    """A folder the app must write to cannot be created or written."""


class AppPaths(NamedTuple):
    """The folders the app writes to; ``override`` is the single root when one was given.

    A named tuple, not a dataclass: every command, ``--help`` too, loads this module, and
    dataclasses (with inspect) was a tenth of that start-up."""

    data: Path
    cache: Path
    config: Path
    override: Path | None = None

    @classmethod
    def resolve(
        cls,
        data_dir: str | os.PathLike[str] | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> AppPaths:
        """Pick the folders: an explicit ``data_dir`` wins over the environment variable."""
        environ = os.environ if environ is None else environ
        root = data_dir if data_dir else environ.get(DATA_DIR_ENV) or None
        if root:
            base = Path(root).expanduser().resolve()
            return cls(base / "data", base / "cache", base / "config", override=base)
        from platformdirs import PlatformDirs  # only here: it loads tempfile, shutil, bz2, lzma

        dirs = PlatformDirs(APP_ID, appauthor=False)
        return cls(Path(dirs.user_data_dir), Path(dirs.user_cache_dir), Path(dirs.user_config_dir))

    def ensure(self) -> AppPaths:
        """Create the folders, or raise ``DataDirError`` naming the one that cannot be used."""
        for folder in (self.data, self.cache, self.config):
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DataDirError(f"{folder}: {exc.strerror or exc}") from exc
            if not os.access(folder, os.W_OK | os.X_OK):
                raise DataDirError(f"{folder}: folder is not writable")
        import logging  # here, not at the top: every command, --help too, loads this module

        logging.getLogger(__name__).debug(
            "data %s, cache %s, config %s", self.data, self.cache, self.config
        )
        return self

    def as_dict(self) -> dict[str, str | None]:
        return {
            "data": str(self.data),
            "cache": str(self.cache),
            "config": str(self.config),
            "override": str(self.override) if self.override else None,
        }
