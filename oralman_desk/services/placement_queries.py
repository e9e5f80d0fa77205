"""Read-only views of placement: the occupancy board, what needs attention, the residents on a
date, a family's stays, and the figures the reports count (bed-days, occupancy).

Dates are half-open (see ``placement``): a person occupies a bed on day ``d`` when
``start_date <= d < end_date`` (or the stay is open). Every view is a few indexed queries — the
board is three, whatever the size of the register — and returns frozen dataclasses a worker thread
can hand to the UI.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select, text

from ..db.base import live
from ..db.database import Database
from ..db.models import (
    Bed,
    BedBlock,
    BedStay,
    Extension,
    Household,
    Person,
    Placement,
    PlacementRequest,
    Room,
)
from ..domain import CaseStatus
from ..identity import Sex
from ..names import join_name

#: Days before the planned end when a stay starts to need attention (the board turns amber).
ATTENTION_DAYS = 14


def _on(day: dt.date):  # type: ignore[no-untyped-def]
    """Segments that occupy their bed on ``day``."""
    return (
        BedStay.start_date <= day,
        or_(BedStay.end_date.is_(None), BedStay.end_date > day),
        live(BedStay),
    )


@dataclass(frozen=True)
class Occupant:
    placement_id: uuid.UUID
    person_id: uuid.UUID
    household_id: uuid.UUID
    household_num: int
    name: str
    sex: Sex
    birth_date: dt.date
    start_date: dt.date
    planned_end: dt.date
    bed_since: dt.date
    version: int

    def days_left(self, day: dt.date) -> int:
        return (self.planned_end - day).days


@dataclass(frozen=True)
class BedCell:
    bed_id: uuid.UUID
    label: str
    blocked: str | None = None  # the reason, when the bed is out of use that day
    occupant: Occupant | None = None

    @property
    def free(self) -> bool:
        return self.blocked is None and self.occupant is None


@dataclass(frozen=True)
class RoomRow:
    room_id: uuid.UUID
    building: str
    floor: int
    number: str
    kind: str
    note: str
    version: int
    beds: tuple[BedCell, ...]


@dataclass(frozen=True)
class Board:
    day: dt.date
    rooms: tuple[RoomRow, ...]
    buildings: tuple[str, ...] = ()
    floors: tuple[int, ...] = ()

    def free_by_kind(self) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for room in self.rooms:
            counts[room.kind] += sum(1 for b in room.beds if b.free)
        return dict(counts)

    def totals(self) -> tuple[int, int, int, int]:
        """Beds, occupied, blocked, free."""
        beds = [b for r in self.rooms for b in r.beds]
        occupied = sum(1 for b in beds if b.occupant is not None)
        blocked = sum(1 for b in beds if b.blocked is not None and b.occupant is None)
        return len(beds), occupied, blocked, len(beds) - occupied - blocked

    def find_bed(self, bed_id: uuid.UUID) -> tuple[RoomRow, BedCell] | None:
        for room in self.rooms:
            for b in room.beds:
                if b.bed_id == bed_id:
                    return room, b
        return None


def board(
    db: Database, day: dt.date, building: str | None = None, floor: int | None = None
) -> Board:
    with db.read() as s:
        rq = select(
            Room.id, Room.building, Room.floor, Room.number, Room.kind, Room.note, Room.version
        ).where(live(Room))
        all_rooms = s.execute(rq).all()
        buildings = tuple(sorted({r.building for r in all_rooms}))
        floors = tuple(sorted({r.floor for r in all_rooms}))
        rooms = [
            r
            for r in all_rooms
            if (building is None or r.building == building) and (floor is None or r.floor == floor)
        ]
        room_ids = {r.id for r in rooms}
        beds = s.execute(
            select(Bed.id, Bed.room_id, Bed.label, Bed.position)
            .where(live(Bed))
            .order_by(Bed.position)
        ).all()
        blocks = {
            b.bed_id: b.reason
            for b in s.execute(
                select(BedBlock.bed_id, BedBlock.reason).where(
                    live(BedBlock),
                    BedBlock.start_date <= day,
                    or_(BedBlock.end_date.is_(None), BedBlock.end_date > day),
                )
            )
        }
        occupants: dict[uuid.UUID, Occupant] = {}
        for row in s.execute(
            select(
                BedStay.bed_id,
                BedStay.start_date.label("bed_since"),
                Placement.id,
                Placement.person_id,
                Placement.household_id,
                Placement.start_date,
                Placement.planned_end,
                Placement.version,
                Household.num,
                Person.surname,
                Person.given_name,
                Person.patronymic,
                Person.sex,
                Person.birth_date,
            )
            .join(Placement, Placement.id == BedStay.placement_id)
            .join(Person, Person.id == Placement.person_id)
            .join(Household, Household.id == Placement.household_id)
            .where(*_on(day))
        ):
            occupants[row.bed_id] = Occupant(
                row.id,
                row.person_id,
                row.household_id,
                row.num,
                join_name(row.surname, row.given_name, row.patronymic),
                row.sex,
                row.birth_date,
                row.start_date,
                row.planned_end,
                row.bed_since,
                row.version,
            )
    by_room: dict[uuid.UUID, list[BedCell]] = {}
    for b in beds:
        if b.room_id in room_ids:
            by_room.setdefault(b.room_id, []).append(
                BedCell(b.id, b.label, blocks.get(b.id), occupants.get(b.id))
            )
    out = tuple(
        RoomRow(
            r.id,
            r.building,
            r.floor,
            r.number,
            r.kind,
            r.note,
            r.version,
            tuple(by_room.get(r.id, [])),
        )
        for r in sorted(rooms, key=lambda r: (r.building, r.floor, _natural(r.number)))
    )
    return Board(day, out, buildings, floors)


def _natural(number: str) -> tuple[int, str]:
    digits = "".join(ch for ch in number if ch.isdigit())
    return (int(digits) if digits else 0, number)


# ---- what needs attention --------------------------------------------------------------------


@dataclass(frozen=True)
class StayAlert:
    placement_id: uuid.UUID
    person_id: uuid.UUID
    household_id: uuid.UUID
    household_num: int
    name: str
    room: str
    bed: str
    start_date: dt.date
    planned_end: dt.date
    status: CaseStatus

    def days_left(self, day: dt.date) -> int:
        return (self.planned_end - day).days


@dataclass(frozen=True)
class Waiting:
    request_id: uuid.UUID
    household_id: uuid.UUID
    household_num: int
    head: str
    people: int
    requested_on: dt.date
    note: str


@dataclass(frozen=True)
class Attention:
    day: dt.date
    ending: tuple[StayAlert, ...]  # within ATTENTION_DAYS
    overdue: tuple[StayAlert, ...]
    waiting: tuple[Waiting, ...]


def attention(db: Database, day: dt.date, horizon: int = ATTENTION_DAYS) -> Attention:
    with db.read() as s:
        rows = s.execute(
            select(
                Placement.id,
                Placement.person_id,
                Placement.household_id,
                Placement.start_date,
                Placement.planned_end,
                Household.num,
                Household.status,
                Person.surname,
                Person.given_name,
                Person.patronymic,
                Room.number.label("room"),
                Room.building,
                Bed.label.label("bed"),
            )
            .join(BedStay, BedStay.placement_id == Placement.id)
            .join(Bed, Bed.id == BedStay.bed_id)
            .join(Room, Room.id == Bed.room_id)
            .join(Person, Person.id == Placement.person_id)
            .join(Household, Household.id == Placement.household_id)
            .where(
                Placement.end_date.is_(None),
                live(Placement),
                BedStay.end_date.is_(None),
                live(BedStay),
                Placement.planned_end <= day + dt.timedelta(days=horizon),
            )
            .order_by(Placement.planned_end, Person.sort_key)
        ).all()
        waiting = s.execute(
            select(
                PlacementRequest.id,
                PlacementRequest.household_id,
                PlacementRequest.people,
                PlacementRequest.requested_on,
                PlacementRequest.note,
                Household.num,
                Person.surname,
                Person.given_name,
                Person.patronymic,
            )
            .join(Household, Household.id == PlacementRequest.household_id)
            .outerjoin(Person, Person.id == Household.head_id)
            .where(PlacementRequest.closed_on.is_(None), live(PlacementRequest))
            .order_by(PlacementRequest.requested_on)
        ).all()
    alerts = [
        StayAlert(
            r.id,
            r.person_id,
            r.household_id,
            r.num,
            join_name(r.surname, r.given_name, r.patronymic),
            f"{r.building} {r.room}".strip(),
            r.bed,
            r.start_date,
            r.planned_end,
            r.status,
        )
        for r in rows
    ]
    return Attention(
        day,
        tuple(a for a in alerts if a.planned_end >= day),
        tuple(a for a in alerts if a.planned_end < day),
        tuple(
            Waiting(
                w.id,
                w.household_id,
                w.num,
                join_name(w.surname or "", w.given_name or "", w.patronymic or ""),
                w.people,
                w.requested_on,
                w.note,
            )
            for w in waiting
        ),
    )


# ---- residents on a date (the duty officer's list) -------------------------------------------


@dataclass(frozen=True)
class Resident:
    building: str
    floor: int
    room: str
    bed: str
    name: str
    birth_date: dt.date
    household_num: int
    start_date: dt.date
    planned_end: dt.date


def residents(db: Database, day: dt.date) -> list[Resident]:
    with db.read() as s:
        rows = s.execute(
            select(
                Room.building,
                Room.floor,
                Room.number,
                Bed.label,
                Bed.position,
                Person.surname,
                Person.given_name,
                Person.patronymic,
                Person.birth_date,
                Household.num,
                Placement.start_date,
                Placement.planned_end,
            )
            .select_from(BedStay)
            .join(Placement, Placement.id == BedStay.placement_id)
            .join(Bed, Bed.id == BedStay.bed_id)
            .join(Room, Room.id == Bed.room_id)
            .join(Person, Person.id == Placement.person_id)
            .join(Household, Household.id == Placement.household_id)
            .where(*_on(day))
        ).all()
    out = [
        Resident(
            r.building,
            r.floor,
            r.number,
            r.label,
            join_name(r.surname, r.given_name, r.patronymic),
            r.birth_date,
            r.num,
            r.start_date,
            r.planned_end,
        )
        for r in sorted(rows, key=lambda r: (r.building, r.floor, _natural(r.number), r.position))
    ]
    return out


# ---- a family's stays (the family card) ------------------------------------------------------


@dataclass(frozen=True)
class SegmentData:
    room: str
    bed: str
    start_date: dt.date
    end_date: dt.date | None


@dataclass(frozen=True)
class ExtensionData:
    date: dt.date
    previous_end: dt.date
    new_end: dt.date
    reason: str
    approved_by: str


@dataclass(frozen=True)
class PlacementData:
    id: uuid.UUID
    person_id: uuid.UUID
    name: str
    start_date: dt.date
    planned_end: dt.date
    end_date: dt.date | None
    checkout_reason: str | None
    checkout_note: str
    version: int
    segments: tuple[SegmentData, ...] = field(default_factory=tuple)
    extensions: tuple[ExtensionData, ...] = field(default_factory=tuple)

    @property
    def open(self) -> bool:
        return self.end_date is None


def household_placements(db: Database, household_id: uuid.UUID) -> list[PlacementData]:
    """Every stay of the family's members, newest first."""
    with db.read() as s:
        placements = s.scalars(
            select(Placement)
            .where(Placement.household_id == household_id, live(Placement))
            .order_by(Placement.start_date.desc())
        ).all()
        ids = [p.id for p in placements]
        names = {
            r.id: join_name(r.surname, r.given_name, r.patronymic)
            for r in s.execute(
                select(Person.id, Person.surname, Person.given_name, Person.patronymic).where(
                    Person.household_id == household_id
                )
            )
        }
        segs: dict[uuid.UUID, list[SegmentData]] = {}
        for r in s.execute(
            select(
                BedStay.placement_id,
                BedStay.start_date,
                BedStay.end_date,
                Bed.label,
                Room.number,
                Room.building,
            )
            .join(Bed, Bed.id == BedStay.bed_id)
            .join(Room, Room.id == Bed.room_id)
            .where(BedStay.placement_id.in_(ids), live(BedStay))
            .order_by(BedStay.start_date)
        ):
            segs.setdefault(r.placement_id, []).append(
                SegmentData(f"{r.building} {r.number}".strip(), r.label, r.start_date, r.end_date)
            )
        exts: dict[uuid.UUID, list[ExtensionData]] = {}
        for e in s.scalars(
            select(Extension)
            .where(Extension.placement_id.in_(ids), live(Extension))
            .order_by(Extension.date)
        ):
            exts.setdefault(e.placement_id, []).append(
                ExtensionData(e.date, e.previous_end, e.new_end, e.reason, e.approved_by)
            )
        return [
            PlacementData(
                p.id,
                p.person_id,
                names.get(p.person_id, ""),
                p.start_date,
                p.planned_end,
                p.end_date,
                p.checkout_reason,
                p.checkout_note,
                p.version,
                tuple(segs.get(p.id, [])),
                tuple(exts.get(p.id, [])),
            )
            for p in placements
        ]


# ---- figures for the reports -----------------------------------------------------------------


def bed_days(db: Database, start: dt.date, end: dt.date) -> int:
    """Nights spent in the centre's beds from ``start`` to ``end``, both days included."""
    stop = end + dt.timedelta(days=1)
    sql = text(
        """
        SELECT coalesce(sum(
            julianday(min(coalesce(end_date, :stop), :stop)) - julianday(max(start_date, :start))
        ), 0)
        FROM bed_stay
        WHERE deleted = 0 AND start_date < :stop AND coalesce(end_date, :stop) > :start
        """
    )
    with db.read() as s:
        return round(float(s.scalar(sql, {"start": start.isoformat(), "stop": stop.isoformat()})))


def available_bed_days(db: Database, start: dt.date, end: dt.date) -> int:
    """Bed-nights the centre could offer from ``start`` to ``end``: its beds, less blocked days."""
    stop = end + dt.timedelta(days=1)
    days = (stop - start).days
    with db.read() as s:
        beds = int(s.scalar(select(func.count()).select_from(Bed).where(live(Bed))) or 0)
        blocked = s.scalar(
            text(
                """
                SELECT coalesce(sum(
                    julianday(min(coalesce(end_date, :stop), :stop))
                    - julianday(max(start_date, :start))
                ), 0)
                FROM bed_block
                WHERE deleted = 0 AND start_date < :stop AND coalesce(end_date, :stop) > :start
                """
            ),
            {"start": start.isoformat(), "stop": stop.isoformat()},
        )
    return beds * days - round(float(blocked or 0))


def occupied_on(db: Database, day: dt.date) -> int:
    """People in the centre's beds on the night of ``day``."""
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(BedStay).where(*_on(day))) or 0)


def occupancy_by_day(db: Database, start: dt.date, end: dt.date) -> dict[dt.date, int]:
    """People in beds on each night from ``start`` to ``end``, computed in one SQL query."""
    sql = text(
        """
        WITH RECURSIVE days(d) AS (
            SELECT :start UNION ALL SELECT date(d, '+1 day') FROM days WHERE d < :end
        )
        SELECT d, (SELECT count(*) FROM bed_stay
                   WHERE deleted = 0 AND start_date <= d AND coalesce(end_date, '9999-12-31') > d)
        FROM days
        """
    )
    with db.read() as s:
        return {
            dt.date.fromisoformat(d): int(n)
            for d, n in s.execute(sql, {"start": start.isoformat(), "end": end.isoformat()})
        }
