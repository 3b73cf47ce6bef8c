"""Fixtures of the quote tests: episodes imported from ``tests/fixtures/quotes``."""

from __future__ import annotations

import pytest

from reader.model import Episode

from .sample import load


@pytest.fixture
def rituals() -> Episode:
    return load("ep34-remote-team-rituals.vtt")


@pytest.fixture
def monkey() -> Episode:
    return load("episode-07-stop-taking-the-monkey-back.txt")
