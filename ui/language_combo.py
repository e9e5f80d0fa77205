"""The interface language chooser used by Settings and by the first-start dialog."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QComboBox, QWidget

from oralman_desk import i18n

from .qt_i18n import is_language_change, set_ui_language

SETTINGS_KEY = "ui/language"

# Each language is named in itself and never translated: someone who cannot read the current
# language must still find their own.
LANGUAGE_NAMES: dict[str, str] = {"kk": "Қазақша", "ru": "Русский"}


class LanguageCombo(QComboBox):
    """Choosing an item switches the whole application at once and remembers the choice."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        for code, name in LANGUAGE_NAMES.items():
            self.addItem(name, code)
        self._sync()
        self.currentIndexChanged.connect(self._apply)

    def language(self) -> str:
        return str(self.currentData())

    def _apply(self, _index: int) -> None:
        lang = self.language()
        self.settings.setValue(SETTINGS_KEY, lang)
        if lang != i18n.current_language():
            set_ui_language(lang)

    def _sync(self) -> None:
        self.blockSignals(True)
        self.setCurrentIndex(max(0, self.findData(i18n.current_language())))
        self.blockSignals(False)

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):  # switched elsewhere (another window, the other combo)
            self._sync()
        super().changeEvent(event)
