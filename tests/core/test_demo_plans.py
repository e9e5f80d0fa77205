"""Demo data for the adaptation plans: the draft of every recent family, linked to its services.

Two generated registers of the same seed, one with plans and one without: the plans written in
bulk are what ``PlanService.suggest`` drafts on the arrival day (compared on the register without
plans), every link points at a record of the same member or family and of the right kind, and
``plan_progress`` agrees with ``household_plan``."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from oralman_desk.db.database import Database
from oralman_desk.demo import generate
from oralman_desk.demo_plans import RECENT_MONTHS, has_plans
from oralman_desk.domain import PlanState
from oralman_desk.services.placement import add_months
from oralman_desk.services.plans import PlanService, household_plan, plan_progress

TODAY = dt.date(2026, 6, 30)
SINCE = add_months(TODAY, -RECENT_MONTHS).isoformat()
FAMILIES = 800
SEED = 13


def _open(template_db: Path, path: Path, **kw: object) -> Database:
    shutil.copyfile(template_db, path)
    db = Database.open(path)
    db.user = "test.worker"
    generate(db, families=FAMILIES, seed=SEED, today=TODAY, **kw)  # type: ignore[arg-type]
    return db


@pytest.fixture(scope="module")
def pair(
    template_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Database, Database]]:
    """The same register with plans and without."""
    base = tmp_path_factory.mktemp("demo_plans")
    with_plans = _open(template_db, base / "plans.db")
    without = _open(template_db, base / "none.db", plans=False)
    yield with_plans, without
    with_plans.close()
    without.close()


@pytest.fixture(scope="module")
def demo(pair: tuple[Database, Database]) -> Database:
    return pair[0]


def rows(db: Database, sql: str, *args: object) -> list[tuple]:  # type: ignore[type-arg]
    con = sqlite3.connect(db.path)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def one(db: Database, sql: str, *args: object) -> object:
    return rows(db, sql, *args)[0][0]


def test_recent_families_have_plans_older_ones_none(demo: Database) -> None:
    recent = {
        r[0]
        for r in rows(
            demo,
            "SELECT id FROM household WHERE arrival_date > ? AND arrival_date <= ?",
            SINCE,
            TODAY.isoformat(),
        )
    }
    planned = {r[0] for r in rows(demo, "SELECT DISTINCT household_id FROM plan_item")}
    assert len(recent) > 50
    assert planned == recent
    kinds = Counter(r[0] for r in rows(demo, "SELECT kind FROM plan_item"))
    assert kinds["consultation"] > kinds["employment"] > 0
    # Every generated person speaks Kazakh (fluent or native): the draft plans no Kazakh course.
    assert kinds["language_course"] == 0
    # The exchange columns, as the other demo tables.
    bad = one(
        demo,
        "SELECT count(*) FROM plan_item WHERE length(id) != 16 OR centre_id IS NULL "
        "OR deleted != 0 OR updated_by != 'demo' OR updated_at < created_at "
        "OR version != 1 + (coalesce(consultation_id, enrolment_id, referral_id) IS NOT NULL) "
        "OR target_date < (SELECT arrival_date FROM household h WHERE h.id = household_id)",
    )
    assert bad == 0
    for (key,) in rows(demo, "SELECT id FROM plan_item LIMIT 50"):
        assert uuid.UUID(bytes=key).version == 7
    assert rows(demo, "PRAGMA foreign_key_check(plan_item)") == []
    # Many items are linked: of each kind of record.
    linked = rows(demo, "SELECT count(consultation_id), count(referral_id) FROM plan_item")[0]
    assert all(n > 0 for n in linked), linked


def test_plans_are_the_drafts_of_the_arrival_day(pair: tuple[Database, Database]) -> None:
    demo, without = pair
    assert one(without, "SELECT count(*) FROM plan_item") == 0
    service = PlanService(without)
    families = rows(
        demo,
        "SELECT h.id, h.arrival_date FROM household h WHERE h.arrival_date > ? "
        "AND h.arrival_date <= ? ORDER BY h.num",
        SINCE,
        TODAY.isoformat(),
    )
    checked = 0
    for hid, arrival in families[::7]:
        drafted = [
            (
                sg.item.person_id.bytes if sg.item.person_id else None,
                sg.item.kind.value,
                sg.item.topic,
                sg.item.course_kind.value if sg.item.course_kind else None,
                sg.item.target_date.isoformat() if sg.item.target_date else None,
            )
            for sg in service.suggest(uuid.UUID(bytes=hid), on=dt.date.fromisoformat(arrival))
        ]
        written = rows(
            demo,
            "SELECT person_id, kind, topic, course_kind, target_date FROM plan_item "
            "WHERE household_id = ? ORDER BY id",
            hid,
        )
        assert written == drafted, arrival
        checked += 1
    assert checked > 10


@pytest.fixture(scope="module")
def courses(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A register whose Kazakh-course step is for everyone of working age (the plans are made by
    a second run, after the step was changed): its items are linked to enrolments."""
    path = tmp_path_factory.mktemp("demo_plans_courses") / "centre.db"
    shutil.copyfile(template_db, path)
    db = Database.open(path)
    generate(db, families=FAMILIES, seed=SEED, today=TODAY, plans=False)
    con = sqlite3.connect(path)
    con.execute(
        "UPDATE ref_value SET extra = json_remove(extra, '$.unless_language', '$.unless_levels') "
        "WHERE kind = 'plan_step' AND code = 'kazakh_course'"
    )
    con.commit()
    con.close()
    generate(db, families=0, seed=SEED, today=TODAY)
    yield db
    db.close()


@pytest.mark.parametrize("which", ["demo", "courses"])
def test_every_link_is_to_the_same_person_and_the_right_kind(
    which: str, request: pytest.FixtureRequest
) -> None:
    demo: Database = request.getfixturevalue(which)
    if which == "courses":
        counts = rows(
            demo,
            "SELECT count(*), count(enrolment_id) FROM plan_item WHERE kind = 'language_course'",
        )[0]
        assert counts[0] > counts[1] > 0, counts
        # The first enrolment in a Kazakh course that did not fail.
        earlier = one(
            demo,
            """SELECT count(*) FROM plan_item i JOIN enrolment e ON e.id = i.enrolment_id
               WHERE EXISTS (
                 SELECT 1 FROM enrolment e2 JOIN course_group g ON g.id = e2.group_id
                 JOIN course c ON c.id = g.course_id
                 WHERE e2.person_id = i.person_id AND c.kind = 'kazakh'
                   AND e2.status != 'dropped' AND e2.created_at < e.created_at)""",
        )
        assert earlier == 0
    # Consultations: the member attended (anyone of the family for a family item), on the topic.
    wrong = one(
        demo,
        """SELECT count(*) FROM plan_item i WHERE i.consultation_id IS NOT NULL AND (
             i.kind != 'consultation'
             OR NOT EXISTS (SELECT 1 FROM consultation_attendee a
                            WHERE a.consultation_id = i.consultation_id
                              AND a.household_id = i.household_id
                              AND (i.person_id IS NULL OR a.person_id = i.person_id))
             OR NOT EXISTS (SELECT 1 FROM consultation_topic t
                            WHERE t.consultation_id = i.consultation_id AND t.topic = i.topic))""",
    )
    assert wrong == 0
    wrong = one(
        demo,
        """SELECT count(*) FROM plan_item i JOIN enrolment e ON e.id = i.enrolment_id
           JOIN course_group g ON g.id = e.group_id JOIN course c ON c.id = g.course_id
           WHERE i.kind NOT IN ('language_course', 'training') OR e.person_id != i.person_id
              OR e.household_id != i.household_id OR c.kind != i.course_kind""",
    )
    assert wrong == 0
    wrong = one(
        demo,
        """SELECT count(*) FROM plan_item i JOIN referral r ON r.id = i.referral_id
           WHERE i.kind != 'employment' OR r.person_id != i.person_id
              OR r.household_id != i.household_id""",
    )
    assert wrong == 0
    # The first matching consultation: none of the member's on the topic was written before it.
    earlier = one(
        demo,
        """SELECT count(*) FROM plan_item i JOIN consultation c ON c.id = i.consultation_id
           WHERE i.person_id IS NOT NULL AND EXISTS (
             SELECT 1 FROM consultation c2
             JOIN consultation_attendee a ON a.consultation_id = c2.id
             JOIN consultation_topic t ON t.consultation_id = c2.id
             WHERE a.person_id = i.person_id AND t.topic = i.topic
               AND c2.created_at < c.created_at)""",
    )
    assert earlier == 0
    # An item without a link has no matching record at all.
    missed = one(
        demo,
        """SELECT count(*) FROM plan_item i WHERE i.kind = 'employment'
           AND i.referral_id IS NULL
           AND EXISTS (SELECT 1 FROM referral r WHERE r.person_id = i.person_id)""",
    )
    assert missed == 0
    missed = one(
        demo,
        """SELECT count(*) FROM plan_item i WHERE i.kind = 'consultation'
           AND i.consultation_id IS NULL AND EXISTS (
             SELECT 1 FROM consultation_attendee a
             JOIN consultation_topic t ON t.consultation_id = a.consultation_id
             WHERE a.household_id = i.household_id AND t.topic = i.topic
               AND (i.person_id IS NULL OR a.person_id = i.person_id))""",
    )
    assert missed == 0


def test_progress_matches_the_plans(demo: Database) -> None:
    hids = [
        uuid.UUID(bytes=r[0])
        for r in rows(demo, "SELECT DISTINCT household_id FROM plan_item ORDER BY household_id")
    ]
    progress = plan_progress(demo, hids, on=TODAY)
    assert set(progress) == set(hids)
    states: Counter[PlanState] = Counter()
    for hid in hids[::5]:
        plan = household_plan(demo, hid, on=TODAY)
        p = progress[hid]
        assert p.total == len(plan)
        assert p.done == sum(r.state is PlanState.DONE for r in plan)
        assert p.late == sum(r.state is PlanState.LATE for r in plan)
        states.update(r.state for r in plan)
    # Plans of three years: most early items are done, some are late, the newest are ahead.
    assert states[PlanState.DONE] > 0
    assert states[PlanState.LATE] > 0
    assert states[PlanState.NEXT] + states[PlanState.PLANNED] > 0


def _dump(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        h = hashlib.sha256()
        for row in con.execute("SELECT * FROM plan_item ORDER BY id"):
            h.update(repr(row).encode())
        return h.hexdigest()
    finally:
        con.close()


def test_same_seed_same_items_and_written_once(template_db: Path, tmp_path: Path) -> None:
    def made(name: str, seed: int) -> Path:
        path = tmp_path / name
        shutil.copyfile(template_db, path)
        db = Database.open(path)
        try:
            generate(db, families=200, seed=seed, today=TODAY)
        finally:
            db.close()
        con = sqlite3.connect(path)
        try:
            assert has_plans(con.cursor())
        finally:
            con.close()
        return path

    a, b, c = made("a.db", 4), made("b.db", 4), made("c.db", 5)
    assert _dump(a) == _dump(b)
    assert _dump(a) != _dump(c)
    # A second run adds families, not plans.
    db = Database.open(a)
    try:
        before = one(db, "SELECT count(*) FROM plan_item")
        generate(db, families=30, seed=6, today=TODAY)
        assert one(db, "SELECT count(*) FROM plan_item") == before
    finally:
        db.close()
