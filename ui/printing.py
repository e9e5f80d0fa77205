"""Saving a printable document: ask where, render on a worker thread, open it for printing.

Every printout (the list of residents, a certificate, a referral letter, the reports) goes through
``save_and_open``: the PDF is written by ``reports`` (no Qt there) off the UI thread, then handed to
the system's PDF viewer, from which staff print as they are used to.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from oralman_desk.i18n import _

from .worker import Op

#: Set by tests: where to write instead of asking, and whether to open the file afterwards.
AUTO_SAVE_DIR: Path | None = None


def save_and_open(
    parent: QWidget,
    default_name: str,
    render: Callable[[Path], object],
    done: Callable[[Path], None] | None = None,
    *,
    title: str | None = None,
    file_filter: str = "PDF (*.pdf)",
) -> None:
    """Ask where to save (``title``, ``file_filter``: a PDF by default), write the file with
    ``render`` on a worker, then open it."""
    if AUTO_SAVE_DIR is not None:
        path = AUTO_SAVE_DIR / default_name
    else:
        chosen, _filter = QFileDialog.getSaveFileName(
            parent, title or _("Save as PDF"), str(Path.home() / default_name), file_filter
        )
        if not chosen:
            return
        path = Path(chosen)

    def work() -> Path:
        render(path)
        return path

    def finished(result: object) -> None:
        saved = Path(str(result))
        if done is not None:
            done(saved)
        if AUTO_SAVE_DIR is None and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(saved))):
            QMessageBox.information(parent, _("Saved"), _("Saved: {path}").format(path=saved))

    Op(parent, work).success(finished).run()
