"""Every fixture file imports to exactly its golden JSON (the ``show --json`` object).

Fixtures live in ``fixtures/<format>/``; each ``NAME.EXT`` has ``NAME.EXT.golden.json`` beside
it. Goldens are the specification: after a deliberate change, regenerate one with
``UPDATE_GOLDEN=1 pytest tests/importers/test_golden.py -k NAME`` and read the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.importers import import_file
from reader.model import Episode

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(
    p for p in FIXTURES.rglob("*") if p.is_file() and not p.name.endswith(".golden.json")
)


def golden_path(fixture: Path) -> Path:
    return fixture.with_name(fixture.name + ".golden.json")


def dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("fixture", CASES, ids=[p.relative_to(FIXTURES).as_posix() for p in CASES])
def test_fixture_matches_golden(fixture: Path):
    episode = import_file(fixture)
    assert isinstance(episode, Episode), episode
    golden = golden_path(fixture)
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(dump(episode.to_json()), encoding="utf-8")
    assert golden.exists(), f"no golden file for {fixture.name}"
    assert dump(episode.to_json()) == golden.read_text(encoding="utf-8")


def test_every_golden_has_its_fixture():
    goldens = FIXTURES.rglob("*.golden.json")
    orphans = [g.name for g in goldens if not g.with_name(g.name[: -len(".golden.json")]).exists()]
    assert orphans == []
