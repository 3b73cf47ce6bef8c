"""QtMultimedia behind one small object: load a file, play, pause, seek, speed and volume, in
seconds. Only this module imports QtMultimedia (the ``audio`` extra, PySide6-Addons), and only
``reader.ui.player_support`` imports this module, so without the extra the app still starts.

No audio device (a headless machine, CI, a muted server): the player then gets no
``QAudioOutput``. Qt's FFmpeg backend plays a source with no output by its own clock, so
``position`` advances in real time just the same (checked with Qt 6.11 offscreen; the UI tests
drive real playback this way). An output with no device behind it ("No audio device
detected") also kept time, but stopping it hung now and then (about one stop in ten in the
tests, in ``QMediaPlayer.stop``), so one is only made when a device is there, or appears."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLoggingCategory, QObject, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer

log = logging.getLogger(__name__)

# FFmpeg's description of every file opened ("Input #0, mp3, from …", at info level) would go
# to the terminal the app was started from; warnings still do. QT_LOGGING_RULES overrides this.
QLoggingCategory.setFilterRules("qt.multimedia.ffmpeg*.info=false")

Status = QMediaPlayer.MediaStatus


class AudioEngine(QObject):
    position_changed = Signal(float)  # seconds
    duration_changed = Signal(float)  # seconds
    playing_changed = Signal(bool)
    failed = Signal(str)  # what went wrong, in Qt's words
    ended = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.player = QMediaPlayer(self)
        self.output: QAudioOutput | None = None
        self._volume = 1.0
        self.devices = QMediaDevices(self)
        self.devices.audioOutputsChanged.connect(self._find_output)
        self._find_output()
        self._loaded = False
        self._pending: float | None = None  # a seek asked for before the file was open
        self._play_when_loaded = False
        self.player.positionChanged.connect(lambda ms: self.position_changed.emit(ms / 1000))
        self.player.durationChanged.connect(lambda ms: self.duration_changed.emit(ms / 1000))
        playing = QMediaPlayer.PlaybackState.PlayingState
        self.player.playbackStateChanged.connect(
            lambda state: self.playing_changed.emit(state == playing)
        )
        self.player.errorOccurred.connect(self._error)
        self.player.mediaStatusChanged.connect(self._status)

    def load(self, path: Path | None) -> None:
        """Open ``path`` (asynchronously: Qt reads it on its own thread); ``None`` unloads."""
        self._loaded, self._pending, self._play_when_loaded = False, None, False
        self.player.stop()
        self.player.setSource(QUrl.fromLocalFile(str(path)) if path is not None else QUrl())

    @property
    def loaded(self) -> bool:
        return self._loaded

    def position(self) -> float:
        if not self._loaded and self._pending is not None:
            return self._pending
        return self.player.position() / 1000

    def duration(self) -> float:
        return self.player.duration() / 1000

    def playing(self) -> bool:
        return self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def seek(self, seconds: float) -> None:
        seconds = max(0.0, seconds)
        if not self._loaded:
            self._pending = seconds  # Qt drops a seek into a file it has not opened yet
            return
        duration = self.duration()
        if duration > 0:
            seconds = min(seconds, duration)
        self.player.setPosition(int(seconds * 1000))

    def play(self) -> None:
        if not self._loaded:
            self._play_when_loaded = True
            return
        self.player.play()

    def pause(self) -> None:
        self._play_when_loaded = False
        self.player.pause()

    def set_rate(self, rate: float) -> None:
        self.player.setPlaybackRate(rate)

    def rate(self) -> float:
        return self.player.playbackRate()

    def set_volume(self, volume: float) -> None:
        self._volume = volume
        if self.output is not None:
            self.output.setVolume(volume)

    def volume(self) -> float:
        return self._volume

    def _find_output(self) -> None:
        """Play through the system's audio output once there is one (see the module doc)."""
        if self.output is None and QMediaDevices.audioOutputs():
            self.output = QAudioOutput(self)
            self.output.setVolume(self._volume)
            self.player.setAudioOutput(self.output)

    def _status(self, status: Status) -> None:
        if status in (Status.LoadedMedia, Status.BufferedMedia) and not self._loaded:
            self._loaded = True
            if self._pending is not None:
                self.seek(self._pending)
                self._pending = None
                self.position_changed.emit(self.position())
            if self._play_when_loaded:
                self._play_when_loaded = False
                self.player.play()
        elif status == Status.InvalidMedia:
            self.failed.emit(self.player.errorString() or "not an audio file Qt can play")
        elif status == Status.EndOfMedia:
            self.ended.emit()

    def _error(self, error: QMediaPlayer.Error, message: str) -> None:
        if error != QMediaPlayer.Error.NoError:
            log.info("audio error %s: %s", error, message)
            self.failed.emit(message or str(error))
