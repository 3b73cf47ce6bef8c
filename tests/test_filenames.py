from __future__ import annotations

import pytest

from reader.importers.shared.filenames import title_from_filename


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("ep-12-delegating-decisions-not-tasks.txt", "Ep 12 Delegating Decisions Not Tasks"),
        ("episode_7_the_art_of_feedback.srt", "Episode 7 the Art of Feedback"),
        ("Hiring Your First Manager.vtt", "Hiring Your First Manager"),
        ("RACI-for-small-teams.md", "RACI for Small Teams"),
        ("---.txt", "---"),
    ],
)
def test_file_names_become_readable_titles(name: str, title: str):
    assert title_from_filename(name) == title
