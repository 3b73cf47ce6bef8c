"""Preferences: the attribution template used when quotes are copied, added to notes or drawn,
and where the open library's notes are kept (its data folder, or inside the library)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reader.quotes import (
    DEFAULT_TEMPLATE,
    PLACEHOLDERS,
    QuoteInfo,
    plain_text,
    validate_template,
)

SAMPLE = QuoteInfo(
    quote="Awareness is the first big step.",
    speaker="Maya Okafor",
    show="The Delegation Desk",
    title="Stop Taking the Monkey Back",
    number=7,
    timestamp=754.0,
    date="2024-05-14",
)


class PreferencesDialog(QDialog):
    def __init__(
        self, template: str, parent: QWidget | None = None, *, notes_in_library: bool | None = None
    ) -> None:
        """``notes_in_library`` is None when no library is open or it cannot hold notes."""
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.template = QLineEdit(template)
        self.template.setObjectName("quoteTemplate")
        self.template.setAccessibleName("Quote attribution template")
        self.template.textChanged.connect(self._update)
        help_text = QLabel(
            "How copied quotes are attributed. Placeholders: "
            + ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
            + ". Text in [square brackets] is left out when a placeholder inside it is empty, "
            "so missing parts drop out cleanly. Write \\[ and \\] for literal brackets."
        )
        help_text.setWordWrap(True)
        self.preview = QLabel()
        self.preview.setTextFormat(Qt.TextFormat.PlainText)  # the template is the user's
        self.preview.setObjectName("templatePreview")
        self.preview.setWordWrap(True)
        self.problems = QLabel()
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setObjectName("templateProblems")
        self.problems.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        restore = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.clicked.connect(lambda: self.template.setText(DEFAULT_TEMPLATE))
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Quote attribution:"))
        layout.addWidget(self.template)
        layout.addWidget(help_text)
        layout.addWidget(QLabel("Example:"))
        layout.addWidget(self.preview)
        layout.addWidget(self.problems)
        self.notes_in_library = QCheckBox(
            "Keep this library's notes and highlights inside its folder (.episode-reader/notes),"
            " so they sync with it"
        )
        self.notes_in_library.setObjectName("notesInLibrary")
        self.notes_in_library.setChecked(bool(notes_in_library))
        self.notes_in_library.setEnabled(notes_in_library is not None)
        layout.addWidget(self.notes_in_library)
        layout.addWidget(buttons)
        self.resize(620, 280)
        self._update()

    def _update(self) -> None:
        template = self.template.text()
        problems = validate_template(template)
        self.problems.setText("\n".join(problems))
        self.preview.setText(plain_text(SAMPLE, template))
        self.ok_button.setEnabled(bool(template.strip()))

    def value(self) -> str:
        return self.template.text()
