"""Find the system libraries Qt needs to open a window, and the Debian packages that bring them.

The Qt wheels carry Qt itself but link against the desktop's X11, GL and font libraries. When
one is missing Qt stops with "could not load the Qt platform plugin xcb" and a list of plugins,
which tells a user nothing. ``ldd`` on Qt's own libraries names each missing one; a table (and
Debian's naming rule for everything else) turns it into the package to install. ``make run``
installs them (``python -m reader.util.qt_libraries --install``) and the app prints the one
command to run when it cannot.

Imports nothing of Qt (it must work exactly when Qt cannot load) and nothing of ``reader``.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

log = logging.getLogger(__name__)

#: Shared objects Qt's window (xcb) platform needs, by soname, and the Debian/Ubuntu package of
#: each. Names not listed fall back to Debian's rule (``libfoo.so.3`` is in ``libfoo3``).
PACKAGES = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libpulse.so.0": "libpulse0",  # QtMultimedia (the `audio` extra), even with no sound server
}

#: Qt's libraries to ask ``ldd`` about, relative to the PySide6 package folder: the GUI module,
#: the xcb platform plugin and the library behind it.
QT_FILES = (
    "Qt/lib/libQt6Gui.so.6",
    "Qt/lib/libQt6XcbQpa.so.6",
    "Qt/plugins/platforms/libqxcb.so",
)
#: The audio player's library (only there with the `audio` extra). ``make run`` installs what
#: it lacks too, but the window never waits for it: without it the player is absent.
AUDIO_FILES = ("Qt/lib/libQt6Multimedia.so.6",)

_NOT_FOUND = re.compile(r"^\s*(?P<soname>\S+)\s+=>\s+not found\s*$", re.MULTILINE)
_SONAME = re.compile(r"^(?P<stem>lib[\w+.-]+?)\.so\.(?P<major>\d+)$")


def package_for(soname: str) -> str:
    """The Debian package that ships ``soname`` (``libxcb-cursor.so.0`` -> ``libxcb-cursor0``)."""
    if soname in PACKAGES:
        return PACKAGES[soname]
    match = _SONAME.match(soname)
    if not match:
        return soname
    stem, major = match["stem"].lower(), match["major"]
    # Debian policy: a name ending in a digit gets a dash before the major version.
    return f"{stem}-{major}" if stem[-1].isdigit() else f"{stem}{major}"


def missing_sonames(files: Iterable[Path], ldd: str | None = None) -> list[str]:
    """Libraries that ``ldd`` cannot find for any of ``files``, in first-seen order."""
    ldd = ldd or shutil.which("ldd")
    if ldd is None:
        return []  # not a glibc system (macOS, Windows): nothing we can check this way
    missing: dict[str, None] = {}
    for path in files:
        if not path.is_file():
            continue
        try:
            result = subprocess.run(
                [ldd, str(path)], capture_output=True, text=True, timeout=30, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            log.warning("could not run ldd on %s: %s", path, exc)
            continue
        for match in _NOT_FOUND.finditer(result.stdout):
            missing.setdefault(match["soname"])
    return list(missing)


def qt_files(names: Sequence[str] = QT_FILES) -> list[Path]:
    """Qt's own libraries in the installed PySide6 wheel (empty when PySide6 is not there)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []
    root = Path(next(iter(spec.submodule_search_locations)))
    return [root / name for name in names]


def missing_packages(files: Iterable[Path] | None = None) -> list[str]:
    """Packages to install so Qt can open a window here, each once."""
    sonames = missing_sonames(qt_files() if files is None else files)
    return list(dict.fromkeys(package_for(name) for name in sonames))


def install_command(packages: Sequence[str]) -> list[str]:
    """The apt-get command line that installs ``packages`` (with sudo when not root)."""
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    return [*sudo, "apt-get", "install", "-y", *packages]


def advice(packages: Sequence[str]) -> str:
    """The one message a user needs when Qt cannot open a window."""
    return (
        "Episode Reader cannot open its window: Qt needs system libraries that are missing "
        f"({', '.join(packages)}).\nInstall them with:\n    {' '.join(install_command(packages))}"
    )


def _apt_install(packages: Sequence[str]) -> bool:
    """Install with apt-get, trying Debian 13 / Ubuntu 24.04's ``t64`` names too."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    sudo = install_command([])[:-3]
    subprocess.run([*sudo, "apt-get", "update", "-qq"], env=env, check=False)
    ok = True
    for package in packages:
        for name in (package, f"{package}t64"):
            done = subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", name], env=env)
            if done.returncode == 0:
                break
        else:
            ok = False
    return ok


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m reader.util.qt_libraries",
        description="Check for the system libraries Qt needs to open a window.",
    )
    parser.add_argument("--install", action="store_true", help="install missing ones with apt")
    args = parser.parse_args(argv)
    files = [*qt_files(), *qt_files(AUDIO_FILES)] if args.install else qt_files()
    packages = missing_packages(files)
    if not packages:
        return 0
    if args.install and shutil.which("apt-get") and shutil.which("dpkg"):
        print(f"Installing system libraries Qt needs for a window: {' '.join(packages)}")
        if _apt_install(packages) and not missing_packages(files):
            return 0
    print(advice(missing_packages(files) or packages), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
