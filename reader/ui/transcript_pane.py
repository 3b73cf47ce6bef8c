"""Middle pane: episode header, collapsible show notes, find bar, transcript and hit indicator."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.model import Episode
from reader.ui.transcript_view import TranscriptView
from reader.util.plural import counted


def _plain_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setAccessibleName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # text from files is never rich text
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class FindBar(QWidget):
    """Find in this episode (Ctrl+F), independent of the library search."""

    changed = Signal(str)
    closed = Signal()
    next_requested = Signal()
    previous_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.edit = QLineEdit()
        self.edit.setObjectName("findBox")
        self.edit.setAccessibleName("Find in episode")
        self.edit.setPlaceholderText("Find in this episode")
        self.edit.textChanged.connect(self.changed)
        self.edit.returnPressed.connect(self.next_requested)
        previous = QToolButton()
        previous.setText("▲")
        previous.setToolTip("Previous match (Shift+F3)")
        previous.setAccessibleName("Previous match")
        previous.clicked.connect(self.previous_requested)
        following = QToolButton()
        following.setText("▼")
        following.setToolTip("Next match (Enter, F3)")
        following.setAccessibleName("Next match")
        following.clicked.connect(self.next_requested)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Close (Esc)")
        close.setAccessibleName("Close find bar")
        close.clicked.connect(self.close_bar)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.edit, self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.addWidget(QLabel("Find:"))
        layout.addWidget(self.edit, 1)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        self.changed.emit(self.edit.text())

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()


class TranscriptPane(QWidget):
    #: Said (in the status bar) when a step went past the last hit or before the first one.
    wrapped = Signal(str)
    next_episode_requested = Signal()  # the button beside the hit counter
    episode_shown = Signal(object)  # the Episode (or None) now on screen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = _plain_label("Episode title")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.meta = _plain_label("Episode details")
        self.notes_toggle = QToolButton()
        self.notes_toggle.setObjectName("showNotesToggle")
        self.notes_toggle.setAccessibleName("Show notes and topics")
        self.notes_toggle.setCheckable(True)
        self.notes_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.notes_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.notes_toggle.setText("Show notes and topics")
        self.notes_toggle.toggled.connect(self._toggle_notes)
        self.notes = _plain_label("Show notes")
        self.notes.hide()

        self.hit_label = QLabel()
        self.hit_label.setObjectName("hitIndicator")
        self.hit_label.setAccessibleName("Search hit position")
        self.previous_hit = QPushButton("Previous")
        self.previous_hit.setAccessibleName("Previous hit")
        self.previous_hit.setToolTip("Previous hit (Shift+F3)")
        self.next_hit = QPushButton("Next")
        self.next_hit.setAccessibleName("Next hit")
        self.next_hit.setToolTip("Next hit (F3)")
        self.next_episode = QPushButton("Next Episode")
        self.next_episode.setObjectName("nextEpisodeWithHits")
        self.next_episode.setAccessibleName("Next episode with hits")
        self.next_episode.setToolTip("Next episode with hits (Ctrl+F3)")
        self.next_episode.clicked.connect(self.next_episode_requested)
        self.next_episode.hide()

        self.find_bar = FindBar()
        self.view = TranscriptView()
        self.view.hit_changed.connect(self._show_hit)
        self.previous_hit.clicked.connect(lambda: self.step_hit(-1))
        self.next_hit.clicked.connect(lambda: self.step_hit(1))
        self.find_bar.changed.connect(self._find)
        self.find_bar.closed.connect(self._find_closed)
        self.find_bar.next_requested.connect(lambda: self.step_hit(1))
        self.find_bar.previous_requested.connect(lambda: self.step_hit(-1))
        self.search_spans: list[tuple[int, int]] = []

        header = QVBoxLayout()
        header.setContentsMargins(24, 12, 24, 4)
        header.addWidget(self.title)
        header.addWidget(self.meta)
        header.addWidget(self.notes_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        header.addWidget(self.notes)
        hits = QHBoxLayout()
        hits.addStretch(1)
        hits.addWidget(self.hit_label)
        hits.addWidget(self.previous_hit)
        hits.addWidget(self.next_hit)
        hits.addWidget(self.next_episode)
        self.hits_row = hits  # the player adds its "Play Hit" here
        header.addLayout(hits)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.view, 1)
        self.show_episode(None, "Choose an episode on the left to read it.")

    def show_episode(self, episode: Episode | None, message: str = "") -> None:
        self.view.show_episode(episode, message)
        self.search_spans = []
        if episode is None:
            self.next_episode.hide()
        has = episode is not None
        self.title.setText(episode.title if episode is not None else "")
        self.title.setVisible(has)
        if episode is not None:
            number = f"Episode {episode.number}" if episode.number is not None else ""
            parts = [number, episode.show, episode.date, ", ".join(episode.speakers)]
            self.meta.setText(" · ".join(p for p in parts if p))
            notes = [episode.description] if episode.description else []
            if episode.topics:
                notes.append("Topics:\n" + "\n".join(f"  • {t}" for t in episode.topics))
            self.notes.setText("\n\n".join(notes))
            self.notes_toggle.setVisible(bool(notes))
        else:
            self.meta.setText("")
            self.notes_toggle.hide()
        self.meta.setVisible(has)
        self.notes.setVisible(has and self.notes_toggle.isChecked() and bool(self.notes.text()))
        self._show_hit(0, 0)
        self.episode_shown.emit(episode)

    def set_search_hits(self, spans: list[tuple[int, int]]) -> None:
        self.search_spans = list(spans)
        if not self.find_bar.isVisible():
            self.view.set_hits(spans)

    def step_hit(self, delta: int) -> None:
        """The next (``delta`` 1) or previous (-1) hit or find match; going round the end of
        the episode says so, as the jump back to the top would otherwise look like a bug."""
        view = self.view
        before = view.current
        if delta > 0:
            view.next_hit()
        else:
            view.previous_hit()
        count = len(view.hits)
        if count < 2 or before < 0:
            return
        kind = "match" if self.find_bar.isVisible() else "hit"
        if delta > 0 and before == count - 1:
            self.wrapped.emit(f"Wrapped to the first {kind}")
        elif delta < 0 and before == 0:
            self.wrapped.emit(f"Wrapped to the last {kind}")

    def show_next_episode_button(self, visible: bool) -> None:
        self.next_episode.setVisible(visible)

    def _toggle_notes(self, on: bool) -> None:
        self.notes_toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.notes.setVisible(on and bool(self.notes.text()))

    def _show_hit(self, current: int, total: int) -> None:
        kind = "match" if self.find_bar.isVisible() else "hit"
        if not total:
            self.hit_label.setText("")
        elif current:
            self.hit_label.setText(f"{kind} {current} of {total}")
        else:
            self.hit_label.setText(counted(total, kind))
        for button in (self.previous_hit, self.next_hit):
            button.setVisible(total > 0)

    def _find(self, text: str) -> None:
        episode = self.view.episode
        if episode is None or not text.strip():
            self.view.set_hits([])
            return
        pattern = re.compile(re.escape(text.strip()), re.IGNORECASE)
        self.view.set_hits([m.span() for m in pattern.finditer(episode.text)])

    def _find_closed(self) -> None:
        self.view.set_hits(self.search_spans, go_to_first=False)
        self.view.setFocus()
