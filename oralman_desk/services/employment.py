"""Employment: employers and vacancies, referrals and their outcomes, follow-ups after 3 and 6
months.

A referral sends a person to the district employment centre or to an employer (and a vacancy),
for a profession and a kind of job. Its outcome moves referred → interview → employed / refused by
the employer / refused by the person / no answer, each step dated; an employment is never dated
before its referral. Employment puts two follow-ups on the list — still employed after 3 and after
6 months? — due from the employment date.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.base import live
from ..db.database import Database
from ..db.models import Employer, FollowUp, Person, Referral, ReferralStep, Vacancy
from ..domain import NEXT_REFERRAL_STATUS, JobKind, ReferralStatus, ReferralTarget
from ..i18n import N_
from ..identity import IdError, IinInvalid, parse_bin
from ..names import join_name
from .errors import ConflictError, Problem, ValidationError
from .placement import add_months
from .plans import on_referral
from .reference import ReferenceData

MSG_REQUIRED = N_("This field is required.")
FOLLOW_UP_MONTHS = (3, 6)

BIN_MESSAGES: dict[IdError, str] = {
    IdError.FORMAT: N_("A BIN has exactly 12 digits."),
    IdError.CHECKSUM: N_("The BIN's check digit is wrong: check for a typing error."),
    IdError.NEVER_ISSUED: N_("No BIN like this can be issued: check for a typing error."),
    IdError.BIN_MONTH: N_("Digits 3 and 4 of a BIN must be a month (01 to 12)."),
    IdError.BIN_KIND: N_("The 5th digit of a BIN must be 4, 5 or 6."),
}


@dataclass
class EmployerInput:
    name: str
    bin: str = ""
    sector: str = ""
    address: str = ""
    contact_person: str = ""
    phone: str = ""


@dataclass
class VacancyInput:
    employer_id: uuid.UUID
    profession: str | None
    places: int = 1
    wage: int | None = None
    conditions: str = ""


@dataclass
class ReferralInput:
    person_id: uuid.UUID | None
    date: dt.date | None
    target: ReferralTarget
    job_kind: JobKind
    profession: str | None = None
    employer_id: uuid.UUID | None = None
    vacancy_id: uuid.UUID | None = None
    staff: str = ""
    note: str = ""


class EmploymentService:
    def __init__(self, db: Database, ref: ReferenceData | None = None) -> None:
        self.db = db
        self.ref = ref or ReferenceData.load(db)

    # -- employers

    def save_employer(
        self, data: EmployerInput, employer_id: uuid.UUID | None = None, version: int | None = None
    ) -> uuid.UUID:
        with self.db.write() as s:
            problems: list[Problem] = []
            if not data.name.strip():
                problems.append(Problem("employer_name", MSG_REQUIRED))
            number = data.bin.strip() or None
            if number is not None:
                try:
                    parse_bin(number)
                except IinInvalid as exc:
                    problems.append(
                        Problem("bin", BIN_MESSAGES.get(exc.code, BIN_MESSAGES[IdError.FORMAT]))
                    )
                else:
                    other = s.scalar(
                        select(Employer.name).where(
                            Employer.bin == number,
                            live(Employer),
                            Employer.id != employer_id
                            if employer_id
                            else Employer.bin.is_not(None),
                        )
                    )
                    if other is not None:
                        problems.append(
                            Problem("bin", N_("This BIN belongs to {name}."), {"name": other})
                        )
            if problems:
                raise ValidationError(problems)
            if employer_id is None:
                e = Employer(name=data.name.strip(), bin=number)
                s.add(e)
            else:
                found = s.get(Employer, employer_id)
                if (
                    found is None
                    or found.deleted
                    or (version is not None and found.version != version)
                ):
                    raise ConflictError(employer_id)
                e = found
                e.name = data.name.strip()
                e.bin = number
            e.sector = data.sector.strip()
            e.address = data.address.strip()
            e.contact_person = data.contact_person.strip()
            e.phone = data.phone.strip()
            s.flush()
            return e.id

    def add_vacancy(self, data: VacancyInput) -> uuid.UUID:
        problems: list[Problem] = []
        if not data.profession or not self.ref.exists("profession", data.profession):
            problems.append(Problem("profession", MSG_REQUIRED))
        if data.places < 1:
            problems.append(Problem("places", N_("A vacancy has at least one place.")))
        if data.wage is not None and data.wage < 0:
            problems.append(Problem("wage", N_("The wage cannot be negative.")))
        if problems:
            raise ValidationError(problems)
        with self.db.write() as s:
            if s.get(Employer, data.employer_id) is None:
                raise ConflictError(data.employer_id)
            v = Vacancy(
                employer_id=data.employer_id,
                profession=data.profession,
                places=data.places,
                wage=data.wage,
                conditions=data.conditions.strip(),
            )
            s.add(v)
            s.flush()
            return v.id

    # -- referrals

    def refer(self, data: ReferralInput, plan_item_id: uuid.UUID | None = None) -> uuid.UUID:
        """Refer a person. The referral fulfils ``plan_item_id`` if given (checked), or else the
        person's earliest open plan item for employment (once it ends in a job)."""
        with self.db.write() as s:
            problems: list[Problem] = []
            person = s.get(Person, data.person_id) if data.person_id else None
            if person is None or person.deleted:
                problems.append(Problem("person", MSG_REQUIRED))
            if data.date is None:
                problems.append(Problem("date", MSG_REQUIRED))
            elif data.date > dt.date.today():
                problems.append(Problem("date", N_("The date is in the future.")))
            if data.target is ReferralTarget.EMPLOYER and data.employer_id is None:
                problems.append(Problem("employer", N_("Choose the employer.")))
            if data.profession and not self.ref.exists("profession", data.profession):
                problems.append(Problem("profession", MSG_REQUIRED))
            if data.vacancy_id is not None:
                v = s.get(Vacancy, data.vacancy_id)
                if v is None or v.employer_id != data.employer_id:
                    problems.append(Problem("vacancy", N_("The vacancy is not this employer's.")))
            if problems:
                raise ValidationError(problems)
            assert person is not None and data.date is not None
            number = int(s.scalar(select(func.coalesce(func.max(Referral.number), 0))) or 0) + 1
            r = Referral(
                person_id=person.id,
                household_id=person.household_id,
                number=number,
                date=data.date,
                target=data.target,
                employer_id=data.employer_id if data.target is ReferralTarget.EMPLOYER else None,
                vacancy_id=data.vacancy_id if data.target is ReferralTarget.EMPLOYER else None,
                profession=data.profession,
                job_kind=data.job_kind,
                staff=data.staff.strip() or self.db.user,
                status=ReferralStatus.REFERRED,
                status_date=data.date,
                note=data.note.strip(),
            )
            s.add(r)
            s.flush()
            s.add(ReferralStep(referral_id=r.id, status=ReferralStatus.REFERRED, date=data.date))
            s.flush()
            on_referral(s, r.id, plan_item_id)
            return r.id

    def outcome(
        self,
        referral_id: uuid.UUID,
        status: ReferralStatus,
        day: dt.date | None,
        employed_on: dt.date | None = None,
        employment_kind: JobKind | None = None,
        note: str = "",
    ) -> None:
        """Move a referral to its next step; employment books the follow-ups."""
        with self.db.write() as s:
            r = _referral(s, referral_id)
            problems: list[Problem] = []
            if status not in NEXT_REFERRAL_STATUS[r.status]:
                problems.append(
                    Problem(
                        "status", N_("The referral cannot move to this step from its current one.")
                    )
                )
            if day is None:
                problems.append(Problem("date", MSG_REQUIRED))
            elif day > dt.date.today():
                problems.append(Problem("date", N_("The date is in the future.")))
            elif day < r.status_date:
                problems.append(
                    Problem(
                        "date",
                        N_("The date is before the previous step ({date})."),
                        {"date": r.status_date},
                    )
                )
            if status is ReferralStatus.EMPLOYED:
                if employed_on is None:
                    problems.append(Problem("employed_on", MSG_REQUIRED))
                elif employed_on < r.date:
                    problems.append(
                        Problem(
                            "employed_on",
                            N_("The employment date is before the referral ({date})."),
                            {"date": r.date},
                        )
                    )
                if employment_kind is None:
                    problems.append(Problem("employment_kind", MSG_REQUIRED))
            if problems:
                raise ValidationError(problems)
            assert day is not None
            r.status = status
            r.status_date = day
            s.add(ReferralStep(referral_id=r.id, status=status, date=day, note=note.strip()))
            if status is ReferralStatus.EMPLOYED:
                assert employed_on is not None
                r.employed_on = employed_on
                r.employment_kind = employment_kind
                for months in FOLLOW_UP_MONTHS:
                    s.add(
                        FollowUp(
                            referral_id=r.id,
                            months=months,
                            due_date=add_months(employed_on, months),
                        )
                    )
            s.flush()

    def record_follow_up(
        self, follow_up_id: uuid.UUID, day: dt.date | None, still_employed: bool, note: str = ""
    ) -> None:
        with self.db.write() as s:
            f = s.get(FollowUp, follow_up_id)
            if f is None or f.deleted:
                raise ConflictError(follow_up_id)
            r = _referral(s, f.referral_id)
            if day is None:
                raise ValidationError([Problem("date", MSG_REQUIRED)])
            if r.employed_on is not None and day < r.employed_on:
                raise ValidationError(
                    [
                        Problem(
                            "date",
                            N_("The date is before the employment ({date})."),
                            {"date": r.employed_on},
                        )
                    ]
                )
            if day > dt.date.today():
                raise ValidationError([Problem("date", N_("The date is in the future."))])
            f.checked_on = day
            f.still_employed = still_employed
            f.note = note.strip()
            s.flush()


def _referral(s: Session, referral_id: uuid.UUID) -> Referral:
    r = s.get(Referral, referral_id)
    if r is None or r.deleted:
        raise ConflictError(referral_id)
    return r


# ---- read-only views -------------------------------------------------------------------------


@dataclass(frozen=True)
class EmployerRow:
    id: uuid.UUID
    name: str
    bin: str | None
    sector: str
    address: str
    contact_person: str
    phone: str
    version: int
    open_vacancies: int


def employers(db: Database, text: str = "") -> list[EmployerRow]:
    with db.read() as s:
        q = select(Employer).where(live(Employer))
        if text.strip():
            like = f"%{text.strip()}%"
            q = q.where(Employer.name.like(like) | Employer.bin.like(like))
        rows = s.scalars(q.order_by(Employer.name).limit(1000)).all()
        counts = dict(
            s.execute(
                select(Vacancy.employer_id, func.sum(Vacancy.places))
                .where(live(Vacancy), Vacancy.closed_on.is_(None))
                .group_by(Vacancy.employer_id)
            ).all()
        )
        return [
            EmployerRow(
                e.id,
                e.name,
                e.bin,
                e.sector,
                e.address,
                e.contact_person,
                e.phone,
                e.version,
                int(counts.get(e.id) or 0),
            )
            for e in rows
        ]


@dataclass(frozen=True)
class VacancyRow:
    id: uuid.UUID
    employer_id: uuid.UUID
    profession: str
    places: int
    wage: int | None
    conditions: str


def vacancies(db: Database, employer_id: uuid.UUID) -> list[VacancyRow]:
    with db.read() as s:
        return [
            VacancyRow(v.id, v.employer_id, v.profession, v.places, v.wage, v.conditions)
            for v in s.scalars(
                select(Vacancy).where(
                    Vacancy.employer_id == employer_id, live(Vacancy), Vacancy.closed_on.is_(None)
                )
            )
        ]


@dataclass(frozen=True)
class ReferralRow:
    id: uuid.UUID
    number: int
    person_id: uuid.UUID
    household_id: uuid.UUID
    name: str
    birth_date: dt.date
    date: dt.date
    target: ReferralTarget
    employer: str
    employer_bin: str | None
    employer_address: str
    profession: str | None
    job_kind: JobKind
    staff: str
    status: ReferralStatus
    status_date: dt.date
    employed_on: dt.date | None
    employment_kind: JobKind | None
    follow_ups: tuple[tuple[int, dt.date, dt.date | None, bool | None], ...]


@dataclass
class ReferralFilter:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    status: ReferralStatus | None = None
    household_id: uuid.UUID | None = None
    referral_id: uuid.UUID | None = None
    limit: int = 500


def referrals(db: Database, f: ReferralFilter) -> list[ReferralRow]:
    """Referrals matching ``f``, newest first (filtered in SQL)."""
    q = (
        select(
            Referral,
            Person.surname,
            Person.given_name,
            Person.patronymic,
            Person.birth_date,
            Employer.name,
            Employer.bin,
            Employer.address,
        )
        .join(Person, Person.id == Referral.person_id)
        .outerjoin(Employer, Employer.id == Referral.employer_id)
        .where(live(Referral))
    )
    if f.date_from:
        q = q.where(Referral.date >= f.date_from)
    if f.date_to:
        q = q.where(Referral.date <= f.date_to)
    if f.status:
        q = q.where(Referral.status == f.status)
    if f.household_id:
        q = q.where(Referral.household_id == f.household_id)
    if f.referral_id:
        q = q.where(Referral.id == f.referral_id)
    with db.read() as s:
        rows = s.execute(
            q.order_by(Referral.date.desc(), Referral.number.desc()).limit(f.limit)
        ).all()
        ids = [r[0].id for r in rows]
        fus: dict[uuid.UUID, list[tuple[int, dt.date, dt.date | None, bool | None]]] = {}
        if ids:
            for fu in s.scalars(
                select(FollowUp)
                .where(FollowUp.referral_id.in_(ids), live(FollowUp))
                .order_by(FollowUp.months)
            ):
                fus.setdefault(fu.referral_id, []).append(
                    (fu.months, fu.due_date, fu.checked_on, fu.still_employed)
                )
        return [
            ReferralRow(
                r.id,
                r.number,
                r.person_id,
                r.household_id,
                join_name(sn, gn, pn),
                bd,
                r.date,
                r.target,
                en or "",
                eb,
                ea or "",
                r.profession,
                r.job_kind,
                r.staff,
                r.status,
                r.status_date,
                r.employed_on,
                r.employment_kind,
                tuple(fus.get(r.id, [])),
            )
            for r, sn, gn, pn, bd, en, eb, ea in rows
        ]


@dataclass(frozen=True)
class FollowUpDue:
    id: uuid.UUID
    referral_id: uuid.UUID
    household_id: uuid.UUID
    name: str
    employer: str
    employed_on: dt.date
    months: int
    due_date: dt.date


def follow_ups_due(db: Database, day: dt.date) -> list[FollowUpDue]:
    with db.read() as s:
        rows = s.execute(
            select(
                FollowUp.id,
                FollowUp.referral_id,
                FollowUp.months,
                FollowUp.due_date,
                Referral.household_id,
                Referral.employed_on,
                Person.surname,
                Person.given_name,
                Person.patronymic,
                Employer.name,
            )
            .join(Referral, Referral.id == FollowUp.referral_id)
            .join(Person, Person.id == Referral.person_id)
            .outerjoin(Employer, Employer.id == Referral.employer_id)
            .where(FollowUp.checked_on.is_(None), live(FollowUp), FollowUp.due_date <= day)
            .order_by(FollowUp.due_date)
        ).all()
    return [
        FollowUpDue(
            r.id,
            r.referral_id,
            r.household_id,
            join_name(r.surname, r.given_name, r.patronymic),
            r.name or "",
            r.employed_on,
            r.months,
            r.due_date,
        )
        for r in rows
    ]
