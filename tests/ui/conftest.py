"""UI fixtures: a real database copy, an AppContext, Qt offscreen (set in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings

from oralman_desk.db.database import Database
from ui import worker
from ui.context import AppContext
from ui.qt_i18n import set_ui_language


@pytest.fixture
def ctx(db: Database, tmp_path, qapp) -> Iterator[AppContext]:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    set_ui_language("ru")
    context = AppContext(db, settings)
    yield context
    set_ui_language("ru")


@pytest.fixture
def wait_idle(qtbot):  # type: ignore[no-untyped-def]
    """Wait until every background operation has delivered its result."""

    def wait(timeout: int = 10_000) -> None:
        qtbot.waitUntil(lambda: worker.pending() == 0, timeout=timeout)

    return wait
