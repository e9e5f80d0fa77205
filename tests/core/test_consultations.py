"""Legal consultations: individual and group sessions, topics, follow-ups falling due."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from oralman_desk.db.database import Database
from oralman_desk.domain import ConsultationForm
from oralman_desk.identity import Sex
from oralman_desk.services.consultations import (
    ConsultationFilter,
    ConsultationInput,
    ConsultationService,
    consultations,
    consulted_people,
)
from oralman_desk.services.errors import ValidationError
from oralman_desk.services.intake import IntakeService

from .helpers import family, person

D = dt.date


def register(db: Database, *members) -> tuple[uuid.UUID, list[uuid.UUID]]:  # type: ignore[no-untyped-def]
    saved = IntakeService(db).register_household(family(*members), confirmed_new=True)
    return saved.household_id, list(saved.person_ids)


def consult(**kw: object) -> ConsultationInput:
    base: dict[str, object] = {
        "date": D(2026, 3, 2),
        "form": ConsultationForm.IN_PERSON,
        "consultant": "Юрист Ә. Серікқызы",
        "topics": ["status"],
        "person_ids": [],
        "question": "Какие документы нужны для статуса кандаса?",
        "answer": "Заявление, автобиография, документы семьи, подтверждение национальности.",
    }
    base.update(kw)
    return ConsultationInput(**base)  # type: ignore[arg-type]


def test_an_individual_consultation_is_recorded_with_its_topics(db: Database) -> None:
    hid, (a, b) = register(db, person(), person("Ахметова", "Айгерім", Sex.FEMALE))
    svc = ConsultationService(db)
    svc.record(
        consult(person_ids=[a, b], topics=["status", "housing_loan"], follow_up_date=D(2026, 3, 16))
    )
    (row,) = consultations(db, ConsultationFilter(household_id=hid))
    assert row.topics == ("status", "housing_loan")
    assert row.attendees == ("Ахметов Нұрлан", "Ахметова Айгерім")
    assert row.follow_up_open


def test_every_problem_is_named_in_the_users_language(db: Database) -> None:
    _hid, (a,) = register(db, person())
    _hid2, (b,) = register(db, person("Сейітов", "Бауыржан", birth=D(1990, 1, 2)))
    with pytest.raises(ValidationError) as exc:
        ConsultationService(db).record(
            consult(
                date=dt.date.today() + dt.timedelta(days=1),
                consultant=" ",
                topics=[],
                person_ids=[],
            )
        )
    assert {p.field for p in exc.value.problems} == {"date", "consultant", "topics", "person_ids"}
    assert "Консультант" in exc.value.problems[1].describe("ru")
    # People of two families are a group session, not one person's consultation.
    with pytest.raises(ValidationError) as exc:
        ConsultationService(db).record(consult(person_ids=[a, b]))
    assert "групповое занятие" in exc.value.problems[0].message("ru")
    with pytest.raises(ValidationError) as exc:
        ConsultationService(db).record(consult(person_ids=[a], follow_up_date=D(2026, 3, 1)))
    assert exc.value.problems[0].field == "follow_up_date"


def test_a_group_session_records_the_topics_once_and_every_attendee(db: Database) -> None:
    people = []
    for i, (sn, gn) in enumerate(
        [
            ("Әбілов", "Нұрлан"),
            ("Сейітов", "Бауыржан"),
            ("Омарова", "Сәуле"),
            ("Құдайбергенов", "Ерлан"),
        ]
    ):
        _h, (p,) = register(db, person(sn, gn, birth=D(1980 + i, 1, 1)))
        people.append(p)
    ConsultationService(db).record(
        consult(
            form=ConsultationForm.GROUP,
            person_ids=people,
            topics=["citizenship", "registration"],
            question="Информационная встреча для прибывших в марте",
        )
    )
    rows = consultations(db, ConsultationFilter(form=ConsultationForm.GROUP))
    assert len(rows) == 1 and len(rows[0].attendees) == 4
    assert len(consultations(db, ConsultationFilter(topic="registration"))) == 1
    assert consultations(db, ConsultationFilter(topic="pensions")) == []
    assert consulted_people(db, D(2026, 3, 1), D(2026, 3, 31)) == 4
    assert consulted_people(db, D(2026, 4, 1), D(2026, 4, 30)) == 0


def test_follow_ups_fall_due_and_leave_the_list_when_done(db: Database) -> None:
    _hid, (a,) = register(db, person())
    svc = ConsultationService(db)
    c1 = svc.record(consult(person_ids=[a], follow_up_date=D(2026, 3, 10)))
    svc.record(consult(person_ids=[a], date=D(2026, 3, 5), follow_up_date=D(2026, 4, 10)))
    svc.record(consult(person_ids=[a], date=D(2026, 3, 6)))
    due = consultations(db, ConsultationFilter(follow_ups_due_by=D(2026, 3, 20)))
    assert [r.id for r in due] == [c1]
    with pytest.raises(ValidationError):
        svc.follow_up_done(c1, D(2026, 3, 1))  # before the consultation itself
    svc.follow_up_done(c1, D(2026, 3, 11))
    assert consultations(db, ConsultationFilter(follow_ups_due_by=D(2026, 3, 20))) == []
    assert len(consultations(db, ConsultationFilter(follow_ups_due_by=D(2026, 4, 30)))) == 1
