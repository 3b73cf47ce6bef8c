"""Result rows get their snippets and match counts when they come into view, and show the
same ones."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QTextDocument

from reader.ui.episode_model import row_html
from reader.ui.workers import FIRST_SNIPPETS

EPISODES = FIRST_SNIPPETS + 25


def write_library(root: Path) -> Path:
    root.mkdir()
    for n in range(1, EPISODES + 1):
        text = f"# Episode {n}: Calm day {n}\n\n**Sam Lee:** Filler words about the week. " * 3
        text += f"\n\n**Ann Bo:** Then marker{n} said the zephyr came over the hill.\n"
        (root / f"ep{n:03}.md").write_text(text, encoding="utf-8")
    return root


def rows_in_view(view) -> list[int]:
    area = QRect(0, 0, view.viewport().width(), view.viewport().height())
    model = view.model()
    return [r for r in range(model.rowCount()) if view.visualRect(model.index(r)).intersects(area)]


def shows_its_snippet(window, row: int) -> bool:
    """Whether the row, as the delegate draws it (``row_html``), shows its own snippet."""
    shown = window.library_pane.model.rows()[row]
    marker = f"marker{int(Path(shown.path).stem.removeprefix('ep'))} said the zephyr"
    doc = QTextDocument()
    doc.setHtml(row_html(shown, searching=True))
    return marker in doc.toPlainText()


def row_text(row) -> str:
    doc = QTextDocument()
    doc.setHtml(row_html(row, searching=True))
    return doc.toPlainText()


def test_rows_in_view_show_snippets_and_later_rows_get_theirs_on_scrolling(ui, tmp_path: Path):
    window = ui.start(write_library(tmp_path / "lib"))
    window.resize(900, 500)
    ui.type_query(window, "zephyr")
    model, view = window.library_pane.model, window.library_pane.list
    assert model.rowCount() == EPISODES
    ui.qtbot.waitUntil(lambda: all(shows_its_snippet(window, r) for r in rows_in_view(view)))
    last = EPISODES - 1
    assert model.rows()[last].snippet_pending  # out of view: not made yet
    assert model.rows()[last].snippet is None
    assert model.rows()[last].matches is None  # nor counted: the row shows no count yet
    assert "match" not in row_text(model.rows()[last])

    view.scrollToBottom()
    ui.qtbot.waitUntil(lambda: last in rows_in_view(view))
    ui.qtbot.waitUntil(lambda: not model.rows()[last].snippet_pending, timeout=5000)
    assert all(shows_its_snippet(window, r) for r in rows_in_view(view))
    assert shows_its_snippet(window, last)
    assert model.rows()[last].matches == 1  # counted as it came into view
    assert "1 match" in row_text(model.rows()[last])
    # Rows that never came into view are still waiting, not made for nothing.
    assert any(row.snippet_pending for row in model.rows())
