"""Temporary placement: rooms and beds, check-in, moves, check-out, stay terms and extensions.

Dates are half-open: a stay from ``start`` to ``end`` uses the nights ``start`` … ``end - 1``; the
check-out day is free for the next resident. A ``Placement`` is a person's whole stay; its
``BedStay`` segments say which bed, and a move ends one segment and starts the next on the same day,
so the stay term runs on across moves.

The rules live here and are explained in the user's language when they refuse:

- *eligibility* — a temporary placement centre (ЦВР) houses only ethnic Kazakhs and their family
  members, and only before the family has the kandas status (``domain.md`` §1); an adaptation
  centre (ЦАИО) houses families registered with it;
- *terms* — the planned end is the start plus the term in reference data ``stay_term`` for the
  centre's kind, in force on the start date, so a new rule applies to new stays only; extensions
  record who approved the new end and why;
- *one bed, one person; one person, one bed* — checked here, and by the database's triggers
  (revision 0002), which also stop two windows that save at the same moment.
"""

from __future__ import annotations

import calendar
import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import exists, func, or_, select, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..db.base import live
from ..db.database import Database
from ..db.models import (
    Bed,
    BedBlock,
    BedStay,
    Centre,
    Extension,
    Household,
    Person,
    Placement,
    PlacementRequest,
    Room,
)
from ..domain import AgeGroup, CaseStatus, CentreType
from ..i18n import N_
from ..identity import Sex
from ..names import join_name
from .errors import ConflictError, Problem, ValidationError
from .reference import ReferenceData

MAX_BEDS_PER_ROOM = 40

MSG_FUTURE = N_("The date is in the future.")
MSG_REQUIRED = N_("This field is required.")
MSG_BED_TAKEN = N_("Bed {bed} in room {room} is occupied on {date}.")
MSG_BED_BLOCKED = N_("Bed {bed} in room {room} is out of use on {date}: {reason}")
MSG_PERSON_PLACED = N_("{name} already lives at the centre on {date}.")
MSG_RACE_BED = N_("Someone else has just taken this bed. Choose another one.")
MSG_RACE_PERSON = N_("Someone else has just placed this person. Refresh the board.")
MSG_CVR_ETHNIC = N_(
    "A temporary placement centre may house only ethnic Kazakhs and their family members: "
    "{name} is not an ethnic Kazakh and the family has no ethnic Kazakh member."
)
MSG_CVR_STATUS = N_(
    "A temporary placement centre houses families until they get the kandas status; "
    "family No. {num} already has it."
)
MSG_CAIO_CENTRE = N_(
    "Family No. {num} is registered with another centre; an adaptation centre houses the "
    "families registered with it."
)
MSG_ROOM_SEX = N_("{name} cannot be placed in this room ({kind}).")
MSG_NOT_MEMBER = N_("{name} is not a member of this family.")
MSG_TWICE = N_("The same person or bed is chosen twice.")
MSG_NO_ONE = N_("Choose at least one person and a bed for them.")
MSG_BEFORE_START = N_("The date is before the stay began ({date}).")
MSG_NOT_LATER = N_("The new end must be later than the current one ({date}).")
MSG_SAME_BED = N_("The person already sleeps in this bed.")
MSG_ENDED = N_("This stay has already ended.")


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months; the 31st becomes the last day of a shorter month."""
    m = day.month - 1 + months
    year, month = day.year + m // 12, m % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# ---- inputs ----------------------------------------------------------------------------------


@dataclass
class RoomInput:
    building: str
    floor: int
    number: str
    kind: str
    beds: int
    note: str = ""


@dataclass(frozen=True)
class Assignment:
    """One person to one bed at check-in."""

    person_id: uuid.UUID
    bed_id: uuid.UUID


# ---- the service -----------------------------------------------------------------------------


class PlacementService:
    def __init__(self, db: Database, ref: ReferenceData | None = None) -> None:
        self.db = db
        self.ref = ref or ReferenceData.load(db)

    # -- terms

    def centre_type(self, s: Session) -> CentreType:
        centre = s.get(Centre, self.db.centre_id) if self.db.centre_id else None
        return centre.centre_type if centre is not None else CentreType.CAIO

    def term(self, centre_type: CentreType, start: dt.date) -> tuple[str, int]:
        """The stay term in force on ``start``: its code and its length in months."""
        item = self.ref.get("stay_term", centre_type.value, start)
        if item is None:
            raise ValidationError([Problem("date", N_("No stay term is set for this centre."))])
        return item.code, int(item.extra.get("months", 0))

    def planned_end(self, centre_type: CentreType, start: dt.date) -> tuple[str, dt.date]:
        code, months = self.term(centre_type, start)
        return code, add_months(start, months)

    # -- rooms and beds

    def _room_problems(
        self, s: Session, data: RoomInput, room_id: uuid.UUID | None
    ) -> list[Problem]:
        problems: list[Problem] = []
        if not data.number.strip():
            problems.append(Problem("room_number", MSG_REQUIRED))
        if not self.ref.exists("room_kind", data.kind):
            problems.append(Problem("room_kind", MSG_REQUIRED))
        if not 1 <= data.beds <= MAX_BEDS_PER_ROOM:
            problems.append(
                Problem("beds", N_("A room has from 1 to {max} beds."), {"max": MAX_BEDS_PER_ROOM})
            )
        if data.number.strip():
            clash = s.scalar(
                select(Room.id).where(
                    live(Room),
                    Room.building == data.building.strip(),
                    Room.number == data.number.strip(),
                    Room.id != room_id if room_id else true(),
                )
            )
            if clash is not None:
                problems.append(
                    Problem("room_number", N_("This building already has a room with this number."))
                )
        return problems

    def add_room(self, data: RoomInput) -> uuid.UUID:
        with self.db.write() as s:
            problems = self._room_problems(s, data, None)
            if problems:
                raise ValidationError(problems)
            room = Room(
                building=data.building.strip(),
                floor=data.floor,
                number=data.number.strip(),
                kind=data.kind,
                note=data.note.strip(),
            )
            s.add(room)
            s.flush()
            for i in range(data.beds):
                s.add(Bed(room_id=room.id, label=str(i + 1), position=i))
            s.flush()
            return room.id

    def update_room(self, room_id: uuid.UUID, data: RoomInput, expected_version: int) -> None:
        """Edit a room; more beds are added at the end, fewer remove the last free ones."""
        with self.db.write() as s:
            room = s.get(Room, room_id)
            if room is None or room.deleted or room.version != expected_version:
                raise ConflictError(room_id)
            problems = self._room_problems(s, data, room_id)
            beds = [b for b in room.beds if not b.deleted]
            if not problems and data.beds < len(beds):
                for bed in beds[data.beds :]:
                    used = s.scalar(select(exists().where(BedStay.bed_id == bed.id, live(BedStay))))
                    if used:
                        problems.append(
                            Problem(
                                "beds",
                                N_("Bed {bed} has residents in its history and cannot be removed."),
                                {"bed": bed.label},
                            )
                        )
                        break
            if problems:
                raise ValidationError(problems)
            room.building = data.building.strip()
            room.floor = data.floor
            room.number = data.number.strip()
            room.kind = data.kind
            room.note = data.note.strip()
            if data.beds < len(beds):
                for bed in beds[data.beds :]:
                    bed.deleted = True
            top = max((b.position for b in beds), default=-1)
            labels = {b.label for b in beds}
            n = len(beds)
            while n < data.beds:
                top += 1
                label = str(top + 1)
                while label in labels:
                    top += 1
                    label = str(top + 1)
                s.add(Bed(room_id=room.id, label=label, position=top))
                labels.add(label)
                n += 1
            s.flush()

    def block_bed(
        self, bed_id: uuid.UUID, start: dt.date | None, end: dt.date | None, reason: str
    ) -> uuid.UUID:
        """Take a bed out of use; it must be free for the whole time."""
        with self.db.write() as s:
            bed = s.get(Bed, bed_id)
            if bed is None or bed.deleted:
                raise ConflictError(bed_id)
            problems: list[Problem] = []
            if start is None:
                problems.append(Problem("start_date", MSG_REQUIRED))
            if not reason.strip():
                problems.append(Problem("reason", MSG_REQUIRED))
            if start and end and end < start:
                problems.append(Problem("end_date", N_("The end is before the start.")))
            if start and not problems:
                busy = self._bed_busy(s, bed_id, start, end)
                if busy is not None:
                    problems.append(
                        Problem(
                            "start_date",
                            N_("The bed is occupied from {date}; check the resident out first."),
                            {"date": max(busy, start)},
                        )
                    )
            if problems:
                raise ValidationError(problems)
            assert start is not None
            block = BedBlock(bed_id=bed_id, start_date=start, end_date=end, reason=reason.strip())
            s.add(block)
            s.flush()
            return block.id

    def end_block(self, block_id: uuid.UUID, day: dt.date) -> None:
        with self.db.write() as s:
            block = s.get(BedBlock, block_id)
            if block is None or block.deleted:
                raise ConflictError(block_id)
            if day < block.start_date:
                block.deleted = True  # never took effect
            else:
                block.end_date = day
            s.flush()

    # -- checks shared by check-in and moves

    def _bed_busy(
        self, s: Session, bed_id: uuid.UUID, start: dt.date, end: dt.date | None
    ) -> dt.date | None:
        """The start of a stay in ``bed_id`` that overlaps [start, end), if any."""
        return s.scalar(
            select(func.min(BedStay.start_date)).where(
                BedStay.bed_id == bed_id,
                live(BedStay),
                or_(BedStay.end_date.is_(None), BedStay.end_date > start),
                BedStay.start_date < end if end else true(),
                or_(BedStay.end_date.is_(None), BedStay.end_date > BedStay.start_date),
            )
        )

    def _block_on(self, s: Session, bed_id: uuid.UUID, day: dt.date) -> BedBlock | None:
        return s.scalars(
            select(BedBlock).where(
                BedBlock.bed_id == bed_id,
                live(BedBlock),
                BedBlock.start_date <= day,
                or_(BedBlock.end_date.is_(None), BedBlock.end_date > day),
            )
        ).first()

    def _bed_problems(
        self, s: Session, field: str, bed: Bed | None, person: Person, day: dt.date
    ) -> list[Problem]:
        if bed is None or bed.deleted:
            return [Problem(field, MSG_REQUIRED)]
        room = bed.room
        where = {"bed": bed.label, "room": room.number, "date": day}
        problems: list[Problem] = []
        if self._bed_busy(s, bed.id, day, None) is not None:
            problems.append(Problem(field, MSG_BED_TAKEN, where))
        block = self._block_on(s, bed.id, day)
        if block is not None:
            problems.append(Problem(field, MSG_BED_BLOCKED, {**where, "reason": block.reason}))
        if room.kind in ("men", "women"):
            wrong = Sex.FEMALE if room.kind == "men" else Sex.MALE
            minor = self.ref.age_group(person.birth_date, person.sex, day) is AgeGroup.MINOR
            if person.sex is wrong and not minor:
                kind = self.ref.get("room_kind", room.kind, day)
                problems.append(
                    Problem(
                        field,
                        MSG_ROOM_SEX,
                        {"name": _name(person), "kind": kind.name() if kind else room.kind},
                    )
                )
        return problems

    def _person_placed(self, s: Session, person_id: uuid.UUID, day: dt.date) -> bool:
        return bool(
            s.scalar(
                select(
                    exists().where(
                        BedStay.person_id == person_id,
                        live(BedStay),
                        or_(BedStay.end_date.is_(None), BedStay.end_date > day),
                        or_(BedStay.end_date.is_(None), BedStay.end_date > BedStay.start_date),
                    )
                )
            )
        )

    def eligibility_problems(
        self, s: Session, centre_type: CentreType, hh: Household, person: Person, field: str
    ) -> list[Problem]:
        if centre_type is CentreType.CVR:
            problems = []
            if hh.status in (CaseStatus.GRANTED, CaseStatus.EXTENDED, CaseStatus.CITIZENSHIP):
                problems.append(Problem(field, MSG_CVR_STATUS, {"num": hh.num}))
            if not person.ethnic_kazakh and not any(
                m.ethnic_kazakh for m in hh.members if not m.deleted
            ):
                problems.append(Problem(field, MSG_CVR_ETHNIC, {"name": _name(person)}))
            return problems
        if self.db.centre_id is not None and hh.centre_id not in (None, self.db.centre_id):
            return [Problem(field, MSG_CAIO_CENTRE, {"num": hh.num})]
        return []

    # -- check-in, move, check-out, extension

    def check_in(
        self,
        household_id: uuid.UUID,
        assignments: list[Assignment],
        day: dt.date | None,
        note: str = "",
    ) -> list[uuid.UUID]:
        """Check family members in, each to a bed; returns the new placements' ids."""
        with self.db.write() as s:
            hh = s.get(Household, household_id)
            if hh is None or hh.deleted:
                raise ConflictError(household_id)
            problems: list[Problem] = []
            if day is None:
                problems.append(Problem("date", MSG_REQUIRED))
            elif day > dt.date.today():
                problems.append(Problem("date", MSG_FUTURE))
            if not assignments:
                problems.append(Problem("assignments", MSG_NO_ONE))
            people = {a.person_id for a in assignments}
            beds = {a.bed_id for a in assignments}
            if len(people) < len(assignments) or len(beds) < len(assignments):
                problems.append(Problem("assignments", MSG_TWICE))
            if problems:
                raise ValidationError(problems)
            assert day is not None
            centre_type = self.centre_type(s)
            for i, a in enumerate(assignments):
                field = f"assignments[{i}]"
                person = s.get(Person, a.person_id)
                if person is None or person.deleted:
                    raise ConflictError(a.person_id)
                if person.household_id != hh.id:
                    problems.append(Problem(field, MSG_NOT_MEMBER, {"name": _name(person)}))
                    continue
                problems += self.eligibility_problems(s, centre_type, hh, person, field)
                if self._person_placed(s, person.id, day):
                    problems.append(
                        Problem(field, MSG_PERSON_PLACED, {"name": _name(person), "date": day})
                    )
                problems += self._bed_problems(s, field, s.get(Bed, a.bed_id), person, day)
            if problems:
                raise ValidationError(problems)
            term_code, planned = self.planned_end(centre_type, day)
            ids = []
            for a in assignments:
                placement = Placement(
                    person_id=a.person_id,
                    household_id=hh.id,
                    start_date=day,
                    planned_end=planned,
                    term_code=term_code,
                    checkout_note="",
                    checked_in_by=self.db.user,
                )
                s.add(placement)
                s.flush()
                s.add(
                    BedStay(
                        placement_id=placement.id,
                        person_id=a.person_id,
                        bed_id=a.bed_id,
                        start_date=day,
                        moved_by=self.db.user,
                    )
                )
                ids.append(placement.id)
            for request in s.scalars(
                select(PlacementRequest).where(
                    PlacementRequest.household_id == hh.id,
                    live(PlacementRequest),
                    PlacementRequest.closed_on.is_(None),
                )
            ):
                request.closed_on = day
                if note.strip():
                    request.note = (request.note + "\n" + note.strip()).strip()
            _flush_guarded(s)
            return ids

    def _open_placement(self, s: Session, placement_id: uuid.UUID) -> tuple[Placement, BedStay]:
        placement = s.get(Placement, placement_id)
        if placement is None or placement.deleted:
            raise ConflictError(placement_id)
        if placement.end_date is not None:
            raise ValidationError([Problem("date", MSG_ENDED)])
        current = next(
            (g for g in placement.segments if not g.deleted and g.end_date is None), None
        )
        if current is None:
            raise ConflictError(placement_id)
        return placement, current

    def _day_problems(self, day: dt.date | None, since: dt.date) -> list[Problem]:
        if day is None:
            return [Problem("date", MSG_REQUIRED)]
        if day > dt.date.today():
            return [Problem("date", MSG_FUTURE)]
        if day < since:
            return [Problem("date", MSG_BEFORE_START, {"date": since})]
        return []

    def move(self, placement_id: uuid.UUID, bed_id: uuid.UUID, day: dt.date | None) -> None:
        """Move a resident to another bed from ``day`` (the same rules as a check-in)."""
        with self.db.write() as s:
            placement, current = self._open_placement(s, placement_id)
            problems = self._day_problems(day, current.start_date)
            if current.bed_id == bed_id:
                problems.append(Problem("bed", MSG_SAME_BED))
            if problems:
                raise ValidationError(problems)
            assert day is not None
            person = s.get(Person, placement.person_id)
            assert person is not None
            current.end_date = day
            s.flush()
            problems = self._bed_problems(s, "bed", s.get(Bed, bed_id), person, day)
            if problems:
                raise ValidationError(problems)
            s.add(
                BedStay(
                    placement_id=placement.id,
                    person_id=placement.person_id,
                    bed_id=bed_id,
                    start_date=day,
                    moved_by=self.db.user,
                )
            )
            _flush_guarded(s)

    def check_out(
        self,
        placement_ids: list[uuid.UUID],
        day: dt.date | None,
        reason: str | None,
        note: str = "",
    ) -> None:
        with self.db.write() as s:
            problems: list[Problem] = []
            if not reason or not self.ref.exists("leave_reason", reason, day):
                problems.append(Problem("checkout_reason", MSG_REQUIRED))
            if not placement_ids:
                problems.append(Problem("assignments", MSG_NO_ONE))
            rows = [self._open_placement(s, pid) for pid in placement_ids]
            latest = max((p.start_date for p, _ in rows), default=dt.date.min)
            problems += self._day_problems(day, latest)
            for _p, seg in rows:
                problems += [
                    pr for pr in self._day_problems(day, seg.start_date) if pr not in problems
                ]
            if problems:
                raise ValidationError(problems)
            for placement, seg in rows:
                seg.end_date = day
                placement.end_date = day
                placement.checkout_reason = reason
                placement.checkout_note = note.strip()
                placement.checked_out_by = self.db.user
            s.flush()

    def extend(
        self,
        placement_id: uuid.UUID,
        new_end: dt.date | None,
        reason: str,
        approved_by: str,
        day: dt.date | None = None,
    ) -> None:
        with self.db.write() as s:
            placement, _seg = self._open_placement(s, placement_id)
            problems: list[Problem] = []
            if new_end is None:
                problems.append(Problem("new_end", MSG_REQUIRED))
            elif new_end <= placement.planned_end:
                problems.append(Problem("new_end", MSG_NOT_LATER, {"date": placement.planned_end}))
            if not reason.strip():
                problems.append(Problem("reason", MSG_REQUIRED))
            if not approved_by.strip():
                problems.append(Problem("approved_by", MSG_REQUIRED))
            if problems:
                raise ValidationError(problems)
            assert new_end is not None
            s.add(
                Extension(
                    placement_id=placement.id,
                    date=day or dt.date.today(),
                    previous_end=placement.planned_end,
                    new_end=new_end,
                    reason=reason.strip(),
                    approved_by=approved_by.strip(),
                )
            )
            placement.planned_end = new_end
            s.flush()

    # -- the waiting list

    def request_place(
        self, household_id: uuid.UUID, day: dt.date | None, note: str = ""
    ) -> uuid.UUID:
        with self.db.write() as s:
            hh = s.get(Household, household_id)
            if hh is None or hh.deleted:
                raise ConflictError(household_id)
            if day is None:
                raise ValidationError([Problem("date", MSG_REQUIRED)])
            already = s.scalar(
                select(PlacementRequest.id).where(
                    PlacementRequest.household_id == household_id,
                    live(PlacementRequest),
                    PlacementRequest.closed_on.is_(None),
                )
            )
            if already is not None:
                raise ValidationError(
                    [Problem("date", N_("The family is already on the waiting list."))]
                )
            people = sum(1 for m in hh.members if not m.deleted)
            req = PlacementRequest(
                household_id=household_id, requested_on=day, people=people, note=note.strip()
            )
            s.add(req)
            s.flush()
            return req.id

    def withdraw_request(self, request_id: uuid.UUID, day: dt.date) -> None:
        with self.db.write() as s:
            req = s.get(PlacementRequest, request_id)
            if req is None or req.deleted or req.closed_on is not None:
                raise ConflictError(request_id)
            req.closed_on = day
            s.flush()


def _name(p: Person) -> str:
    return join_name(p.surname, p.given_name, p.patronymic)


def _flush_guarded(s: Session) -> None:
    """Flush; the database's double-booking triggers become a message for the user."""
    try:
        s.flush()
    except IntegrityError as exc:
        text = str(exc.orig)
        if "bed_taken" in text:
            raise ValidationError([Problem("bed", MSG_RACE_BED)]) from exc
        if "person_placed" in text:
            raise ValidationError([Problem("bed", MSG_RACE_PERSON)]) from exc
        raise


__all__ = [
    "Assignment",
    "PlacementService",
    "RoomInput",
    "add_months",
]
