"""The papers of a course: the certificate of who completed it and the month's attendance sheet,
in Kazakh and in Russian, read back from the PDF."""

from __future__ import annotations

import datetime as dt
import io
import uuid

import pytest

from oralman_desk.db.database import Database
from oralman_desk.domain import CourseKind
from oralman_desk.identity import Sex
from oralman_desk.services.centre import CentreService
from oralman_desk.services.courses import CourseInput, CourseService, GroupInput, journal
from oralman_desk.services.intake import IntakeService
from reports.attendance_sheet import render_attendance_sheet_pdf
from reports.certificate import NotCompletedError, render_certificate_pdf
from tests.core.helpers import family, person

from .helpers import pdf_fonts, pdf_text

D = dt.date


class Course:
    def __init__(self, db: Database) -> None:
        svc = CourseService(db)
        course = svc.add_course(
            CourseInput(
                CourseKind.KAZAKH,
                "Қазақ тілі (A1)",
                "Казахский язык (A1)",
                72,
                level="A1",
                provider="Тіл орталығы",
            )
        )
        # Mondays and Wednesdays from 23 February to 25 March 2026: 2 lessons in February, 8 in
        # March.
        self.group = svc.add_group(
            GroupInput(
                course, "ҚТ-A1-03", D(2026, 2, 23), D(2026, 3, 25), [1, 3], 10, "Серікқызы Ә."
            )
        )
        self.people: dict[str, uuid.UUID] = {}
        for surname, given, sex in (
            ("Жұмабаева", "Гүлнұр", Sex.FEMALE),
            ("Әбілов", "Нұрлан", Sex.MALE),
            ("Құрманов", "Ерлан", Sex.MALE),
        ):
            saved = IntakeService(db).register_household(
                family(person(surname, given, sex)), confirmed_new=True
            )
            enrolment, _ = svc.enrol(self.group, saved.person_ids[0], D(2026, 2, 20))
            self.people[given] = enrolment
        lessons = journal(db, self.group).lessons
        assert len(lessons) == 10
        for lesson in lessons:
            svc.mark(lesson.id, self.people["Гүлнұр"], True)
            # Nurlan misses the first March lesson; Erlan is never marked in March.
            if lesson.date.month == 2:
                svc.mark(lesson.id, self.people["Ерлан"], True)
            svc.mark(lesson.id, self.people["Нұрлан"], lesson.date != D(2026, 3, 2))
        svc.complete(self.people["Гүлнұр"], D(2026, 3, 25), "ҚТ-2026/017", "өте жақсы")
        svc.complete(self.people["Нұрлан"], D(2026, 3, 25), "ҚТ-2026/018", "жақсы")
        CentreService(db).set_setting("report.director", "Омаров Б. К.")


@pytest.fixture
def course(db: Database) -> Course:
    return Course(db)


def pdf(render: object, *args: object) -> tuple[int, bytes]:
    buf = io.BytesIO()
    pages = render(*args, buf)  # type: ignore[operator]
    data = buf.getvalue()
    assert pdf_fonts(data) <= {"PTSans-Regular", "PTSans-Bold"}
    return pages, data


def test_the_certificate_in_kazakh(db: Database, course: Course) -> None:
    _, data = pdf(render_certificate_pdf, db, course.people["Гүлнұр"], "kk")
    (text,) = pdf_text(data)
    assert "СЕРТИФИКАТ № ҚТ-2026/017" in text
    assert "Жұмабаева Гүлнұр" in text
    assert "23.02.2026 – 25.03.2026 аралығында «Қазақ тілі (A1)» курсы" in text
    assert "Курс көлемі: 72 сағат" in text and "Бағасы: өте жақсы" in text
    assert "2026 жылғы 25 наурыз" in text
    assert "Омаров Б. К." in text and "Серікқызы Ә." in text


def test_the_certificate_in_russian_agrees_with_the_person(db: Database, course: Course) -> None:
    _, her = pdf(render_certificate_pdf, db, course.people["Гүлнұр"], "ru")
    _, his = pdf(render_certificate_pdf, db, course.people["Нұрлан"], "ru")
    (her_text,), (his_text,) = pdf_text(her), pdf_text(his)
    assert "СЕРТИФИКАТ № ҚТ-2026/017" in her_text
    assert "прошла полный курс обучения «Казахский язык (A1)»" in her_text
    assert "прошёл полный курс обучения" in his_text and "Әбілов Нұрлан" in his_text
    assert "Выдан 25 марта 2026 г." in her_text
    assert "Объём курса: 72 ч." in her_text


def test_no_certificate_without_completion(db: Database, course: Course) -> None:
    with pytest.raises(NotCompletedError):
        pdf(render_certificate_pdf, db, course.people["Ерлан"], "ru")


def test_the_march_sheet_shows_the_marks_and_hours(db: Database, course: Course) -> None:
    pages, data = pdf(render_attendance_sheet_pdf, db, course.group, 2026, 3, "ru")
    assert pages == 1
    (text,) = pdf_text(data)
    assert "Табель посещаемости — март 2026 г." in text
    assert "ҚТ-A1-03" in text and "Серікқызы Ә." in text
    assert "02.03" in text and "25.03" in text and "23.02" not in text
    # Guilnur: 8 lessons of 2 hours; Nurlan missed one (н); Erlan has no mark in March.
    assert "Жұмабаева Гүлнұр + + + + + + + + 16" in text
    assert "Әбілов Нұрлан н + + + + + + + 14" in text
    assert "Құрманов Ерлан 0" in text
    assert "Присутствовали 1 2 2 2 2 2 2 2" in text
    assert "Стр. 1 из 1" in text


def test_the_february_sheet_in_kazakh(db: Database, course: Course) -> None:
    _, data = pdf(render_attendance_sheet_pdf, db, course.group, 2026, 2, "kk")
    (text,) = pdf_text(data)
    assert "Сабаққа қатысу табелі — 2026 жылғы ақпан" in text
    assert "23.02" in text and "25.02" in text and "02.03" not in text
    assert "Құрманов Ерлан + + 4" in text
    assert "Бет 1 / 1" in text


def test_a_month_without_lessons_says_so(db: Database, course: Course) -> None:
    _, data = pdf(render_attendance_sheet_pdf, db, course.group, 2026, 5, "ru")
    (text,) = pdf_text(data)
    assert "В этом месяце у группы не было занятий." in text
