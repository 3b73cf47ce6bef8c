"""Notes and highlights of the open episode: load, autosave, outside edits, conflicts.

Every keystroke is saved within about a second of typing stopping, and at most a few seconds
after it was typed while typing goes on (a crash during fifteen seconds of steady typing must
not lose them); and at once when the editor loses focus, the episode changes, the window closes,
the app quits or the user presses Ctrl+S. A save that fails (read-only folder, full disk) keeps
the text in the editor and says so; nothing typed is dropped.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from reader.annotations.quoting import speaker_and_time
from reader.model import Episode
from reader.notes import Highlight, Note, NotesStore, anchor, text_for_index
from reader.notes.model import HIGHLIGHT_COLORS, clean_tags
from reader.quotes.dialogue import selection_quote
from reader.ui.notes_panel import HighlightsList, NotesPanel
from reader.ui.transcript_view import TranscriptView

log = logging.getLogger(__name__)

#: Save once typing has paused this long...
AUTOSAVE_MS = 1000
#: ...and, while it goes on without a pause, at least this often.
AUTOSAVE_MAX_WAIT_MS = 3000
#: After a failed save, try again this often.
RETRY_MS = 5000


class NotesController(QObject):
    notice = Signal(str)  # something the user must be told (conflicts, failed saves)
    saved = Signal(str, str)  # episode id, text to index (notes + highlights)

    def __init__(
        self,
        data_dir: Path,
        panel: NotesPanel,
        highlights: HighlightsList,
        view: TranscriptView,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.panel = panel
        self.highlights = highlights
        self.view = view
        self.store: NotesStore | None = None
        self.episode: Episode | None = None
        self.note: Note | None = None
        self.dirty = False
        self._failed_once = False
        self._timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._timer.timeout.connect(self.save)
        self._max_wait = QTimer(self, singleShot=True, interval=AUTOSAVE_MAX_WAIT_MS)
        self._max_wait.timeout.connect(self.save)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self.save)
        #: Deleted highlights, newest last, with the episode and place they had: Ctrl+Z.
        self.deleted: list[tuple[str, int, Highlight]] = []
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._changed_outside)
        self.watcher.directoryChanged.connect(self._changed_outside)
        panel.edited.connect(self._edited)
        panel.focus_left.connect(self.save)
        highlights.jump_requested.connect(self.jump_to)
        highlights.delete_requested.connect(self.delete_highlight)
        view.delete_highlight_requested.connect(self.delete_highlight)

    # -- episodes ------------------------------------------------------------------------------
    def set_library(self, library: Path | None) -> None:
        self.save()
        self.store = NotesStore(self.data_dir, library) if library is not None else None
        self.show(None)
        if self.store is not None and self.store.notice:  # read-only library, both kept
            self.notice.emit(self.store.notice)

    def show(self, episode: Episode | None) -> None:
        """Open ``episode``'s note, saving the previous one first if it has unsaved edits."""
        if self.episode is not None and episode is not None and self.episode.id == episode.id:
            self.episode = episode  # same transcript, maybe re-imported: re-anchor highlights
            self._show_highlights()
            return
        self.save()
        self._unwatch()
        self.episode, self.note, self.dirty = episode, None, False
        if episode is None or self.store is None:
            self.panel.set_enabled(False)
            self.highlights.show_highlights([])
            self.view.set_user_highlights([])
            return
        try:
            self.note = self.store.load(episode)
        except OSError as exc:
            self.notice.emit(f"Could not read the notes of {episode.title}: {exc}")
            self.note = Note(episode.id, episode.title, "", "", [])
        self.panel.set_enabled(True)
        self.panel.set_body(self.note.body)
        self.panel.status.setText("Saved" if self.note.body or self.note.highlights else "")
        self._show_highlights()
        self._watch()

    # -- saving ------------------------------------------------------------------------------
    def _edited(self) -> None:
        if self.note is None:
            return
        self.dirty = True
        self.panel.status.setText("Saving…")
        self._timer.start()  # restarts with every key...
        if not self._max_wait.isActive():  # ...this one does not
            self._max_wait.start()

    def save(self) -> bool:
        """Write the note now if it has unsaved edits; True when nothing is left unsaved."""
        for timer in (self._timer, self._max_wait, self._retry):
            timer.stop()
        if not self.dirty or self.note is None or self.store is None or self.episode is None:
            return True
        self.note.body = self.panel.body()
        self.note.title = self.episode.title
        try:
            self._unwatch()
            self.store.save(self.note)
        except OSError as exc:
            self.panel.status.setText("Not saved!")
            message = f"Your notes could not be saved ({exc}). They stay open here; try again."
            log.warning("%s", message)
            if not self._failed_once:
                self.notice.emit(message)
                self._failed_once = True
            self._retry.start()  # keep trying; never drop what was typed
            return False
        finally:
            self._watch()
        self.dirty = False
        self._failed_once = False
        self.panel.status.setText(f"Saved {datetime.now():%H:%M}")
        if self.store.last_conflict is not None:  # edited outside since we last read it
            self._tell_conflict(self.store.last_conflict)
            self.store.last_conflict = None
        self.saved.emit(self.note.episode_id, text_for_index(self.note))
        return True

    # -- outside edits -----------------------------------------------------------------------
    def _watch(self) -> None:
        if self.store is None or self.episode is None:
            return
        path = self.store.note_path(self.episode.id)
        folder = path.parent
        if folder.is_dir():
            self.watcher.addPath(str(folder))
        if path.exists():
            self.watcher.addPath(str(path))

    def _unwatch(self) -> None:
        paths = self.watcher.files() + self.watcher.directories()
        if paths:
            self.watcher.removePaths(paths)

    def _changed_outside(self, _path: str) -> None:
        if self.store is None or self.episode is None or self.note is None:
            return
        if not self.store.changed_on_disk(self.episode.id):
            self._watch()
            return
        if self.dirty:
            self.note.body = self.panel.body()
            copy = self.store.resolve_conflict(self.note)
            self.dirty = False
            self._tell_conflict(copy)
            self.saved.emit(self.note.episode_id, text_for_index(self.note))
        else:
            self.note = self.store.reload(self.episode)
            self.panel.set_body(self.note.body)
            self._show_highlights()
            self.panel.status.setText("Reloaded: changed outside the app")
            self.saved.emit(self.note.episode_id, text_for_index(self.note))
        self._watch()

    def _tell_conflict(self, copy: Path) -> None:
        title = self.episode.title if self.episode else "this episode"
        self.notice.emit(
            f"The notes of “{title}” were changed outside Episode Reader while you were "
            f"editing them. Both versions are kept: yours stays here, the other is in {copy}."
        )

    # -- highlights --------------------------------------------------------------------------
    def add_highlight(self, colour: str = "yellow") -> Highlight | None:
        span = self.view.selected_span()
        if span is None or self.note is None or self.episode is None:
            return None
        highlight = Highlight.create(self.episode.text, span[0], span[1], color=colour)
        # Who said it and when, kept with it for the annotations browser.
        highlight.speaker, highlight.time = speaker_and_time(selection_quote(self.episode, *span))
        self.note.highlights.append(highlight)
        self._highlights_changed()
        return highlight

    def delete_highlight(self, highlight_id: str) -> None:
        if self.note is None:
            return
        for place, highlight in enumerate(self.note.highlights):
            if highlight.id == highlight_id:
                self.deleted.append((self.note.episode_id, place, highlight))
                del self.note.highlights[place]
                self._highlights_changed()
                return

    def undo_delete(self) -> Highlight | None:
        """Bring back the last highlight deleted in this episode (Ctrl+Z); None if none."""
        if self.note is None:
            return None
        for index in range(len(self.deleted) - 1, -1, -1):
            episode_id, place, highlight = self.deleted[index]
            if episode_id == self.note.episode_id:
                del self.deleted[index]
                self.note.highlights.insert(min(place, len(self.note.highlights)), highlight)
                self._highlights_changed()
                return highlight
        return None

    def set_tag(self, highlight_id: str, tag: str) -> None:
        self.set_tags(highlight_id, [tag])

    def set_tags(self, highlight_id: str, tags: list[str]) -> None:
        self._edit(highlight_id, tags=clean_tags(tags))

    def set_comment(self, highlight_id: str, comment: str) -> None:
        self._edit(highlight_id, comment=comment.strip("\r\n"))

    def set_colour(self, highlight_id: str, colour: str) -> None:
        if colour in HIGHLIGHT_COLORS:
            self._edit(highlight_id, color=colour)

    def _edit(self, highlight_id: str, **fields: object) -> None:
        highlight = self.highlight(highlight_id)
        if highlight is None:
            return
        for name, value in fields.items():
            setattr(highlight, name, value)
        self._highlights_changed()

    def highlight(self, highlight_id: str) -> Highlight | None:
        if self.note is None:
            return None
        return next((h for h in self.note.highlights if h.id == highlight_id), None)

    def jump_to(self, highlight_id: str) -> None:
        highlight = self.highlight(highlight_id)
        if highlight is None or self.episode is None:
            return
        span = anchor(highlight, self.episode.text)
        if span is None:
            return
        self.view.jump_to(self.view.position_of(span[0]), self.view.position_of(span[1]))
        self.view.setFocus()

    def _highlights_changed(self) -> None:
        self.dirty = True
        self._show_highlights()
        self.save()  # highlights are single deliberate actions: save them at once

    def _show_highlights(self) -> None:
        """Anchor every highlight in the episode's text (keeping the offsets found), then show
        them in the list and the transcript."""
        if self.note is None or self.episode is None:
            return
        text = self.episode.text
        rows, marks = [], []
        for h in self.note.highlights:
            found = anchor(h, text)
            if found is not None:
                h.start, h.end = found
                marks.append((h.id, h.start, h.end, h.color))
            rows.append((h.start, h.id, h.text, h.color, h.tags, h.comment, found is not None))
        self.highlights.show_highlights([row[1:] for row in sorted(rows)])
        self.view.set_user_highlights(marks)
