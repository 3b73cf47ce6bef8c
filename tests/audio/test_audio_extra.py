"""The `audio` extra: PySide6-Addons pinned to the very version of PySide6-Essentials that is
installed with it (the two wheels share Qt's libraries; a mismatch fails to import)."""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]


def requirements(group: str | None = None) -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    listed = project["dependencies"] if group is None else project["optional-dependencies"][group]
    return {Requirement(line).name.lower(): Requirement(line) for line in listed}


def test_the_audio_extra_pins_addons_to_an_essentials_version_the_app_accepts():
    addons = requirements("audio")["pyside6-addons"]
    (pin,) = addons.specifier
    assert pin.operator == "=="
    assert requirements()["pyside6-essentials"].specifier.contains(pin.version)


def test_installed_addons_match_the_installed_essentials():
    """`make test` installs the extra, so both are here, at one version."""
    assert metadata.version("PySide6-Addons") == metadata.version("PySide6-Essentials")
    (pin,) = requirements("audio")["pyside6-addons"].specifier
    assert metadata.version("PySide6-Addons") == pin.version
