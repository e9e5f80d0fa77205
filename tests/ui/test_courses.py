"""The attendance journal: marking from the keyboard and the mouse, a refused mark put back,
enrolment with the waiting list and completion through the dialogs."""

from __future__ import annotations

import datetime as dt

import pytest
import shiboken6
from PySide6.QtCore import Qt

from oralman_desk.domain import CourseKind, EnrolmentStatus
from oralman_desk.services.courses import CourseInput, CourseService, GroupInput, journal
from oralman_desk.services.intake import IntakeService
from tests.core.helpers import family, person
from ui.context import AppContext
from ui.courses_page import FIXED_COLUMNS, CoursesPage, EnrolDialog, ResultDialog

from .form_helpers import type_text
from .helpers import message_boxes, shot

__all__ = ["message_boxes"]

D = dt.date


def closed(dialog) -> bool:  # type: ignore[no-untyped-def]
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


@pytest.fixture
def group(ctx: AppContext):  # type: ignore[no-untyped-def]
    svc = CourseService(ctx.db)
    course = svc.add_course(
        CourseInput(CourseKind.KAZAKH, "Қазақ тілі (A1)", "Казахский язык (A1)", 72, level="A1")
    )
    gid = svc.add_group(
        GroupInput(course, "ҚТ-A1-03", D(2026, 3, 2), D(2026, 3, 25), [1, 3], 2, "Серікқызы Ә.")
    )
    intake = IntakeService(ctx.db)
    ids = []
    for i, (sn, gn) in enumerate(
        (("Әбілов", "Нұрлан"), ("Омарова", "Сәуле"), ("Сейітов", "Ерлан"))
    ):
        saved = intake.register_household(
            family(person(sn, gn, birth=D(1980 + i, 1, 1))), confirmed_new=True
        )
        ids.append(saved.person_ids[0])
    svc.enrol(gid, ids[0], D(2026, 3, 1))
    svc.enrol(gid, ids[1], D(2026, 3, 1))
    return gid, ids


@pytest.fixture
def page(ctx: AppContext, group, qtbot, wait_idle):  # type: ignore[no-untyped-def]
    p = CoursesPage(ctx)
    qtbot.addWidget(p)
    p.resize(1300, 650)
    p.show()
    wait_idle()
    p.select_group(group[0])
    wait_idle()
    yield p


def test_marks_from_the_keyboard_go_down_the_lesson_column_and_count_hours(
    page: CoursesPage, group, ctx: AppContext, qtbot, wait_idle
) -> None:  # type: ignore[no-untyped-def]
    view = page.journal
    table = view.table
    assert view.model.rowCount() == 2 and view.model.columnCount() == FIXED_COLUMNS + 8
    assert view.model.headerData(FIXED_COLUMNS, Qt.Orientation.Horizontal) == "02.03"
    table.setFocus()
    table.setCurrentIndex(view.model.index(0, FIXED_COLUMNS))
    qtbot.keyClick(table, Qt.Key.Key_Space)  # Нұрлан present, cursor moves to Сәуле
    qtbot.keyClick(table, Qt.Key.Key_Minus)  # Сәуле absent
    wait_idle()
    assert view.model.data(view.model.index(0, FIXED_COLUMNS)) == "✓"
    assert view.model.data(view.model.index(1, FIXED_COLUMNS)) == "н/б"
    assert view.model.data(view.model.index(0, 2)) == "2"  # hours attended
    j = journal(ctx.db, group[0])
    lesson = j.lessons[0].id
    assert [r.marks.get(lesson) for r in j.rows] == [True, False]
    # A click cycles the mark: present → absent.
    rect = table.visualRect(view.model.index(0, FIXED_COLUMNS))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wait_idle()
    assert journal(ctx.db, group[0]).rows[0].marks[lesson] is False
    shot(page, "courses-journal-ru")


def test_a_refused_mark_is_put_back_and_explained(
    page: CoursesPage, group, ctx: AppContext, qtbot, wait_idle, message_boxes: list[str]
) -> None:  # type: ignore[no-untyped-def]
    view = page.journal
    # Enrol a third person late: the lessons before 11 March are not theirs to mark.
    CourseService(ctx.db).drop(
        journal(ctx.db, group[0]).rows[1].enrolment_id, D(2026, 3, 10), "Переезд"
    )
    CourseService(ctx.db).enrol(group[0], group[1][2], D(2026, 3, 11))
    view.load(group[0])
    wait_idle()
    r = next(i for i, row in enumerate(view.model.data_.rows) if row.name.startswith("Сейітов"))  # type: ignore[union-attr]
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(r, FIXED_COLUMNS))
    qtbot.keyClick(view.table, Qt.Key.Key_Space)
    wait_idle()
    assert message_boxes and "после этого занятия" in message_boxes[-1]
    assert view.model.data(view.model.index(r, FIXED_COLUMNS)) == ""


def test_enrolment_waiting_list_and_completion_through_the_dialogs(
    page: CoursesPage, group, ctx: AppContext, qtbot, wait_idle
) -> None:  # type: ignore[no-untyped-def]
    view = page.journal
    dialog = view.enrol()
    assert isinstance(dialog, EnrolDialog)
    type_text(qtbot, dialog.find, "Seitov Erlan")
    qtbot.waitUntil(lambda: dialog.found.count() > 0, timeout=5000)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(dialog), timeout=5000)
    wait_idle()
    statuses = [r.status for r in view.model.data_.rows]  # type: ignore[union-attr]
    assert statuses.count(EnrolmentStatus.WAITING) == 1  # the group has two places
    view.table.setCurrentIndex(view.model.index(0, 0))
    dialog = view.complete()
    assert isinstance(dialog, ResultDialog)
    dialog.date.set_value(D(2026, 3, 25))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert dialog.isVisible() and dialog.fields["certificate_number"].property("error")
    dialog.certificate_number.setText("С-0041")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(dialog), timeout=5000)
    wait_idle()
    assert view.model.data_.rows[0].status is EnrolmentStatus.COMPLETED  # type: ignore[union-attr]


def test_the_certificate_and_the_months_sheet_are_printed_from_the_journal(
    page: CoursesPage, group, ctx: AppContext, qtbot, wait_idle, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from tests.reports.helpers import pdf_text
    from ui import printing

    monkeypatch.setattr(printing, "AUTO_SAVE_DIR", tmp_path)
    view = page.journal
    first = view.model.data_.rows[0]  # type: ignore[union-attr]
    CourseService(ctx.db).complete(first.enrolment_id, D(2026, 3, 25), "С-0041", "жақсы")
    view.load(group[0])
    wait_idle()
    view.table.setCurrentIndex(view.model.index(1, 0))
    assert not view.certificate_button.isEnabled()  # still studying
    view.table.setCurrentIndex(view.model.index(0, 0))
    assert view.certificate_button.isEnabled()
    qtbot.mouseClick(view.certificate_button, Qt.MouseButton.LeftButton)
    certificate = tmp_path / "sertifikat-С-0041.pdf"
    qtbot.waitUntil(certificate.exists, timeout=10000)
    (text,) = pdf_text(certificate)
    assert "СЕРТИФИКАТ № С-0041" in text and "Әбілов Нұрлан" in text

    (march,) = view.sheet_menu.actions()
    assert march.text() == "март 2026 г."
    march.trigger()
    sheet = tmp_path / "tabel-ҚТ-A1-03-2026-03.pdf"
    qtbot.waitUntil(sheet.exists, timeout=10000)
    (text,) = pdf_text(sheet)
    assert "Табель посещаемости — март 2026 г." in text and "Омарова Сәуле" in text
