"""The `index` progress bar: drawn with rate and time left on a terminal, silent otherwise."""

from __future__ import annotations

import io
import re
import time

from reader.cli.progress import ProgressBar
from reader.library.sync_run import Progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_it_shows_count_rate_time_left_and_the_file():
    terminal = _Terminal()
    bar = ProgressBar(terminal)
    for done in range(1, 8):
        time.sleep(0.03)  # the bar redraws at most every 0.1 s, as a person can read it
        bar(Progress(done, 10, f"shows/episode-{done}.srt"))
    drawn = terminal.getvalue()
    bar.close()

    last = drawn.split("\r")[-1]
    assert re.search(r"\b[1-7]/10\b", last)
    assert re.search(r"\d+\.\d+file/s", last)  # the rate
    assert re.search(r"\[00:00<00:0\d", last)  # elapsed < time left
    assert re.search(r"episode-[1-7]\.srt", last)


def test_a_pipe_gets_no_bar():
    pipe = io.StringIO()
    bar = ProgressBar(pipe)
    bar(Progress(3, 10, "a.srt"))
    bar.close()
    assert pipe.getvalue() == ""
