"""Switching the language of the whole window at run time.

``set_ui_language`` changes the gettext language and reinstalls Qt's own translator
(``qtbase_kk.qm`` / ``qtbase_ru.qm`` from the PySide6 wheel), which makes Qt send every widget a
``LanguageChange`` event. Our widgets answer it in ``changeEvent`` by calling ``retranslate()``, which
only re-labels: what the user typed stays.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from oralman_desk import i18n

_translators: list[QTranslator] = []

LOCALES = {
    "kk": QLocale(QLocale.Language.Kazakh, QLocale.Country.Kazakhstan),
    "ru": QLocale(QLocale.Language.Russian, QLocale.Country.Kazakhstan),
}


def qt_translations_dir() -> Path:
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def set_ui_language(lang: str) -> None:
    i18n.set_language(lang)
    app = QApplication.instance()
    QLocale.setDefault(LOCALES[i18n.current_language()])
    if app is None:
        return
    for tr in _translators:
        app.removeTranslator(tr)
    _translators.clear()
    tr = QTranslator(app)
    if tr.load(f"qtbase_{i18n.current_language()}", str(qt_translations_dir())):
        app.installTranslator(tr)
        _translators.append(tr)
    else:
        # No Qt catalogue: still tell every widget to re-label itself.
        for w in QApplication.allWidgets():
            QApplication.sendEvent(w, QEvent(QEvent.Type.LanguageChange))


def is_language_change(event: QEvent) -> bool:
    return event.type() == QEvent.Type.LanguageChange


class Retranslatable:
    """Mixin for widgets: implement ``retranslate()``; it runs on every language switch."""

    def retranslate(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]
