"""Quotes from the open transcript: copied with their attribution (plain text, HTML and
Markdown on the clipboard), added to the episode's notes as a Markdown blockquote whose
attribution links back to the passage (``reader.notes.passage_links``), or saved as a quote
card image. What is quoted is the selection, else the pull quote or highlight under the
cursor (or where the context menu was opened). The clipboard gets no passage links: they
only mean something inside the app."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QMimeData, QObject, QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox, QWidget

from reader.notes.passage_links import make_link
from reader.quotes.attribution import QuoteInfo, pull_quote_info
from reader.quotes.dialogue import (
    Dialogue,
    dialogue_html,
    dialogue_markdown,
    dialogue_plain_text,
    selection_quote,
)
from reader.quotes.render import html as quote_html
from reader.quotes.render import markdown as quote_markdown
from reader.quotes.render import plain_text
from reader.quotes.template import DEFAULT_TEMPLATE
from reader.ui import settings as keys
from reader.ui.notes_controller import NotesController
from reader.ui.quote_card import render_quote_card, save_quote_card
from reader.ui.safe_text import tell
from reader.ui.side_panel import SidePanel
from reader.ui.transcript_view import TranscriptView

log = logging.getLogger(__name__)


class QuoteActions(QObject):
    def __init__(
        self,
        settings: QSettings,
        view: TranscriptView,
        notes: NotesController,
        side: SidePanel,
        window: QMainWindow,
    ) -> None:
        super().__init__(window)
        self.settings = settings
        self.view = view
        self.notes = notes
        self.side = side
        self.window = window  # the parent of dialogs; its status bar says what happened

    def _say(self, message: str, timeout_ms: int) -> None:
        self.window.statusBar().showMessage(message, timeout_ms)

    def template(self) -> str:
        return str(self.settings.value(keys.QUOTE_TEMPLATE, DEFAULT_TEMPLATE)) or DEFAULT_TEMPLATE

    def current(self) -> QuoteInfo | Dialogue | None:
        """The quote the user means: the selection (a dialogue when it spans turns), else the
        pull quote or highlight under the cursor (or where the context menu was opened)."""
        view = self.view
        episode = view.episode
        if episode is None:
            return None
        target = view.quote_target()
        if target is not None and len(target) == 3:
            _span, start, end = target
            return selection_quote(episode, start, end)
        if target is not None:
            return pull_quote_info(episode, target[1])
        span = view.highlight_span(view.action_position())
        return selection_quote(episode, *span) if span is not None else None

    def copy(self) -> bool:
        info = self.current()
        if info is None:
            self._say(
                "Select a passage (or click a pull quote or highlight) to copy a quote.", 5000
            )
            return False
        flavours = quote_flavours(info, self.template())
        put_on_clipboard([flavours])
        if isinstance(info, Dialogue):
            self._say(f"Dialogue copied, each part credited to {info.who()}.", 5000)
        else:
            self._say("Quote copied with its attribution.", 5000)
        return True

    def add_to_notes(self) -> None:
        info = self.current()
        if info is None or self.notes.note is None:
            self._say("Select a passage to add it to your notes.", 5000)
            return
        self.side.setCurrentWidget(self.side.notes)
        template = self.template()
        if isinstance(info, Dialogue):
            self.side.notes.insert_markdown(dialogue_markdown(info, template, self.link_url))
        else:
            self.side.notes.insert_markdown(quote_markdown(info, template, self.link_url))

    def link_url(self, info: QuoteInfo) -> str | None:
        """The URL of a link back to ``info``'s passage in the open episode, if it has one."""
        episode = self.view.episode
        link = make_link(episode, *info.span) if episode is not None and info.span else None
        return link.url() if link is not None else None

    def save_card(self, preset: str = "square") -> None:
        info = self.current()
        if info is None:
            self._say("Select a passage to make a quote card.", 5000)
            return
        save_card_as(self.window, info, preset, self.template())


def quote_flavours(info: QuoteInfo | Dialogue, template: str) -> tuple[str, str, str]:
    """A quote (or dialogue) as plain text, HTML and Markdown, attributed by ``template``."""
    if isinstance(info, Dialogue):
        return (
            dialogue_plain_text(info, template),
            dialogue_html(info, template),
            dialogue_markdown(info, template),
        )
    return plain_text(info, template), quote_html(info, template), quote_markdown(info, template)


def put_on_clipboard(quotes: list[tuple[str, str, str]]) -> None:
    """One or more quotes' flavours on the clipboard, a blank line between quotes."""
    mime = QMimeData()
    mime.setText("\n\n".join(q[0] for q in quotes))
    mime.setHtml("\n".join(q[1] for q in quotes))
    md = "\n\n".join(q[2] for q in quotes)
    mime.setData("text/markdown", QByteArray(md.encode("utf-8")))
    QApplication.clipboard().setMimeData(mime)


def save_card_as(
    window: QMainWindow | QWidget, info: QuoteInfo | Dialogue, preset: str, template: str
) -> Path | None:
    """Ask where, draw the quote card and save it; the file written (None if not)."""
    if isinstance(info, Dialogue):
        # A card credits one speaker; it never puts a second speaker's words under them.
        tell(
            window,
            "No quote card for a dialogue",
            "A quote card shows the words of one speaker, and this selection spans "
            f"{info.who()}. Select one speaker's words to make a card "
            "(Copy Quote copies the whole dialogue, each part credited).",
        )
        return None
    default = Path.home() / f"quote-{preset}.png"
    name, _filter = QFileDialog.getSaveFileName(
        window, "Save Quote as Image", str(default), "PNG image (*.png)"
    )
    if not name:
        return None
    path = Path(name if name.lower().endswith(".png") else f"{name}.png")
    dark = window.palette().base().color().lightness() < 128
    image = render_quote_card(info, preset=preset, dark=dark, template=template)
    try:
        save_quote_card(image, path)
    except OSError as exc:
        tell(window, "Quote card not saved", f"{path}: {exc}", QMessageBox.Icon.Warning)
        return None
    status = window.statusBar() if isinstance(window, QMainWindow) else None
    if status is not None:
        status.showMessage(f"Quote card saved to {path}", 8000)
    return path
