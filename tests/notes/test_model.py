"""Highlights as data: a new one keeps its context and refuses what is not a passage."""

from __future__ import annotations

import re

import pytest

from reader.notes import (
    CONTEXT_CHARS,
    Highlight,
)


def test_highlight_create_keeps_context_and_validates() -> None:
    text = "x" * 100 + "PASSAGE" + "y" * 100
    h = Highlight.create(text, 100, 107, color="blue", tag="t")
    assert (h.text, h.start, h.end, h.color, h.tag) == ("PASSAGE", 100, 107, "blue", "t")
    assert h.before == "x" * CONTEXT_CHARS
    assert h.after == "y" * CONTEXT_CHARS
    assert re.fullmatch(r"[0-9a-f]{32}", h.id)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", h.created)
    assert Highlight.create(text, 0, 3).before == ""
    with pytest.raises(ValueError, match="colour"):
        Highlight.create(text, 0, 3, color="purple")
    with pytest.raises(ValueError, match="no passage"):
        Highlight.create(text, 5, 5)
