"""Legal consultations: one person, a family, or a group session (an information session for twenty
newcomers records its topics once and the list of attendees), with the follow-ups they promise.

Topics come from reference data ``consultation_topic`` (status, citizenship, registration, …); the
question and the answer are written in short. A follow-up date puts the consultation on the list of
follow-ups due until someone marks it done.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, literal_column, select
from sqlalchemy.orm import Session

from ..db.base import live
from ..db.database import Database
from ..db.models import Consultation, ConsultationAttendee, ConsultationTopic, Household, Person
from ..domain import ConsultationForm
from ..i18n import N_
from ..names import join_name
from .errors import ConflictError, Problem, ValidationError
from .plans import on_consultation
from .reference import ReferenceData

MSG_REQUIRED = N_("This field is required.")


@dataclass
class ConsultationInput:
    date: dt.date | None
    form: ConsultationForm
    consultant: str
    topics: list[str]
    person_ids: list[uuid.UUID]
    question: str = ""
    answer: str = ""
    documents_given: str = ""
    follow_up_date: dt.date | None = None


class ConsultationService:
    def __init__(self, db: Database, ref: ReferenceData | None = None) -> None:
        self.db = db
        self.ref = ref or ReferenceData.load(db)

    def validate(self, s: Session, data: ConsultationInput) -> list[Problem]:
        problems: list[Problem] = []
        if data.date is None:
            problems.append(Problem("date", MSG_REQUIRED))
        elif data.date > dt.date.today():
            problems.append(Problem("date", N_("The date is in the future.")))
        if not data.consultant.strip():
            problems.append(Problem("consultant", MSG_REQUIRED))
        if not data.topics:
            problems.append(Problem("topics", N_("Choose at least one topic.")))
        for code in data.topics:
            if not self.ref.exists("consultation_topic", code, data.date):
                problems.append(Problem("topics", N_("Unknown topic: {code}."), {"code": code}))
        people = list(dict.fromkeys(data.person_ids))
        if not people:
            problems.append(Problem("person_ids", N_("Choose who was consulted.")))
        elif data.form is not ConsultationForm.GROUP and len(people) > 1:
            households = set(
                s.scalars(select(Person.household_id).where(Person.id.in_(people))).all()
            )
            if len(households) > 1:
                problems.append(
                    Problem(
                        "person_ids",
                        N_(
                            "People of several families were consulted together: record it as "
                            "a group session."
                        ),
                    )
                )
        if (
            data.follow_up_date is not None
            and data.date is not None
            and data.follow_up_date < data.date
        ):
            problems.append(
                Problem("follow_up_date", N_("The follow-up is before the consultation."))
            )
        return problems

    def record(self, data: ConsultationInput, plan_item_id: uuid.UUID | None = None) -> uuid.UUID:
        """Record a consultation. It fulfils ``plan_item_id`` if given (checked: the item's family,
        member and topic), and any other open plan item of its people on one of its topics."""
        with self.db.write() as s:
            problems = self.validate(s, data)
            people = list(dict.fromkeys(data.person_ids))
            found = {
                p.id: p
                for p in s.scalars(select(Person).where(Person.id.in_(people), live(Person)))
            }
            if not problems and len(found) < len(people):
                raise ConflictError(next(p for p in people if p not in found))
            if problems:
                raise ValidationError(problems)
            assert data.date is not None
            c = Consultation(
                date=data.date,
                form=data.form,
                consultant=data.consultant.strip(),
                question=data.question.strip(),
                answer=data.answer.strip(),
                documents_given=data.documents_given.strip(),
                follow_up_date=data.follow_up_date,
            )
            s.add(c)
            s.flush()
            for code in dict.fromkeys(data.topics):
                s.add(ConsultationTopic(consultation_id=c.id, topic=code))
            for pid in people:
                s.add(
                    ConsultationAttendee(
                        consultation_id=c.id, person_id=pid, household_id=found[pid].household_id
                    )
                )
            s.flush()
            on_consultation(s, c.id, plan_item_id)
            return c.id

    def follow_up_done(self, consultation_id: uuid.UUID, day: dt.date | None) -> None:
        with self.db.write() as s:
            c = s.get(Consultation, consultation_id)
            if c is None or c.deleted:
                raise ConflictError(consultation_id)
            if day is None:
                raise ValidationError([Problem("date", MSG_REQUIRED)])
            if day < c.date:
                raise ValidationError(
                    [
                        Problem(
                            "date",
                            N_("The date is before the consultation ({date})."),
                            {"date": c.date},
                        )
                    ]
                )
            c.follow_up_done = day
            s.flush()


# ---- read-only views -------------------------------------------------------------------------


@dataclass(frozen=True)
class ConsultationRow:
    id: uuid.UUID
    date: dt.date
    form: ConsultationForm
    consultant: str
    topics: tuple[str, ...]
    attendees: tuple[str, ...]  # names
    household_ids: tuple[uuid.UUID, ...]
    question: str
    answer: str
    documents_given: str
    follow_up_date: dt.date | None
    follow_up_done: dt.date | None

    @property
    def follow_up_open(self) -> bool:
        return self.follow_up_date is not None and self.follow_up_done is None


@dataclass
class ConsultationFilter:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    topic: str | None = None
    form: ConsultationForm | None = None
    follow_ups_due_by: dt.date | None = None  # only open follow-ups due on or before this day
    household_id: uuid.UUID | None = None
    limit: int = 500


def consultations(db: Database, f: ConsultationFilter) -> list[ConsultationRow]:
    """Consultations matching ``f``, newest first, filtered in SQL."""
    q = select(Consultation.id).where(live(Consultation))
    if f.date_from:
        q = q.where(Consultation.date >= f.date_from)
    if f.date_to:
        q = q.where(Consultation.date <= f.date_to)
    if f.form:
        q = q.where(Consultation.form == f.form)
    if f.topic:
        q = q.where(
            Consultation.id.in_(
                select(ConsultationTopic.consultation_id).where(
                    ConsultationTopic.topic == f.topic, live(ConsultationTopic)
                )
            )
        )
    if f.household_id:
        q = q.where(
            Consultation.id.in_(
                select(ConsultationAttendee.consultation_id).where(
                    ConsultationAttendee.household_id == f.household_id,
                    live(ConsultationAttendee),
                )
            )
        )
    if f.follow_ups_due_by:
        q = q.where(
            Consultation.follow_up_date.is_not(None),
            Consultation.follow_up_done.is_(None),
            Consultation.follow_up_date <= f.follow_ups_due_by,
        ).order_by(Consultation.follow_up_date)
    else:
        q = q.order_by(Consultation.date.desc(), Consultation.created_at.desc())
    with db.read() as s:
        ids = list(s.scalars(q.limit(f.limit)))
        return _rows(s, ids)


def _rows(s: Session, ids: list[uuid.UUID]) -> list[ConsultationRow]:
    if not ids:
        return []
    cons = {c.id: c for c in s.scalars(select(Consultation).where(Consultation.id.in_(ids)))}
    topics: dict[uuid.UUID, list[str]] = {}
    for cid, topic in s.execute(
        select(ConsultationTopic.consultation_id, ConsultationTopic.topic)
        .where(ConsultationTopic.consultation_id.in_(ids), live(ConsultationTopic))
        .order_by(literal_column("consultation_topic.rowid"))  # in the order they were chosen
    ):
        topics.setdefault(cid, []).append(topic)
    people: dict[uuid.UUID, list[tuple[str, uuid.UUID]]] = {}
    for r in s.execute(
        select(
            ConsultationAttendee.consultation_id,
            ConsultationAttendee.household_id,
            Person.surname,
            Person.given_name,
            Person.patronymic,
        )
        .join(Person, Person.id == ConsultationAttendee.person_id)
        .where(ConsultationAttendee.consultation_id.in_(ids), live(ConsultationAttendee))
        .order_by(Person.sort_key)
    ):
        people.setdefault(r.consultation_id, []).append(
            (join_name(r.surname, r.given_name, r.patronymic), r.household_id)
        )
    out = []
    for cid in ids:
        c = cons[cid]
        who = people.get(cid, [])
        out.append(
            ConsultationRow(
                c.id,
                c.date,
                c.form,
                c.consultant,
                tuple(topics.get(cid, [])),
                tuple(n for n, _h in who),
                tuple(dict.fromkeys(h for _n, h in who)),
                c.question,
                c.answer,
                c.documents_given,
                c.follow_up_date,
                c.follow_up_done,
            )
        )
    return out


def consulted_people(db: Database, start: dt.date, end: dt.date) -> int:
    """How many different people were consulted from ``start`` to ``end`` (for the reports)."""
    with db.read() as s:
        return int(
            s.scalar(
                select(func.count(func.distinct(ConsultationAttendee.person_id)))
                .join(Consultation, Consultation.id == ConsultationAttendee.consultation_id)
                .where(
                    live(Consultation),
                    live(ConsultationAttendee),
                    Consultation.date >= start,
                    Consultation.date <= end,
                )
            )
            or 0
        )


def family_names(db: Database, household_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
    """The family's living members, for choosing who was consulted."""
    with db.read() as s:
        hh = s.get(Household, household_id)
        if hh is None:
            return []
        return [
            (p.id, join_name(p.surname, p.given_name, p.patronymic))
            for p in s.scalars(
                select(Person)
                .where(Person.household_id == household_id, live(Person))
                .order_by(Person.position)
            )
        ]


__all__ = [
    "ConsultationFilter",
    "ConsultationInput",
    "ConsultationRow",
    "ConsultationService",
    "consultations",
    "consulted_people",
    "family_names",
]
