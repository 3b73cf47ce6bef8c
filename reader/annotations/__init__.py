"""Everything the user marked, across the library: highlights and pull quotes as one list of
``Mark``s (``collect``), filtered and ordered (``filtering``), and exported as Markdown
(``export``). No Qt here: the annotations browser (``reader.ui.annotations_view``) and the
tests use it directly.
"""

from __future__ import annotations

from reader.annotations.collect import LibraryMarks, collect_marks
from reader.annotations.filtering import KINDS, MarkFilter, filter_marks, ordered
from reader.annotations.marks import HIGHLIGHT, PULL_QUOTE, Mark

__all__ = [
    "HIGHLIGHT",
    "KINDS",
    "PULL_QUOTE",
    "LibraryMarks",
    "Mark",
    "MarkFilter",
    "collect_marks",
    "filter_marks",
    "ordered",
]
