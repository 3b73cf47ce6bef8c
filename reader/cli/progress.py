"""The `index` command's progress bar: tqdm draws it (rate, time left), on terminals only.

Scripts reading stderr get no carriage-return noise: on anything but a terminal the bar is off.
"""

from __future__ import annotations

from typing import TextIO

from tqdm import tqdm

from reader.library.sync_run import Progress

#: Longest file name shown beside the bar (the end of the path, where the name is).
NAME_CHARS = 40


class ProgressBar:
    """Called with each ``Progress`` of a sync; ``close()`` clears the line."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._bar: tqdm[None] | None = None

    def __call__(self, progress: Progress) -> None:
        if not progress.total or not self.stream.isatty():
            return
        if self._bar is None or self._bar.total != progress.total:
            self.close()
            self._bar = tqdm(
                total=progress.total,
                file=self.stream,
                unit="file",
                dynamic_ncols=True,
                leave=False,
                mininterval=0.1,
            )
        self._bar.set_postfix_str(progress.current[-NAME_CHARS:], refresh=False)
        self._bar.update(progress.done - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
