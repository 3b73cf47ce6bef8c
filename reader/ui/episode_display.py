"""What the reading panes show: an episode the index thread loaded (or why it could not),
and the empty panes of a library just opened.

Kept out of ``main_window`` so the window stays readable; the window keeps which load and
which episode are current, these functions only fill the panes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reader import APP_NAME
from reader.library.speakers import names_of
from reader.ui.rows import LoadedEpisode
from reader.ui.safe_text import for_title
from reader.util.pathnames import for_display

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


def show_loaded(window: MainWindow, loaded: LoadedEpisode, go_to_first_hit: bool) -> None:
    """Show ``loaded`` in the transcript, side panel and notes; the same episode again (a new
    search) keeps its layout and, unless ``go_to_first_hit``, its place."""
    if loaded.episode is None:
        window.notes.show(None)
        window.transcript.show_episode(
            None, f"Could not read {for_display(loaded.path)}: {loaded.problem}"
        )
        window.side.show_episode(None)
        return
    episode = loaded.episode
    view = window.transcript.view
    shown = view.episode
    same_text = shown is not None and shown.id == episode.id and shown.text == episode.text
    same = shown is not None and same_text and names_of(shown) == names_of(episode)
    # Only the names changed (a rename, a sync that settled them): the reader keeps the
    # place and the selection they may be about to quote, unless asked for the first hit.
    kept = view.place_in_text() if same_text and not same and not go_to_first_hit else None
    if not same:
        window.transcript.show_episode(episode)
        window.side.show_episode(episode)
    window.notes.show(episode)
    if go_to_first_hit or not same:
        window.transcript.set_search_hits(loaded.spans)
    if kept is not None:
        view.go_back_to(kept)
    elif not same and window.library is not None:  # a search's first hit wins over the place
        window.place.shown(window.library, episode.id, restore=not loaded.spans)
    window.setWindowTitle(for_title(f"{episode.title} — {APP_NAME}"))
    window.transcript.show_next_episode_button(
        bool(loaded.query.strip()) and window.library_pane.model.rowCount() > 1
    )


def show_empty_library(window: MainWindow, folder: Path) -> None:
    """Empty panes for a newly opened library, until its index answers."""
    window.transcript.show_episode(None, "Choose an episode on the left to read it.")
    window.side.show_episode(None)
    window.library_pane.model.set_rows([], False)
    window.library_pane.reset_limit()
    window.library_pane.show_empty_library(
        f"No transcripts in {folder} yet.\n\nAdd .txt, .md, .html, .srt, .vtt or .json "
        "transcripts to this folder (they appear here by themselves) or choose another "
        "folder with File › Open Library…"
    )
    window.setWindowTitle(for_title(f"{folder.name} — {APP_NAME}"))
