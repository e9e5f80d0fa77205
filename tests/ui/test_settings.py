"""Settings page: the language switch, the centre and signature block, the database check."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from oralman_desk import i18n
from oralman_desk.db.models import AuditEntry
from oralman_desk.services.centre import CentreService
from ui.context import AppContext
from ui.settings_page import SettingsPage

from .helpers import message_boxes, shot

__all__ = ["message_boxes"]  # a fixture, used by name


@pytest.fixture(autouse=True)
def _no_message_box(message_boxes: list[str]) -> Iterator[None]:
    yield
    assert not message_boxes, f"unexpected message box: {message_boxes}"


@pytest.fixture
def page(ctx: AppContext, qtbot, wait_idle) -> SettingsPage:  # type: ignore[no-untyped-def]
    p = SettingsPage(ctx)
    qtbot.addWidget(p)
    p.resize(900, 1000)
    p.show()
    wait_idle()  # the centre and the signature block are read in the background
    return p


def test_the_stored_centre_is_shown(page: SettingsPage) -> None:
    assert page.centre.name_ru.text() == "Центр адаптации кандасов города Актау"
    assert page.centre.region.code() == "47"
    assert page.centre.centre_type.currentData() == "caio"
    assert page.save_btn.isEnabled()


def test_switching_to_kazakh_relabels_the_page_at_once_and_is_remembered(
    page: SettingsPage, ctx: AppContext, qtbot
) -> None:  # type: ignore[no-untyped-def]
    region_label = page.centre._labels["region_code"]
    type_combo = page.centre.centre_type
    page.user_name.setText("Айгүл Сейітқали")
    shot(page, "settings-ru")
    before = (region_label.text(), type_combo.currentText())
    assert before == ("Регион:", "Центр адаптации и интеграции кандасов")

    page.language.setCurrentIndex(page.language.findData("kk"))

    assert i18n.current_language() == "kk"
    assert ctx.settings.value("ui/language") == "kk"
    # Qt posts LanguageChange to every window; it is handled at the next turn of the event loop.
    qtbot.waitUntil(lambda: region_label.text() != before[0])
    after = (region_label.text(), type_combo.currentText())
    assert after == ("Өңір:", "Қандастарды бейімдеу және ықпалдастыру орталығы")
    # What the user typed survives the switch; the stored centre is still selected.
    assert page.user_name.text() == "Айгүл Сейітқали"
    assert page.centre.region.code() == "47"
    assert page.centre.region.currentText() == "Маңғыстау облысы"
    shot(page, "settings-kk")

    page.language.setCurrentIndex(page.language.findData("ru"))
    qtbot.waitUntil(lambda: region_label.text() == "Регион:")
    assert ctx.settings.value("ui/language") == "ru"


def test_save_writes_the_centre_and_the_signature_block_and_names_the_writer(
    page: SettingsPage, ctx: AppContext, qtbot, wait_idle
) -> None:  # type: ignore[no-untyped-def]
    page.user_name.setText("Айгүл Сейітқали")
    page.centre.name_ru.setText("Центр адаптации кандасов Мангистауской области")
    page.centre.centre_type.setCurrentIndex(page.centre.centre_type.findData("cvr"))
    page.director.setText("Н. Ержанов")
    page.executor.setText("А. Сейітқали")
    page.phone.setText("+7 7292 50-12-34")
    qtbot.mouseClick(page.save_btn, Qt.MouseButton.LeftButton)
    wait_idle()

    assert page.status.text() == i18n._("Saved.")
    svc = CentreService(ctx.db)
    centre = svc.current()
    assert centre is not None
    assert centre.name_ru == "Центр адаптации кандасов Мангистауской области"
    assert str(centre.centre_type) == "cvr"
    assert svc.get_settings(["report.director", "report.executor", "report.phone"]) == {
        "report.director": "Н. Ержанов",
        "report.executor": "А. Сейітқали",
        "report.phone": "+7 7292 50-12-34",
    }
    assert ctx.settings.value("user/name") == "Айгүл Сейітқали"
    assert ctx.db.user == "Айгүл Сейітқали"
    with ctx.db.read() as s:
        last = s.scalars(
            select(AuditEntry).where(AuditEntry.table_name == "centre").order_by(AuditEntry.at)
        ).all()[-1]
    assert last.user == "Айгүл Сейітқали"


def test_missing_values_are_shown_on_their_fields_and_nothing_is_saved(
    page: SettingsPage, ctx: AppContext, qtbot, wait_idle
) -> None:  # type: ignore[no-untyped-def]
    page.user_name.setText("")
    page.centre.name_kk.setText("  ")
    page.director.setText("Н. Ержанов")
    qtbot.mouseClick(page.save_btn, Qt.MouseButton.LeftButton)
    wait_idle()

    assert page.errors.message("name_kk") == "Введите название центра на казахском языке."
    assert page.centre.name_kk.property("error")
    assert page.errors.message("user_name")
    assert page.errors.message("name_ru") == ""
    assert page.status.text() == ""
    assert CentreService(ctx.db).get_setting("report.director") == ""
    shot(page, "settings-errors-ru")


def test_check_database_shows_its_findings(page: SettingsPage, qtbot, wait_idle) -> None:  # type: ignore[no-untyped-def]
    assert page.db_path.isReadOnly()
    assert page.db_path.text().endswith("centre.db")
    qtbot.mouseClick(page.check_btn, Qt.MouseButton.LeftButton)
    wait_idle()
    lines = page.check_output.toPlainText().splitlines()
    assert page.check_output.isVisible()
    assert lines and all(line.startswith("✓") for line in lines), lines
    assert any("целостност" in line.lower() for line in lines), lines
    shot(page, "settings-check-ru")
