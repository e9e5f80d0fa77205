"""A small centre with a known history, written through the services, for the report tests.

Every record the services write is also noted here in plain Python (``World``), so that the tests
can count what a report should show without SQL: the figures computed by the indicators are
compared with counts made independently over these notes.

The report month is March 2026 (``PERIOD``); there are records in February 2026 (the year to
date), in March 2025 (the same month a year earlier) and after the month. Ages sit on the
working-age bounds of the reference data: a man of 63 years less a day on his family's arrival is
of working age, one of exactly 63 is of pension age; a boy of 16 less a day is a minor, a girl of
exactly 16 of working age.
"""

from __future__ import annotations

import datetime as dt
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from oralman_desk.db.database import Database
from oralman_desk.domain import (
    CaseStatus,
    ConsultationForm,
    CourseKind,
    JobKind,
    ReferralStatus,
    ReferralTarget,
)
from oralman_desk.identity import Sex
from oralman_desk.periods import Period
from oralman_desk.services.centre import CentreService
from oralman_desk.services.consultations import ConsultationInput, ConsultationService
from oralman_desk.services.courses import CourseInput, CourseService, GroupInput
from oralman_desk.services.employment import EmploymentService, ReferralInput
from oralman_desk.services.intake import IntakeService
from oralman_desk.services.placement import Assignment, PlacementService, RoomInput
from oralman_desk.services.placement_queries import board
from oralman_desk.services.reference import ReferenceData

from .helpers import family, person

D = dt.date
PERIOD = Period.month(2026, 3)
COLUMNS = (PERIOD, PERIOD.year_to_date(), PERIOD.same_period_last_year())
M, F = Sex.MALE, Sex.FEMALE
ROOMS, BEDS_PER_ROOM = 3, 4
NO_ID: Final = uuid.UUID(int=0)  # until the service returns the record's id
GIVEN = {
    "a1": "Ерлан",
    "a2": "Ұлжан",
    "a3": "Әділ",
    "a4": "Гүлнар",
    "b1": "Бауыржан",
    "b2": "Ғалым",
    "b3": "Дәулет",
    "b4": "Айгерім",
    "c1": "Мөлдір",
    "d1": "Қуаныш",
    "d2": "Әсел",
    "e1": "Нұрлан",
    "f1": "Серік",
}
SURNAMES = {
    "F1": "Нұрғалиев",
    "F2": "Жақсыбеков",
    "F3": "Өтепбергенова",
    "F4": "Құрманғалиев",
    "F5": "Төлеубаев",
    "F6": "Шәріпов",
}


@dataclass
class P:
    name: str
    family: str
    sex: Sex
    birth: dt.date
    education: str | None = None
    profession: str | None = None
    id: uuid.UUID = NO_ID


@dataclass
class Family:
    name: str
    arrival: dt.date
    country: str
    members: list[P]
    id: uuid.UUID = NO_ID


@dataclass
class Stay:
    person: str
    start: dt.date
    end: dt.date | None = None
    reason: str | None = None
    placement: uuid.UUID = NO_ID


@dataclass
class Consult:
    day: dt.date
    form: ConsultationForm
    topics: list[str]
    people: list[str]
    id: uuid.UUID = NO_ID


@dataclass
class Study:
    person: str
    kind: CourseKind
    profession: str | None
    enrolled_on: dt.date  # after moving up from the waiting list
    status: str  # enrolled, completed, dropped
    result: dt.date | None = None


@dataclass
class Job:
    person: str
    day: dt.date
    target: ReferralTarget
    job_kind: JobKind
    employed_on: dt.date | None = None
    kind: JobKind | None = None
    #: months -> (due, still employed or None when not checked)
    follow_ups: dict[int, tuple[dt.date, bool | None]] = field(default_factory=dict)
    id: uuid.UUID = NO_ID


@dataclass
class World:
    families: dict[str, Family]
    people: dict[str, P]
    stays: list[Stay]
    consults: list[Consult]
    studies: list[Study]
    jobs: list[Job]
    steps: list[tuple[str, CaseStatus, dt.date]]
    beds: int
    ref: ReferenceData

    def family_of(self, person: str) -> str:
        return self.people[person].family

    def pid(self, name: str) -> uuid.UUID:
        return self.people[name].id


def _add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(y, m + 1, day.day)


def build_world(db: Database) -> World:
    """Write the centre's history through the services; return what was written."""
    families = [
        Family(
            "F1",
            D(2026, 3, 5),
            "UZ",
            [
                P("a1", "F1", M, D(1980, 1, 1), "higher", "accountant"),
                P("a2", "F1", F, D(1985, 5, 5), "tvet", "cashier"),
                P("a3", "F1", M, D(2015, 7, 7)),
                P("a4", "F1", F, D(1955, 2, 2), "general_secondary"),
            ],
        ),
        Family(
            "F2",
            D(2026, 3, 20),
            "CN",
            [
                P("b1", "F2", M, D(1963, 3, 21), "basic_secondary", "driver"),  # 63 less a day
                P("b2", "F2", M, D(1963, 3, 20)),  # exactly 63: pension age
                P("b3", "F2", M, D(2010, 3, 21)),  # 16 less a day: a minor
                P("b4", "F2", F, D(2010, 3, 20), "general_secondary"),  # exactly 16
            ],
        ),
        Family("F3", D(2026, 2, 10), "MN", [P("c1", "F3", F, D(1990, 10, 10), "none")]),
        Family(
            "F4",
            D(2025, 3, 15),
            "UZ",
            [
                P("d1", "F4", M, D(1975, 4, 4), "higher", "engineer"),
                P("d2", "F4", F, D(1978, 8, 8), "master"),
            ],
        ),
        Family("F5", D(2026, 4, 2), "TR", [P("e1", "F5", M, D(1988, 8, 8))]),
        Family("F6", D(2025, 9, 1), "KG", [P("f1", "F6", M, D(1970, 1, 1), "tvet", "gas_welder")]),
    ]
    intake = IntakeService(db)
    people: dict[str, P] = {}
    relations = {0: "head", 1: "spouse"}
    for fam in families:
        inputs = []
        for i, m in enumerate(fam.members):
            inputs.append(
                person(
                    SURNAMES[fam.name] + ("а" if m.sex is F and fam.name != "F3" else ""),
                    GIVEN[m.name],
                    m.sex,
                    m.birth,
                    education=m.education,
                    profession=m.profession,
                    relation=relations.get(i, "other_relative"),
                )
            )
        saved = intake.register_household(
            family(*inputs, arrival=fam.arrival, origin=fam.country), confirmed_new=True
        )
        fam.id = saved.household_id
        for m, pid in zip(fam.members, saved.person_ids, strict=True):
            m.id = pid
            people[m.name] = m

    # Rooms and stays.
    placement = PlacementService(db)
    room_ids = [
        placement.add_room(RoomInput("А", 1, str(101 + i), "family", BEDS_PER_ROOM))
        for i in range(ROOMS)
    ]
    rooms = {r.room_id: r for r in board(db, D(2026, 1, 1)).rooms}
    free_beds = [b.bed_id for rid in room_ids for b in rooms[rid].beds]
    stays = [
        Stay("d1", D(2025, 3, 20), D(2026, 3, 10), "housing"),
        Stay("d2", D(2025, 3, 20), D(2026, 1, 15), "relatives"),
        Stay("f1", D(2025, 9, 1)),  # past its six months from 1 March 2026
        Stay("c1", D(2026, 2, 12)),
        Stay("a1", D(2026, 3, 6)),
        Stay("a2", D(2026, 3, 6)),
        Stay("a3", D(2026, 3, 6), D(2026, 3, 31), "settlement_region"),  # leaves on the last day
        Stay("b1", D(2026, 3, 25)),
    ]
    for stay in stays:
        p = people[stay.person]
        hid = next(f.id for f in families if f.name == p.family)
        (stay.placement,) = placement.check_in(
            hid, [Assignment(p.id, free_beds.pop(0))], stay.start
        )
    for stay in stays:
        if stay.end is not None:
            placement.check_out([stay.placement], stay.end, stay.reason)

    # Legal consultations.
    consults = [
        Consult(D(2026, 3, 3), ConsultationForm.IN_PERSON, ["status", "citizenship"], ["a1"]),
        Consult(D(2026, 3, 10), ConsultationForm.GROUP, ["documents"], ["a1", "d1", "c1"]),
        Consult(D(2026, 2, 1), ConsultationForm.PHONE, ["status"], ["c1"]),
        Consult(D(2025, 3, 5), ConsultationForm.IN_PERSON, ["status"], ["d1"]),
        Consult(D(2026, 3, 12), ConsultationForm.IN_PERSON, ["employment_rights"], ["a1", "a2"]),
        Consult(D(2026, 4, 1), ConsultationForm.IN_PERSON, ["status"], ["b1"]),
    ]
    cs = ConsultationService(db)
    for c in consults:
        c.id = cs.record(
            ConsultationInput(
                c.day, c.form, "Заңгер Ә.", c.topics, [people[n].id for n in c.people]
            )
        )

    # Courses: a Kazakh group with a waiting list, a Russian group, vocational training, and a
    # computer course a year earlier.
    courses = CourseService(db)

    def group(kind: CourseKind, start: dt.date, end: dt.date, capacity: int) -> uuid.UUID:
        course = courses.add_course(
            CourseInput(
                kind,
                f"Курс {kind.value}",
                f"Курс {kind.value}",
                72,
                profession="gas_welder" if kind is CourseKind.VOCATIONAL else None,
            )
        )
        return courses.add_group(GroupInput(course, kind.value, start, end, [1, 3], capacity))

    kazakh = group(CourseKind.KAZAKH, D(2026, 2, 1), D(2026, 4, 30), 3)
    e_c1, _ = courses.enrol(kazakh, people["c1"].id, D(2026, 2, 15))
    courses.enrol(kazakh, people["a1"].id, D(2026, 3, 2))
    e_a2, _ = courses.enrol(kazakh, people["a2"].id, D(2026, 3, 3))
    courses.enrol(kazakh, people["b1"].id, D(2026, 3, 25))  # the group is full: waiting list
    courses.drop(e_a2, D(2026, 3, 28), "Жұмысқа орналасты")  # b1 takes the place that day
    courses.complete(e_c1, D(2026, 3, 30), "К-1")
    russian = group(CourseKind.RUSSIAN, D(2026, 3, 1), D(2026, 5, 31), 10)
    courses.enrol(russian, people["a1"].id, D(2026, 3, 5))
    russian_waiting = group(CourseKind.RUSSIAN, D(2026, 3, 1), D(2026, 5, 31), 1)
    courses.enrol(russian_waiting, people["d1"].id, D(2026, 3, 2))
    courses.enrol(russian_waiting, people["a4"].id, D(2026, 3, 3))  # waiting, never counted
    vocational = group(CourseKind.VOCATIONAL, D(2026, 1, 5), D(2026, 3, 31), 10)
    e_f1, _ = courses.enrol(vocational, people["f1"].id, D(2026, 1, 10))
    courses.complete(e_f1, D(2026, 3, 31), "В-1")
    computer = group(CourseKind.COMPUTER, D(2025, 3, 1), D(2025, 4, 30), 10)
    e_d1, _ = courses.enrol(computer, people["d1"].id, D(2025, 3, 10))
    courses.complete(e_d1, D(2025, 4, 30), "С-1")
    studies = [
        Study("c1", CourseKind.KAZAKH, None, D(2026, 2, 15), "completed", D(2026, 3, 30)),
        Study("a1", CourseKind.KAZAKH, None, D(2026, 3, 2), "enrolled"),
        Study("a2", CourseKind.KAZAKH, None, D(2026, 3, 3), "dropped", D(2026, 3, 28)),
        Study("b1", CourseKind.KAZAKH, None, D(2026, 3, 28), "enrolled"),
        Study("a1", CourseKind.RUSSIAN, None, D(2026, 3, 5), "enrolled"),
        Study("d1", CourseKind.RUSSIAN, None, D(2026, 3, 2), "enrolled"),
        Study(
            "f1", CourseKind.VOCATIONAL, "gas_welder", D(2026, 1, 10), "completed", D(2026, 3, 31)
        ),
        Study("d1", CourseKind.COMPUTER, None, D(2025, 3, 10), "completed", D(2025, 4, 30)),
    ]

    # Employment: referrals, jobs and the follow-ups after 3 and 6 months.
    jobs = [
        Job("a1", D(2026, 3, 2), ReferralTarget.EMPLOYMENT_CENTRE, JobKind.PERMANENT,
            D(2026, 3, 15), JobKind.PERMANENT),
        Job("a2", D(2026, 3, 5), ReferralTarget.EMPLOYMENT_CENTRE, JobKind.TEMPORARY),
        Job("a1", D(2026, 3, 20), ReferralTarget.EMPLOYMENT_CENTRE, JobKind.SEASONAL),
        Job("d1", D(2025, 10, 1), ReferralTarget.EMPLOYMENT_CENTRE, JobKind.TEMPORARY,
            D(2025, 12, 15), JobKind.TEMPORARY),
        Job("f1", D(2025, 9, 1), ReferralTarget.EMPLOYMENT_CENTRE, JobKind.SEASONAL,
            D(2025, 9, 10), JobKind.SEASONAL),
        Job("d2", D(2025, 3, 18), ReferralTarget.EMPLOYMENT_CENTRE, JobKind.SOCIAL_JOB,
            D(2025, 3, 25), JobKind.SOCIAL_JOB),
    ]  # fmt: skip
    # What staff found when they checked: (person, months) -> (checked on, still employed).
    checks = {("d1", 3): (D(2026, 3, 16), True), ("f1", 6): (D(2026, 3, 11), False)}
    employment = EmploymentService(db)
    for job in jobs:
        job.id = employment.refer(
            ReferralInput(people[job.person].id, job.day, job.target, job.job_kind)
        )
        if job.employed_on is None:
            if job.person == "a2":
                employment.outcome(job.id, ReferralStatus.REFUSED_BY_PERSON, D(2026, 3, 7))
            continue
        employment.outcome(
            job.id, ReferralStatus.EMPLOYED, job.employed_on, job.employed_on, job.kind
        )
        for months in (3, 6):
            due = _add_months(job.employed_on, months)
            checked = checks.get((job.person, months))
            job.follow_ups[months] = (due, checked[1] if checked else None)
    from sqlalchemy import select

    from oralman_desk.db.models import FollowUp

    with db.read() as s:
        follow_ups = s.execute(select(FollowUp.id, FollowUp.referral_id, FollowUp.months)).all()
    for fid, rid, months in follow_ups:
        job = next(j for j in jobs if j.id == rid)
        checked = checks.get((job.person, months))
        if checked:
            employment.record_follow_up(fid, checked[0], checked[1])

    # The families' cases.
    steps = [
        ("F4", CaseStatus.APPLIED, D(2025, 4, 1)),
        ("F6", CaseStatus.APPLIED, D(2025, 9, 5)),
        ("F6", CaseStatus.GRANTED, D(2025, 10, 10)),
        ("F3", CaseStatus.APPLIED, D(2026, 3, 1)),
        ("F4", CaseStatus.GRANTED, D(2026, 3, 10)),
        ("F6", CaseStatus.EXTENDED, D(2026, 3, 15)),
        ("F6", CaseStatus.CITIZENSHIP, D(2026, 3, 20)),
        ("F1", CaseStatus.APPLIED, D(2026, 3, 25)),
    ]
    by_name = {f.name: f for f in families}
    for fam_name, status, day in steps:
        intake.move_status(by_name[fam_name].id, status, day, "№ 1")

    CentreService(db).set_up(
        CentreService(db).current(),  # type: ignore[arg-type]
        settings={
            "report.director": "Сейітқалиев Н. Б.",
            "report.executor": "Әбдірахманова Ә. Қ.",
            "report.phone": "+7 7292 50-12-34",
        },
    )
    return World(
        families=by_name,
        people=people,
        stays=stays,
        consults=consults,
        studies=studies,
        jobs=jobs,
        steps=steps,
        beds=ROOMS * BEDS_PER_ROOM,
        ref=ReferenceData.load(db),
    )


def open_world(folder: Path, template: Path) -> tuple[Database, World]:
    """A copy of the migrated template with the world written into it (for module fixtures)."""
    path = folder / "world.db"
    shutil.copyfile(template, path)
    db = Database.open(path)
    db.user = "test.worker"
    return db, build_world(db)
