"""The player bar under the transcript header: play/pause, back 15 s, forward 30 s, a position
slider with elapsed and total time, speed, volume and the "follow" toggle, plus one line for
what cannot be played and why. Widgets only: ``reader.ui.player_controller`` drives it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QStyle,
    QToolButton,
    QWidget,
)

from reader.util.timefmt import format_time

BACK_SECONDS = 15
FORWARD_SECONDS = 30
SPEEDS = (0.75, 1.0, 1.25, 1.5, 1.75, 2.0)


Icon = QStyle.StandardPixmap


def _button(text: str, name: str, tip: str, icon: Icon | None = None) -> QToolButton:
    """A tool button; media buttons take the style's own icons (a font may lack ⏸ or ⏵)."""
    button = QToolButton()
    button.setText(text)
    button.setAccessibleName(name)
    button.setToolTip(tip)
    if icon is not None:
        button.setIcon(button.style().standardIcon(icon))
        style = Qt.ToolButtonStyle
        button.setToolButtonStyle(
            style.ToolButtonTextBesideIcon if text else style.ToolButtonIconOnly
        )
    return button


class PlayerBar(QWidget):
    play_toggled = Signal()
    skip_requested = Signal(float)  # seconds, negative to go back
    seek_requested = Signal(float)  # seconds from the start
    speed_changed = Signal(float)
    volume_changed = Signal(float)  # 0.0 to 1.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("playerBar")
        self.play_button = _button(
            "", "Play", "Play (Ctrl+Space; Space in the transcript)", Icon.SP_MediaPlay
        )
        self.play_button.clicked.connect(self.play_toggled)
        self.back_button = _button(
            f"{BACK_SECONDS} s",
            "Back 15 seconds",
            "Back 15 s (Alt+Left)",
            Icon.SP_MediaSeekBackward,
        )
        self.back_button.clicked.connect(lambda: self.skip_requested.emit(-BACK_SECONDS))
        self.forward_button = _button(
            f"{FORWARD_SECONDS} s",
            "Forward 30 seconds",
            "Forward 30 s (Alt+Right)",
            Icon.SP_MediaSeekForward,
        )
        self.forward_button.clicked.connect(lambda: self.skip_requested.emit(FORWARD_SECONDS))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setAccessibleName("Playback position")
        self.slider.setRange(0, 0)
        self.slider.sliderReleased.connect(self._slider_released)
        self.slider.sliderMoved.connect(lambda ms: self._show_time(ms / 1000))
        self.slider.actionTriggered.connect(self._slider_action)
        self.time_label = QLabel("0:00 / 0:00")
        self.time_label.setAccessibleName("Elapsed and total time")
        self.speed = QComboBox()
        self.speed.setAccessibleName("Playback speed")
        self.speed.setToolTip("Playback speed")
        for rate in SPEEDS:
            self.speed.addItem(f"{rate:g}×", rate)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.speed.currentIndexChanged.connect(
            lambda i: self.speed_changed.emit(float(self.speed.itemData(i)))
        )
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setAccessibleName("Volume")
        self.volume.setToolTip("Volume")
        self.volume.setRange(0, 100)
        self.volume.setValue(100)
        self.volume.setMaximumWidth(80)
        self.volume.valueChanged.connect(lambda v: self.volume_changed.emit(v / 100))
        self.follow = _button("Follow", "Follow playback", "Keep the line being said in view")
        self.follow.setCheckable(True)
        self.follow.setChecked(True)
        self.message = QLabel()
        self.message.setObjectName("playerMessage")
        self.message.setAccessibleName("Player message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # it names a file: never markup
        self.message.setWordWrap(True)
        self.message.hide()
        self.controls = [
            self.play_button,
            self.back_button,
            self.forward_button,
            self.slider,
            self.time_label,
            self.speed,
            self.volume,
            self.follow,
        ]
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 0, 20, 4)
        for widget in self.controls[:3]:
            layout.addWidget(widget)
        layout.addWidget(self.slider, 1)
        for widget in self.controls[4:]:
            layout.addWidget(widget)
        layout.addWidget(self.message, 1)
        self._duration = 0.0
        self.hide()

    def show_controls(self, enabled: bool, message: str = "") -> None:
        """The controls (``enabled`` or greyed out) with ``message`` beside them, if any."""
        for widget in self.controls:
            widget.setEnabled(enabled)
        self.message.setText(message)
        self.message.setVisible(bool(message))

    def show_message_only(self, message: str) -> None:
        """Just one line (no player here): how to enable it."""
        for widget in self.controls:
            widget.hide()
        self.message.setText(message)
        self.message.show()

    def show_player(self) -> None:
        for widget in self.controls:
            widget.show()

    def set_playing(self, playing: bool) -> None:
        icon = Icon.SP_MediaPause if playing else Icon.SP_MediaPlay
        self.play_button.setIcon(self.play_button.style().standardIcon(icon))
        self.play_button.setAccessibleName("Pause" if playing else "Play")
        self.play_button.setToolTip(
            f"{'Pause' if playing else 'Play'} (Ctrl+Space; Space in the transcript)"
        )

    def set_duration(self, seconds: float) -> None:
        self._duration = max(0.0, seconds)
        self.slider.setRange(0, int(self._duration * 1000))
        self._show_time(self.slider.value() / 1000)

    def set_position(self, seconds: float) -> None:
        if not self.slider.isSliderDown():  # the user is dragging it: leave it in their hand
            self.slider.blockSignals(True)
            self.slider.setValue(int(seconds * 1000))
            self.slider.blockSignals(False)
            self._show_time(seconds)

    def set_speed(self, rate: float) -> None:
        index = self.speed.findData(rate)
        if index >= 0:
            self.speed.setCurrentIndex(index)

    def _show_time(self, seconds: float) -> None:
        total = format_time(self._duration) if self._duration else "–:––"
        self.time_label.setText(f"{format_time(seconds)} / {total}")

    def _slider_released(self) -> None:
        self.seek_requested.emit(self.slider.value() / 1000)

    def _slider_action(self, action: int) -> None:
        """A click on the groove or a key on the slider (not a drag, which seeks on release)."""
        if action != QSlider.SliderAction.SliderMove.value:
            self.seek_requested.emit(self.slider.sliderPosition() / 1000)
