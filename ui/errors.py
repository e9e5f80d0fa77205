"""Showing failures to the user: a clear message in their language, details on request."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from oralman_desk.db.database import DatabaseError
from oralman_desk.i18n import _
from oralman_desk.services.errors import ConflictError, ValidationError


def describe(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        return "\n".join(p.describe() for p in exc.problems)
    if isinstance(exc, ConflictError):
        return _(
            "Someone else changed this record after you opened it. "
            "Close it and open it again to see the changes; nothing was saved."
        )
    if isinstance(exc, DatabaseError):
        return str(exc)
    return _("Something went wrong and nothing was saved: {error}").format(error=exc)


def show_error(parent: QObject | None, exc: BaseException) -> None:
    widget = parent if isinstance(parent, QWidget) else None
    box = QMessageBox(widget)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Oralman Desk"))
    box.setText(describe(exc))
    details = getattr(exc, "__traceback_text__", None)
    if details and not isinstance(exc, ValidationError | ConflictError | DatabaseError):
        box.setDetailedText(details)
    box.exec()
