"""What a click on a link in the notes preview does.

A passage link (``episode-reader://passage?…``, see ``reader.notes.passage_links``) opens
its episode, this one or another, and selects the passage, scrolled into view; when the
episode or the words are gone the user is told so in plain words (and, for lost words, shown
where they were said). Nothing else is ever opened: a web, ``file:`` or relative link in a
note is not fetched, not handed to the system browser and not run, because a note can come
from a synced folder or another person and the app promises to stay offline. The status
bar says so and names the address, which the preview's context menu copies (Copy Link
Location) for the user to open deliberately.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from reader.model import Episode
from reader.notes.passage_links import PassageLink, is_passage_url, parse_link, resolve
from reader.ui.rows import LoadedEpisode
from reader.ui.safe_text import tell
from reader.util.pathnames import for_display, library_file
from reader.util.timefmt import format_time

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

log = logging.getLogger(__name__)

SHOWN_MS = 10000


class PassageOpener(QObject):
    """Follows passage links from the notes preview into the transcript."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._pending: PassageLink | None = None
        preview = window.side.notes.preview
        preview.link_clicked.connect(self.follow)
        preview.link_hovered.connect(self._hovered)
        # After the window's own handler (connected first): the passage wins over the reading
        # place and the first search hit the window jumps to.
        window.threads.searcher.loaded.connect(self._loaded)

    def _say(self, message: str) -> None:
        self.window.statusBar().showMessage(message, SHOWN_MS)

    def follow(self, url: str) -> None:
        """Open the passage ``url`` links to; any other link is named, not opened."""
        if not is_passage_url(url):
            self._say(
                f"Not opened: {for_display(url)} (Episode Reader opens no web or file links; "
                "right-click the link to copy its address)."
            )
            return
        link = parse_link(url)
        if link is None:
            tell(self.window, "Link not understood", f"This passage link is damaged:\n{url}")
            return
        library = self.window.library
        if library is None:
            return
        episode = self.window.transcript.view.episode
        if episode is not None and episode.id == link.path:
            self._show(link, episode)
            return
        try:
            present = library_file(library, link.path).is_file()
        except (OSError, ValueError):
            present = False
        if not present:
            tell(
                self.window,
                "Episode not found",
                f"The episode this link points to, {for_display(link.path)}, is no longer in "
                f"the library {for_display(library)}. Your note keeps the quote.",
            )
            return
        self._pending = link
        self.window.open_episode(link.path, go_to_first_hit=False)

    def _loaded(self, loaded: LoadedEpisode) -> None:
        link = self._pending
        if link is None or loaded.request != self.window.loaded_request:
            return  # no link waiting, or an older load the window set aside
        self._pending = None
        if loaded.path != link.path:
            return  # the user opened another episode meanwhile
        if loaded.episode is None:
            self._say(f"Could not open {for_display(link.path)}: {loaded.problem}")
            return
        self._show(link, loaded.episode)

    def _show(self, link: PassageLink, episode: Episode) -> None:
        view = self.window.transcript.view
        found = resolve(link, episode)
        if found.span is not None:
            start, end = found.span
            view.jump_to(view.position_of(start), view.position_of(end))
            view.setFocus()
            when = episode.time_at(start)
            at = f" at {format_time(when)}" if when is not None else ""
            self._say(f"The passage in “{episode.title}”{at}.")
            return
        if found.near is not None:
            view.jump_to(view.position_of(found.near))
        where = ""
        if link.time is not None:
            where = f" Showing where it was said ({format_time(link.time)})."
        tell(self.window, "Passage not found", f"{found.reason}{where}")

    def _hovered(self, url: str) -> None:
        if not url:
            self.window.statusBar().clearMessage()
            return
        link = parse_link(url)
        if link is not None:
            self._say(f"Open the passage in {for_display(link.path)}")
        elif not is_passage_url(url):
            self._say(f"{for_display(url)} (not opened: Episode Reader stays offline)")
