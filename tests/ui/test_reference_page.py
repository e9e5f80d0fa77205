"""Reference data page: adding, validating, replacing from a date, conflicts — on a real database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from sqlalchemy import select

from oralman_desk.db.models import AuditEntry, RefValue
from oralman_desk.services.errors import ConflictError
from oralman_desk.services.reference import ReferenceData, ReferenceService, RefInput
from ui import reference_page
from ui.context import AppContext
from ui.reference_page import ReferencePage, RefValueDialog

from .helpers import message_boxes, shot

__all__ = ["message_boxes"]  # a fixture, used by name


@pytest.fixture(autouse=True)
def _no_message_box(message_boxes: list[str]) -> Iterator[None]:
    yield
    assert not message_boxes, f"unexpected message box: {message_boxes}"


@pytest.fixture
def page(ctx: AppContext, qtbot) -> ReferencePage:  # type: ignore[no-untyped-def]
    p = ReferencePage(ctx)
    qtbot.addWidget(p)
    p.resize(1150, 620)
    p.show()
    return p


def open_dialog(page: ReferencePage, qtbot, button: QPushButton) -> RefValueDialog:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dlg = page.dialog
    assert dlg is not None and dlg.isVisible()
    return dlg


def click_save(qtbot, dlg: RefValueDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(
        dlg.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def codes(page: ReferencePage) -> list[str]:
    return [page.table.item(r, 0).text() for r in range(page.table.rowCount())]


def select_code(page: ReferencePage, code: str) -> None:
    page.table.selectRow(codes(page).index(code))


def test_added_value_appears_in_the_table_and_in_the_database(
    page: ReferencePage,
    ctx: AppContext,
    qtbot,
    wait_idle,  # type: ignore[no-untyped-def]
) -> None:
    page.select_kind("profession")
    before = page.table.rowCount()
    dlg = open_dialog(page, qtbot, page.add_btn)
    qtbot.keyClicks(dlg.code, "drone_operator")
    dlg.name_kk.setText("Ұшқышсыз аппарат операторы")
    dlg.name_ru.setText("Оператор беспилотных аппаратов")
    shot(dlg, "reference-add-dialog-ru")
    click_save(qtbot, dlg)
    qtbot.waitUntil(lambda: page.dialog is None)
    wait_idle()

    assert page.table.rowCount() == before + 1
    row = codes(page).index("drone_operator")
    assert page.table.item(row, 1).text() == "Ұшқышсыз аппарат операторы"
    assert page.table.item(row, 2).text() == "Оператор беспилотных аппаратов"
    assert page.selected() is not None and page.selected().code == "drone_operator"  # type: ignore[union-attr]
    # Offered from the start of the classifier, so old records can use it too.
    assert ctx.ref.exists("profession", "drone_operator", dt.date(2000, 1, 1))
    with ctx.db.read() as s:
        stored = s.scalars(select(RefValue).where(RefValue.code == "drone_operator")).one()
        assert stored.name_ru == "Оператор беспилотных аппаратов"
        logged = s.scalars(select(AuditEntry).where(AuditEntry.record_id == stored.id)).one()
        assert logged.user == "test.worker"
    shot(page, "reference-page-professions-ru")


def test_empty_kazakh_name_is_shown_on_that_field_in_russian(
    page: ReferencePage,
    ctx: AppContext,
    qtbot,
    wait_idle,  # type: ignore[no-untyped-def]
) -> None:
    page.select_kind("profession")
    dlg = open_dialog(page, qtbot, page.add_btn)
    qtbot.keyClicks(dlg.code, "welder_2")
    dlg.name_ru.setText("Сварщик")
    click_save(qtbot, dlg)
    wait_idle()

    message = "Введите наименование на казахском языке."
    assert dlg.isVisible()
    assert dlg.errors.message("name_kk") == message
    assert dlg.name_kk.property("error") == message
    assert dlg.name_kk.toolTip() == message
    assert dlg.errors.message("name_ru") == ""
    assert dlg.name_ru.property("error") == ""
    label = dlg.errors._fields["name_kk"][1]
    assert label.isVisible() and label.text() == message
    shot(dlg, "reference-add-dialog-error-ru")
    with ctx.db.read() as s:
        assert s.scalar(select(RefValue).where(RefValue.code == "welder_2")) is None

    # Corrected, it saves and the mark goes away.
    dlg.name_kk.setText("Дәнекерлеуші")
    click_save(qtbot, dlg)
    qtbot.waitUntil(lambda: page.dialog is None)
    wait_idle()
    assert "welder_2" in codes(page)


def test_replacing_a_region_from_a_date_keeps_the_old_name_until_the_day_before(
    page: ReferencePage,
    ctx: AppContext,
    qtbot,
    wait_idle,  # type: ignore[no-untyped-def]
) -> None:
    page.select_kind("region")
    select_code(page, "47")
    old = page.selected()
    assert old is not None and old.valid_to is None
    dlg = open_dialog(page, qtbot, page.replace_btn)
    assert dlg.code.isReadOnly() and dlg.code.text() == "47"
    start = dt.date(2025, 3, 1)
    dlg.valid_from.set_value(start)
    dlg.name_kk.setText("Маңғыстау облысы (жаңа атауы)")
    dlg.name_ru.setText("Мангистауская область (новое название)")
    assert "28.02.2025" in dlg.intro.text()
    shot(dlg, "reference-replace-dialog-ru")
    click_save(qtbot, dlg)
    qtbot.waitUntil(lambda: page.dialog is None)
    wait_idle()

    ref = ReferenceData.load(ctx.db)
    assert ref.name("region", "47", "ru", on=dt.date(2025, 2, 28)) == old.name_ru
    assert ref.name("region", "47", "ru", on=start) == "Мангистауская область (новое название)"
    with ctx.db.read() as s:
        rows = s.scalars(
            select(RefValue)
            .where(RefValue.kind == "region", RefValue.code == "47")
            .order_by(RefValue.valid_from)
        ).all()
    assert [(r.valid_from, r.valid_to) for r in rows] == [
        (old.valid_from, dt.date(2025, 2, 28)),
        (start, None),
    ]
    assert rows[1].extra == old.extra  # "oblast" kept

    # Only the new value is listed; with the checkbox the old one comes back, greyed.
    assert codes(page).count("47") == 1
    page.show_old.setChecked(True)
    assert codes(page).count("47") == 2
    old_row = next(i for i, it in enumerate(page._shown) if it.id == old.id)
    grey = page.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    assert page.table.item(old_row, 2).foreground().color() == grey
    page.table.scrollToItem(page.table.item(old_row, 0))
    shot(page, "reference-page-regions-history-ru")


def test_replace_before_the_value_started_is_refused_on_the_date_field(
    page: ReferencePage,
    ctx: AppContext,
    qtbot,
    wait_idle,  # type: ignore[no-untyped-def]
) -> None:
    page.select_kind("region")
    select_code(page, "10")  # Abai region, from 08.06.2022
    dlg = open_dialog(page, qtbot, page.replace_btn)
    dlg.valid_from.set_value(dt.date(2020, 1, 1))
    click_save(qtbot, dlg)
    wait_idle()
    assert "08.06.2022" in dlg.errors.message("valid_from")
    assert dlg.valid_from.property("error")


def test_working_age_bounds_edit_the_pension_age(
    page: ReferencePage,
    ctx: AppContext,
    qtbot,
    wait_idle,  # type: ignore[no-untyped-def]
) -> None:
    page.select_kind("working_age")
    assert page.table.columnCount() == 8
    select_code(page, "M")
    dlg = open_dialog(page, qtbot, page.replace_btn)
    assert (dlg.pension_years.value(), dlg.pension_months.value()) == (63, 0)
    dlg.valid_from.set_value(dt.date(2030, 1, 1))
    dlg.pension_years.setValue(64)
    dlg.pension_months.setValue(6)
    dlg.min_years.setValue(16)
    shot(dlg, "reference-working-age-dialog-ru")
    click_save(qtbot, dlg)
    qtbot.waitUntil(lambda: page.dialog is None)
    wait_idle()
    from oralman_desk.identity import Sex

    assert ctx.ref.pension_age_months(Sex.MALE, dt.date(2029, 12, 31)) == 63 * 12
    assert ctx.ref.pension_age_months(Sex.MALE, dt.date(2030, 1, 1)) == 64 * 12 + 6
    shot(page, "reference-page-working-age-ru")


def test_a_new_stay_term_applies_to_stays_that_start_after_it(
    page: ReferencePage, ctx: AppContext, qtbot, wait_idle
) -> None:  # type: ignore[no-untyped-def]
    from oralman_desk.domain import CentreType
    from oralman_desk.services.placement import PlacementService

    page.select_kind("stay_term")
    assert "Срок, месяцев" in [
        page.table.horizontalHeaderItem(c).text() for c in range(page.table.columnCount())
    ]
    select_code(page, "caio")
    dlg = open_dialog(page, qtbot, page.replace_btn)
    assert dlg.term_months.value() == 6
    dlg.valid_from.set_value(dt.date(2030, 1, 1))
    dlg.term_months.setValue(9)
    click_save(qtbot, dlg)
    qtbot.waitUntil(lambda: page.dialog is None)
    wait_idle()
    svc = PlacementService(ctx.db, ctx.ref)
    assert svc.planned_end(CentreType.CAIO, dt.date(2029, 12, 1))[1] == dt.date(2030, 6, 1)
    assert svc.planned_end(CentreType.CAIO, dt.date(2030, 1, 10))[1] == dt.date(2030, 10, 10)


def test_a_value_changed_meanwhile_is_reported_not_overwritten(
    page: ReferencePage, ctx: AppContext, qtbot, wait_idle, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    shown: list[BaseException] = []
    monkeypatch.setattr(reference_page, "show_error", lambda _parent, exc: shown.append(exc))
    page.select_kind("disability")
    select_code(page, "group1")
    item = page.selected()
    assert item is not None
    dlg = open_dialog(page, qtbot, page.edit_btn)
    # Someone else corrects the same value first.
    ReferenceService(ctx.db).update(
        item.id,
        RefInput(
            item.kind, item.code, item.name_kk, "Инвалидность I группы", item.valid_from, None, 10
        ),
        item.version,
    )
    dlg.name_ru.setText("Инвалидность первой группы")
    click_save(qtbot, dlg)
    wait_idle()
    assert len(shown) == 1 and isinstance(shown[0], ConflictError)
    assert dlg.isVisible()
    assert ReferenceData.load(ctx.db).name("disability", "group1", "ru") == (
        "Инвалидность I группы"
    )


def test_filter_folds_kazakh_letters(page: ReferencePage, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.select_kind("region")
    page.filter.setText("актобе")
    assert [page.table.item(r, 1).text() for r in range(page.table.rowCount())] == ["Ақтөбе облысы"]
    assert page.count.text().startswith("1 ")
