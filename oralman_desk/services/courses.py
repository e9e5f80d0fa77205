"""Language courses and vocational training: the catalogue, groups, enrolment with a waiting list,
the attendance journal and completion.

Rules the service keeps (and explains in the user's language when it refuses):

- a group's lessons fall between its start and its end; a lesson is marked only once it has taken
  place, and only for people enrolled by then;
- a full group puts newcomers on its waiting list; when someone drops out, the first in line
  takes the place;
- only an enrolled person can complete a course (with a certificate number and a grade) or drop
  out (with a reason).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from ..db.base import live
from ..db.database import Database
from ..db.models import (
    Attendance,
    Course,
    CourseGroup,
    CourseSession,
    Enrolment,
    Person,
)
from ..domain import CourseKind, EnrolmentStatus
from ..i18n import N_, current_language
from ..names import join_name
from .errors import ConflictError, Problem, ValidationError
from .plans import on_enrolment
from .reference import ReferenceData

MSG_REQUIRED = N_("This field is required.")
MSG_OUTSIDE = N_("No lessons before the group starts ({start}) or after it ends ({end}).")
MAX_GROUP_DAYS = 3 * 366


@dataclass
class CourseInput:
    kind: CourseKind
    name_kk: str
    name_ru: str
    hours: int
    level: str = ""
    profession: str | None = None
    provider: str = ""


@dataclass
class GroupInput:
    course_id: uuid.UUID | None
    name: str
    start_date: dt.date | None
    end_date: dt.date | None
    weekdays: list[int]  # ISO: 1 = Monday … 7 = Sunday
    capacity: int
    teacher: str = ""
    time_from: str = ""
    time_to: str = ""
    session_hours: float = 2.0
    room: str = ""


def lesson_days(start: dt.date, end: dt.date, weekdays: list[int]) -> list[dt.date]:
    days = set(weekdays)
    out = []
    d = start
    while d <= end:
        if d.isoweekday() in days:
            out.append(d)
        d += dt.timedelta(days=1)
    return out


class CourseService:
    def __init__(self, db: Database, ref: ReferenceData | None = None) -> None:
        self.db = db
        self.ref = ref or ReferenceData.load(db)

    # -- catalogue and groups

    def add_course(self, data: CourseInput) -> uuid.UUID:
        problems: list[Problem] = []
        if not data.name_kk.strip():
            problems.append(Problem("name_kk", MSG_REQUIRED))
        if not data.name_ru.strip():
            problems.append(Problem("name_ru", MSG_REQUIRED))
        if not 1 <= data.hours <= 2000:
            problems.append(Problem("hours", N_("A course has from 1 to 2000 hours.")))
        if data.kind is CourseKind.VOCATIONAL and not (
            data.profession and self.ref.exists("profession", data.profession)
        ):
            problems.append(
                Problem("profession", N_("Vocational training names the profession it trains for."))
            )
        if problems:
            raise ValidationError(problems)
        with self.db.write() as s:
            c = Course(
                kind=data.kind,
                name_kk=data.name_kk.strip(),
                name_ru=data.name_ru.strip(),
                hours=data.hours,
                level=data.level,
                profession=data.profession if data.kind is CourseKind.VOCATIONAL else None,
                provider=data.provider.strip(),
            )
            s.add(c)
            s.flush()
            return c.id

    def add_group(self, data: GroupInput) -> uuid.UUID:
        """A group and its lessons, one on each scheduled weekday from start to end."""
        problems: list[Problem] = []
        if data.course_id is None:
            problems.append(Problem("course", MSG_REQUIRED))
        if not data.name.strip():
            problems.append(Problem("group_name", MSG_REQUIRED))
        if data.start_date is None:
            problems.append(Problem("start_date", MSG_REQUIRED))
        if data.end_date is None:
            problems.append(Problem("end_date", MSG_REQUIRED))
        if data.start_date and data.end_date:
            if data.end_date < data.start_date:
                problems.append(Problem("end_date", N_("The end is before the start.")))
            elif (data.end_date - data.start_date).days > MAX_GROUP_DAYS:
                problems.append(Problem("end_date", N_("A group runs for three years at most.")))
        if not data.weekdays or any(not 1 <= d <= 7 for d in data.weekdays):
            problems.append(Problem("weekdays", N_("Choose the days of the week the group meets.")))
        if data.capacity < 1:
            problems.append(Problem("capacity", N_("A group has at least one place.")))
        if not 0 < data.session_hours <= 12:
            problems.append(Problem("session_hours", N_("A lesson lasts from 0.5 to 12 hours.")))
        if problems:
            raise ValidationError(problems)
        assert data.start_date and data.end_date and data.course_id
        with self.db.write() as s:
            if s.get(Course, data.course_id) is None:
                raise ConflictError(data.course_id)
            g = CourseGroup(
                course_id=data.course_id,
                name=data.name.strip(),
                teacher=data.teacher.strip(),
                start_date=data.start_date,
                end_date=data.end_date,
                weekdays=",".join(str(d) for d in sorted(set(data.weekdays))),
                time_from=data.time_from.strip(),
                time_to=data.time_to.strip(),
                session_hours=data.session_hours,
                room=data.room.strip(),
                capacity=data.capacity,
            )
            s.add(g)
            s.flush()
            for day in lesson_days(data.start_date, data.end_date, data.weekdays):
                s.add(CourseSession(group_id=g.id, date=day, hours=data.session_hours))
            s.flush()
            return g.id

    def add_lesson(self, group_id: uuid.UUID, day: dt.date | None, hours: float) -> uuid.UUID:
        """An extra lesson (a make-up class), within the group's dates."""
        with self.db.write() as s:
            g = _live(s, CourseGroup, group_id)
            if day is None:
                raise ValidationError([Problem("date", MSG_REQUIRED)])
            if not g.start_date <= day <= g.end_date:
                raise ValidationError(
                    [Problem("date", MSG_OUTSIDE, {"start": g.start_date, "end": g.end_date})]
                )
            exists = s.scalar(
                select(CourseSession.id).where(
                    CourseSession.group_id == group_id,
                    CourseSession.date == day,
                    live(CourseSession),
                )
            )
            if exists is not None:
                raise ValidationError(
                    [Problem("date", N_("The group already has a lesson that day."))]
                )
            lesson = CourseSession(group_id=group_id, date=day, hours=hours)
            s.add(lesson)
            s.flush()
            return lesson.id

    # -- enrolment

    def enrol(
        self,
        group_id: uuid.UUID,
        person_id: uuid.UUID,
        day: dt.date | None,
        plan_item_id: uuid.UUID | None = None,
    ) -> tuple[uuid.UUID, EnrolmentStatus]:
        """Enrol a person; a full group puts them on its waiting list. The enrolment fulfils
        ``plan_item_id`` if given (checked), or else the person's earliest open plan item for a
        course of this kind."""
        with self.db.write() as s:
            g = _live(s, CourseGroup, group_id)
            p = _live(s, Person, person_id)
            if day is None:
                raise ValidationError([Problem("date", MSG_REQUIRED)])
            problems: list[Problem] = []
            if day > g.end_date:
                problems.append(
                    Problem("date", N_("The group ended on {date}."), {"date": g.end_date})
                )
            already = s.scalar(
                select(Enrolment.status).where(
                    Enrolment.group_id == group_id,
                    Enrolment.person_id == person_id,
                    live(Enrolment),
                )
            )
            if already is not None:
                problems.append(
                    Problem(
                        "person",
                        N_("{name} is already in this group."),
                        {"name": join_name(p.surname, p.given_name, p.patronymic)},
                    )
                )
            if problems:
                raise ValidationError(problems)
            taken = _count(s, group_id, EnrolmentStatus.ENROLLED)
            status = EnrolmentStatus.ENROLLED if taken < g.capacity else EnrolmentStatus.WAITING
            e = Enrolment(
                group_id=group_id,
                person_id=person_id,
                household_id=p.household_id,
                enrolled_on=day,
                status=status,
            )
            s.add(e)
            s.flush()
            on_enrolment(s, e.id, plan_item_id)
            return e.id, status

    def mark(self, session_id: uuid.UUID, enrolment_id: uuid.UUID, present: bool | None) -> None:
        """Mark a person present or absent at a lesson (``None`` clears the mark)."""
        with self.db.write() as s:
            self._mark(s, session_id, enrolment_id, present)

    def prepare_marking(self, group_id: uuid.UUID) -> None:
        """Run a mark's statements once on a transaction that is rolled back, so that they are
        compiled before staff's first mark in the group's journal: the first save then takes as
        long as the rest. Nothing is written; a group without marks is left as it is."""
        with self.db.read() as s:
            found = s.execute(
                select(Attendance.session_id, Attendance.enrolment_id, Attendance.present)
                .join(CourseSession, CourseSession.id == Attendance.session_id)
                .where(CourseSession.group_id == group_id, live(Attendance))
                .limit(1)
            ).first()
            if found is None:
                return
            s.info["user"] = self.db.user
            s.info["centre_id"] = self.db.centre_id
            try:
                self._mark(s, found[0], found[1], not found[2])
            except (ValidationError, ConflictError, OperationalError):
                pass  # a lesson out of range, or another window writing: nothing to prepare
            finally:
                s.rollback()

    def _mark(
        self,
        s: Session,
        session_id: uuid.UUID,
        enrolment_id: uuid.UUID,
        present: bool | None,
    ) -> None:
        lesson = _live(s, CourseSession, session_id)
        e = _live(s, Enrolment, enrolment_id)
        g = s.get(CourseGroup, lesson.group_id)
        assert g is not None
        problems: list[Problem] = []
        if e.group_id != lesson.group_id:
            raise ConflictError(enrolment_id)
        if not g.start_date <= lesson.date <= g.end_date:
            problems.append(
                Problem("date", MSG_OUTSIDE, {"start": g.start_date, "end": g.end_date})
            )
        elif lesson.date > dt.date.today():
            problems.append(
                Problem(
                    "date",
                    N_("The lesson of {date} has not taken place yet."),
                    {"date": lesson.date},
                )
            )
        if e.status in (EnrolmentStatus.WAITING,):
            problems.append(Problem("person", N_("A person on the waiting list has no marks.")))
        elif lesson.date < e.enrolled_on:
            problems.append(
                Problem(
                    "date",
                    N_("The person was enrolled on {date}, after this lesson."),
                    {"date": e.enrolled_on},
                )
            )
        if problems:
            raise ValidationError(problems)
        row = s.scalar(
            select(Attendance).where(
                Attendance.session_id == session_id,
                Attendance.enrolment_id == enrolment_id,
                live(Attendance),
            )
        )
        if present is None:
            if row is not None:
                row.deleted = True
        elif row is None:
            s.add(Attendance(session_id=session_id, enrolment_id=enrolment_id, present=present))
        elif row.present != present:
            row.present = present
        s.flush()

    def complete(
        self,
        enrolment_id: uuid.UUID,
        day: dt.date | None,
        certificate_number: str,
        grade: str = "",
    ) -> None:
        with self.db.write() as s:
            e = _live(s, Enrolment, enrolment_id)
            g = s.get(CourseGroup, e.group_id)
            assert g is not None
            problems: list[Problem] = []
            if e.status is not EnrolmentStatus.ENROLLED:
                problems.append(
                    Problem(
                        "person",
                        N_("Only a person enrolled in the group can complete the course."),
                    )
                )
            if day is None:
                problems.append(Problem("date", MSG_REQUIRED))
            elif day < g.start_date:
                problems.append(
                    Problem("date", N_("The group starts on {date}."), {"date": g.start_date})
                )
            elif day > dt.date.today():
                problems.append(Problem("date", N_("The date is in the future.")))
            if not certificate_number.strip():
                problems.append(Problem("certificate_number", MSG_REQUIRED))
            if problems:
                raise ValidationError(problems)
            e.status = EnrolmentStatus.COMPLETED
            e.result_date = day
            e.certificate_number = certificate_number.strip()
            e.grade = grade.strip()
            s.flush()

    def drop(self, enrolment_id: uuid.UUID, day: dt.date | None, reason: str) -> uuid.UUID | None:
        """The person leaves the group (or its waiting list); the first in line takes the place.
        Returns the enrolment that moved up, if any."""
        with self.db.write() as s:
            e = _live(s, Enrolment, enrolment_id)
            problems: list[Problem] = []
            if e.status not in (EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITING):
                problems.append(Problem("person", N_("The person has already left the group.")))
            if day is None:
                problems.append(Problem("date", MSG_REQUIRED))
            elif day < e.enrolled_on:
                problems.append(
                    Problem(
                        "date",
                        N_("The date is before the enrolment ({date})."),
                        {"date": e.enrolled_on},
                    )
                )
            if not reason.strip():
                problems.append(Problem("reason", MSG_REQUIRED))
            if problems:
                raise ValidationError(problems)
            freed = e.status is EnrolmentStatus.ENROLLED
            e.status = EnrolmentStatus.DROPPED
            e.result_date = day
            e.drop_reason = reason.strip()
            s.flush()
            if not freed:
                return None
            nxt = s.scalars(
                select(Enrolment)
                .where(
                    Enrolment.group_id == e.group_id,
                    Enrolment.status == EnrolmentStatus.WAITING,
                    live(Enrolment),
                )
                .order_by(Enrolment.enrolled_on, Enrolment.created_at)
            ).first()
            if nxt is None:
                return None
            nxt.status = EnrolmentStatus.ENROLLED
            assert day is not None
            nxt.enrolled_on = max(nxt.enrolled_on, day)
            s.flush()
            return nxt.id


def _live(s: Session, cls: type, ident: uuid.UUID):  # type: ignore[no-untyped-def]
    obj = s.get(cls, ident)
    if obj is None or obj.deleted:
        raise ConflictError(ident)
    return obj


def _count(s: Session, group_id: uuid.UUID, status: EnrolmentStatus) -> int:
    return int(
        s.scalar(
            select(func.count())
            .select_from(Enrolment)
            .where(Enrolment.group_id == group_id, Enrolment.status == status, live(Enrolment))
        )
        or 0
    )


# ---- read-only views -------------------------------------------------------------------------


@dataclass(frozen=True)
class CourseRow:
    id: uuid.UUID
    kind: CourseKind
    name_kk: str
    name_ru: str
    hours: int
    level: str
    profession: str | None
    provider: str

    def name(self, lang: str | None = None) -> str:
        return self.name_kk if (lang or current_language()) == "kk" else self.name_ru


@dataclass(frozen=True)
class GroupRow:
    id: uuid.UUID
    course: CourseRow
    name: str
    teacher: str
    start_date: dt.date
    end_date: dt.date
    weekdays: tuple[int, ...]
    time_from: str
    time_to: str
    room: str
    capacity: int
    enrolled: int
    waiting: int
    completed: int


def _course_row(c: Course) -> CourseRow:
    return CourseRow(c.id, c.kind, c.name_kk, c.name_ru, c.hours, c.level, c.profession, c.provider)


def courses(db: Database) -> list[CourseRow]:
    with db.read() as s:
        return [
            _course_row(c)
            for c in s.scalars(
                select(Course).where(live(Course)).order_by(Course.kind, Course.name_ru)
            )
        ]


def groups(
    db: Database,
    active_on: dt.date | None = None,
    kind: CourseKind | None = None,
    group_id: uuid.UUID | None = None,
) -> list[GroupRow]:
    """Groups (running on ``active_on`` if given; only ``group_id`` if given), newest first, with
    their head counts."""
    with db.read() as s:
        q = (
            select(CourseGroup, Course)
            .join(Course, Course.id == CourseGroup.course_id)
            .where(live(CourseGroup))
        )
        if active_on is not None:
            q = q.where(CourseGroup.start_date <= active_on, CourseGroup.end_date >= active_on)
        if kind is not None:
            q = q.where(Course.kind == kind)
        if group_id is not None:
            q = q.where(CourseGroup.id == group_id)
        pairs = s.execute(q.order_by(CourseGroup.start_date.desc(), CourseGroup.name)).all()
        ids = [g.id for g, _c in pairs]
        counts: dict[tuple[uuid.UUID, EnrolmentStatus], int] = {}
        if ids:
            for gid, status, n in s.execute(
                select(Enrolment.group_id, Enrolment.status, func.count())
                .where(Enrolment.group_id.in_(ids), live(Enrolment))
                .group_by(Enrolment.group_id, Enrolment.status)
            ):
                counts[(gid, status)] = int(n)
        return [
            GroupRow(
                g.id,
                _course_row(c),
                g.name,
                g.teacher,
                g.start_date,
                g.end_date,
                tuple(int(d) for d in g.weekdays.split(",") if d),
                g.time_from,
                g.time_to,
                g.room,
                g.capacity,
                counts.get((g.id, EnrolmentStatus.ENROLLED), 0)
                + counts.get((g.id, EnrolmentStatus.COMPLETED), 0),
                counts.get((g.id, EnrolmentStatus.WAITING), 0),
                counts.get((g.id, EnrolmentStatus.COMPLETED), 0),
            )
            for g, c in pairs
        ]


@dataclass(frozen=True)
class Lesson:
    id: uuid.UUID
    date: dt.date
    hours: float


@dataclass
class JournalRow:
    enrolment_id: uuid.UUID
    person_id: uuid.UUID
    household_id: uuid.UUID
    name: str
    status: EnrolmentStatus
    enrolled_on: dt.date
    certificate_number: str
    grade: str
    marks: dict[uuid.UUID, bool] = field(default_factory=dict)

    def hours_attended(self, lessons: list[Lesson]) -> float:
        return sum(lesson.hours for lesson in lessons if self.marks.get(lesson.id))


@dataclass
class Journal:
    group: GroupRow
    lessons: list[Lesson]
    rows: list[JournalRow]  # the enrolled and those who finished, then the waiting list


def journal(db: Database, group_id: uuid.UUID) -> Journal:
    """The attendance journal of a group: people as rows, lessons as columns. Three queries."""
    found = groups(db, group_id=group_id)
    if not found:
        raise ConflictError(group_id)
    with db.read() as s:
        lessons = [
            Lesson(r.id, r.date, r.hours)
            for r in s.execute(
                select(CourseSession.id, CourseSession.date, CourseSession.hours)
                .where(CourseSession.group_id == group_id, live(CourseSession))
                .order_by(CourseSession.date)
            )
        ]
        rows: dict[uuid.UUID, JournalRow] = {}
        for r in s.execute(
            select(
                Enrolment.id,
                Enrolment.person_id,
                Enrolment.household_id,
                Enrolment.status,
                Enrolment.enrolled_on,
                Enrolment.certificate_number,
                Enrolment.grade,
                Person.surname,
                Person.given_name,
                Person.patronymic,
                Person.sort_key,
            )
            .join(Person, Person.id == Enrolment.person_id)
            .where(Enrolment.group_id == group_id, live(Enrolment))
            .order_by(Person.sort_key)
        ):
            rows[r.id] = JournalRow(
                r.id,
                r.person_id,
                r.household_id,
                join_name(r.surname, r.given_name, r.patronymic),
                r.status,
                r.enrolled_on,
                r.certificate_number,
                r.grade,
            )
        if rows:
            for sid, eid, present in s.execute(
                select(Attendance.session_id, Attendance.enrolment_id, Attendance.present)
                .join(CourseSession, CourseSession.id == Attendance.session_id)
                .where(CourseSession.group_id == group_id, live(Attendance))
            ):
                if eid in rows:
                    rows[eid].marks[sid] = bool(present)
    order = {
        EnrolmentStatus.ENROLLED: 0,
        EnrolmentStatus.COMPLETED: 0,
        EnrolmentStatus.DROPPED: 1,
        EnrolmentStatus.WAITING: 2,
    }
    ordered = sorted(rows.values(), key=lambda r: order[r.status])
    return Journal(found[0], lessons, ordered)


@dataclass(frozen=True)
class StudyRow:
    """A person's course, for the family card's timeline."""

    enrolment_id: uuid.UUID
    person_id: uuid.UUID
    name: str
    course: CourseRow
    group: str
    start_date: dt.date
    end_date: dt.date
    enrolled_on: dt.date
    status: EnrolmentStatus
    result_date: dt.date | None
    certificate_number: str
    grade: str
    drop_reason: str
    hours_attended: float


def household_studies(db: Database, household_id: uuid.UUID) -> list[StudyRow]:
    with db.read() as s:
        rows = s.execute(
            select(
                Enrolment, CourseGroup, Course, Person.surname, Person.given_name, Person.patronymic
            )
            .join(CourseGroup, CourseGroup.id == Enrolment.group_id)
            .join(Course, Course.id == CourseGroup.course_id)
            .join(Person, Person.id == Enrolment.person_id)
            .where(Enrolment.household_id == household_id, live(Enrolment))
            .order_by(Enrolment.enrolled_on.desc())
        ).all()
        ids = [r[0].id for r in rows]
        hours: dict[uuid.UUID, float] = {}
        if ids:
            for eid, h in s.execute(
                select(Attendance.enrolment_id, func.sum(CourseSession.hours))
                .join(CourseSession, CourseSession.id == Attendance.session_id)
                .where(
                    Attendance.enrolment_id.in_(ids), Attendance.present.is_(True), live(Attendance)
                )
                .group_by(Attendance.enrolment_id)
            ):
                hours[eid] = float(h or 0)
        return [
            StudyRow(
                e.id,
                e.person_id,
                join_name(sn, gn, pn),
                _course_row(c),
                g.name,
                g.start_date,
                g.end_date,
                e.enrolled_on,
                e.status,
                e.result_date,
                e.certificate_number,
                e.grade,
                e.drop_reason,
                hours.get(e.id, 0.0),
            )
            for e, g, c, sn, gn, pn in rows
        ]
