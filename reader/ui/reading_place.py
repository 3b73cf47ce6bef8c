"""Remembers where the reader was in each episode and takes them back there on reopening
(the same episode later, or after a restart). Opening from a search goes to the first hit
instead; that is the window's choice, made before it asks us to restore. Where the episode's
audio stood is kept with the place and restored either way (paused)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QTabWidget

from reader.reading_places import Place, ReadingPlaces
from reader.ui.transcript_view import TranscriptView


class AudioPlace(Protocol):
    """The player, as far as places go."""

    def position(self) -> float | None: ...

    def restore(self, seconds: float) -> None: ...


class ReadingPlace:
    def __init__(
        self,
        data_dir: Path,
        view: TranscriptView,
        side: QTabWidget,
        audio: AudioPlace | None = None,
    ) -> None:
        self.places = ReadingPlaces(data_dir)
        self.view = view
        self.side = side
        self.audio = audio
        self._shown: tuple[Path, str] | None = None  # library and episode on screen

    def remember(self) -> None:
        """Store the place of the episode on screen (before it is replaced or the app quits)."""
        if self._shown is None or self.view.episode is None:
            return
        if self.view.episode.id != self._shown[1]:
            return
        offset = self.view.offset_at_top()
        if offset is not None:
            seconds = self.audio.position() if self.audio is not None else None
            self.places.put(*self._shown, Place(offset, self.side.currentIndex(), seconds))

    def shown(self, library: Path, episode_id: str, restore: bool) -> None:
        """A new episode is on screen; with ``restore``, go back to where it was left."""
        self._shown = (library, episode_id)
        place = self.places.get(library, episode_id)
        if place is None:
            return
        if place.audio is not None and self.audio is not None:
            self.audio.restore(place.audio)
        if not restore:
            return
        if 0 <= place.tab < self.side.count():
            self.side.setCurrentIndex(place.tab)
        self.view.jump_to(self.view.position_of(place.offset), fraction=0.0)
