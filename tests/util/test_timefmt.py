"""Times shown beside transcript lines, in quotes and in exported notes."""

from __future__ import annotations

import pytest

from reader.util.timefmt import format_time


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0:00"), (9.99, "0:09"), (754.2, "12:34"), (3599, "59:59"), (3723, "1:02:03")],
)
def test_minutes_and_seconds_with_hours_only_past_an_hour(seconds: float, shown: str):
    assert format_time(seconds) == shown
