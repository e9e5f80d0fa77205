"""The register as a list: which people match the filters, in which order, and a page of them.

Built for a million people: ``matching_nums`` returns only the local numbers, in SQL order, using
covering indexes where the sort allows; ``rows`` fetches one page by number. Filtering and sorting
are SQL, never Python over a big list.
"""

from __future__ import annotations

import datetime as dt
import uuid
from array import array
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import text

from ..db.database import Database
from ..domain import AgeGroup, CaseStatus
from ..identity import Sex
from ..names import join_name
from . import search
from .reference import ReferenceData

TEXT_MATCH_LIMIT = 1000


class SortKey(StrEnum):
    NAME = "name"
    NUM = "num"
    BIRTH = "birth"
    FAMILY = "family"
    ARRIVAL = "arrival"
    STATUS = "status"


_ORDER = {
    SortKey.NAME: "p.sort_key {d}, p.num {d}",
    SortKey.NUM: "p.num {d}",
    SortKey.BIRTH: "p.birth_date {d}, p.num {d}",
    SortKey.FAMILY: "h.num {d}, p.position {d}",
    SortKey.ARRIVAL: "h.arrival_date {d}, h.num {d}, p.position",
    SortKey.STATUS: "h.status {d}, p.sort_key {d}",
}


@dataclass(frozen=True)
class RegisterFilter:
    text: str = ""
    status: CaseStatus | None = None
    origin_country: str | None = None
    settlement_region: str | None = None
    arrival_from: dt.date | None = None
    arrival_to: dt.date | None = None
    age_group: AgeGroup | None = None
    no_iin: bool = False

    def needs_household(self) -> bool:
        return bool(
            self.status
            or self.origin_country
            or self.settlement_region
            or self.arrival_from
            or self.arrival_to
        )


@dataclass(frozen=True)
class RegisterRow:
    num: int
    id: uuid.UUID
    household_id: uuid.UUID
    household_num: int
    surname: str
    given_name: str
    patronymic: str
    latin_name: str
    sex: Sex
    birth_date: dt.date
    iin: str | None
    origin_country: str
    arrival_date: dt.date
    status: CaseStatus
    is_head: bool

    @property
    def full_name(self) -> str:
        return join_name(self.surname, self.given_name, self.patronymic)


def _where(
    f: RegisterFilter, ref: ReferenceData, today: dt.date
) -> tuple[list[str], dict[str, Any]]:
    clauses = ["p.deleted = 0"]
    params: dict[str, Any] = {}
    if f.status:
        clauses.append("h.status = :status")
        params["status"] = f.status.value
    if f.origin_country:
        clauses.append("h.origin_country = :origin")
        params["origin"] = f.origin_country
    if f.settlement_region:
        clauses.append("h.settlement_region = :region")
        params["region"] = f.settlement_region
    if f.arrival_from:
        clauses.append("h.arrival_date >= :afrom")
        params["afrom"] = f.arrival_from.isoformat()
    if f.arrival_to:
        clauses.append("h.arrival_date <= :ato")
        params["ato"] = f.arrival_to.isoformat()
    if f.no_iin:
        clauses.append("p.iin IS NULL")
    if f.age_group:
        # The bounds differ by sex (pension age), so one condition per sex.
        parts = []
        for sex in Sex:
            lo, hi = ref.age_group_bounds(f.age_group, sex, today)
            cond = [f"p.sex = '{sex.value}'"]
            if lo is not None:
                cond.append(f"p.birth_date > :lo_{sex.value}")
                params[f"lo_{sex.value}"] = lo.isoformat()
            if hi is not None:
                cond.append(f"p.birth_date <= :hi_{sex.value}")
                params[f"hi_{sex.value}"] = hi.isoformat()
            parts.append("(" + " AND ".join(cond) + ")")
        clauses.append("(" + " OR ".join(parts) + ")")
    return clauses, params


def matching_nums(
    db: Database,
    f: RegisterFilter,
    sort: SortKey = SortKey.NAME,
    descending: bool = False,
    ref: ReferenceData | None = None,
    today: dt.date | None = None,
    limit: int | None = None,
) -> array[int]:
    """Local numbers of the people matching ``f``, in the requested order (the first ``limit``)."""
    ref = ref or ReferenceData.load(db)
    clauses, params = _where(f, ref, today or dt.date.today())
    join_needed = f.needs_household() or sort in (SortKey.FAMILY, SortKey.ARRIVAL, SortKey.STATUS)
    with db.read() as s:
        if f.text.strip():
            nums = search.matching_nums(s, f.text, TEXT_MATCH_LIMIT)
            if not nums:
                return array("q")
            clauses.append(f"p.num IN ({','.join(str(n) for n in nums)})")
        sql = "SELECT p.num FROM person p"
        if join_needed:
            sql += " JOIN household h ON h.id = p.household_id"
        sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY " + _ORDER[sort].format(d="DESC" if descending else "ASC")
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        raw = s.connection().exec_driver_sql(_named_to_qmark(sql, params), tuple(params.values()))
        return array("q", (r[0] for r in raw))


def _named_to_qmark(sql: str, params: dict[str, Any]) -> str:
    for key in params:
        sql = sql.replace(f":{key}", "?", 1)
    return sql


def count_live(db: Database) -> int:
    with db.read() as s:
        return int(s.execute(text("SELECT count(*) FROM person WHERE deleted = 0")).scalar_one())


_ROW_SQL = """
SELECT p.num, p.id, p.household_id, h.num, p.surname, p.given_name, p.patronymic,
       trim(p.surname_latin || ' ' || p.given_name_latin || ' ' || p.patronymic_latin),
       p.sex, p.birth_date, p.iin, h.origin_country, h.arrival_date, h.status,
       h.head_id = p.id
FROM person p JOIN household h ON h.id = p.household_id
WHERE p.num IN ({nums})
"""


def rows(db: Database, nums: list[int]) -> dict[int, RegisterRow]:
    """One page of the register, by local number."""
    if not nums:
        return {}
    with db.read() as s:
        result = s.connection().exec_driver_sql(
            _ROW_SQL.format(nums=",".join(str(int(n)) for n in nums))
        )
        out = {}
        for r in result:
            out[r[0]] = RegisterRow(
                r[0],
                uuid.UUID(bytes=r[1]),
                uuid.UUID(bytes=r[2]),
                r[3],
                r[4],
                r[5],
                r[6],
                r[7],
                Sex(r[8]),
                dt.date.fromisoformat(r[9]),
                r[10],
                r[11],
                dt.date.fromisoformat(r[12]),
                CaseStatus(r[13]),
                bool(r[14]),
            )
        return out
