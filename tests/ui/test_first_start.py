"""First start: the centre is created (or not, on Cancel), with demo data if asked for."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from sqlalchemy import func, select

from oralman_desk import demo, i18n
from oralman_desk.db.database import Database
from oralman_desk.db.models import AuditEntry, Household, Person
from oralman_desk.services.centre import CentreService
from ui import first_start
from ui.first_start import FirstStartDialog
from ui.qt_i18n import set_ui_language

from .helpers import message_boxes, shot

__all__ = ["message_boxes"]  # a fixture, used by name


@pytest.fixture(autouse=True)
def _no_message_box(message_boxes: list[str]) -> Iterator[None]:
    yield
    assert not message_boxes, f"unexpected message box: {message_boxes}"


@pytest.fixture
def fresh_db(tmp_path: Path) -> Iterator[Database]:
    """A new database, as on a computer where the application starts for the first time."""
    db = Database.open(tmp_path / "first.db")
    assert db.centre_id is None
    yield db
    db.close()


@pytest.fixture
def settings(tmp_path: Path, qapp) -> Iterator[QSettings]:  # type: ignore[no-untyped-def]
    set_ui_language("ru")
    yield QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    set_ui_language("ru")


@pytest.fixture
def dialog(fresh_db: Database, settings: QSettings, qtbot, wait_idle) -> FirstStartDialog:  # type: ignore[no-untyped-def]
    dlg = FirstStartDialog(fresh_db, settings)
    qtbot.addWidget(dlg)
    dlg.show()
    wait_idle()  # the region list is read in the background
    return dlg


def fill(dlg: FirstStartDialog) -> None:
    dlg.centre.name_kk.setText("Жаңаөзен қаласының қандастарды бейімдеу орталығы")
    dlg.centre.name_ru.setText("Центр адаптации кандасов города Жанаозен")
    dlg.centre.centre_type.setCurrentIndex(dlg.centre.centre_type.findData("caio"))
    dlg.centre.region.set_code("47")
    dlg.user_name.setText("Гүлнар Оспанова")


def click(qtbot, dlg: FirstStartDialog, button: QDialogButtonBox.StandardButton) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dlg.buttons.button(button), Qt.MouseButton.LeftButton)


def count(db: Database, model: type) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_ok_creates_the_centre_and_remembers_the_staff_member(
    dialog: FirstStartDialog,
    fresh_db: Database,
    settings: QSettings,
    qtbot,
    wait_idle,  # type: ignore[no-untyped-def]
) -> None:
    assert dialog.centre.region.count() > 15
    fill(dialog)
    shot(dialog, "first-start-ru")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        click(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    wait_idle()

    assert dialog.result() == QDialog.DialogCode.Accepted
    centre = CentreService(fresh_db).current()
    assert centre is not None
    assert centre.name_ru == "Центр адаптации кандасов города Жанаозен"
    assert centre.region_code == "47"
    assert settings.value("user/name") == "Гүлнар Оспанова"
    assert settings.value("ui/language") == "ru"
    assert count(fresh_db, Household) == 0  # no demo data unless asked for
    with fresh_db.read() as s:
        users = set(s.scalars(select(AuditEntry.user).where(AuditEntry.table_name == "centre")))
    assert users == {"Гүлнар Оспанова"}
    # Opened again, the database knows its centre.
    again = Database.open(fresh_db.path)
    try:
        assert again.centre_id == fresh_db.centre_id
    finally:
        again.close()


def test_demo_data_fills_the_database_with_a_progress_dialog(
    dialog: FirstStartDialog,
    fresh_db: Database,
    qtbot,
    wait_idle,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    # Hold the generator until the progress dialog has been seen, without sleeping.
    may_run = threading.Event()
    calls: list[tuple[int, int]] = []
    real = demo.generate

    def held(db, families, seed=1, progress=None, **kw):  # type: ignore[no-untyped-def]
        assert may_run.wait(timeout=20)

        def seen(done: int, total: int) -> None:
            calls.append((done, total))
            progress(done, total)

        return real(db, families, seed, seen, **kw)

    monkeypatch.setattr(first_start.demo, "generate", held)
    fill(dialog)
    dialog.demo.setChecked(True)
    assert dialog.demo_families.value() == 300  # the default
    dialog.demo_families.setValue(20)
    shot(dialog, "first-start-demo-ru")
    click(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)

    qtbot.waitUntil(lambda: dialog.progress is not None and dialog.progress.isVisible())
    progress = dialog.progress
    assert progress is not None
    assert progress.maximum() == 20
    assert "20" in progress.labelText()
    shot(progress, "first-start-progress-ru")
    may_run.set()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=20_000)
    wait_idle()

    assert not progress.isVisible()
    assert calls and calls[-1] == (20, 20) and len(calls) > 1  # the bar moved in steps
    assert count(fresh_db, Household) == 20
    assert count(fresh_db, Person) >= 20
    assert dialog.demo_result is not None and dialog.demo_result.families == 20
    assert fresh_db.centre_id is not None


def test_missing_values_are_shown_under_their_fields(
    dialog: FirstStartDialog,
    fresh_db: Database,
    qtbot,
    wait_idle,  # type: ignore[no-untyped-def]
) -> None:
    dialog.centre.name_ru.setText("Центр адаптации кандасов города Жанаозен")
    click(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    wait_idle()

    assert dialog.isVisible()
    assert dialog.errors.message("name_kk") == "Введите название центра на казахском языке."
    assert dialog.errors.message("region_code")
    assert dialog.errors.message("centre_type")
    assert dialog.errors.message("user_name")
    assert dialog.errors.message("name_ru") == ""
    assert dialog.centre.name_kk.property("error")
    shot(dialog, "first-start-errors-ru")
    assert fresh_db.centre_id is None
    assert CentreService(fresh_db).current() is None

    # The language chosen at the top re-labels the dialog and its messages at once.
    ru_label = dialog.centre._labels["region_code"].text()
    ru_message = dialog.errors.message("name_kk")
    dialog.language.setCurrentIndex(dialog.language.findData("kk"))
    qtbot.waitUntil(lambda: dialog.centre._labels["region_code"].text() != ru_label)
    assert i18n.current_language() == "kk"
    assert dialog.centre._labels["region_code"].text() == "Өңір:"
    assert dialog.errors.message("name_kk") != ru_message
    assert dialog.centre.region.count() > 15
    shot(dialog, "first-start-errors-kk")


def test_cancel_leaves_the_database_without_a_centre(
    dialog: FirstStartDialog,
    fresh_db: Database,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    fill(dialog)
    with qtbot.waitSignal(dialog.rejected):
        click(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)
    assert fresh_db.centre_id is None
    assert CentreService(fresh_db).current() is None
    again = Database.open(fresh_db.path)
    try:
        assert again.centre_id is None
    finally:
        again.close()
