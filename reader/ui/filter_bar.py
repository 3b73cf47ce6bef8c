"""Filters beside the search box: show, speaker and year, each a drop-down that names how
many of the listed episodes each value has. They narrow the list together with the search,
and the window remembers them (``remembered``/``remember``) across restarts. A drop-down's
list is as wide as its longest value (up to most of the screen; longer ones are cut in the
middle, keeping the count) and each value's full text is its tooltip.
"""

from __future__ import annotations

import json
import logging

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from reader.search.filters import FacetCounts, Filters
from reader.ui.safe_text import tooltip

log = logging.getLogger(__name__)

FILTERS_KEY = "search/filters"
#: (the part of ``Filters``, what the drop-down says when it does not narrow the list)
PARTS = (("show", "All shows"), ("speaker", "Any speaker"), ("year", "Any year"))
#: The widest a drop-down's list grows, as a share of the screen's width.
POPUP_SCREEN_SHARE = 0.8


class FilterBox(QComboBox):
    """A drop-down whose list fits its values: long show names are not cut off."""

    def add_value(self, text: str, value: str) -> None:
        self.addItem(text, value)
        self.setItemData(self.count() - 1, tooltip(text), Qt.ItemDataRole.ToolTipRole)

    def popup_width(self) -> int:
        """The list's width: its widest value, between the box's width and the cap."""
        view = self.view()
        metrics = view.fontMetrics()
        widest = max((metrics.horizontalAdvance(self.itemText(i)) for i in range(self.count())),
                     default=0)  # fmt: skip
        frame = 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width()
        wanted = widest + frame + 4 * metrics.averageCharWidth()  # item margins, a little air
        screen = self.screen().availableGeometry().width() if self.screen() else wanted
        return max(self.width(), min(wanted, int(screen * POPUP_SCREEN_SHARE)))

    def showPopup(self) -> None:
        self.view().setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keeps the "(count)"
        self.view().setMinimumWidth(self.popup_width())
        super().showPopup()


class FilterBar(QWidget):
    changed = Signal()  # the user picked another value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, FilterBox] = {}
        for part, everything in PARTS:
            box = FilterBox()
            box.setObjectName(f"{part}Filter")
            box.setAccessibleName(f"Filter by {part}")
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(3)
            box.add_value(everything, "")
            box.activated.connect(lambda _index: self.changed.emit())
            box.currentTextChanged.connect(
                lambda text, box=box: box.setToolTip(tooltip(text))  # the whole value
            )
            layout.addWidget(box, 1)
            self.boxes[part] = box

    def filters(self) -> Filters:
        values = {part: box.currentData() or None for part, box in self.boxes.items()}
        return Filters(**values)

    def set_filters(self, filters: Filters) -> None:
        """Select ``filters`` (remembered ones: their counts come with the next answer)."""
        for part, box in self.boxes.items():
            value = getattr(filters, part)
            if value and box.findData(value) < 0:
                box.add_value(f"{value} (0)", value)
            box.setCurrentIndex(max(box.findData(value or ""), 0))

    def show_counts(self, counts: FacetCounts) -> None:
        """List each show, speaker and year with its count; a chosen value stays listed
        (with 0) so the user sees what narrows the list and can take it off."""
        chosen = self.filters()
        for part, values in (("show", counts.shows), ("speaker", counts.speakers),
                             ("year", counts.years)):  # fmt: skip
            box = self.boxes[part]
            current = getattr(chosen, part)
            box.blockSignals(True)
            while box.count() > 1:
                box.removeItem(1)
            listed = dict(values)
            if current and current not in listed:
                listed[current] = 0
            for value, count in listed.items():
                box.add_value(f"{value} ({count})", value)
            box.setCurrentIndex(max(box.findData(current or ""), 0))
            box.blockSignals(False)
            box.setToolTip(tooltip(box.currentText()))


def remembered(settings: QSettings) -> Filters:
    """The filters the window had when it closed; none if the setting is unreadable."""
    try:
        return Filters.from_dict(json.loads(str(settings.value(FILTERS_KEY, "{}"))))
    except ValueError:
        log.warning("ignoring unreadable %s in %s", FILTERS_KEY, settings.fileName())
        return Filters()


def remember(settings: QSettings, filters: Filters) -> None:
    settings.setValue(FILTERS_KEY, json.dumps(filters.as_dict(), ensure_ascii=False))
