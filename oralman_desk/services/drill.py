"""Who is behind a report's figure: the drill-down of ``indicators.drill_down`` made readable.

``records_behind`` turns the ids of a figure's records into rows staff recognise — the person's
name, the family's number and the date of the record (arrival, check-in, consultation, enrolment,
referral, follow-up) — and opens the family from any row. A "rest" line of a breakdown ("other
countries") is the total less the values listed above it: pass those values as ``exclude``.
Nothing here touches Qt.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import select

from oralman_desk.db.database import Database
from oralman_desk.db.models import (
    Bed,
    BedStay,
    Consultation,
    Enrolment,
    FollowUp,
    Household,
    Person,
    Placement,
    Referral,
    Room,
)
from oralman_desk.i18n import N_
from oralman_desk.indicators import DrillDown, ItemKind, drill_down
from oralman_desk.names import join_name
from oralman_desk.periods import Period

CHUNK: Final = 500

#: What a record is, as shown in the drill-down's "Record" column.
KIND_LABELS: Final = {
    ItemKind.PERSON: N_("Person (arrival date)"),
    ItemKind.HOUSEHOLD: N_("Family (arrival date)"),
    ItemKind.PLACEMENT: N_("Stay in the centre (check-in)"),
    ItemKind.BED_STAY: N_("Bed stay (from)"),
    ItemKind.BED: N_("Bed"),
    ItemKind.CONSULTATION: N_("Consultation"),
    ItemKind.ENROLMENT: N_("Course enrolment"),
    ItemKind.REFERRAL: N_("Referral"),
    ItemKind.FOLLOW_UP: N_("Follow-up (due)"),
}

#: The date shown for each kind of record.
_DATES: Final[dict[ItemKind, Any]] = {
    ItemKind.PLACEMENT: (Placement.id, Placement.start_date),
    ItemKind.BED_STAY: (BedStay.id, BedStay.start_date),
    ItemKind.CONSULTATION: (Consultation.id, Consultation.date),
    ItemKind.ENROLMENT: (Enrolment.id, Enrolment.enrolled_on),
    ItemKind.REFERRAL: (Referral.id, Referral.date),
    ItemKind.FOLLOW_UP: (FollowUp.id, FollowUp.due_date),
}


@dataclass(frozen=True)
class RecordRow:
    item: uuid.UUID
    name: str  # the person's full name, the family head's, or the bed for a bed
    household_num: int | None
    household: uuid.UUID | None
    day: dt.date | None


@dataclass(frozen=True)
class Records:
    kind: ItemKind
    rows: tuple[RecordRow, ...]

    @property
    def count(self) -> int:
        return len(self.rows)


def _chunks(ids: Sequence[uuid.UUID]) -> Iterator[Sequence[uuid.UUID]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def records_behind(
    db: Database,
    key: str,
    period: Period,
    value: str | None = None,
    exclude: Iterable[str] = (),
) -> Records:
    """The records behind the figure ``key`` (breakdown ``value``) for ``period``; with
    ``exclude``, those of the breakdown's total not under any of the excluded values."""
    drill = drill_down(db, key, period, value)
    rows = list(drill.rows)
    excluded = list(exclude)
    if excluded:
        gone: set[uuid.UUID] = set()
        for code in excluded:
            gone |= {r.item for r in drill_down(db, key, period, code).rows}
        rows = [r for r in rows if r.item not in gone]
    return _readable(db, drill, rows)


def _readable(db: Database, drill: DrillDown, rows: Sequence[Any]) -> Records:
    people = sorted({r.person for r in rows if r.person is not None}, key=str)
    households = sorted({r.household for r in rows if r.household is not None}, key=str)
    items = [r.item for r in rows]
    names: dict[uuid.UUID, str] = {}
    homes: dict[uuid.UUID, tuple[int, dt.date, uuid.UUID | None]] = {}
    dates: dict[uuid.UUID, dt.date] = {}
    beds: dict[uuid.UUID, str] = {}
    with db.read() as s:
        for chunk in _chunks(households):
            for hid, num, arrival, head in s.execute(
                select(
                    Household.id, Household.num, Household.arrival_date, Household.head_id
                ).where(Household.id.in_(chunk))
            ):
                homes[hid] = (num, arrival, head)
        heads = [h[2] for h in homes.values() if h[2] is not None]
        for chunk in _chunks(sorted(set(people) | set(heads), key=str)):
            for pid, surname, given, patronymic in s.execute(
                select(Person.id, Person.surname, Person.given_name, Person.patronymic).where(
                    Person.id.in_(chunk)
                )
            ):
                names[pid] = join_name(surname, given, patronymic)
        if drill.item_kind in _DATES:
            id_col, date_col = _DATES[drill.item_kind]
            for chunk in _chunks(items):
                for iid, day in s.execute(select(id_col, date_col).where(id_col.in_(chunk))):
                    dates[iid] = day
        if drill.item_kind is ItemKind.BED:
            for chunk in _chunks(items):
                for bid, building, number, label in s.execute(
                    select(Bed.id, Room.building, Room.number, Bed.label)
                    .join(Room, Room.id == Bed.room_id)
                    .where(Bed.id.in_(chunk))
                ):
                    beds[bid] = " / ".join(x for x in (building, number, label) if x)
    out = []
    for r in rows:
        home = homes.get(r.household) if r.household is not None else None
        if r.person is not None:
            name = names.get(r.person, "")
        elif home is not None and home[2] is not None:
            name = names.get(home[2], "")
        else:
            name = beds.get(r.item, "")
        day = dates.get(r.item)
        if day is None and drill.item_kind in (ItemKind.PERSON, ItemKind.HOUSEHOLD) and home:
            day = home[1]
        out.append(RecordRow(r.item, name, home[0] if home else None, r.household, day))
    out.sort(key=lambda x: (x.day or dt.date.min, x.name))
    return Records(drill.item_kind, tuple(out))
