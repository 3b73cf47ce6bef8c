"""Patched dialogs: a modal box would block an offscreen test forever, so record them."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from PySide6.QtWidgets import QMessageBox


@dataclass
class DialogLog:
    shown: list[tuple[str, str]] = field(default_factory=list)


@pytest.fixture(autouse=True)
def dialogs(monkeypatch: pytest.MonkeyPatch) -> DialogLog:
    log = DialogLog()

    def record(kind: str):
        def show(_parent, title, text, *_args, **_kwargs):
            log.shown.append((kind, f"{title}: {text}"))
            return QMessageBox.StandardButton.Ok

        return show

    for kind in ("warning", "critical", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, kind, record(kind))
    return log
