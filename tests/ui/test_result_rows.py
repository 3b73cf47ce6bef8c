"""The episode list's search rows, as drawn: a row ranked for its title says so and shows it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QStyleOptionViewItem

from reader.ui.episode_model import ROW_ROLE


def drawn(window, row: int) -> QTextDocument:
    """The rich text the list's delegate paints for ``row``."""
    view = window.library_pane.list
    index = view.model().index(row)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(index)
    return view.itemDelegate()._document(option, index)


def write_library(root: Path, episodes: dict[str, str]) -> Path:
    root.mkdir()
    for name, text in episodes.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def underlined(doc: QTextDocument) -> list[str]:
    words, block = [], doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().fontUnderline():
                words.append(fragment.text())
            it += 1
        block = block.next()
    return words


def test_a_title_only_match_says_in_the_title_and_marks_it(ui, tmp_path: Path):
    library = {
        "ep01-title.md": "# Episode 1: Onboarding Zephyr\n\n**Maya Okafor:** We spoke of budgets.",
        "ep02-body.md": "# Episode 2: Windy Days\n\n**Sam Lee:** " + "The zephyr came again. " * 20,
    }
    window = ui.start(write_library(tmp_path / "lib", library))
    ui.type_query(window, "zephyr")
    rows = {window.library_pane.model.index(i).data(ROW_ROLE).path: i for i in range(2)}
    title_row = drawn(window, rows["ep01-title.md"])
    text = title_row.toPlainText()
    assert "1 match" in text
    assert "0 matches" not in text
    assert "in the title" in text
    # The snippet line is the title, with the word marked (the title line itself is bold,
    # not underlined).
    assert underlined(title_row) == ["Zephyr"]
    assert text.splitlines()[-1] == "Onboarding Zephyr"
    body_row = drawn(window, rows["ep02-body.md"])
    assert "in the title" not in body_row.toPlainText()
    assert "20 matches" in body_row.toPlainText()
    window.close()


def test_f3_steps_from_place_to_place_for_two_words_that_stand_together(ui, qtbot, tmp_path):
    roles = (
        "# Episode 1: Roles\n\n**Sam Lee:** An individual performer grows. Later the"
        " performer spoke, and one individual listened. Every individual performer counts.\n"
    )
    window = ui.start(write_library(tmp_path / "lib", {"ep01-roles.md": roles}))
    ui.type_query(window, "individual performer")
    (row,) = [window.library_pane.model.index(0).data(ROW_ROLE)]
    assert row.matches == 4
    ui.open_first(window)
    view = window.transcript.view
    text = view.episode.text
    assert [text[s:e] for s, e in view.hits] == [
        "individual performer",
        "performer",
        "individual",
        "individual performer",
    ]
    assert window.transcript.hit_label.text() == "hit 1 of 4"
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F3)
    assert window.transcript.hit_label.text() == "hit 2 of 4"
    assert view.offset_of(view.textCursor().position()) == view.hits[1][0]
    window.close()


def test_a_row_shows_the_passage_densest_in_hits_not_the_first_mention(ui, tmp_path: Path):
    filler = "We talked about budgets and the quarter ahead. " * 12
    dense = "The zephyr rose, a zephyr fell, and the zephyr turned once more."
    text = (
        f"# Episode 1: Winds\n\n**Sam Lee:** A zephyr, once. {filler}\n\n"
        f"**Ann Bo:** {filler}\n\n**Sam Lee:** {dense} {filler}\n"
    )
    window = ui.start(write_library(tmp_path / "lib", {"ep01-winds.md": text}))
    ui.type_query(window, "zephyr")
    shown = drawn(window, 0).toPlainText()
    assert "4 matches" in shown
    assert "zephyr rose, a zephyr fell, and the zephyr turned" in shown
    assert "A zephyr, once" not in shown
    window.close()
