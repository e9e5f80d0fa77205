"""Courses: lessons inside the group's dates, the waiting list, attendance hours, completion only
for the enrolled, and the family card's view of it."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from oralman_desk.db.database import Database
from oralman_desk.domain import CourseKind, EnrolmentStatus
from oralman_desk.services.courses import (
    CourseInput,
    CourseService,
    GroupInput,
    groups,
    household_studies,
    journal,
    lesson_days,
)
from oralman_desk.services.errors import ValidationError
from oralman_desk.services.intake import IntakeService

from .helpers import family, person

D = dt.date


def people(db: Database, n: int) -> list[uuid.UUID]:
    names = ["Нұрлан", "Бауыржан", "Ерлан", "Дәулет", "Асхат", "Мұрат"]
    out = []
    for i in range(n):
        saved = IntakeService(db).register_household(
            family(person("Әбілов", names[i], birth=D(1980 + i, 1, 1))), confirmed_new=True
        )
        out.append(saved.person_ids[0])
    return out


def kazakh_group(db: Database, capacity: int = 2) -> uuid.UUID:
    svc = CourseService(db)
    course = svc.add_course(
        CourseInput(CourseKind.KAZAKH, "Қазақ тілі (A1)", "Казахский язык (A1)", 72, level="A1")
    )
    # Mondays and Wednesdays, 2 to 25 March 2026: 8 lessons.
    return svc.add_group(
        GroupInput(
            course, "ҚТ-A1-03", D(2026, 3, 2), D(2026, 3, 25), [1, 3], capacity, "Серікқызы Ә."
        )
    )


def test_lessons_follow_the_weekly_schedule() -> None:
    days = lesson_days(D(2026, 3, 2), D(2026, 3, 25), [1, 3])
    assert days[:3] == [D(2026, 3, 2), D(2026, 3, 4), D(2026, 3, 9)] and len(days) == 8


def test_a_full_group_puts_newcomers_on_the_waiting_list_and_moves_them_up(db: Database) -> None:
    gid = kazakh_group(db, capacity=2)
    a, b, c = people(db, 3)
    svc = CourseService(db)
    assert svc.enrol(gid, a, D(2026, 3, 1))[1] is EnrolmentStatus.ENROLLED
    eb, _ = svc.enrol(gid, b, D(2026, 3, 1))
    ec, status = svc.enrol(gid, c, D(2026, 3, 1))
    assert status is EnrolmentStatus.WAITING
    with pytest.raises(ValidationError) as exc:
        svc.enrol(gid, a, D(2026, 3, 2))
    assert "уже в этой группе" in exc.value.problems[0].message("ru")
    assert svc.drop(eb, D(2026, 3, 10), "Переехал в другой регион") == ec
    (g,) = groups(db)
    assert (g.enrolled, g.waiting) == (2, 0)


def test_attendance_stays_inside_the_group_and_counts_hours(db: Database) -> None:
    gid = kazakh_group(db)
    (a,) = people(db, 1)
    svc = CourseService(db)
    ea, _ = svc.enrol(gid, a, D(2026, 3, 3))
    j = journal(db, gid)
    assert len(j.lessons) == 8
    first, second, third = j.lessons[:3]
    with pytest.raises(ValidationError) as exc:
        svc.mark(first.id, ea, True)  # 2 March: before the person was enrolled
    assert "после этого занятия" in exc.value.problems[0].message("ru")
    svc.mark(second.id, ea, True)
    svc.mark(third.id, ea, False)
    svc.mark(third.id, ea, True)  # corrected
    with pytest.raises(ValidationError) as exc:
        svc.add_lesson(gid, D(2026, 4, 1), 2)
    assert "после его окончания" in exc.value.problems[0].message("ru")
    svc.add_lesson(gid, D(2026, 3, 14), 3)  # a Saturday make-up lesson
    j = journal(db, gid)
    (row,) = j.rows
    assert row.hours_attended(j.lessons) == 4.0
    assert len(j.lessons) == 9


def test_a_lesson_in_the_future_is_not_marked(db: Database) -> None:
    svc = CourseService(db)
    course = svc.add_course(CourseInput(CourseKind.COMPUTER, "Компьютер", "Компьютер", 36))
    today = dt.date.today()
    gid = svc.add_group(
        GroupInput(
            course,
            "IT-1",
            today - dt.timedelta(days=7),
            today + dt.timedelta(days=30),
            list(range(1, 8)),
            10,
        )
    )
    (a,) = people(db, 1)
    ea, _ = svc.enrol(gid, a, today - dt.timedelta(days=7))
    future = next(x for x in journal(db, gid).lessons if x.date > today)
    with pytest.raises(ValidationError) as exc:
        svc.mark(future.id, ea, True)
    assert "ещё не состоялось" in exc.value.problems[0].message("ru")


def test_no_completion_without_enrolment(db: Database) -> None:
    gid = kazakh_group(db, capacity=1)
    a, b = people(db, 2)
    svc = CourseService(db)
    ea, _ = svc.enrol(gid, a, D(2026, 3, 1))
    eb, status = svc.enrol(gid, b, D(2026, 3, 1))
    assert status is EnrolmentStatus.WAITING
    with pytest.raises(ValidationError) as exc:
        svc.complete(eb, D(2026, 3, 25), "С-0042", "5")
    assert "Только зачисленный" in exc.value.problems[0].message("ru")
    with pytest.raises(ValidationError) as exc:
        svc.complete(ea, D(2026, 3, 25), " ")
    assert exc.value.problems[0].field == "certificate_number"
    svc.complete(ea, D(2026, 3, 25), "С-0041", "отлично")
    (study,) = household_studies(db, journal(db, gid).rows[0].household_id)
    assert study.status is EnrolmentStatus.COMPLETED and study.certificate_number == "С-0041"
    assert study.course.name("kk") == "Қазақ тілі (A1)"


def test_vocational_training_names_its_profession(db: Database) -> None:
    with pytest.raises(ValidationError) as exc:
        CourseService(db).add_course(
            CourseInput(CourseKind.VOCATIONAL, "Дәнекерлеуші", "Сварщик", 240)
        )
    assert exc.value.problems[0].field == "profession"


def test_preparing_the_journal_for_marking_writes_nothing(db: Database) -> None:
    import sqlite3

    gid = kazakh_group(db)
    (a,) = people(db, 1)
    svc = CourseService(db)
    ea, _ = svc.enrol(gid, a, D(2026, 3, 2))
    first = journal(db, gid).lessons[0]
    svc.prepare_marking(gid)  # no marks yet: nothing to prepare
    svc.mark(first.id, ea, True)

    def snapshot() -> tuple[object, ...]:
        con = sqlite3.connect(db.path)
        try:
            return (
                con.execute("SELECT present, deleted FROM attendance").fetchall(),
                con.execute("SELECT count(*) FROM audit_log").fetchone(),
            )
        finally:
            con.close()

    before = snapshot()
    svc.prepare_marking(gid)
    assert snapshot() == before
    assert journal(db, gid).rows[0].marks[first.id] is True
    svc.mark(first.id, ea, False)  # marking goes on as before
    assert journal(db, gid).rows[0].marks[first.id] is False
