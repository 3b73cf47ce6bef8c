"""The episode's audio in the window: the player bar under the header, playing from a line or a
hit, the line being said marked and kept in view.

The window only tells it which episode is shown; everything else comes in through the
transcript's own signals and events (``reader.ui.player_transcript``): a click on a ``[12:34]``
label, "Play from Here" in its context menu, Space while it has focus. Times come from
``reader.audio.timeline`` (no Qt). QtMultimedia is imported on a thread at start-up
(``reader.ui.player_support``) and the player made the first time an episode with audio is
shown, so the window opens as fast without it and works without the extra."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QPushButton, QVBoxLayout

from reader.audio.timeline import Piece, Timeline
from reader.model import Episode
from reader.ui.player_bar import BACK_SECONDS, FORWARD_SECONDS, PlayerBar
from reader.ui.player_support import engine_module, preload
from reader.ui.player_transcript import TranscriptHooks
from reader.ui.transcript_pane import TranscriptPane
from reader.util.timefmt import format_time

log = logging.getLogger(__name__)

#: Following playback scrolls only when the line being said leaves this band of the view.
FOLLOW_BAND = (0.1, 0.8)
FOLLOW_FRACTION = 1 / 3


class PlayerController(QObject):
    def __init__(
        self,
        pane: TranscriptPane,
        say: Callable[[str], None],
        open_episode: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.pane = pane
        self.open_episode = open_episode
        self.view = pane.view
        self.say = say
        self.bar = PlayerBar()
        layout = pane.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(1, self.bar)  # under the header, above the find bar
        self.play_hit_button = QPushButton("▶ Play Hit")
        self.play_hit_button.setAccessibleName("Play this hit")
        self.play_hit_button.setToolTip("Play from this hit (Ctrl+Shift+Space)")
        self.play_hit_button.clicked.connect(self.play_hit)
        self.play_hit_button.hide()
        pane.hits_row.addWidget(self.play_hit_button)
        self.engine = None  # reader.ui.player_engine.AudioEngine, made when first needed
        self.episode: Episode | None = None
        self.audio_path: Path | None = None
        self.timeline: Timeline | None = None
        self.problem = ""  # why the shown episode's audio cannot play ("" when it can)
        self.actions: dict[str, QAction] = {}
        self._spoken: Piece | None = None
        self._scrolling = False  # our own scroll, which must not switch "follow" off
        self.bar.play_toggled.connect(self.toggle)
        self.bar.skip_requested.connect(self.skip)
        self.bar.seek_requested.connect(self.seek)
        self.bar.speed_changed.connect(self._set_speed)
        self.bar.volume_changed.connect(self._set_volume)
        self.bar.follow.toggled.connect(self._follow_toggled)
        self.view.verticalScrollBar().actionTriggered.connect(self.scrolled_away)
        self.hooks = TranscriptHooks(self)
        self.view.hit_changed.connect(self._hits_changed)
        self._play_hit_of: str | None = None  # an episode to play at its first hit once shown
        pane.episode_shown.connect(self.show_episode)
        preload()

    # -- the window's side --------------------------------------------------------------------
    def slots(self) -> dict[str, Callable[..., object]]:
        """The Audio menu's actions, for the window's menu table."""
        return {
            "play_pause": self.toggle,
            "skip_back": lambda: self.skip(-BACK_SECONDS),
            "skip_forward": lambda: self.skip(FORWARD_SECONDS),
            "play_hit": self.play_hit,
            "follow_playback": self.set_follow,
        }

    def set_follow(self, on: bool) -> None:
        self.bar.follow.setChecked(on)

    def set_actions(self, actions: dict[str, QAction]) -> None:
        self.actions = {key: actions[key] for key in self.slots() if key in actions}
        follow = self.actions.get("follow_playback")
        if follow is not None:
            follow.setChecked(self.bar.follow.isChecked())
            self.bar.follow.toggled.connect(follow.setChecked)
        self._enable_actions()

    @property
    def can_play(self) -> bool:
        return self.engine is not None and self.audio_path is not None and not self.problem

    def position(self) -> float | None:
        """Where playback stands in the shown episode, for its reading place."""
        if self.engine is None or self.audio_path is None or self.problem:
            return None
        return self.engine.position()

    def restore(self, seconds: float) -> None:
        """Go back to a remembered moment (paused: reopening never starts playback)."""
        if self.can_play and self.engine is not None and seconds > 0:
            self.engine.seek(seconds)
            self._moved(seconds)

    def show_episode(self, episode: Episode | None) -> None:
        """A new episode is on screen: load its audio (or hide the bar when it has none)."""
        path = self._audio_file(episode)
        same = (
            episode is not None
            and self.episode is not None
            and episode.id == self.episode.id
            and path == self.audio_path
            and not self.problem
        )
        self.episode = episode
        self.timeline = Timeline(episode) if episode is not None and path else None
        if same:  # the same file re-read after a change: playback goes on where it was
            self._spoken = None  # a new layout: mark again
            self._mark(self.engine.position() if self.engine else 0.0)
            return
        self.audio_path, self.problem, self._spoken = path, "", None
        self.view.spoken = None
        if episode is None or path is None or episode.audio is None:
            if self.engine is not None:
                self.engine.load(None)
            self.bar.hide()
            self._enable_actions()
            return
        self.bar.show()
        self.bar.set_playing(False)
        self.bar.set_duration(0)
        self.bar.set_position(0)
        engine = self._engine()
        if isinstance(engine, str):
            self.problem = engine
            self.bar.show_message_only(f"This episode has audio ({episode.audio}). {engine}")
        elif not path.is_file():
            engine.load(None)
            self._fail(f"{'the file is missing' if not path.exists() else 'not a file'}")
        else:
            self.bar.show_player()
            timed = self.timeline is not None and self.timeline.timed
            untimed = "This transcript has no times: the audio plays, lines are not followed."
            self.bar.show_controls(True, "" if timed else untimed)
            engine.load(path)
        self._enable_actions()

    def shutdown(self) -> None:
        """Stop and delete the player now, while Qt is whole: a QMediaPlayer that outlives the
        QApplication crashes the process at exit (Qt 6.11; the benchmark did, before it deleted
        its player). The window's own teardown happens to go in a safe order; this keeps it so."""
        engine, self.engine = self.engine, None
        if engine is not None:
            engine.load(None)
            shiboken6.delete(engine)
        self.audio_path, self.problem = None, "the window is closing"

    # -- playing ------------------------------------------------------------------------------
    def toggle(self) -> None:
        if not self.can_play or self.engine is None:
            self._say_why()
            return
        if self.engine.playing():
            self.engine.pause()
        else:
            self.engine.play()
            self.bar.set_playing(True)

    def skip(self, seconds: float) -> None:
        if self.can_play and self.engine is not None:
            self.seek(self.engine.position() + seconds)

    def seek(self, seconds: float) -> None:
        if self.can_play and self.engine is not None:
            self.engine.seek(seconds)
            self._moved(max(0.0, seconds))

    def play_from(self, offset: int) -> bool:
        """Play from the moment the words at transcript ``offset`` were said."""
        seconds = self.timeline.time_at(offset) if self.timeline else None
        if not self.can_play or self.engine is None or seconds is None:
            self._say_why(seconds is None)
            return False
        self.bar.follow.setChecked(True)
        self.seek(seconds)
        self.engine.play()
        self.bar.set_playing(True)
        self.say(f"Playing from {format_time(seconds)}")
        return True

    def play_hit_of(self, path: str) -> None:
        """Open the episode at ``path`` (a search result) and play from its first hit."""
        self._play_hit_of = path
        self.open_episode(path)

    def _hits_changed(self, _current: int, _total: int) -> None:
        self._show_hit_button()
        if self.episode is not None and self._play_hit_of == self.episode.id:
            self._play_hit_of = None
            self.play_hit()

    def play_hit(self) -> bool:
        """Play from the current search hit (the first one when none is current)."""
        hits = self.view.hits
        if not hits:
            self.say("No search hit in this episode to play")
            return False
        return self.play_from(hits[max(self.view.current, 0)][0])

    # -- the engine's side --------------------------------------------------------------------
    def _engine(self):  # -> AudioEngine | str
        if self.engine is not None:
            return self.engine
        module = engine_module()
        if isinstance(module, str):
            return module
        engine = self.engine = module.AudioEngine(self)
        engine.position_changed.connect(self._moved)
        engine.duration_changed.connect(self.bar.set_duration)
        engine.playing_changed.connect(self.bar.set_playing)
        engine.failed.connect(self._fail)
        return engine

    def _fail(self, problem: str) -> None:
        """The audio file cannot be played: say so, naming it; the transcript reads on."""
        name = self.episode.audio if self.episode is not None else "the audio file"
        self.problem = f"Cannot play {name}: {problem}"
        self.bar.show_player()
        self.bar.show_controls(False, self.problem)
        self.bar.set_playing(False)
        self.view.spoken, self._spoken = None, None
        self.view.refresh_marks()
        self._enable_actions()
        log.info("%s (%s)", self.problem, self.audio_path)

    def _say_why(self, untimed: bool = False) -> None:
        if self.episode is None or self.audio_path is None:
            self.say("This episode has no audio file")
        elif self.problem:
            self.say(self.problem)
        elif untimed:
            self.say("This line has no time in the transcript, so it cannot be played from")

    def _moved(self, seconds: float) -> None:
        self.bar.set_position(seconds)
        self._mark(seconds)

    def _mark(self, seconds: float) -> None:
        """Mark the piece being said at ``seconds`` (and keep it in view while following)."""
        piece = self.timeline.piece_at(seconds) if self.timeline and not self.problem else None
        if piece == self._spoken:
            return
        self._spoken = piece
        self.view.spoken = (piece.begin, piece.end) if piece else None
        self.view.refresh_marks()
        if piece is not None and self.bar.follow.isChecked():
            self._keep_in_view(piece)

    def _keep_in_view(self, piece: Piece) -> None:
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self.view.position_of(piece.begin))
        rect = self.view.cursorRect(cursor)
        height = self.view.viewport().height()
        if FOLLOW_BAND[0] * height <= rect.top() <= FOLLOW_BAND[1] * height:
            return
        bar = self.view.verticalScrollBar()
        wanted = bar.value() + rect.top() - int(height * FOLLOW_FRACTION)
        self._scrolling = True
        try:
            bar.setValue(max(bar.minimum(), min(bar.maximum(), wanted)))
        finally:
            self._scrolling = False

    def scrolled_away(self, _action: int = 0) -> None:
        """The reader scrolled away while it plays: stop following until they ask again."""
        playing = self.engine is not None and self.engine.playing()
        if not self._scrolling and playing and self.bar.follow.isChecked():
            self.bar.follow.setChecked(False)
            self.say("Stopped following playback; press Follow to go back to it")

    def _follow_toggled(self, on: bool) -> None:
        if on and self._spoken is not None:
            self._keep_in_view(self._spoken)

    def _set_speed(self, rate: float) -> None:
        if self.engine is not None:
            self.engine.set_rate(rate)

    def _set_volume(self, volume: float) -> None:
        if self.engine is not None:
            self.engine.set_volume(volume)

    # -- the transcript's side ----------------------------------------------------------------
    def _audio_file(self, episode: Episode | None) -> Path | None:
        if episode is None or not episode.audio:
            return None
        return episode.source.parent / episode.audio

    def _enable_actions(self) -> None:
        for action in self.actions.values():
            action.setEnabled(self.can_play)
        self._show_hit_button()

    def _show_hit_button(self) -> None:
        timed = self.timeline is not None and self.timeline.timed
        self.play_hit_button.setVisible(self.can_play and timed and bool(self.view.hits))
