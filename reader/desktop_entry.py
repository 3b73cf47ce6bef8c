"""Install the app's menu entry, icon and AppStream metadata for the current user.

Desktops find applications through XDG folders: a ``.desktop`` file in
``$XDG_DATA_HOME/applications``, its icon in the ``hicolor`` theme and AppStream metadata in
``metainfo``. The entry's ``Exec`` names this installation's own ``episode-reader`` by its
absolute path, so the menu opens the same app ``make run`` does, virtual environment included.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from reader import APP_ID
from reader.bundled import resource
from reader.util.atomic import atomic_write_text

log = logging.getLogger(__name__)


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def installed_files(base: Path | None = None) -> dict[str, Path]:
    """Where each file goes, by its role."""
    base = base or data_home()
    return {
        "desktop": base / "applications" / f"{APP_ID}.desktop",
        "icon": base / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        "metainfo": base / "metainfo" / f"{APP_ID}.metainfo.xml",
    }


def launcher() -> str:
    """The ``episode-reader`` script beside this interpreter, else the one on PATH."""
    beside = Path(sys.executable).with_name(APP_ID)
    if beside.is_file():
        return str(beside)
    return shutil.which(APP_ID) or APP_ID


def desktop_entry(exec_path: str) -> str:
    """The shipped entry with ``Exec`` pointing at ``exec_path``."""
    lines = resource(f"{APP_ID}.desktop").read_text(encoding="utf-8").splitlines()
    quoted = f'"{exec_path}"' if " " in exec_path else exec_path
    return "\n".join(f"Exec={quoted} %F" if ln.startswith("Exec=") else ln for ln in lines) + "\n"


def install(base: Path | None = None) -> dict[str, Path]:
    files = installed_files(base)
    atomic_write_text(files["desktop"], desktop_entry(launcher()))
    atomic_write_text(files["icon"], resource(f"icons/{APP_ID}.svg").read_text("utf-8"))
    atomic_write_text(
        files["metainfo"], resource(f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    )
    return files


def uninstall(base: Path | None = None) -> list[Path]:
    removed = []
    for path in installed_files(base).values():
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m reader.desktop_entry",
        description="Add Episode Reader to the desktop's application menu (this user only).",
    )
    parser.add_argument("action", choices=["install", "uninstall"])
    args = parser.parse_args(argv)
    try:
        if args.action == "install":
            for path in install().values():
                print(f"installed {path}")
        else:
            for path in uninstall():
                print(f"removed {path}")
    except OSError as exc:
        print(f"{APP_ID}: cannot write the menu entry: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
