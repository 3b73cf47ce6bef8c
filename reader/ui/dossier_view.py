"""The topic dossier window: every moment the query was discussed, each a click away.

Moments are listed in a text browser, grouped by episode or speaker, the query's words
bold and the user's highlights marked inline; a moment is a link (click it, or Tab to it
and press Enter) that opens the episode at that passage. The page is HTML we write, with
every piece of file text escaped. "Copy as Briefing" puts plain text, Markdown and HTML on
the clipboard, attributed with the Copy Quote template; "Export…" writes the Markdown.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.research import briefing
from reader.research.dossier import BY_EPISODE, BY_SPEAKER, FIRST_EPISODES, Dossier, Moment
from reader.ui.research_clipboard import put_on_clipboard
from reader.ui.safe_text import plain_label, tell
from reader.ui.transcript_formats import HIGHLIGHT_TINTS
from reader.util.atomic import atomic_write_text
from reader.util.timefmt import format_time

log = logging.getLogger(__name__)

#: The links of the page: ``moment:3`` is the fourth moment of ``DossierView.moments``.
LINK_SCHEME = "moment"


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def moment_html(moment: Moment) -> str:
    """One moment's text, query words bold and highlights marked; file text escaped."""
    tint = HIGHLIGHT_TINTS["yellow"]
    return briefing.marked(
        moment,
        _esc,
        "<b>{}</b>",
        f"<span style='background-color:{tint}; color:#000'>{{}}</span>",
    )


def page_html(dossier: Dossier) -> str:
    """The dossier as the view shows it: a heading per group, a link per moment (the
    summary stands under the page, in the status line)."""
    parts = [] if dossier.total else [f"<p>{_esc(briefing.summary(dossier))}</p>"]
    number = 0
    for group in dossier.groups:
        parts.append(f"<h3>{_esc(briefing.group_heading(group, dossier.by))}</h3>")
        if detail := briefing.group_detail(group, dossier.by):
            parts.append(f"<p style='color:gray'>{_esc(detail)}</p>")
        for moment in group.moments:
            when = format_time(moment.start) if moment.start is not None else ""
            who = moment.speaker or ""
            if dossier.by == BY_SPEAKER:
                who = moment.title
            label = " · ".join(part for part in (when, who) if part) or "▸"
            notes = "".join(f"<br><i>Note: {_esc(note)}</i>" for note in moment.notes)
            parts.append(
                f"<p><a href='{LINK_SCHEME}:{number}' style='text-decoration:none'>"
                f"<b>{_esc(label)}</b></a> {moment_html(moment)}{notes}</p>"
            )
            number += 1
    return "\n".join(parts)


class DossierView(QDialog):
    """A window of its own beside the reader (not modal: read the dossier, open moments)."""

    #: (query, grouping, episodes or 0 for all) the user asks for; the owner builds the
    #: dossier off the GUI thread.
    wanted = Signal(str, str, int)
    #: (episode path, start, end) of a moment the user opened.
    open_requested = Signal(str, int, int)

    def __init__(self, template: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dossierView")
        self.setWindowTitle("Topic Dossier")
        self.template = template  # the Copy Quote template, as Preferences has it now
        self.dossier: Dossier | None = None
        self.moments: list[Moment] = []

        self.query_box = QLineEdit()
        self.query_box.setObjectName("dossierQuery")
        self.query_box.setPlaceholderText("A topic, as in the search box: “delegation”, silence…")
        self.query_box.setClearButtonEnabled(True)
        self.query_box.returnPressed.connect(lambda: self.ask())
        self.grouping = QComboBox()
        self.grouping.setObjectName("dossierGrouping")
        self.grouping.addItem("By episode", BY_EPISODE)
        self.grouping.addItem("By speaker", BY_SPEAKER)
        self.grouping.currentIndexChanged.connect(lambda _index: self.ask())
        self.status = plain_label(name="dossierStatus")
        self.browser = QTextBrowser()
        self.browser.setObjectName("dossierBrowser")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._open_link)
        self.copy_button = QPushButton("&Copy as Briefing")
        self.copy_button.setObjectName("dossierCopy")
        self.copy_button.clicked.connect(self.copy_briefing)
        self.export_button = QPushButton("&Export…")
        self.export_button.setObjectName("dossierExport")
        self.export_button.clicked.connect(self.export)
        self.all_button = QPushButton("Show &All")
        self.all_button.setObjectName("dossierShowAll")
        self.all_button.clicked.connect(lambda: self.ask(everything=True))
        self.all_button.hide()

        top = QHBoxLayout()
        top.addWidget(QLabel("Topic:"))
        top.addWidget(self.query_box, 1)
        top.addWidget(self.grouping)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)
        self.resize(760, 640)
        self._set_enabled(False)

    def by(self) -> str:
        return str(self.grouping.currentData())

    def start(self, query: str) -> None:
        """Show the window for ``query`` (the search box's), or ask for a topic."""
        self.query_box.setText(query)
        self.show()
        self.raise_()
        self.activateWindow()
        if query.strip():
            self.ask()
            self.browser.setFocus()
        else:
            self.query_box.setFocus()

    def ask(self, everything: bool = False) -> None:
        """Gather the moments of the box's topic: in the best ``FIRST_EPISODES`` episodes,
        or in ``everything`` that matched."""
        query = self.query_box.text()
        if not query.strip():
            self.status.setText("Type a topic to see every moment it was discussed.")
            return
        self.status.setText("Gathering every moment…")
        self.wanted.emit(query, self.by(), 0 if everything else FIRST_EPISODES)

    def show_dossier(self, dossier: Dossier | None, problem: str = "") -> None:
        if dossier is None:
            self.status.setText(problem)
            return
        self.dossier = dossier
        self.moments = [m for group in dossier.groups for m in group.moments]
        self.browser.setHtml(page_html(dossier))
        self.status.setText(briefing.summary(dossier))
        self._set_enabled(bool(self.moments))
        self.all_button.setText(f"Show &All {dossier.matched_episodes} Episodes")
        self.all_button.setVisible(not dossier.complete)

    def _set_enabled(self, on: bool) -> None:
        self.copy_button.setEnabled(on)
        self.export_button.setEnabled(on)

    def _open_link(self, url: QUrl) -> None:
        if url.scheme() != LINK_SCHEME:
            return
        try:
            moment = self.moments[int(url.path())]
        except (ValueError, IndexError):
            return
        self.open_requested.emit(moment.path, moment.offset, moment.offset + len(moment.text))

    def copy_briefing(self) -> None:
        if self.dossier is None:
            return
        template = self.template()
        put_on_clipboard(
            briefing.plain_text(self.dossier, template),
            briefing.html(self.dossier, template),
            briefing.markdown(self.dossier, template),
        )
        self.status.setText(f"Briefing copied: {briefing.summary(self.dossier)}")

    def export(self) -> None:
        if self.dossier is None:
            return
        stem = "".join(c if c.isalnum() else "-" for c in self.dossier.query).strip("-")
        default = Path.home() / f"dossier-{stem or 'topic'}.md"
        name, _filter = QFileDialog.getSaveFileName(
            self, "Export Dossier", str(default), "Markdown (*.md)"
        )
        if not name:
            return
        path = Path(name if name.lower().endswith(".md") else f"{name}.md")
        try:
            atomic_write_text(path, briefing.markdown(self.dossier, self.template()))
        except OSError as exc:
            tell(self, "Dossier not exported", f"{path}: {exc}", QMessageBox.Icon.Warning)
            return
        self.status.setText(f"Dossier exported to {path}")
