"""Reference data: bilingual classifiers with the date each value applies from.

Values are read once per ``ReferenceData`` (a few hundred rows) and looked up in memory; editing goes
through ``ReferenceService`` so that it is validated and audited like everything else.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import live
from ..db.database import Database
from ..db.models import RefValue
from ..domain import AgeGroup
from ..formatting import short_date
from ..i18n import N_, current_language
from ..identity import Sex
from .errors import ConflictError, Problem, ValidationError

KINDS: dict[str, str] = {
    "country": N_("Countries"),
    "region": N_("Regions"),
    "education_level": N_("Education levels"),
    "relation": N_("Family relations"),
    "document_type": N_("Document types"),
    "consultation_topic": N_("Consultation topics"),
    "profession": N_("Professions"),
    "leave_reason": N_("Reasons for leaving a centre"),
    "working_age": N_("Working-age bounds"),
    "language": N_("Languages"),
    "language_level": N_("Language levels"),
    "disability": N_("Disability"),
    "room_kind": N_("Room kinds"),
    "stay_term": N_("Stay terms"),
    "plan_step": N_("Suggested plan items"),
}


@dataclass(frozen=True)
class RefItem:
    id: uuid.UUID
    kind: str
    code: str
    name_kk: str
    name_ru: str
    valid_from: dt.date
    valid_to: dt.date | None
    sort: int
    extra: dict[str, Any]
    version: int

    def name(self, lang: str | None = None) -> str:
        return self.name_kk if (lang or current_language()) == "kk" else self.name_ru

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def _item(row: RefValue) -> RefItem:
    return RefItem(
        row.id,
        row.kind,
        row.code,
        row.name_kk,
        row.name_ru,
        row.valid_from,
        row.valid_to,
        row.sort,
        dict(row.extra or {}),
        row.version,
    )


class ReferenceData:
    """An in-memory snapshot of all classifiers. Cheap to build; rebuild after an edit."""

    def __init__(self, items: list[RefItem]) -> None:
        self._by_kind: dict[str, list[RefItem]] = {}
        for it in sorted(items, key=lambda i: (i.kind, i.sort, i.name_ru, i.valid_from)):
            self._by_kind.setdefault(it.kind, []).append(it)

    @classmethod
    def load(cls, db: Database) -> ReferenceData:
        with db.read() as s:
            rows = s.scalars(select(RefValue).where(live(RefValue))).all()
            return cls([_item(r) for r in rows])

    def all(self, kind: str) -> list[RefItem]:
        return list(self._by_kind.get(kind, []))

    def items(self, kind: str, on: dt.date | None = None) -> list[RefItem]:
        """The values of ``kind`` in force on ``on`` (today by default), in display order."""
        day = on or dt.date.today()
        return [i for i in self._by_kind.get(kind, []) if i.valid_on(day)]

    def get(self, kind: str, code: str, on: dt.date | None = None) -> RefItem | None:
        """The value with ``code`` on ``on``; if it was not yet/no longer valid, its nearest row."""
        rows = [i for i in self._by_kind.get(kind, []) if i.code == code]
        if not rows:
            return None
        day = on or dt.date.today()
        for r in rows:
            if r.valid_on(day):
                return r
        return min(rows, key=lambda r: abs((r.valid_from - day).days))

    def exists(self, kind: str, code: str, on: dt.date | None = None) -> bool:
        day = on or dt.date.today()
        return any(i.code == code and i.valid_on(day) for i in self._by_kind.get(kind, []))

    def name(
        self, kind: str, code: str | None, lang: str | None = None, on: dt.date | None = None
    ) -> str:
        if not code:
            return ""
        item = self.get(kind, code, on)
        return item.name(lang) if item else code

    def pension_age_months(self, sex: Sex, on: dt.date) -> int:
        item = self.get("working_age", sex.value, on)
        if item is None:
            return 63 * 12
        return int(item.extra.get("pension_age_months", 63 * 12))

    def working_age_min_years(self, sex: Sex, on: dt.date) -> int:
        item = self.get("working_age", sex.value, on)
        return int(item.extra.get("min_years", 16)) if item else 16

    def age_group(self, birth_date: dt.date, sex: Sex, on: dt.date | None = None) -> AgeGroup:
        day = on or dt.date.today()
        months = (day.year - birth_date.year) * 12 + (day.month - birth_date.month)
        if day.day < birth_date.day:
            months -= 1
        if months < self.working_age_min_years(sex, day) * 12:
            return AgeGroup.MINOR
        if months < self.pension_age_months(sex, day):
            return AgeGroup.WORKING
        return AgeGroup.PENSION

    def age_group_bounds(
        self, group: AgeGroup, sex: Sex, on: dt.date
    ) -> tuple[dt.date | None, dt.date | None]:
        """Birth dates (exclusive lower, inclusive upper) of people in ``group`` on ``on``; for SQL."""
        minor_from = _minus_months(on, self.working_age_min_years(sex, on) * 12)
        pension_to = _minus_months(on, self.pension_age_months(sex, on))
        if group is AgeGroup.MINOR:
            return minor_from, None
        if group is AgeGroup.WORKING:
            return pension_to, minor_from
        return None, pension_to


def _minus_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.year * 12 + (day.month - 1) - months, 12)
    m += 1
    import calendar

    return dt.date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


@dataclass
class RefInput:
    kind: str
    code: str
    name_kk: str
    name_ru: str
    valid_from: dt.date
    valid_to: dt.date | None = None
    sort: int = 1000
    extra: dict[str, Any] | None = None


class ReferenceService:
    """Adds and edits classifier values. Values are never deleted: a value is closed with valid_to.

    Validation runs inside the write transaction (``BEGIN IMMEDIATE``), so two windows saving
    overlapping values of one code queue and the second one is told, instead of both succeeding.
    """

    def __init__(self, db: Database) -> None:
        self.db = db

    def _validate(self, s: Session, data: RefInput, exclude: uuid.UUID | None) -> None:
        problems: list[Problem] = []
        if data.kind not in KINDS:
            problems.append(Problem("kind", N_("Unknown classifier.")))
        if not data.code.strip():
            problems.append(Problem("code", N_("Enter a code.")))
        if not data.name_kk.strip():
            problems.append(Problem("name_kk", N_("Enter the name in Kazakh.")))
        if not data.name_ru.strip():
            problems.append(Problem("name_ru", N_("Enter the name in Russian.")))
        if data.valid_to is not None and data.valid_to < data.valid_from:
            problems.append(Problem("valid_to", N_("The end of validity is before its start.")))
        if data.kind == "working_age":
            problems.extend(_working_age_problems(data.extra or {}))
        if data.kind == "stay_term":
            months = (data.extra or {}).get("months")
            if not isinstance(months, int) or not 1 <= months <= MAX_STAY_MONTHS:
                problems.append(
                    Problem(
                        "months",
                        N_("A stay term is from 1 to {max} months."),
                        {"max": MAX_STAY_MONTHS},
                    )
                )
        if data.kind == "plan_step":
            problems.extend(_plan_step_problems(data.extra or {}))
        if not problems:
            rows = s.scalars(
                select(RefValue).where(
                    RefValue.kind == data.kind,
                    RefValue.code == data.code.strip(),
                    live(RefValue),
                )
            ).all()
            far = dt.date.max
            for r in rows:
                if r.id == exclude:
                    continue
                if data.valid_from <= (r.valid_to or far) and r.valid_from <= (
                    data.valid_to or far
                ):
                    problems.append(
                        Problem(
                            "valid_from",
                            N_(
                                "The code {code} already has a value for these dates; "
                                "close the old value first."
                            ),
                            {"code": data.code},
                        )
                    )
                    break
        if problems:
            raise ValidationError(problems)

    def add(self, data: RefInput) -> RefItem:
        with self.db.write() as s:
            self._validate(s, data, None)
            row = _new_row(data, data.valid_from, data.valid_to)
            s.add(row)
            s.flush()
            return _item(row)

    def update(self, item_id: uuid.UUID, data: RefInput, expected_version: int) -> RefItem:
        with self.db.write() as s:
            row = s.get(RefValue, item_id)
            if row is None or row.deleted or row.version != expected_version:
                raise ConflictError(item_id)
            self._validate(s, data, item_id)
            row.code = data.code.strip()
            row.name_kk = data.name_kk.strip()
            row.name_ru = data.name_ru.strip()
            row.valid_from = data.valid_from
            row.valid_to = data.valid_to
            row.sort = data.sort
            row.extra = data.extra
            s.flush()
            return _item(row)

    def replace(self, item_id: uuid.UUID, data: RefInput, expected_version: int) -> RefItem:
        """Replace a value from ``data.valid_from`` on (a region renamed, a new pension age).

        In one transaction the current value is closed on the day before and a new value with the
        same code is added, valid from that day until the old value's end (if it had one), so that
        records keep their code and history keeps the old name. Returns the new value.
        """
        with self.db.write() as s:
            old = s.get(RefValue, item_id)
            if old is None or old.deleted or old.version != expected_version:
                raise ConflictError(item_id)
            start = data.valid_from
            if start <= old.valid_from:
                raise ValidationError(
                    [
                        Problem(
                            "valid_from",
                            N_("The new value must start after the current one ({date})."),
                            {"date": short_date(old.valid_from)},
                        )
                    ]
                )
            if old.valid_to is not None and start > old.valid_to:
                raise ValidationError(
                    [
                        Problem(
                            "valid_from",
                            N_(
                                "The current value already ended on {date}; "
                                "add a new value instead of replacing it."
                            ),
                            {"date": short_date(old.valid_to)},
                        )
                    ]
                )
            new = RefInput(
                kind=old.kind,
                code=old.code,
                name_kk=data.name_kk,
                name_ru=data.name_ru,
                valid_from=start,
                valid_to=old.valid_to,
                sort=data.sort,
                extra=data.extra,
            )
            self._validate(s, new, item_id)
            old.valid_to = start - dt.timedelta(days=1)
            s.flush()
            row = _new_row(new, new.valid_from, new.valid_to)
            s.add(row)
            s.flush()
            return _item(row)


PENSION_AGE_YEARS = (40, 80)
MIN_WORKING_YEARS = (12, 25)


#: The longest stay term the reference editor accepts (a sanity bound, not a legal figure).
MAX_STAY_MONTHS = 60


#: The longest terms of a suggested plan item the reference editor accepts (sanity bounds).
MAX_PLAN_MONTHS = 60
MAX_PLAN_DAYS = 366


def _plan_step_problems(extra: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    for key, high in (("offset_months", MAX_PLAN_MONTHS), ("offset_days", MAX_PLAN_DAYS)):
        value = extra.get(key, 0)
        if not isinstance(value, int) or not 0 <= value <= high:
            problems.append(Problem(key, N_("Enter a number from 0 to {max}."), {"max": high}))
    return problems


def _working_age_problems(extra: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    months = extra.get("pension_age_months")
    low, high = PENSION_AGE_YEARS
    if not isinstance(months, int) or not low * 12 <= months <= high * 12:
        problems.append(
            Problem(
                "pension_age_months",
                N_("The pension age is between {low} and {high} years."),
                {"low": low, "high": high},
            )
        )
    years = extra.get("min_years")
    low, high = MIN_WORKING_YEARS
    if not isinstance(years, int) or not low <= years <= high:
        problems.append(
            Problem(
                "min_years",
                N_("The minimum working age is between {low} and {high} years."),
                {"low": low, "high": high},
            )
        )
    return problems


def _new_row(data: RefInput, valid_from: dt.date, valid_to: dt.date | None) -> RefValue:
    return RefValue(
        kind=data.kind,
        code=data.code.strip(),
        name_kk=data.name_kk.strip(),
        name_ru=data.name_ru.strip(),
        valid_from=valid_from,
        valid_to=valid_to,
        sort=data.sort,
        extra=data.extra,
    )
