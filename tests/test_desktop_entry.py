"""`make install-desktop`: the menu entry, icon and AppStream metadata a Linux desktop reads."""

from __future__ import annotations

import configparser
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from reader import APP_ID, APP_NAME
from reader.desktop_entry import installed_files


def test_install_writes_an_entry_that_launches_this_installation(tmp_path: Path):
    env_home = tmp_path / "share"
    done = subprocess.run(
        [sys.executable, "-m", "reader.desktop_entry", "install"],
        env={"XDG_DATA_HOME": str(env_home), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    files = installed_files(env_home)
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(files["desktop"], encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Name"] == APP_NAME
    assert section["Icon"] == APP_ID
    exec_path = section["Exec"].split(" %F")[0].strip('"')
    assert Path(exec_path).is_file(), "Exec must name a real episode-reader script"
    assert Path(exec_path).parent == Path(sys.executable).parent
    assert files["icon"].read_text(encoding="utf-8").lstrip().startswith("<svg")
    component = ET.parse(files["metainfo"]).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == f"{APP_ID}.desktop"

    removed = subprocess.run(
        [sys.executable, "-m", "reader.desktop_entry", "uninstall"],
        env={"XDG_DATA_HOME": str(env_home), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert removed.returncode == 0
    assert not any(path.exists() for path in files.values())
