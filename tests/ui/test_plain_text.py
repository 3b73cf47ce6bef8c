"""Markup in titles, speakers, show names, file names and notes is shown as the literal text in
every place the window shows it, and nothing it names is loaded."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from reader.model import Episode, Quote, Section, Segment
from reader.notes import NotesStore
from reader.ui.dialogs import ProblemsDialog
from reader.ui.episode_model import PATH_ROLE, ROW_ROLE
from reader.ui.main_window import MainWindow
from reader.ui.notes_panel import OfflineDocument
from reader.ui.preferences import PreferencesDialog
from reader.ui.quote_card import quote_card_layout
from reader.ui.rows import SearchAnswer

if TYPE_CHECKING:
    from .conftest import Driver


def displayed(text: str, text_format: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What Qt shows for ``text``: a label, message box or tooltip renders it as rich text
    when the format says so, or (AutoText) when ``Qt.mightBeRichText`` thinks it is HTML."""
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    )
    if not rich:
        return text
    doc = OfflineDocument()  # so that reading what is shown loads nothing either
    doc.setHtml(text)
    return doc.toPlainText().replace("\u2028", "\n")


def shown_by(label: QLabel) -> str:
    return displayed(label.text(), label.textFormat())


def on_screen(text: str) -> str:
    """What a button or menu item shows: ``&x`` makes x an accelerator, ``&&`` shows ``&``."""
    assert QKeySequence.mnemonic(text).isEmpty(), f"{text!r} makes an accelerator"
    return text.replace("&&", "&")


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Markup everywhere (file names cannot hold "/", so theirs has no closing tags); its
    images point at FIFOs named like images, outside the library (a relative one from the
    current folder, which is theirs)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    for name in ("trap.png", "trap2.png"):
        os.mkfifo(outside / name)
    monkeypatch.chdir(outside)
    mark = (
        f"<h1>Big</h1><img src='{outside / 'trap.png'}'> <img src=trap2.png> "
        "<a href='http://example.invalid/'>link</a> &amp; [*]"
    )
    library = tmp_path / "lib <b>L & <img src=trap2.png> [*]"
    show_folder = library / "Show <i>S &amp;"
    show_folder.mkdir(parents=True)
    speaker = "<b>Eve</b> <img src=trap2.png> &amp;"
    passage = "I say <h1>this</h1> &amp; <img src=trap2.png> that."
    json_name = "ep03 <b>file &amp; <img src=trap2.png>.json"
    (show_folder / json_name).write_text(
        json.dumps(
            {
                "title": f"Episode 3: {mark}",
                "segments": [
                    {"speaker": speaker, "start": 0, "end": 4, "text": passage},
                    {"speaker": "Bob", "start": 4, "end": 6, "text": "Right &lt;b&gt; then."},
                ],
            }
        ),
        encoding="utf-8",
    )
    show = "<b>Evil</b> <img src=trap2.png> Show &amp;"
    front = json.dumps  # a YAML string in double quotes is a JSON string
    (show_folder / "ep01 <h1>name.md").write_text(
        f"---\ntitle: {front(mark)}\nshow: {front(show)}\ndescription: {front(mark)}\n---\n\n"
        "**Mallory:** Hello there, and welcome.\n",
        encoding="utf-8",
    )
    broken = "<h1>broken &amp; <img src=trap2.png>.json"
    (library / broken).write_text('{"segments": [', encoding="utf-8")
    return {
        "library": str(library),
        "outside": str(outside),
        "mark": mark,
        "show": show,
        "speaker": speaker,
        "passage": passage,
        "json": f"{show_folder.name}/{json_name}",
        "md": f"{show_folder.name}/ep01 <h1>name.md",
        "broken": broken,
    }


def test_text_from_files_is_shown_literally_everywhere(
    ui: Driver,
    qtbot: QtBot,
    hostile: dict[str, str],
    dialogs,
    fifo_opens,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
):
    mark, library = hostile["mark"], Path(hostile["library"])
    fifos = [Path(hostile["outside"], name) for name in ("trap.png", "trap2.png")]
    with fifo_opens(fifos) as detector:
        window = ui.start(library)
        check_list(qtbot, window, hostile)
        check_episode(ui, qtbot, window, hostile)
        check_notes_and_conflict(qtbot, window, hostile, dialogs)
        check_quote_card(window, hostile, monkeypatch, tmp_path)
        check_outline_and_pull_quote(window, mark)
        check_library_texts(qtbot, window, hostile, monkeypatch)
        window.grab()  # paint everything once more, where a rich text would load its images
        window.close()
    assert detector.opened == []


def check_list(qtbot: QtBot, window: MainWindow, hostile: dict[str, str]) -> None:
    view = window.library_pane.list
    model = window.library_pane.model
    rows = {model.index(r).data(PATH_ROLE): model.index(r) for r in range(model.rowCount())}
    assert set(rows) == {hostile["json"], hostile["md"]}
    delegate = view.itemDelegate()
    for path, index in rows.items():
        option = QStyleOptionViewItem()
        option.rect = view.visualRect(index)
        option.font = view.font()
        option.palette = view.palette()
        row = index.data(ROW_ROLE)
        doc = delegate._document(option, index)  # what the row paints
        assert row.title == hostile["mark"]
        number = f"{row.number} · " if row.number is not None else ""
        assert doc.toPlainText().startswith(f"{number}<h1>Big</h1><img src='"), path
        # The tooltip, as the view shows it on hovering the row
        centre = view.visualRect(index).center()
        event = QHelpEvent(QEvent.Type.ToolTip, centre, view.viewport().mapToGlobal(centre))
        QApplication.sendEvent(view.viewport(), event)
        tip = next(
            w
            for w in QApplication.topLevelWidgets()
            if w.objectName() == "qtooltip_label" and w.isVisible()
        )
        assert isinstance(tip, QLabel)
        assert shown_by(tip) == f"{number}{hostile['mark']}\n{path}"
    md_row = rows[hostile["md"]]
    assert hostile["show"] in delegate._document(option, md_row).toPlainText()


def check_episode(ui: Driver, qtbot: QtBot, window: MainWindow, hostile: dict[str, str]) -> None:
    window.open_episode(hostile["md"])
    ui.wait_for_episode(window)
    pane = window.transcript
    assert shown_by(pane.title) == hostile["mark"]
    assert hostile["show"] in shown_by(pane.meta)
    assert shown_by(pane.notes) == hostile["mark"]  # the show notes (description)
    window.open_episode(hostile["json"])
    ui.wait_for_episode(window)
    assert shown_by(pane.title) == hostile["mark"]
    assert hostile["speaker"] in shown_by(pane.meta)
    assert window.windowHandle().title() == f"{hostile['mark']} — Episode Reader"
    assert hostile["passage"] in pane.view.toPlainText()


def select(window: MainWindow, phrase: str) -> None:
    view = window.transcript.view
    view.moveCursor(QTextCursor.MoveOperation.Start)
    assert view.find(phrase)  # selects it, as Find would


def check_notes_and_conflict(
    qtbot: QtBot, window: MainWindow, hostile: dict[str, str], dialogs
) -> None:
    select(window, hostile["passage"])
    highlight = window.notes.add_highlight("yellow")
    assert highlight is not None
    window.notes.set_tag(highlight.id, "<b>tag</b> &amp;")
    item = window.side.highlights.item(0)
    assert item.text().startswith(f"“{hostile['passage']}”  #<b>tag</b> &amp;")
    assert displayed(item.toolTip()) == hostile["passage"]
    editor = window.side.notes.editor
    editor.setFocus()
    qtbot.keyClicks(editor, "<h1>my</h1> note &amp;")
    assert window.notes.save()
    qtbot.keyClicks(editor, " and more")  # unsaved, when the file changes outside
    path = NotesStore(window.paths.data, window.library).note_path(hostile["json"])
    path.write_text(path.read_text(encoding="utf-8").replace("note", "NOTE"), "utf-8")
    qtbot.waitUntil(lambda: bool(dialogs.shown), timeout=5000)
    ((kind, text),) = dialogs.shown
    (text_format,) = dialogs.formats
    assert kind == "information"
    assert "Both versions are kept" in text
    assert f"“{hostile['mark']}”" in displayed(text, text_format)
    assert displayed(text, text_format) == text


def check_quote_card(
    window: MainWindow,
    hostile: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    select(window, hostile["passage"])
    info = window.current_quote()
    assert info is not None
    assert (info.speaker, info.title) == (hostile["speaker"], hostile["mark"])
    layout = quote_card_layout(info)  # the card draws these strings with QPainter, as text
    assert layout.block("speaker").text == hostile["speaker"]
    assert layout.block("details").text.startswith("Episode 3: <h1>Big</h1><img")  # elided
    assert layout.block("quote").text == hostile["passage"]
    card = tmp_path / "card.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(card), ""))
    window.save_quote_card("square")
    assert card.stat().st_size > 0


def check_outline_and_pull_quote(window: MainWindow, mark: str) -> None:
    """Headings and pull quotes of the outline, and the pull quote's tooltip."""
    body = f"Before. {mark} After."
    episode = Episode(
        id="x.txt",
        source=Path("x.txt"),
        format="text",
        title=mark,
        sections=[Section(mark, [Segment(body, speaker=mark)])],
        quotes=[Quote(mark, speaker=mark)],
    )
    episode.quotes[0].start = episode.text.index(body) + len("Before. ")
    episode.quotes[0].end = episode.quotes[0].start + len(mark)
    window.transcript.show_episode(episode)
    window.side.show_episode(episode)
    outline = window.side.outline
    shown = [(outline.item(i).text(), displayed(outline.item(i).toolTip())) for i in range(2)]
    assert shown == [(mark, mark), (f"“{mark}”", f"“{mark}”")]
    tips = [s.format.toolTip() for s in window.transcript.view.extraSelections()]
    assert [displayed(t) for t in tips if t] == [f"Pull quote — {mark}"]


def check_library_texts(
    qtbot: QtBot, window: MainWindow, hostile: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    library = hostile["library"]
    assert library in shown_by(window.count_label)
    assert shown_by(window.library_pane.count_label) == "2 episodes"
    # Library problems: the intro names the folder, the table the file
    assert window.problems_button.isVisible()
    dialogs: list[ProblemsDialog] = []
    monkeypatch.setattr(ProblemsDialog, "exec", lambda self: dialogs.append(self) or 0)
    qtbot.mouseClick(window.problems_button, Qt.MouseButton.LeftButton)
    (dialog,) = dialogs
    intro = next(label for label in dialog.findChildren(QLabel) if label.text())
    assert shown_by(intro).startswith(f"1 file in {library} could not be read.")
    assert dialog.table.item(0, 0).text() == hostile["broken"]
    # Did you mean, from the index's words: the button shows it and applies it as written
    suggestion = "R&D <b>x</b>"
    window.library_pane.show_answer(SearchAnswer(1, "r&e", 0, suggestion, []), False)
    button = window.library_pane.suggestion
    assert on_screen(button.text()) == f"Did you mean: {suggestion}?"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    assert window.library_pane.query() == suggestion
    # The recent libraries menu and the empty-library message name the folder
    window._fill_recent()
    assert on_screen(window.recent_menu.actions()[0].text()) == library
    window.library_pane.show_empty_library(f"No transcripts in {library} yet.")
    assert shown_by(window.library_pane.empty_label) == f"No transcripts in {library} yet."
    # The attribution template is the user's own text; its preview shows it as typed
    prefs = PreferencesDialog("<img src=trap2.png> <b>{title}</b>", window)
    assert shown_by(prefs.preview).startswith("<img src=trap2.png> <b>")
    prefs.close()
