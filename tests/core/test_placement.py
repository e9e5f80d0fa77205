"""Temporary placement: eligibility, terms and extensions, double booking (also racing sessions),
bed-day arithmetic across period boundaries, the board and the lists built on it."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import uuid

import pytest

from oralman_desk.db.database import Database
from oralman_desk.domain import CaseStatus, CentreType
from oralman_desk.identity import Sex
from oralman_desk.services.centre import CentreInput, CentreService
from oralman_desk.services.errors import ValidationError
from oralman_desk.services.intake import IntakeService
from oralman_desk.services.placement import (
    Assignment,
    PlacementService,
    RoomInput,
    add_months,
)
from oralman_desk.services.placement_queries import (
    attention,
    available_bed_days,
    bed_days,
    board,
    household_placements,
    occupancy_by_day,
    occupied_on,
    residents,
)
from oralman_desk.services.queries import family_card
from oralman_desk.services.reference import ReferenceData, ReferenceService, RefInput

from .helpers import family, person

D = dt.date


def register(db: Database, *members, **kw) -> tuple[uuid.UUID, list[uuid.UUID]]:  # type: ignore[no-untyped-def]
    saved = IntakeService(db).register_household(family(*members, **kw), confirmed_new=True)
    return saved.household_id, list(saved.person_ids)


def make_rooms(db: Database) -> dict[str, list[uuid.UUID]]:
    svc = PlacementService(db)
    rooms = {
        "101": svc.add_room(RoomInput("А", 1, "101", "family", 4)),
        "102": svc.add_room(RoomInput("А", 1, "102", "men", 2)),
        "201": svc.add_room(RoomInput("А", 2, "201", "women", 2)),
    }
    b = board(db, D(2026, 1, 1))
    return {
        r.number: [bed.bed_id for bed in r.beds] for r in b.rooms if r.room_id in rooms.values()
    }


@pytest.fixture
def beds(db: Database) -> dict[str, list[uuid.UUID]]:
    return make_rooms(db)


def problems(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return " | ".join(p.message("ru") for p in exc.value.problems)


def test_months_are_added_as_the_calendar_has_them() -> None:
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2024, 8, 31), 6) == D(2025, 2, 28)
    assert add_months(D(2026, 3, 15), 6) == D(2026, 9, 15)
    assert add_months(D(2026, 11, 1), 14) == D(2028, 1, 1)


def test_check_in_plans_the_end_from_the_term_in_force_on_the_start_date(
    db: Database, beds: dict[str, list[uuid.UUID]]
) -> None:
    hid, (head, wife) = register(db, person(), person("Ахметова", "Айгерім", Sex.FEMALE))
    svc = PlacementService(db)
    svc.check_in(
        hid, [Assignment(head, beds["101"][0]), Assignment(wife, beds["101"][1])], D(2026, 3, 10)
    )
    stays = household_placements(db, hid)
    assert {s.planned_end for s in stays} == {D(2026, 9, 10)}  # ЦАИО: six months
    # The rule changes from 1 October 2026 to four months: new stays only.
    ref = ReferenceData.load(db)
    caio = ref.get("stay_term", "caio", D(2026, 3, 10))
    assert caio is not None
    ReferenceService(db).replace(
        caio.id,
        RefInput(
            kind="stay_term",
            code="caio",
            name_kk=caio.name_kk,
            name_ru=caio.name_ru,
            valid_from=D(2026, 10, 1),
            extra={**caio.extra, "months": 4},
        ),
        caio.version,
    )
    hid2, (p2,) = register(db, person("Сейітов", "Бауыржан", birth=D(1990, 1, 2)))
    PlacementService(db).check_in(hid2, [Assignment(p2, beds["102"][0])], D(2026, 10, 5))
    assert household_placements(db, hid2)[0].planned_end == D(2027, 2, 5)
    assert {s.planned_end for s in household_placements(db, hid)} == {D(2026, 9, 10)}


def test_temporary_placement_centre_houses_only_ethnic_kazakhs_and_their_families(
    db: Database, beds: dict[str, list[uuid.UUID]]
) -> None:
    CentreService(db).set_up(
        CentreInput("Уақытша орналастыру орталығы", "Центр временного размещения", "cvr", "47")
    )
    # A family with no ethnic Kazakh in it is refused, with the reason in the user's language.
    hid, (p,) = register(db, person("Иванов", "Пётр", ethnic_kazakh=False))
    with pytest.raises(ValidationError) as exc:
        PlacementService(db).check_in(hid, [Assignment(p, beds["102"][0])], D(2026, 3, 1))
    assert "только этнических казахов" in problems(exc)
    assert "тек этникалық қазақтарды" in exc.value.problems[0].message("kk")
    # The non-Kazakh spouse of an ethnic Kazakh is a family member: accepted.
    hid2, (kazakh, spouse) = register(
        db,
        person("Серікбаев", "Ерлан", birth=D(1988, 2, 2)),
        person("Серікбаева", "Ольга", Sex.FEMALE, birth=D(1990, 4, 4), ethnic_kazakh=False),
    )
    PlacementService(db).check_in(
        hid2,
        [Assignment(kazakh, beds["101"][0]), Assignment(spouse, beds["101"][1])],
        D(2026, 3, 1),
    )
    # ЦВР: until the status decision, with the maximum from reference data (12 months seeded).
    assert household_placements(db, hid2)[0].planned_end == D(2027, 3, 1)
    # A family that already has the kandas status is no longer housed by a ЦВР.
    hid3, (p3,) = register(db, person("Омаров", "Дәулет", birth=D(1975, 5, 5)))
    IntakeService(db).move_status(hid3, CaseStatus.APPLIED, D(2026, 2, 1))
    IntakeService(db).move_status(hid3, CaseStatus.GRANTED, D(2026, 2, 20), "КС-17")
    with pytest.raises(ValidationError) as exc:
        PlacementService(db).check_in(hid3, [Assignment(p3, beds["102"][1])], D(2026, 3, 1))
    assert "уже его получила" in problems(exc)


def test_adaptation_centre_houses_families_registered_with_it(
    db: Database, beds: dict[str, list[uuid.UUID]]
) -> None:
    hid, (p,) = register(db, person())
    con = sqlite3.connect(db.path)
    con.execute("UPDATE household SET centre_id = ? WHERE id = ?", (uuid.uuid4().bytes, hid.bytes))
    con.commit()
    con.close()
    with pytest.raises(ValidationError) as exc:
        PlacementService(db).check_in(hid, [Assignment(p, beds["102"][0])], D(2026, 3, 1))
    assert "зарегистрирована в другом центре" in problems(exc)


def test_rooms_for_men_and_women_and_blocked_beds(
    db: Database, beds: dict[str, list[uuid.UUID]]
) -> None:
    hid, (father, mother, son) = register(
        db,
        person(),
        person("Ахметова", "Айгерім", Sex.FEMALE, birth=D(1988, 7, 2)),
        person("Ахметов", "Ерасыл", birth=D(2019, 1, 20)),
    )
    svc = PlacementService(db)
    with pytest.raises(ValidationError) as exc:
        svc.check_in(hid, [Assignment(mother, beds["102"][0])], D(2026, 3, 1))
    assert "Мужская комната" in problems(exc) or "мужск" in problems(exc).lower()
    # A small boy stays with his mother in the women's room.
    svc.block_bed(beds["201"][1], D(2026, 2, 1), D(2026, 4, 1), "Ремонт кровати")
    with pytest.raises(ValidationError) as exc:
        svc.check_in(hid, [Assignment(son, beds["201"][1])], D(2026, 3, 1))
    assert "Ремонт кровати" in problems(exc)
    svc.check_in(
        hid,
        [Assignment(mother, beds["201"][0]), Assignment(father, beds["102"][0])],
        D(2026, 3, 1),
    )
    svc.check_in(hid, [Assignment(son, beds["201"][1])], D(2026, 4, 1))  # repaired by then


def test_never_two_people_in_one_bed_nor_one_person_in_two_beds(
    db: Database, beds: dict[str, list[uuid.UUID]]
) -> None:
    hid, (a, b) = register(db, person(), person("Ахметов", "Самат", birth=D(1987, 1, 1)))
    svc = PlacementService(db)
    svc.check_in(hid, [Assignment(a, beds["102"][0])], D(2026, 3, 1))
    with pytest.raises(ValidationError) as exc:
        svc.check_in(hid, [Assignment(b, beds["102"][0])], D(2026, 3, 5))
    assert "занято" in problems(exc)
    with pytest.raises(ValidationError) as exc:
        svc.check_in(hid, [Assignment(a, beds["102"][1])], D(2026, 3, 5))
    assert "уже живёт в центре" in problems(exc)
    # A back-dated check-in cannot slide under a later stay either.
    with pytest.raises(ValidationError):
        svc.check_in(hid, [Assignment(b, beds["102"][0])], D(2026, 2, 1))
    # The database refuses it too, whoever writes.
    con = sqlite3.connect(db.path)
    pid = con.execute("SELECT placement_id FROM bed_stay").fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError, match="bed_taken"):
        con.execute(
            "INSERT INTO bed_stay (id, placement_id, person_id, bed_id, start_date, end_date, "
            "moved_by, created_at, updated_at, updated_by, version, deleted) VALUES "
            "(?, ?, ?, ?, '2026-03-20', NULL, '', '2026-03-20', '2026-03-20', 'x', 1, 0)",
            (uuid.uuid4().bytes, pid, b.bytes, beds["102"][0].bytes),
        )
    with pytest.raises(sqlite3.IntegrityError, match="person_placed"):
        con.execute(
            "INSERT INTO bed_stay (id, placement_id, person_id, bed_id, start_date, end_date, "
            "moved_by, created_at, updated_at, updated_by, version, deleted) VALUES "
            "(?, ?, ?, ?, '2026-03-20', '2026-03-25', '', '2026-03-20', '2026-03-20', 'x', 1, 0)",
            (uuid.uuid4().bytes, pid, a.bytes, beds["101"][3].bytes),
        )
    with pytest.raises(sqlite3.IntegrityError):  # a stay that ends before it starts
        con.execute("UPDATE bed_stay SET end_date = '2026-01-01'")
    con.close()


def test_two_sessions_racing_for_one_bed_place_exactly_one_person(
    db_path, beds: dict[str, list[uuid.UUID]], db: Database
) -> None:  # type: ignore[no-untyped-def]
    hid, people = register(
        db,
        person(),
        person("Ахметов", "Самат", birth=D(1987, 1, 1)),
    )
    bed = beds["102"][1]
    barrier = threading.Barrier(2)
    results: list[str] = []

    def window(pid: uuid.UUID) -> None:
        mine = Database.open(db_path)
        mine.user = f"window-{pid.hex[:4]}"
        svc = PlacementService(mine)
        barrier.wait()
        try:
            svc.check_in(hid, [Assignment(pid, bed)], D(2026, 3, 1))
            results.append("placed")
        except ValidationError as exc:
            results.append(exc.problems[0].message("ru"))
        finally:
            mine.close()

    threads = [threading.Thread(target=window, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("placed") == 1, results
    assert any("занято" in r or "занял" in r for r in results)
    occupants = [b.occupant for r in board(db, D(2026, 3, 2)).rooms for b in r.beds if b.occupant]
    assert len(occupants) == 1


def test_move_keeps_the_term_and_check_out_frees_the_bed(
    db: Database, beds: dict[str, list[uuid.UUID]]
) -> None:
    hid, (a,) = register(db, person())
    svc = PlacementService(db)
    (pl,) = svc.check_in(hid, [Assignment(a, beds["102"][0])], D(2026, 3, 1))
    svc.move(pl, beds["101"][2], D(2026, 3, 15))
    with pytest.raises(ValidationError) as exc:
        svc.move(pl, beds["101"][3], D(2026, 3, 10))  # before the current bed began
    assert "раньше начала" in problems(exc)
    (data,) = household_placements(db, hid)
    assert [(s.room, s.bed, s.start_date, s.end_date) for s in data.segments] == [
        ("А 102", "1", D(2026, 3, 1), D(2026, 3, 15)),
        ("А 101", "3", D(2026, 3, 15), None),
    ]
    assert data.planned_end == D(2026, 9, 1)
    with pytest.raises(ValidationError) as exc:
        svc.check_out([pl], D(2026, 4, 1), None)
    assert exc.value.problems[0].field == "checkout_reason"
    svc.check_out([pl], D(2026, 4, 1), "housing", "Получили квартиру по программе")
    (data,) = household_placements(db, hid)
    assert data.end_date == D(2026, 4, 1) and data.checkout_reason == "housing"
    # The check-out day is free for the next resident.
    hid2, (b,) = register(db, person("Сейітов", "Бауыржан", birth=D(1990, 1, 2)))
    svc.check_in(hid2, [Assignment(b, beds["101"][2])], D(2026, 4, 1))


def test_extensions_record_who_approved_the_new_end(
    db: Database, beds: dict[str, list[uuid.UUID]]
) -> None:
    hid, (a,) = register(db, person())
    svc = PlacementService(db)
    (pl,) = svc.check_in(hid, [Assignment(a, beds["102"][0])], D(2026, 3, 1))
    with pytest.raises(ValidationError) as exc:
        svc.extend(pl, D(2026, 8, 1), "", "")
    assert {p.field for p in exc.value.problems} == {"new_end", "reason", "approved_by"}
    svc.extend(
        pl, D(2026, 12, 1), "Ждёт решения о статусе", "Директор Ә. Серікқызы", D(2026, 8, 20)
    )
    (data,) = household_placements(db, hid)
    assert data.planned_end == D(2026, 12, 1)
    (ext,) = data.extensions
    assert (ext.previous_end, ext.new_end, ext.approved_by) == (
        D(2026, 9, 1),
        D(2026, 12, 1),
        "Директор Ә. Серікқызы",
    )
    # Every change is in the audit history.
    card = family_card(db, hid)
    assert card is not None


def test_bed_days_and_occupancy_across_period_boundaries(
    db: Database, beds: dict[str, list[uuid.UUID]]
) -> None:
    hid, (a, b) = register(db, person(), person("Ахметов", "Самат", birth=D(1987, 1, 1)))
    svc = PlacementService(db)
    # a: 25 Jan → 10 Feb (16 nights: 7 in January, 9 in February); b: 28 Feb, still there.
    (pa,) = svc.check_in(hid, [Assignment(a, beds["102"][0])], D(2026, 1, 25))
    svc.move(pa, beds["101"][0], D(2026, 2, 1))  # a move does not double-count a night
    svc.check_out([pa], D(2026, 2, 10), "settlement_region")
    svc.check_in(hid, [Assignment(b, beds["102"][1])], D(2026, 2, 28))
    assert bed_days(db, D(2026, 1, 1), D(2026, 1, 31)) == 7
    assert bed_days(db, D(2026, 2, 1), D(2026, 2, 28)) == 9 + 1
    assert bed_days(db, D(2026, 1, 1), D(2026, 3, 31)) == 16 + 32
    assert occupied_on(db, D(2026, 2, 9)) == 1
    assert occupied_on(db, D(2026, 2, 10)) == 0  # the check-out day is free
    series = occupancy_by_day(db, D(2026, 2, 8), D(2026, 2, 28))
    assert (
        series[D(2026, 2, 9)] == 1 and series[D(2026, 2, 10)] == 0 and series[D(2026, 2, 28)] == 1
    )
    # 8 beds for 28 days, less a bed blocked for 10 of them.
    svc.block_bed(beds["201"][0], D(2026, 2, 5), D(2026, 2, 15), "Дезинфекция")
    assert available_bed_days(db, D(2026, 2, 1), D(2026, 2, 28)) == 8 * 28 - 10


def test_board_attention_and_residents_show_the_day_as_staff_see_it(
    db: Database, beds: dict[str, list[uuid.UUID]]
) -> None:
    today = dt.date.today()
    hid, (a, b) = register(
        db,
        person(),
        person("Ахметова", "Айгерім", Sex.FEMALE, birth=D(1988, 7, 2)),
        arrival=today - dt.timedelta(days=200),
    )
    svc = PlacementService(db)
    # Ends in about five days (month ends shorten it by up to three).
    start = add_months(today, -6) + dt.timedelta(days=5)
    left = (add_months(start, 6) - today).days
    assert 2 <= left <= 5
    (pa, pb) = svc.check_in(
        hid, [Assignment(a, beds["101"][0]), Assignment(b, beds["101"][1])], start
    )
    hid2, (c,) = register(db, person("Сейітов", "Бауыржан", birth=D(1990, 1, 2)))
    svc.check_in(hid2, [Assignment(c, beds["102"][0])], add_months(today, -7))  # overdue
    svc.block_bed(beds["201"][1], today - dt.timedelta(days=1), None, "Ремонт")
    hid3, _ = register(db, person("Омаров", "Дәулет", birth=D(1975, 5, 5)))
    svc.request_place(hid3, today, "Семья из 1 человека")

    bd = board(db, today)
    assert bd.totals() == (8, 3, 1, 4)
    assert bd.free_by_kind() == {"family": 2, "men": 1, "women": 1}
    room101 = next(r for r in bd.rooms if r.number == "101")
    assert room101.beds[0].occupant is not None
    assert room101.beds[0].occupant.days_left(today) == left
    assert board(db, today, floor=2).totals()[0] == 2

    att = attention(db, today)
    assert {x.person_id for x in att.ending} == {a, b}
    assert [x.person_id for x in att.overdue] == [c]
    assert [w.household_id for w in att.waiting] == [hid3]
    svc.extend(pa, today + dt.timedelta(days=60), "Болезнь", "Директор")
    assert {x.person_id for x in attention(db, today).ending} == {b}

    rows = residents(db, today)
    assert [(r.room, r.bed, r.name) for r in rows] == [
        ("101", "1", "Ахметов Нұрлан"),
        ("101", "2", "Ахметова Айгерім"),
        ("102", "1", "Сейітов Бауыржан"),
    ]
    # Checking the waiting family in closes its request.
    hid3_people = family_card(db, hid3).members  # type: ignore[union-attr]
    svc.check_in(hid3, [Assignment(hid3_people[0].id, beds["102"][1])], today)
    assert attention(db, today).waiting == ()
    assert pb is not None


def test_rooms_are_validated_and_beds_with_history_stay(
    db: Database, beds: dict[str, list[uuid.UUID]]
) -> None:
    svc = PlacementService(db)
    with pytest.raises(ValidationError) as exc:
        svc.add_room(RoomInput("А", 1, "101", "family", 0))
    assert {p.field for p in exc.value.problems} == {"room_number", "beds"}
    hid, (a,) = register(db, person())
    svc.check_in(hid, [Assignment(a, beds["101"][3])], D(2026, 3, 1))
    room = next(r for r in board(db, D(2026, 3, 2)).rooms if r.number == "101")
    with pytest.raises(ValidationError) as exc:
        svc.update_room(room.room_id, RoomInput("А", 1, "101", "family", 2), room.version)
    assert "нельзя убрать" in problems(exc)
    svc.update_room(room.room_id, RoomInput("А", 1, "101", "family", 6, "Угловая"), room.version)
    room = next(r for r in board(db, D(2026, 3, 2)).rooms if r.number == "101")
    assert [b.label for b in room.beds] == ["1", "2", "3", "4", "5", "6"]
    assert room.note == "Угловая"
    assert CentreType.CAIO.value == "caio"
