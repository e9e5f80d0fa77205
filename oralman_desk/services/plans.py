"""Individual adaptation and integration plans: for each family, and each of its members of working
age, the services planned — consultations on given topics, a language course, training,
employment, anything else — with target dates. Staff start from the plan: each service record can
fulfil a plan item.

What is stored and what is derived:

- an item stores its family, its member (none for the whole family), its kind and what narrows it
  (a consultation topic, a kind of course, a profession, or words for "other"), the target date, a
  note, the staff member, and the one record that fulfils it (a consultation, an enrolment or a
  referral);
- whether it is *done* is derived from that record: a consultation once recorded, an enrolment once
  the course is completed, a referral once it ended in a job; only an "other" item is marked done
  by hand, with a date. On a given day an item is *late* when its target date has passed and it is
  not done, and *next* when it is among the earliest items still ahead. Nothing of this is stored,
  so a plan is always as current as its records (``DONE_ON`` is the one SQL expression for it).

Suggested items come from reference data ``plan_step`` (what, for whom, how long after arrival),
each value with the date it applies from, so a changed rule needs no new code; who is of working age
follows the dated working-age bounds (``working_age``).

Links are made three ways, always checked (same family, same member, matching kind): explicitly
(``PlanService.link``, or ``plan_item_id`` given to ``ConsultationService.record``,
``CourseService.enrol`` or ``EmploymentService.refer``), automatically when a service is recorded
for a person with a matching open item, and when an item is added for which a matching record
already exists.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import and_, case, false, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from ..db.base import live
from ..db.database import Database
from ..db.models import (
    Consultation,
    ConsultationAttendee,
    ConsultationTopic,
    Course,
    CourseGroup,
    Enrolment,
    Household,
    Person,
    PersonLanguage,
    PlanItem,
    Referral,
    RefValue,
)
from ..domain import (
    LABELS,
    LANGUAGE_COURSE_KINDS,
    TRAINING_COURSE_KINDS,
    AgeGroup,
    CourseKind,
    EnrolmentStatus,
    PlanItemKind,
    PlanState,
    ReferralStatus,
)
from ..formatting import short_date
from ..i18n import N_, _, current_language, ngettext, translate
from ..names import join_name
from .errors import ConflictError, Problem, ValidationError
from .placement import add_months
from .reference import ReferenceData

MSG_REQUIRED = N_("This field is required.")

#: Reference data kind of the suggested plan items.
PLAN_STEP = "plan_step"
#: ``extra["for"]`` of a plan step: one item for the family, or one for each member of working age.
FOR_FAMILY = "family"
FOR_WORKING_AGE = "working_age"

#: Enrolments and referrals that ended without the service: their item is open again.
FAILED_ENROLMENT = (EnrolmentStatus.DROPPED,)
FAILED_REFERRAL = (ReferralStatus.REFUSED_BY_EMPLOYER, ReferralStatus.REFUSED_BY_PERSON)

#: Kinds of plan item a member must be named for (a course or a referral is one person's).
PERSONAL_KINDS = (PlanItemKind.LANGUAGE_COURSE, PlanItemKind.TRAINING, PlanItemKind.EMPLOYMENT)

COURSE_TITLES: dict[CourseKind, str] = {
    CourseKind.KAZAKH: N_("Kazakh course"),
    CourseKind.RUSSIAN: N_("Russian course"),
    CourseKind.OTHER_LANGUAGE: N_("Course of another language"),
    CourseKind.VOCATIONAL: N_("Vocational training"),
    CourseKind.COMPUTER: N_("Computer literacy course"),
}


# ---- inputs ----------------------------------------------------------------------------------


@dataclass
class PlanItemInput:
    """One item as typed (or suggested). ``person_id`` None: the item is for the whole family."""

    kind: PlanItemKind
    target_date: dt.date | None
    person_id: uuid.UUID | None = None
    topic: str | None = None
    course_kind: CourseKind | None = None
    profession: str | None = None
    description: str = ""
    note: str = ""
    staff: str = ""
    #: "Other" items only: the day it was done (None: not yet).
    done_on: dt.date | None = None


@dataclass(frozen=True)
class Suggestion:
    """A suggested item with the plan step it comes from and the member's name, for the dialog."""

    step: str
    person_name: str
    item: PlanItemInput


# ---- the one definition of "done" ------------------------------------------------------------

_Cons = Consultation
_Enr = Enrolment
_Ref = Referral

#: The day an item was done, or NULL: its fulfilling record (live), or by hand for "other".
DONE_ON: ColumnElement[Any] = case(
    (PlanItem.kind == PlanItemKind.OTHER, PlanItem.done_on),
    (_Cons.id.is_not(None), _Cons.date),
    (_Enr.status == EnrolmentStatus.COMPLETED, _Enr.result_date),
    (_Ref.status == ReferralStatus.EMPLOYED, _Ref.employed_on),
    else_=None,
)


#: The day its record started while not yet done (studying in the group, referred and waiting for
#: the answer), or NULL: such an item is under way, not late, whatever its target date.
STARTED_ON: ColumnElement[Any] = case(
    (_Enr.status == EnrolmentStatus.ENROLLED, _Enr.enrolled_on),
    (_Ref.status.in_((ReferralStatus.REFERRED, ReferralStatus.INTERVIEW)), _Ref.date),
    else_=None,
)


def _with_records(q: Any) -> Any:
    """``q`` joined to the live record of each item (the joins ``DONE_ON`` reads)."""
    return (
        q.outerjoin(_Cons, and_(_Cons.id == PlanItem.consultation_id, live(_Cons)))
        .outerjoin(_Enr, and_(_Enr.id == PlanItem.enrolment_id, live(_Enr)))
        .outerjoin(_Ref, and_(_Ref.id == PlanItem.referral_id, live(_Ref)))
    )


def state_on(
    done_on: dt.date | None,
    target: dt.date,
    on: dt.date,
    next_date: dt.date | None,
    started_on: dt.date | None = None,
) -> PlanState:
    """The state of an item on ``on``; ``next_date`` is the earliest target still ahead of the
    items neither done nor under way."""
    if done_on is not None and done_on <= on:
        return PlanState.DONE
    if started_on is not None and started_on <= on:
        return PlanState.UNDER_WAY
    if target < on:
        return PlanState.LATE
    if next_date is not None and target == next_date:
        return PlanState.NEXT
    return PlanState.PLANNED


# ---- the service -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Record:
    """What a service record offers to a plan item, for checking a link."""

    table: str  # "consultation", "enrolment", "referral"
    id: uuid.UUID
    people: dict[uuid.UUID, uuid.UUID]  # person → household
    topics: frozenset[str] = frozenset()
    course_kind: CourseKind | None = None
    course_name: str = ""
    profession: str | None = None


class PlanService:
    """Drafts plans, adds, edits and removes their items, and links them to service records."""

    def __init__(self, db: Database, ref: ReferenceData | None = None) -> None:
        self.db = db
        self.ref = ref or ReferenceData.load(db)

    # -- drafting

    def suggest(self, household_id: uuid.UUID, on: dt.date | None = None) -> list[Suggestion]:
        """The items the plan steps in force on ``on`` (today) suggest for this family, except
        those the plan already has. Read-only: the worker confirms or edits them, then ``add``.

        A step is for the family or for each member of working age on ``on`` (dated bounds). Its
        target is the arrival date plus the step's term; a plan drafted after that day counts the
        term from the day it is drafted, so a late plan does not start out late.
        """
        day = on or dt.date.today()
        with self.db.read() as s:
            hh = s.get(Household, household_id)
            if hh is None or hh.deleted:
                raise ConflictError(household_id)
            members = s.scalars(
                select(Person)
                .where(Person.household_id == household_id, live(Person))
                .order_by(Person.position)
            ).all()
            langs: dict[uuid.UUID, dict[str, str]] = {}
            for pl in s.scalars(
                select(PersonLanguage).where(
                    PersonLanguage.person_id.in_([m.id for m in members]), live(PersonLanguage)
                )
            ):
                langs.setdefault(pl.person_id, {})[pl.language] = pl.level
            have = {
                _key(i.person_id, i.kind, i.topic, i.course_kind)
                for i in s.scalars(
                    select(PlanItem).where(PlanItem.household_id == household_id, live(PlanItem))
                )
            }
            arrival = hh.arrival_date
            head = next((m for m in members if m.id == hh.head_id), None)
        out: list[Suggestion] = []
        for step in self.ref.items(PLAN_STEP, day):
            extra = step.extra
            try:
                kind = PlanItemKind(str(extra.get("item")))
                course_kind = CourseKind(extra["course_kind"]) if extra.get("course_kind") else None
            except ValueError:
                continue  # a step added by hand without a kind of service: nothing to suggest
            target = _target(arrival, day, extra)
            who: list[Person | None]
            if extra.get("for") == FOR_FAMILY and kind not in PERSONAL_KINDS:
                who = [None]
            else:
                who = [
                    m
                    for m in members
                    if self.ref.age_group(m.birth_date, m.sex, day) is AgeGroup.WORKING
                ]
            skip_lang = str(extra.get("unless_language") or "")
            skip_levels = set(extra.get("unless_levels") or ())
            for m in who:
                pid = m.id if m is not None else None
                if m is not None and langs.get(m.id, {}).get(skip_lang) in skip_levels:
                    continue  # speaks the language already
                topic = extra.get("topic") if kind is PlanItemKind.CONSULTATION else None
                if _key(pid, kind, topic, course_kind) in have:
                    continue
                have.add(_key(pid, kind, topic, course_kind))
                name = m.full_name if m is not None else ""
                item = PlanItemInput(
                    kind=kind,
                    target_date=target,
                    person_id=pid,
                    topic=str(topic) if topic else None,
                    course_kind=course_kind,
                    profession=str(extra["profession"]) if extra.get("profession") else None,
                    description=step.name() if kind is PlanItemKind.OTHER else "",
                    staff=self.db.user,
                )
                out.append(Suggestion(step.code, name, item))
        order = {m.id: m.position for m in members}
        if head is not None:
            order[head.id] = -1
        out.sort(
            key=lambda sg: (
                sg.item.target_date or day,
                -2 if sg.item.person_id is None else order.get(sg.item.person_id, 0),
            )
        )
        return out

    # -- items

    def add(self, household_id: uuid.UUID, items: Sequence[PlanItemInput]) -> list[uuid.UUID]:
        """Add items (a confirmed draft, or one item). Every problem of every item is reported at
        once, fields prefixed ``items[i].`` when there are several. An item for which a matching
        record already exists is linked to it at once."""
        with self.db.write() as s:
            hh = s.get(Household, household_id)
            if hh is None or hh.deleted:
                raise ConflictError(household_id)
            problems: list[Problem] = []
            for i, data in enumerate(items):
                prefix = f"items[{i}]." if len(items) > 1 else ""
                problems.extend(
                    replace(p, field=prefix + p.field) for p in self._problems(s, hh, data)
                )
            if problems:
                raise ValidationError(problems)
            rows = []
            for data in items:
                row = PlanItem(household_id=household_id)
                _fill(row, data, self.db.user)
                s.add(row)
                rows.append(row)
            s.flush()
            for row in rows:
                _link_existing(s, row)
            s.flush()
            return [r.id for r in rows]

    def update(self, item_id: uuid.UUID, data: PlanItemInput, expected_version: int) -> None:
        """Edit an item. A changed kind, member, topic or kind of course that its record no longer
        fulfils drops the link (and looks for a record that does)."""
        with self.db.write() as s:
            row = _item(s, item_id, expected_version)
            hh = s.get(Household, row.household_id)
            assert hh is not None
            problems = self._problems(s, hh, data)
            if problems:
                raise ValidationError(problems)
            _fill(row, data, row.staff)
            record = _linked_record(s, row)
            if record is not None and _mismatch(s, row, record):
                _set_link(row, None)
            if record is None or _link_open(s, row):
                _link_existing(s, row)
            s.flush()

    def remove(self, item_id: uuid.UUID, expected_version: int) -> None:
        """Tombstone an item (an item planned by mistake or no longer wanted); its history stays."""
        with self.db.write() as s:
            row = _item(s, item_id, expected_version)
            row.deleted = True
            s.flush()

    def link(
        self,
        item_id: uuid.UUID,
        *,
        consultation_id: uuid.UUID | None = None,
        enrolment_id: uuid.UUID | None = None,
        referral_id: uuid.UUID | None = None,
    ) -> None:
        """Link an item to the record that fulfils it (checked: family, member, kind)."""
        given = [x for x in (consultation_id, enrolment_id, referral_id) if x is not None]
        if len(given) != 1:
            raise ValueError("link exactly one record")
        with self.db.write() as s:
            if consultation_id is not None:
                record = _consultation_record(s, consultation_id)
            elif enrolment_id is not None:
                record = _enrolment_record(s, enrolment_id)
            else:
                assert referral_id is not None
                record = _referral_record(s, referral_id)
            link_record(s, record, item_id)

    def unlink(self, item_id: uuid.UUID, expected_version: int) -> None:
        with self.db.write() as s:
            row = _item(s, item_id, expected_version)
            _set_link(row, None)
            s.flush()

    # -- checks

    def _problems(self, s: Session, hh: Household, data: PlanItemInput) -> list[Problem]:
        problems: list[Problem] = []
        if data.target_date is None:
            problems.append(Problem("target_date", MSG_REQUIRED))
        elif data.target_date < hh.arrival_date:
            problems.append(
                Problem(
                    "target_date",
                    N_("The target date is before the family's arrival ({date})."),
                    {"date": hh.arrival_date},
                )
            )
        if data.person_id is not None:
            p = s.get(Person, data.person_id)
            if p is None or p.deleted or p.household_id != hh.id:
                problems.append(Problem("person", N_("Choose a member of this family.")))
        elif data.kind in PERSONAL_KINDS:
            problems.append(
                Problem(
                    "person",
                    N_("A course, training or employment is planned for one member: choose who."),
                )
            )
        day = data.target_date or dt.date.today()
        if data.kind is PlanItemKind.CONSULTATION:
            if not data.topic:
                problems.append(Problem("topic", N_("Choose the topic of the consultation.")))
            elif self.ref.get("consultation_topic", data.topic, day) is None:
                problems.append(
                    Problem("topic", N_("Unknown topic: {code}."), {"code": data.topic})
                )
        if data.kind is PlanItemKind.LANGUAGE_COURSE and (
            data.course_kind not in LANGUAGE_COURSE_KINDS
        ):
            problems.append(Problem("course_kind", N_("Choose the language.")))
        if data.kind is PlanItemKind.TRAINING and (
            data.course_kind is not None and data.course_kind not in TRAINING_COURSE_KINDS
        ):
            problems.append(
                Problem("course_kind", N_("Training is vocational or computer literacy."))
            )
        if data.profession and self.ref.get("profession", data.profession, day) is None:
            problems.append(Problem("profession", N_("Unknown profession.")))
        if data.kind is PlanItemKind.OTHER:
            if not data.description.strip():
                problems.append(Problem("description", N_("Say what is to be done.")))
            if data.done_on is not None and data.done_on > dt.date.today():
                problems.append(Problem("done_on", N_("The date is in the future.")))
            elif data.done_on is not None and data.done_on < hh.arrival_date:
                problems.append(
                    Problem(
                        "done_on",
                        N_("The date is before the family's arrival ({date})."),
                        {"date": hh.arrival_date},
                    )
                )
        return problems


def _target(arrival: dt.date, day: dt.date, extra: dict[str, Any]) -> dt.date:
    months = int(extra.get("offset_months") or 0)
    days = int(extra.get("offset_days") or 0)
    target = add_months(arrival, months) + dt.timedelta(days=days)
    if target < day:
        target = add_months(day, months) + dt.timedelta(days=days)
    return target


def _key(
    person_id: uuid.UUID | None,
    kind: PlanItemKind,
    topic: str | None,
    course_kind: CourseKind | None,
) -> tuple[Any, ...]:
    return (person_id, kind, topic or None, course_kind)


def _fill(row: PlanItem, data: PlanItemInput, default_staff: str) -> None:
    kind = data.kind
    row.person_id = data.person_id
    row.kind = kind
    row.topic = data.topic if kind is PlanItemKind.CONSULTATION else None
    if kind is PlanItemKind.TRAINING:
        row.course_kind = data.course_kind or CourseKind.VOCATIONAL
    elif kind is PlanItemKind.LANGUAGE_COURSE:
        row.course_kind = data.course_kind
    else:
        row.course_kind = None
    row.profession = (
        data.profession or None
        if kind in (PlanItemKind.TRAINING, PlanItemKind.EMPLOYMENT)
        else None
    )
    row.description = data.description.strip()
    assert data.target_date is not None
    row.target_date = data.target_date
    row.note = data.note.strip()
    row.staff = data.staff.strip() or default_staff
    row.done_on = data.done_on if kind is PlanItemKind.OTHER else None
    if kind is PlanItemKind.OTHER:
        _set_link(row, None)


def _item(s: Session, item_id: uuid.UUID, expected_version: int | None = None) -> PlanItem:
    row = s.get(PlanItem, item_id)
    if (
        row is None
        or row.deleted
        or (expected_version is not None and row.version != expected_version)
    ):
        raise ConflictError(item_id)
    return row


def _set_link(row: PlanItem, record: _Record | None) -> None:
    row.consultation_id = record.id if record and record.table == "consultation" else None
    row.enrolment_id = record.id if record and record.table == "enrolment" else None
    row.referral_id = record.id if record and record.table == "referral" else None


# ---- records and the rules of linking --------------------------------------------------------


def _consultation_record(s: Session, consultation_id: uuid.UUID) -> _Record:
    c = s.get(Consultation, consultation_id)
    if c is None or c.deleted:
        raise ConflictError(consultation_id)
    topics = frozenset(
        s.scalars(
            select(ConsultationTopic.topic).where(
                ConsultationTopic.consultation_id == c.id, live(ConsultationTopic)
            )
        )
    )
    people = {
        pid: hid
        for pid, hid in s.execute(
            select(ConsultationAttendee.person_id, ConsultationAttendee.household_id).where(
                ConsultationAttendee.consultation_id == c.id, live(ConsultationAttendee)
            )
        )
    }
    return _Record("consultation", c.id, people, topics=topics)


def _enrolment_record(s: Session, enrolment_id: uuid.UUID) -> _Record:
    row = s.execute(
        select(Enrolment, Course)
        .join(CourseGroup, CourseGroup.id == Enrolment.group_id)
        .join(Course, Course.id == CourseGroup.course_id)
        .where(Enrolment.id == enrolment_id, live(Enrolment))
    ).first()
    if row is None:
        raise ConflictError(enrolment_id)
    e, course = row
    return _Record(
        "enrolment",
        e.id,
        {e.person_id: e.household_id},
        course_kind=course.kind,
        course_name=course.name_ru,
        profession=course.profession,
    )


def _referral_record(s: Session, referral_id: uuid.UUID) -> _Record:
    r = s.get(Referral, referral_id)
    if r is None or r.deleted:
        raise ConflictError(referral_id)
    return _Record("referral", r.id, {r.person_id: r.household_id}, profession=r.profession)


_RECORD_KINDS: dict[str, tuple[PlanItemKind, ...]] = {
    "consultation": (PlanItemKind.CONSULTATION,),
    "enrolment": (PlanItemKind.LANGUAGE_COURSE, PlanItemKind.TRAINING),
    "referral": (PlanItemKind.EMPLOYMENT,),
}
_WRONG_KIND: dict[str, str] = {
    "consultation": N_("A consultation does not fulfil a plan item of the kind “{label}”."),
    "enrolment": N_("A course does not fulfil a plan item of the kind “{label}”."),
    "referral": N_("A referral to a job does not fulfil a plan item of the kind “{label}”."),
}


def _problems_of_link(s: Session, item: PlanItem, record: _Record) -> list[Problem]:
    """Why ``record`` cannot fulfil ``item`` (empty: it can)."""
    field = "plan_item"
    if item.kind not in _RECORD_KINDS[record.table]:
        return [Problem(field, _WRONG_KIND[record.table], {"label": LABELS[item.kind]})]
    problems: list[Problem] = []
    if item.household_id not in record.people.values():
        problems.append(Problem(field, N_("The plan item belongs to another family.")))
    elif item.person_id is not None and item.person_id not in record.people:
        p = s.get(Person, item.person_id)
        name = join_name(p.surname, p.given_name, p.patronymic) if p else ""
        problems.append(
            Problem(field, N_("The plan item is for {name}; choose that person."), {"name": name})
        )
    if item.kind is PlanItemKind.CONSULTATION and item.topic and item.topic not in record.topics:
        problems.append(
            Problem(
                "topics",
                N_("The plan item is a consultation on “{topic}”: choose that topic."),
                {"topic": _ref_name(s, "consultation_topic", item.topic)},
            )
        )
    if record.table == "enrolment":
        allowed = (
            (item.course_kind,)
            if item.course_kind is not None
            else LANGUAGE_COURSE_KINDS
            if item.kind is PlanItemKind.LANGUAGE_COURSE
            else TRAINING_COURSE_KINDS
        )
        if record.course_kind not in allowed:
            problems.append(
                Problem(
                    field,
                    N_("The plan item is “{label}”; this group's course is of another kind."),
                    {"label": COURSE_TITLES[item.course_kind or allowed[0]]},
                )
            )
    if item.profession and record.profession != item.profession:
        problems.append(
            Problem(
                "profession",
                N_("The plan item is for the profession “{profession}”."),
                {"profession": _ref_name(s, "profession", item.profession)},
            )
        )
    return problems


def _ref_name(s: Session, kind: str, code: str) -> str:
    """The name of a classifier value in the current language (for a message), or the code."""
    row = s.execute(
        select(RefValue.name_kk, RefValue.name_ru)
        .where(RefValue.kind == kind, RefValue.code == code, live(RefValue))
        .order_by(RefValue.valid_from.desc())
    ).first()
    if row is None:
        return code
    return str(row.name_kk if current_language() == "kk" else row.name_ru)


def _mismatch(s: Session, item: PlanItem, record: _Record) -> bool:
    return bool(_problems_of_link(s, item, record))


def _linked_record(s: Session, item: PlanItem) -> _Record | None:
    try:
        if item.consultation_id is not None:
            return _consultation_record(s, item.consultation_id)
        if item.enrolment_id is not None:
            return _enrolment_record(s, item.enrolment_id)
        if item.referral_id is not None:
            return _referral_record(s, item.referral_id)
    except ConflictError:
        return None  # the record was removed: as if there were no link
    return None


def _link_open(s: Session, item: PlanItem) -> bool:
    """True when the item may take a (new) record: no live link, or one that failed."""
    if item.kind is PlanItemKind.OTHER:
        return False
    if item.consultation_id is not None:
        alive = s.scalar(
            select(Consultation.id).where(
                Consultation.id == item.consultation_id, live(Consultation)
            )
        )
        return alive is None
    if item.enrolment_id is not None:
        studies = s.scalar(
            select(Enrolment.status).where(Enrolment.id == item.enrolment_id, live(Enrolment))
        )
        return studies is None or studies in FAILED_ENROLMENT
    if item.referral_id is not None:
        status = s.scalar(
            select(Referral.status).where(Referral.id == item.referral_id, live(Referral))
        )
        return status is None or status in FAILED_REFERRAL
    return True


def link_record(s: Session, record: _Record, item_id: uuid.UUID) -> None:
    """Link ``item_id`` to ``record`` inside the caller's transaction, or raise ValidationError.

    A done item keeps its record; an item whose record failed (a dropped course, a refused
    referral) or is still under way may be given another one."""
    item = _item(s, item_id)
    problems = _problems_of_link(s, item, record)
    if not problems and not _link_open(s, item):
        current = _linked_record(s, item)
        if current is not None and current.id != record.id and _done(s, item):
            problems.append(Problem("plan_item", N_("The plan item is already done.")))
    if problems:
        raise ValidationError(problems)
    _set_link(item, record)
    s.flush()


def _done(s: Session, item: PlanItem) -> bool:
    q = _with_records(select(DONE_ON).select_from(PlanItem)).where(PlanItem.id == item.id)
    return s.scalar(q) is not None


def _candidates(s: Session, record: _Record) -> list[PlanItem]:
    """Open items of the record's people (and their families' items for everyone) that the record
    may fulfil, earliest target first."""
    households = set(record.people.values())
    q = (
        select(PlanItem)
        .where(
            live(PlanItem),
            PlanItem.household_id.in_(households),
            PlanItem.kind.in_(_RECORD_KINDS[record.table]),
            or_(
                PlanItem.person_id.in_(list(record.people)),
                PlanItem.person_id.is_(None) if record.table == "consultation" else false(),
            ),
        )
        .order_by(PlanItem.target_date, PlanItem.created_at)
    )
    return [it for it in s.scalars(q) if _link_open(s, it) and not _problems_of_link(s, it, record)]


def auto_link(s: Session, record: _Record, skip: Iterable[uuid.UUID] = ()) -> list[uuid.UUID]:
    """Link ``record`` to the open items it fulfils; returns their ids.

    A consultation fulfils, for each of its people (and for their family) and each of its topics,
    the earliest open item; an enrolment or a referral fulfils one item, the earliest."""
    skipped = set(skip)
    linked: list[uuid.UUID] = []
    taken: set[tuple[Any, ...]] = set()
    for it in _candidates(s, record):
        if it.id in skipped:
            continue
        if record.table == "consultation":
            slot = (it.household_id, it.person_id, it.topic)
            if slot in taken:
                continue
            taken.add(slot)
        elif linked:
            break
        _set_link(it, record)
        linked.append(it.id)
    if linked:
        s.flush()
    return linked


def _link_existing(s: Session, item: PlanItem) -> None:
    """For a new or changed item: the matching record that already exists, if any."""
    if item.kind is PlanItemKind.OTHER or not _link_open(s, item):
        return
    people = (
        [item.person_id]
        if item.person_id is not None
        else list(
            s.scalars(
                select(Person.id).where(Person.household_id == item.household_id, live(Person))
            )
        )
    )
    if not people:
        return
    linked_elsewhere = select(PlanItem.enrolment_id).where(
        live(PlanItem), PlanItem.id != item.id, PlanItem.enrolment_id.is_not(None)
    )
    ids: list[uuid.UUID]
    if item.kind is PlanItemKind.CONSULTATION:
        q = (
            select(Consultation.id)
            .join(ConsultationAttendee, ConsultationAttendee.consultation_id == Consultation.id)
            .where(
                live(Consultation),
                live(ConsultationAttendee),
                ConsultationAttendee.person_id.in_(people),
            )
            .order_by(Consultation.date)
        )
        if item.topic:
            q = q.join(
                ConsultationTopic, ConsultationTopic.consultation_id == Consultation.id
            ).where(ConsultationTopic.topic == item.topic, live(ConsultationTopic))
        ids = list(dict.fromkeys(s.scalars(q)))
        records = [_consultation_record(s, i) for i in ids]
    elif item.kind in (PlanItemKind.LANGUAGE_COURSE, PlanItemKind.TRAINING):
        ids = list(
            s.scalars(
                select(Enrolment.id)
                .where(
                    live(Enrolment),
                    Enrolment.person_id.in_(people),
                    Enrolment.status.not_in(FAILED_ENROLMENT),
                    Enrolment.id.not_in(linked_elsewhere),
                )
                # a finished course first, then the latest
                .order_by(
                    (Enrolment.status == EnrolmentStatus.COMPLETED).desc(),
                    Enrolment.enrolled_on.desc(),
                )
            )
        )
        records = [_enrolment_record(s, i) for i in ids]
    else:
        taken = select(PlanItem.referral_id).where(
            live(PlanItem), PlanItem.id != item.id, PlanItem.referral_id.is_not(None)
        )
        ids = list(
            s.scalars(
                select(Referral.id)
                .where(
                    live(Referral),
                    Referral.person_id.in_(people),
                    Referral.status.not_in(FAILED_REFERRAL),
                    Referral.id.not_in(taken),
                )
                .order_by((Referral.status == ReferralStatus.EMPLOYED).desc(), Referral.date.desc())
            )
        )
        records = [_referral_record(s, i) for i in ids]
    for record in records:
        if not _problems_of_link(s, item, record):
            _set_link(item, record)
            return


# Hooks for the services that record consultations, enrolments and referrals: each calls one of
# these inside its own write transaction, so the record and its link are saved together or not
# at all.


def on_consultation(
    s: Session, consultation_id: uuid.UUID, plan_item_id: uuid.UUID | None
) -> list[uuid.UUID]:
    record = _consultation_record(s, consultation_id)
    linked: list[uuid.UUID] = []
    if plan_item_id is not None:
        link_record(s, record, plan_item_id)
        linked.append(plan_item_id)
    return linked + auto_link(s, record, skip=linked)


def on_enrolment(
    s: Session, enrolment_id: uuid.UUID, plan_item_id: uuid.UUID | None
) -> list[uuid.UUID]:
    record = _enrolment_record(s, enrolment_id)
    if plan_item_id is not None:
        link_record(s, record, plan_item_id)
        return [plan_item_id]
    return auto_link(s, record)


def on_referral(
    s: Session, referral_id: uuid.UUID, plan_item_id: uuid.UUID | None
) -> list[uuid.UUID]:
    record = _referral_record(s, referral_id)
    if plan_item_id is not None:
        link_record(s, record, plan_item_id)
        return [plan_item_id]
    return auto_link(s, record)


# ---- read-only views -------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanItemRow:
    """An item of a family's plan as the card shows it, with its state on ``on``."""

    id: uuid.UUID
    version: int
    household_id: uuid.UUID
    person_id: uuid.UUID | None
    person_name: str  # empty for the whole family
    kind: PlanItemKind
    topic: str | None
    course_kind: CourseKind | None
    profession: str | None
    description: str
    target_date: dt.date
    note: str
    staff: str
    consultation_id: uuid.UUID | None
    enrolment_id: uuid.UUID | None
    referral_id: uuid.UUID | None
    #: The day it was done: its record's (or by hand, for "other"); None while not done.
    done_on: dt.date | None
    #: By hand, for "other" items (what the edit dialog shows).
    marked_done_on: dt.date | None
    state: PlanState
    #: The fulfilling record in short, for the list: what it is and where it stands.
    record: RecordSummary | None = None

    @property
    def linked_id(self) -> uuid.UUID | None:
        return self.consultation_id or self.enrolment_id or self.referral_id

    def to_input(self) -> PlanItemInput:
        return PlanItemInput(
            kind=self.kind,
            target_date=self.target_date,
            person_id=self.person_id,
            topic=self.topic,
            course_kind=self.course_kind,
            profession=self.profession,
            description=self.description,
            note=self.note,
            staff=self.staff,
            done_on=self.marked_done_on,
        )


@dataclass(frozen=True)
class RecordSummary:
    table: str  # "consultation", "enrolment", "referral"
    date: dt.date
    #: Enrolment or referral status (enum value); empty for a consultation.
    status: str = ""
    #: The course (kk, ru) or the referral number.
    course_kk: str = ""
    course_ru: str = ""
    number: int = 0


def item_title(
    kind: PlanItemKind,
    topic: str | None,
    course_kind: CourseKind | None,
    profession: str | None,
    description: str,
    ref: ReferenceData,
    lang: str | None = None,
) -> str:
    """What an item is, in words: "Consultation: Kandas status", "Kazakh course", …"""
    if kind is PlanItemKind.CONSULTATION:
        return translate(N_("Consultation: {topic}"), lang).format(
            topic=ref.name("consultation_topic", topic, lang) or "—"
        )
    if kind is PlanItemKind.LANGUAGE_COURSE:
        return translate(COURSE_TITLES[course_kind or CourseKind.OTHER_LANGUAGE], lang)
    if kind is PlanItemKind.TRAINING:
        title = translate(COURSE_TITLES[course_kind or CourseKind.VOCATIONAL], lang)
        if profession:
            return f"{title}: {ref.name('profession', profession, lang)}"
        return title
    if kind is PlanItemKind.EMPLOYMENT:
        title = translate(LABELS[kind], lang)
        if profession:
            return f"{title}: {ref.name('profession', profession, lang)}"
        return title
    return description


def row_title(row: PlanItemRow, ref: ReferenceData, lang: str | None = None) -> str:
    return item_title(
        row.kind, row.topic, row.course_kind, row.profession, row.description, ref, lang
    )


def _item_columns() -> tuple[Any, ...]:
    return (
        PlanItem,
        DONE_ON.label("done"),
        STARTED_ON.label("started"),
        Person.surname,
        Person.given_name,
        Person.patronymic,
        Person.position,
        _Cons.date.label("c_date"),
        _Enr.status.label("e_status"),
        _Enr.enrolled_on.label("e_date"),
        Course.name_kk.label("course_kk"),
        Course.name_ru.label("course_ru"),
        _Ref.status.label("r_status"),
        _Ref.date.label("r_date"),
        _Ref.number.label("r_number"),
    )


def household_plan(
    db: Database, household_id: uuid.UUID, on: dt.date | None = None
) -> list[PlanItemRow]:
    """The family's plan on ``on`` (today): every live item with its state, by target date, the
    family's own items before its members' on the same day. One query."""
    day = on or dt.date.today()
    q = _with_records(select(*_item_columns()).select_from(PlanItem))
    q = (
        q.outerjoin(CourseGroup, CourseGroup.id == _Enr.group_id)
        .outerjoin(Course, Course.id == CourseGroup.course_id)
        .outerjoin(Person, Person.id == PlanItem.person_id)
        .where(PlanItem.household_id == household_id, live(PlanItem))
        .order_by(
            PlanItem.target_date,
            func.coalesce(Person.position, -1),
            PlanItem.created_at,
        )
    )
    with db.read() as s:
        rows = s.execute(q).all()
    ahead = [
        r.PlanItem.target_date
        for r in rows
        if not (r.done is not None and r.done <= day)
        and not (r.started is not None and r.started <= day)
        and r.PlanItem.target_date >= day
    ]
    next_date = min(ahead) if ahead else None
    out = []
    for r in rows:
        it: PlanItem = r.PlanItem
        summary: RecordSummary | None = None
        if r.c_date is not None:
            summary = RecordSummary("consultation", r.c_date)
        elif r.e_status is not None:
            summary = RecordSummary(
                "enrolment", r.e_date, str(r.e_status.value), r.course_kk or "", r.course_ru or ""
            )
        elif r.r_status is not None:
            summary = RecordSummary(
                "referral", r.r_date, str(r.r_status.value), number=int(r.r_number)
            )
        out.append(
            PlanItemRow(
                id=it.id,
                version=it.version,
                household_id=it.household_id,
                person_id=it.person_id,
                person_name=join_name(r.surname, r.given_name, r.patronymic)
                if it.person_id
                else "",
                kind=it.kind,
                topic=it.topic,
                course_kind=it.course_kind,
                profession=it.profession,
                description=it.description,
                target_date=it.target_date,
                note=it.note,
                staff=it.staff,
                consultation_id=it.consultation_id if r.c_date is not None else None,
                enrolment_id=it.enrolment_id if r.e_status is not None else None,
                referral_id=it.referral_id if r.r_status is not None else None,
                done_on=r.done,
                marked_done_on=it.done_on,
                state=state_on(r.done, it.target_date, day, next_date, r.started),
                record=summary,
            )
        )
    return out


@dataclass(frozen=True)
class PlanProgress:
    """How far a family's plan is on a day: counted in SQL."""

    household_id: uuid.UUID
    total: int
    done: int
    late: int
    open: int  # not done, late ones included
    next_kind: PlanItemKind | None = None
    next_topic: str | None = None
    next_course_kind: CourseKind | None = None
    next_profession: str | None = None
    next_description: str = ""
    next_target: dt.date | None = None
    next_person: str = ""  # given name of the member, empty for the whole family
    #: How many items share the next target date.
    next_count: int = 0

    def next_title(self, ref: ReferenceData, lang: str | None = None) -> str:
        if self.next_kind is None:
            return ""
        return item_title(
            self.next_kind,
            self.next_topic,
            self.next_course_kind,
            self.next_profession,
            self.next_description,
            ref,
            lang,
        )


def plan_progress(
    db: Database, household_ids: Sequence[uuid.UUID] | None = None, on: dt.date | None = None
) -> dict[uuid.UUID, PlanProgress]:
    """Progress of the plans of ``household_ids`` (every family with a plan when None) on ``on``:
    counts of done, late and open items, and the next item (the earliest target still ahead).
    Families without a plan are left out. Two grouped queries, whatever the number of families."""
    day = on or dt.date.today()
    base = _with_records(
        select(
            PlanItem.id.label("id"),
            PlanItem.household_id.label("household_id"),
            PlanItem.person_id.label("person_id"),
            PlanItem.kind.label("kind"),
            PlanItem.topic.label("topic"),
            PlanItem.course_kind.label("course_kind"),
            PlanItem.profession.label("profession"),
            PlanItem.description.label("description"),
            PlanItem.target_date.label("target_date"),
            PlanItem.created_at.label("created_at"),
            DONE_ON.label("done_on"),
            STARTED_ON.label("started_on"),
        ).select_from(PlanItem)
    ).where(live(PlanItem))
    if household_ids is not None:
        base = base.where(PlanItem.household_id.in_(list(household_ids)))
    items = base.subquery("items")
    is_done = and_(items.c.done_on.is_not(None), items.c.done_on <= day)
    under_way = and_(~is_done, items.c.started_on.is_not(None), items.c.started_on <= day)
    is_late = and_(~is_done, ~under_way, items.c.target_date < day)
    counts = select(
        items.c.household_id,
        func.count(),
        func.sum(case((is_done, 1), else_=0)),
        func.sum(case((is_late, 1), else_=0)),
    ).group_by(items.c.household_id)
    ahead = (
        select(
            items,
            func.row_number()
            .over(
                partition_by=items.c.household_id,
                order_by=(items.c.target_date, items.c.created_at),
            )
            .label("rn"),
            func.count()
            .over(partition_by=(items.c.household_id, items.c.target_date))
            .label("same_day"),
        )
        .where(~is_done, ~under_way, items.c.target_date >= day)
        .subquery("ahead")
    )
    nxt = (
        select(ahead, Person.given_name)
        .outerjoin(Person, Person.id == ahead.c.person_id)
        .where(ahead.c.rn == 1)
    )
    out: dict[uuid.UUID, PlanProgress] = {}
    with db.read() as s:
        for hid, total, done, late in s.execute(counts):
            total, done, late = int(total), int(done or 0), int(late or 0)
            out[hid] = PlanProgress(hid, total, done, late, total - done)
        for r in s.execute(nxt):
            p = out.get(r.household_id)
            if p is None:
                continue
            out[r.household_id] = replace(
                p,
                next_kind=PlanItemKind(r.kind),
                next_topic=r.topic,
                next_course_kind=CourseKind(r.course_kind) if r.course_kind else None,
                next_profession=r.profession,
                next_description=r.description or "",
                next_target=r.target_date,
                next_person=r.given_name or "",
                next_count=int(r.same_day),
            )
    return out


def progress_text(p: PlanProgress | None, ref: ReferenceData) -> str:
    """ "3 of 7 done, 1 late, next: Kazakh course (Nurlan) by 12.03.2026", in the current language
    (a report in another language wraps the call in ``i18n.language``)."""
    if p is None or p.total == 0:
        return _("No plan yet.")
    parts = [
        ngettext("{done} of {total} done", "{done} of {total} done", p.total).format(
            done=p.done, total=p.total
        )
    ]
    if p.late:
        parts.append(ngettext("{n} late", "{n} late", p.late).format(n=p.late))
    if p.next_kind is not None and p.next_target is not None:
        title = p.next_title(ref)
        if p.next_person:
            title = _("{item} ({name})").format(item=title, name=p.next_person)
        parts.append(_("next: {item} by {date}").format(item=title, date=short_date(p.next_target)))
    elif p.open == 0:
        parts.append(_("everything is done"))
    return ", ".join(parts)


__all__ = [
    "DONE_ON",
    "STARTED_ON",
    "PlanItemInput",
    "PlanItemRow",
    "PlanProgress",
    "PlanService",
    "RecordSummary",
    "Suggestion",
    "household_plan",
    "item_title",
    "plan_progress",
    "progress_text",
    "row_title",
    "state_on",
]
