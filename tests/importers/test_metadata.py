from __future__ import annotations

import pytest

from reader.importers.shared.metadata import (
    guess_show,
    number_from_filename,
    split_show_title,
    split_title,
)


@pytest.mark.parametrize(
    ("line", "number", "title"),
    [
        ("Episode 6: Individual Performer vs. Leader", 6, "Individual Performer vs. Leader"),
        (
            "Ep. 12 – Delegating Decisions, Not Just Tasks",
            12,
            "Delegating Decisions, Not Just Tasks",
        ),
        ("#22 — When Delegation Fails", 22, "When Delegation Fails"),
        ("Ep 15: The Calendar Audit", 15, "The Calendar Audit"),
        ("EP015 | Title Here", 15, "Title Here"),
        ("PTC 389: Coaching Calls", 389, "Coaching Calls"),
        ("Season 3 Episode 5: Feedback", 5, "Feedback"),
        ("Episode 12", 12, "Episode 12"),
        ("Top 10: Tips for Leaders", None, "Top 10: Tips for Leaders"),
        ("3 Ways to Lead", None, "3 Ways to Lead"),
        ("Epic Failures in Hiring", None, "Epic Failures in Hiring"),
    ],
)
def test_split_title(line: str, number: int | None, title: str):
    assert split_title(line) == (number, title)


@pytest.mark.parametrize(
    ("stem", "number"),
    [
        ("ep31-hiring-your-first-manager", 31),
        ("episode-101-burnout-signals", 101),
        ("ep-12-delegating", 12),
        ("show_e300", 300),
        ("deep-work-2024", None),
        ("recap", None),
    ],
)
def test_number_from_filename(stem: str, number: int | None):
    assert number_from_filename(stem) == number


@pytest.mark.parametrize(
    ("speech", "show"),
    [
        (
            "Thank you for listening to this episode of The Delegation Desk. See you.",
            "The Delegation Desk",
        ),
        (
            "Hey everybody. Welcome to Lead From the Middle, episode 31. I'm Daniel.",
            "Lead From the Middle",
        ),
        ("Hi, and welcome back to The Coaching Hour!", "The Coaching Hour"),
        ("You’re listening to Growth & Grit.", "Growth & Grit"),
        ("Welcome to the show, everyone.", None),
        ("Welcome to Episode 7 of our little show.", None),
        ("We talked about delegation.", None),
    ],
)
def test_guess_show(speech: str, show: str | None):
    assert guess_show(speech) == show


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Lead From the Middle, Episode 34: Remote Team Rituals",
            ("Lead From the Middle", 34, "Remote Team Rituals"),
        ),
        ("The Coaching Hour – Ep. 5 – Trust", ("The Coaching Hour", 5, "Trust")),
        ("Episode 6: Leading", (None, 6, "Leading")),
        ("Leading, Managing and Coaching", (None, None, "Leading, Managing and Coaching")),
    ],
)
def test_split_show_title(line: str, expected: tuple[str | None, int | None, str]):
    assert split_show_title(line) == expected
