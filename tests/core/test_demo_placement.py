"""Demo data for placement: rooms and beds, years of stays that never overlap, a centre that is
mostly full today with stays ending, overdue and extended, moves, check-outs with their reasons, a
waiting list; the same rows for the same seed; terms from reference data."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import sqlite3
import uuid
from pathlib import Path

import pytest

from oralman_desk.db.database import Database
from oralman_desk.demo import generate
from oralman_desk.domain import AgeGroup, CaseStatus
from oralman_desk.identity import Sex
from oralman_desk.services.centre import CentreInput, CentreService
from oralman_desk.services.placement import Assignment, PlacementService, add_months
from oralman_desk.services.placement_queries import (
    ATTENTION_DAYS,
    attention,
    board,
    household_placements,
    residents,
)
from oralman_desk.services.reference import ReferenceData, ReferenceService, RefInput

TODAY = dt.date(2026, 6, 30)
D = dt.date.fromisoformat
TABLES = (
    "room",
    "bed",
    "bed_block",
    "placement",
    "bed_stay",
    "placement_extension",
    "placement_request",
)


@pytest.fixture
def demo(db: Database) -> Database:
    generate(db, families=150, seed=3, today=TODAY)
    return db


def rows(db: Database, sql: str, *args: object) -> list[tuple]:  # type: ignore[type-arg]
    con = sqlite3.connect(db.path)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def one(db: Database, sql: str, *args: object) -> object:
    return rows(db, sql, *args)[0][0]


def test_no_bed_and_no_person_is_ever_booked_twice(demo: Database) -> None:
    assert one(demo, "SELECT count(*) FROM bed_stay") > 150
    for key in ("bed_id", "person_id"):
        clashes = one(
            demo,
            f"""
            SELECT count(*) FROM bed_stay a JOIN bed_stay b
              ON a.{key} = b.{key} AND a.id < b.id AND a.deleted = 0 AND b.deleted = 0
             WHERE a.start_date < coalesce(b.end_date, '9999-12-31')
               AND b.start_date < coalesce(a.end_date, '9999-12-31')
            """,
        )
        assert clashes == 0, key
    # No stay without a night, none in the future, none before the family came.
    assert one(demo, "SELECT count(*) FROM bed_stay WHERE end_date <= start_date") == 0
    assert one(demo, "SELECT max(start_date) FROM placement") <= TODAY.isoformat()
    assert one(demo, "SELECT max(end_date) FROM placement") <= TODAY.isoformat()
    early = """SELECT count(*) FROM placement p JOIN household h ON h.id = p.household_id
               WHERE p.start_date < h.arrival_date"""
    assert one(demo, early) == 0
    wrong_family = """SELECT count(*) FROM placement p JOIN person m ON m.id = p.person_id
                      WHERE m.household_id != p.household_id"""
    assert one(demo, wrong_family) == 0


def test_every_placement_has_its_segments_end_to_end(demo: Database) -> None:
    segments: dict[bytes, list[tuple[str, str | None, bytes]]] = {}
    for pid, start, end, person in rows(
        demo, "SELECT placement_id, start_date, end_date, person_id FROM bed_stay ORDER BY 2"
    ):
        segments.setdefault(pid, []).append((start, end, person))
    placements = rows(demo, "SELECT id, start_date, end_date, person_id FROM placement")
    assert placements
    for pid, start, end, person in placements:
        segs = segments.get(pid)
        assert segs, "a placement without a bed"
        assert segs[0][0] == start
        assert segs[-1][1] == end
        assert {s[2] for s in segs} == {person}
        for a, b in itertools.pairwise(segs):
            assert a[1] == b[0]  # a move ends one segment and starts the next the same day
    moved = [p for p, segs in segments.items() if len(segs) > 1]
    assert moved, "some residents moved to another bed"


def test_rooms_hold_whom_their_kind_allows(demo: Database) -> None:
    ref = ReferenceData.load(demo)
    kinds = {k for (k,) in rows(demo, "SELECT DISTINCT kind FROM room")}
    assert kinds == {"family", "men", "women"}
    assert len({b for (b,) in rows(demo, "SELECT DISTINCT building FROM room")}) >= 2
    sizes = rows(
        demo,
        "SELECT r.kind, count(*) FROM room r JOIN bed b ON b.room_id = r.id GROUP BY r.id",
    )
    assert all(4 <= n <= 6 for k, n in sizes if k == "family")
    assert all(2 <= n <= 4 for k, n in sizes if k != "family")
    for kind, sex, birth, start in rows(
        demo,
        """SELECT r.kind, p.sex, p.birth_date, s.start_date FROM bed_stay s
           JOIN bed b ON b.id = s.bed_id JOIN room r ON r.id = b.room_id
           JOIN person p ON p.id = s.person_id WHERE r.kind != 'family'""",
    ):
        if ref.age_group(D(birth), Sex(sex), D(start)) is AgeGroup.MINOR:
            continue  # children stay with their mother (or father)
        assert sex == ("M" if kind == "men" else "F")


def test_the_board_today_is_mostly_full_with_some_beds_free_and_some_out_of_use(
    demo: Database,
) -> None:
    b = board(demo, TODAY)
    beds, occupied, blocked, free = b.totals()
    assert 30 <= beds <= 80  # scaled to 150 families
    assert occupied >= 0.6 * beds
    assert free > 0
    assert blocked >= 1
    reasons = {cell.blocked for room in b.rooms for cell in room.beds if cell.blocked}
    assert reasons and all(r for r in reasons)
    assert len(residents(demo, TODAY)) == occupied


def test_attention_today_has_stays_ending_overdue_and_families_waiting(demo: Database) -> None:
    a = attention(demo, TODAY)
    assert a.ending and all(0 <= s.days_left(TODAY) <= ATTENTION_DAYS for s in a.ending)
    assert a.overdue and all(s.days_left(TODAY) < 0 for s in a.overdue)
    assert a.waiting and all(w.people > 0 for w in a.waiting)
    # Nobody waiting lives here.
    living = {o.household_id for r in board(demo, TODAY).rooms for c in r.beds if (o := c.occupant)}
    assert not living & {w.household_id for w in a.waiting}


def test_planned_ends_follow_the_stay_term_and_the_extensions(demo: Database) -> None:
    ref = ReferenceData.load(demo)
    exts: dict[bytes, list[tuple[str, str, str, str, str]]] = {}
    for pid, on, prev, new, reason, by in rows(
        demo,
        "SELECT placement_id, date, previous_end, new_end, reason, approved_by "
        "FROM placement_extension ORDER BY date",
    ):
        exts.setdefault(pid, []).append((on, prev, new, reason, by))
    assert exts, "some stays were extended"
    extended_now = 0
    for pid, start, planned, code, end in rows(
        demo, "SELECT id, start_date, planned_end, term_code, end_date FROM placement"
    ):
        term = ref.get("stay_term", "caio", D(start))
        assert term is not None and code == term.code
        by_term = add_months(D(start), int(term.extra["months"])).isoformat()
        chain = exts.get(pid, [])
        expected = by_term
        for on, prev, new, reason, by in chain:
            assert prev == expected and new > prev
            assert start < on <= TODAY.isoformat() and (end is None or on < end)
            assert reason.strip() and by.strip()
            expected = new
        assert planned == expected
        extended_now += bool(chain) and end is None
    assert extended_now > 0


def test_check_outs_have_reasons_and_who_did_them(demo: Database) -> None:
    ref = ReferenceData.load(demo)
    closed = rows(
        demo,
        "SELECT end_date, checkout_reason, checked_out_by, checked_in_by FROM placement "
        "WHERE end_date IS NOT NULL",
    )
    assert len(closed) > len(rows(demo, "SELECT 1 FROM placement WHERE end_date IS NULL"))
    for end, reason, out_by, in_by in closed:
        assert ref.exists("leave_reason", reason, D(end)), reason
        assert out_by and in_by
    reasons = {r for _e, r, _o, _i in closed}
    assert {"settlement_region", "housing", "term_expired"} <= reasons
    assert (
        one(
            demo,
            "SELECT count(*) FROM placement WHERE end_date IS NULL AND "
            "(checkout_reason IS NOT NULL OR checked_out_by != '')",
        )
        == 0
    )


def test_exchange_columns_are_filled(demo: Database) -> None:
    centre = demo.centre_id
    assert centre is not None
    for table in TABLES:
        bad = one(
            demo,
            f"SELECT count(*) FROM {table} WHERE length(id) != 16 OR version != 1 OR deleted != 0 "
            f"OR centre_id != ? OR updated_by = '' OR created_at IS NULL "
            f"OR updated_at < created_at",
            centre.bytes,
        )
        assert bad == 0, table
        ids = rows(demo, f"SELECT id FROM {table}")
        assert all(uuid.UUID(bytes=i).version == 7 for (i,) in ids)


def test_the_same_seed_gives_the_same_rows(
    demo: Database, template_db: Path, tmp_path: Path
) -> None:
    other_path = tmp_path / "again.db"
    shutil.copyfile(template_db, other_path)
    other = Database.open(other_path)
    try:
        generate(other, families=150, seed=3, today=TODAY)
        for table in TABLES:
            sql = f"SELECT * FROM {table} ORDER BY id"
            assert rows(demo, sql) == rows(other, sql), table
        generate(other, families=20, seed=4, today=TODAY)  # more families, no second centre
        assert rows(other, "SELECT count(*) FROM room") == rows(demo, "SELECT count(*) FROM room")
        assert rows(other, "SELECT count(*) FROM placement") == rows(
            demo, "SELECT count(*) FROM placement"
        )
    finally:
        other.close()


def test_generated_stays_work_with_the_service(demo: Database) -> None:
    """Checking out, extending and checking in on the generated chart, through the rules."""
    svc = PlacementService(demo)
    b = board(demo, TODAY)
    living = [c.occupant for r in b.rooms for c in r.beds if c.occupant]
    first = living[0]
    svc.extend(first.placement_id, first.planned_end + dt.timedelta(days=30), "Тест", "Директор")
    svc.check_out([first.placement_id], TODAY, "housing")
    assert household_placements(demo, first.household_id)
    # A single adult from the register, not living here, into a free bed of a family room.
    free = next(
        c.bed_id for r in board(demo, TODAY).rooms if r.kind == "family" for c in r.beds if c.free
    )
    placed = {o.household_id for o in living}
    hid, pid = next(
        (h, p)
        for h, p, n in rows(
            demo,
            "SELECT h.id, min(p.id), count(*) FROM household h JOIN person p "
            "ON p.household_id = h.id WHERE h.arrival_date <= ? GROUP BY h.id",
            TODAY.isoformat(),
        )
        if n == 1 and uuid.UUID(bytes=h) not in placed
    )
    svc.check_in(uuid.UUID(bytes=hid), [Assignment(uuid.UUID(bytes=pid), free)], TODAY)


def test_the_term_comes_from_reference_data(db: Database) -> None:
    ref = ReferenceData.load(db)
    caio = ref.get("stay_term", "caio", TODAY)
    assert caio is not None
    change = TODAY - dt.timedelta(days=400)
    ReferenceService(db).replace(
        caio.id,
        RefInput(
            kind="stay_term",
            code="caio",
            name_kk=caio.name_kk,
            name_ru=caio.name_ru,
            valid_from=change,
            extra={**caio.extra, "months": 9},
        ),
        caio.version,
    )
    generate(db, families=150, seed=5, today=TODAY)
    stays = rows(
        db,
        "SELECT start_date, planned_end FROM placement p WHERE NOT EXISTS "
        "(SELECT 1 FROM placement_extension e WHERE e.placement_id = p.id)",
    )
    assert any(D(s) >= change for s, _p in stays) and any(D(s) < change for s, _p in stays)
    for start, planned in stays:
        months = 9 if D(start) >= change else 6
        assert planned == add_months(D(start), months).isoformat()


def test_a_temporary_placement_centre_houses_families_until_their_status(
    template_db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "cvr.db"
    shutil.copyfile(template_db, path)
    db = Database.open(path)
    try:
        CentreService(db).set_up(
            CentreInput("Уақытша орналастыру орталығы", "Центр временного размещения", "cvr", "47")
        )
        generate(db, families=150, seed=3, today=TODAY)
        assert {c for (c,) in rows(db, "SELECT DISTINCT term_code FROM placement")} == {"cvr"}
        for start, planned in rows(db, "SELECT start_date, planned_end FROM placement"):
            assert planned >= add_months(D(start), 12).isoformat()
        # Nobody checks in after the family got the kandas status, nor stays long after it.
        late = rows(
            db,
            """SELECT p.start_date, p.end_date, s.date FROM placement p
               JOIN status_change s ON s.household_id = p.household_id AND s.status = ?""",
            CaseStatus.GRANTED.value,
        )
        assert late
        for start, end, granted in late:
            assert start < granted
            leave_by = (D(granted) + dt.timedelta(days=8)).isoformat()
            assert (end or max(leave_by, TODAY.isoformat())) <= leave_by
        assert board(db, TODAY).totals()[1] > 0
    finally:
        db.close()
