"""Benchmarks of the services (consultations, courses, employment) on this machine, on a register
generated with the demo's services.

    QT_QPA_PLATFORM=offscreen python bench/bench_services.py --people 1000000 --db bench/out/services-1m.db

1. Builds the register with ``demo-data`` (``bench_core.build``) unless ``--db`` already holds
   ``--people`` people; a database generated without services (an older demo, or
   ``generate(services=False)``) gets them now through ``demo_services.build``, timed: that is the
   time the services add to ``demo-data``. Prints the number of service records of each kind
   (about five million at a million people, attendance marks most of them).
2. The family card with its full timeline (consultations, courses, referrals, stays, history) for
   the ``--families`` families with the most service records: the data
   (``services.queries.family_card``, which ``ui.family_card`` loads) and, if PySide6 is there,
   the widget ``ui.family_card.FamilyCard`` opened on its Services tab until drawn — median and
   maximum (target < 150 ms).
3. The attendance journal of a group of 30 people and 60 lessons (the demo's biggest such group;
   if it has none, one is made through ``CourseService``: a group, 30 enrolments and every mark):
   the data (``services.courses.journal``) and the widget ``ui.courses_page.JournalView`` opened
   until drawn — median and maximum (target < 200 ms).
4. Saving one attendance mark: ``CourseService.mark`` and the journal's own path
   (``JournalView.mark``: the model shows it at once, the service saves it on a worker) until
   saved — median and maximum (target < 30 ms). Each mark is changed and then put back, so the
   database keeps its marks.

``--no-qt`` skips the widgets; ``--explain`` prints the query plans of the card's and the journal's
queries.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SERVICE_TABLES = (
    "consultation",
    "consultation_topic",
    "consultation_attendee",
    "course",
    "course_group",
    "course_session",
    "enrolment",
    "attendance",
    "employer",
    "vacancy",
    "referral",
    "referral_step",
    "employment_follow_up",
)


def ms(seconds: float) -> float:
    return seconds * 1000


def spread(times: list[float]) -> str:
    p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
    return (
        f"median {ms(statistics.median(times)):.0f} ms, p95 {ms(p95):.0f} ms, "
        f"max {ms(max(times)):.0f} ms"
    )


def spread1(times: list[float]) -> str:
    p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
    return (
        f"median {ms(statistics.median(times)):.1f} ms, p95 {ms(p95):.1f} ms, "
        f"max {ms(max(times)):.1f} ms"
    )


def counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        return {
            t: int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in SERVICE_TABLES
        }
    finally:
        con.close()


def ensure_services(db_path: Path) -> None:
    """Add the demo's services to a register generated without them (timed)."""
    if sum(counts(db_path).values()):
        return
    from oralman_desk.db.database import Database
    from oralman_desk.demo_services import build
    from oralman_desk.services.reference import ReferenceData

    db = Database.open(db_path)
    con = sqlite3.connect(db_path)
    last = con.execute("SELECT max(id) FROM person").fetchone()[0]
    con.close()
    clock = int.from_bytes(last[:6], "big") if last else int(time.time() * 1000)
    centre = db.centre_id.bytes if db.centre_id else None
    started = time.perf_counter()
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        cur = raw.cursor()
        cur.execute("PRAGMA cache_size=-524288")
        result, _clock = build(cur, ReferenceData.load(db), dt.date.today(), 7, clock, centre)
        cur.close()
    elapsed = time.perf_counter() - started
    db.close()
    print(f"demo services added to the register: {result.total:,} records in {elapsed:.1f} s")


def print_counts(db: Path) -> None:
    c = counts(db)
    con = sqlite3.connect(db)
    people = int(con.execute("SELECT count(*) FROM person WHERE deleted = 0").fetchone()[0])
    today = dt.date.today().isoformat()
    running, waiting = con.execute(
        "SELECT count(DISTINCT g.id), sum(e.status = 'waiting') FROM course_group g "
        "JOIN enrolment e ON e.group_id = g.id WHERE g.start_date <= ? AND g.end_date >= ?",
        (today, today),
    ).fetchone()
    con.close()
    print(f"{sum(c.values()):,} service records at {people:,} people:")
    print("  " + ", ".join(f"{t} {n:,}" for t, n in c.items()))
    print(f"  today: {running} groups running, {waiting or 0} people on their waiting lists")


# ---- the family card -------------------------------------------------------------------------


def busiest_families(db_path: Path, n: int) -> list[tuple[uuid.UUID, int]]:
    """The families with the most service records (marks included)."""
    con = sqlite3.connect(db_path)
    try:
        score: dict[bytes, int] = {}
        for sql in (
            "SELECT household_id, count(*) FROM consultation_attendee GROUP BY household_id",
            "SELECT household_id, count(*) FROM enrolment GROUP BY household_id",
            "SELECT e.household_id, count(*) FROM attendance a "
            "JOIN enrolment e ON e.id = a.enrolment_id GROUP BY e.household_id",
            "SELECT household_id, count(*) * 4 FROM referral GROUP BY household_id",
        ):
            for hid, k in con.execute(sql):
                score[hid] = score.get(hid, 0) + k
    finally:
        con.close()
    top = sorted(score.items(), key=lambda kv: -kv[1])[:n]
    return [(uuid.UUID(bytes=h), k) for h, k in top]


def bench_card(db_path: Path, families: list[tuple[uuid.UUID, int]], qt: bool) -> None:
    from oralman_desk.db.database import Database
    from oralman_desk.services.queries import family_card

    db = Database.open(db_path)
    t = time.perf_counter()
    family_card(db, families[-1][0])  # the first query of a fresh connection
    cold = time.perf_counter() - t
    times = []
    sizes = []
    for hid, _score in families:
        t = time.perf_counter()
        data = family_card(db, hid)
        times.append(time.perf_counter() - t)
        sizes.append(
            (len(data.consultations), len(data.studies), len(data.referrals), len(data.history))
        )
    most = max(sizes, key=sum)
    print(
        f"family card data (services.queries.family_card) of the {len(families)} families with "
        f"the most service records (up to {max(s for _h, s in families):,} records with marks; "
        f"e.g. {most[0]} consultations, {most[1]} courses, {most[2]} referrals, {most[3]} history "
        f"entries): first {ms(cold):.0f} ms, then {spread(times)} (target < 150 ms)"
    )
    db.close()
    if qt:
        bench_card_widget(db_path, families)


def qt_app() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["bench"])


def startup_done() -> None:
    """What the application does once its window is up (``ui.app.freeze_startup_objects``): what
    start-up made is kept out of the garbage collector's full passes."""
    from ui.app import freeze_startup_objects

    freeze_startup_objects()


def settle(app: Any, done: Callable[[], bool], limit: float = 30.0) -> None:
    from ui import worker

    t = time.perf_counter()
    while (not done() or worker.pending()) and time.perf_counter() - t < limit:
        app.processEvents()
        time.sleep(0.0005)
    app.processEvents()


def bench_card_widget(db_path: Path, families: list[tuple[uuid.UUID, int]]) -> None:
    try:
        app = qt_app()
        from ui import worker
        from ui.context import AppContext
        from ui.family_card import FamilyCard
    except ImportError as exc:
        print(f"family card widget: skipped ({exc})")
        return
    from oralman_desk.db.database import Database

    db = Database.open(db_path)
    ctx = AppContext(db)
    startup_done()
    times = []
    rows = []
    for hid, _score in [families[-1], *families]:
        t = time.perf_counter()
        card = FamilyCard(ctx)
        card.resize(1366, 800)
        card.tabs.setCurrentIndex(card.tabs.count() - 2)  # Services: the timeline
        card.show()
        card.load(hid)
        settle(app, lambda card=card: not card.is_loading)
        card.repaint()
        times.append(time.perf_counter() - t)
        rows.append(card.services.topLevelItemCount())
        card.close()
        card.deleteLater()
        app.processEvents()
    print(
        f"family card widget (ui.family_card.FamilyCard on its Services tab, up to {max(rows)} "
        f"timeline rows): opened and drawn, first {ms(times[0]):.0f} ms, then "
        f"{spread(times[1:])} (target < 150 ms)"
    )
    worker.wait_all()
    db.close()


# ---- the attendance journal ------------------------------------------------------------------


def big_group(db_path: Path) -> tuple[uuid.UUID, int, int, int] | None:
    """The group of at least 30 people and 60 lessons with the most marks."""
    con = sqlite3.connect(db_path)
    try:
        found = con.execute(
            """
            WITH g AS (
              SELECT g.id,
                     (SELECT count(*) FROM enrolment e WHERE e.group_id = g.id
                       AND e.deleted = 0) AS people,
                     (SELECT count(*) FROM course_session s WHERE s.group_id = g.id
                       AND s.deleted = 0) AS lessons
                FROM course_group g WHERE g.deleted = 0)
            SELECT g.id, g.people, g.lessons,
                   (SELECT count(*) FROM attendance a JOIN enrolment e ON e.id = a.enrolment_id
                     WHERE e.group_id = g.id AND a.deleted = 0) AS marks
              FROM g WHERE g.people >= 30 AND g.lessons >= 60
             ORDER BY marks DESC LIMIT 1
            """
        ).fetchone()
    finally:
        con.close()
    return None if found is None else (uuid.UUID(bytes=found[0]), found[1], found[2], found[3])


def make_big_group(db_path: Path) -> uuid.UUID:
    """A group of 30 people and 60 lessons, all past, every mark made, through the service."""
    import random

    from oralman_desk.db.database import Database
    from oralman_desk.domain import CourseKind
    from oralman_desk.services.courses import CourseInput, CourseService, GroupInput, journal

    db = Database.open(db_path)
    db.user = "bench"
    svc = CourseService(db)
    today = dt.date.today()
    course = svc.add_course(
        CourseInput(
            CourseKind.KAZAKH,
            "Қазақ тілі (B1), қарқынды",
            "Казахский язык (B1), интенсив",
            120,
            level="intermediate",
        )
    )
    start = today - dt.timedelta(days=150)
    start -= dt.timedelta(days=start.weekday())  # a Monday
    days = [start + dt.timedelta(days=k) for k in range(400)]
    lessons = [d for d in days if d.isoweekday() in (1, 3, 5)][:60]
    gid = svc.add_group(
        GroupInput(
            course,
            "ҚАЗ-B1-бенч",
            start,
            lessons[-1],
            [1, 3, 5],
            30,
            "Бенч Б. Б.",
            "09:00",
            "11:00",
            2.0,
            "каб. 301",
        )
    )
    con = sqlite3.connect(db_path)
    people = [
        uuid.UUID(bytes=r[0])
        for r in con.execute(
            "SELECT p.id FROM person p JOIN household h ON h.id = p.household_id "
            "WHERE p.deleted = 0 AND p.birth_date < ? AND h.arrival_date < ? LIMIT 30",
            ((today - dt.timedelta(days=30 * 365)).isoformat(), start.isoformat()),
        )
    ]
    con.close()
    enrolments = [svc.enrol(gid, p, start - dt.timedelta(days=3))[0] for p in people]
    rng = random.Random(5)
    j = journal(db, gid)
    t = time.perf_counter()
    for lesson in j.lessons:
        if lesson.date >= today:
            continue
        for e in enrolments:
            svc.mark(lesson.id, e, rng.random() < 0.88)
    print(
        f"made group ҚАЗ-B1-бенч through CourseService: 30 people, 60 lessons, every mark "
        f"({time.perf_counter() - t:.1f} s)"
    )
    db.close()
    return gid


def bench_journal(db_path: Path, gid: uuid.UUID, rounds: int, qt: bool) -> None:
    from oralman_desk.db.database import Database
    from oralman_desk.services.courses import journal

    db = Database.open(db_path)
    t = time.perf_counter()
    j = journal(db, gid)
    cold = time.perf_counter() - t
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        journal(db, gid)
        times.append(time.perf_counter() - t)
    marks = sum(len(r.marks) for r in j.rows)
    print(
        f"journal data (services.courses.journal) of {j.group.name}: {len(j.rows)} people, "
        f"{len(j.lessons)} lessons, {marks:,} marks: first {ms(cold):.0f} ms, then "
        f"{spread(times)} (target < 200 ms)"
    )
    db.close()
    if not qt:
        return
    try:
        app = qt_app()
        from ui import worker
        from ui.context import AppContext
        from ui.courses_page import JournalView
    except ImportError as exc:
        print(f"journal widget: skipped ({exc})")
        return
    db = Database.open(db_path)
    ctx = AppContext(db)
    startup_done()
    times = []
    for _ in range(rounds + 1):
        t = time.perf_counter()
        view = JournalView(ctx)
        view.resize(1366, 800)
        view.show()
        view.load(gid)
        settle(app, lambda view=view: view.model.data_ is not None)
        view.table.viewport().repaint()
        times.append(time.perf_counter() - t)
        view.close()
        view.deleteLater()
        app.processEvents()
    print(
        f"journal widget (ui.courses_page.JournalView): opened and drawn, first "
        f"{ms(times[0]):.0f} ms, then {spread(times[1:])} (target < 200 ms)"
    )
    worker.wait_all()
    db.close()


# ---- saving a mark ---------------------------------------------------------------------------


def bench_mark(db_path: Path, gid: uuid.UUID, rounds: int, qt: bool) -> None:
    from oralman_desk.db.database import Database
    from oralman_desk.domain import EnrolmentStatus
    from oralman_desk.services.courses import CourseService, journal

    db = Database.open(db_path)
    db.user = "bench"
    svc = CourseService(db)
    today = dt.date.today()
    j = journal(db, gid)
    cells = [
        (lesson.id, row.enrolment_id, row.marks[lesson.id])
        for row in j.rows
        if row.status in (EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED)
        for lesson in j.lessons
        if lesson.date <= today and lesson.id in row.marks
    ]
    step = max(1, len(cells) // rounds)
    sample = cells[::step][:rounds]
    times = []
    for lesson_id, eid, was in sample:
        for value in (not was, was):  # change it, then put it back
            t = time.perf_counter()
            svc.mark(lesson_id, eid, value)
            times.append(time.perf_counter() - t)
    cleared = []
    for lesson_id, eid, was in sample[: max(1, rounds // 3)]:
        for value in (None, was):  # clear it, then mark it again (a new row)
            t = time.perf_counter()
            svc.mark(lesson_id, eid, value)
            cleared.append(time.perf_counter() - t)
    print(
        f"CourseService.mark on {j.group.name}: change a mark {spread1(times)} over {len(times)} "
        f"saves; clear and mark again {spread1(cleared)} over {len(cleared)} (target < 30 ms)"
    )
    db.close()
    if not qt:
        return
    try:
        app = qt_app()
        from ui import worker
        from ui.context import AppContext
        from ui.courses_page import FIXED_COLUMNS, JournalView
    except ImportError as exc:
        print(f"journal mark: skipped ({exc})")
        return
    db = Database.open(db_path)
    db.user = "bench"
    ctx = AppContext(db)
    startup_done()
    view = JournalView(ctx)
    view.resize(1366, 800)
    view.show()
    view.load(gid)
    settle(app, lambda: view.model.data_ is not None)
    # Staff look at the journal before the first mark: the view prepares the mark's statements
    # meanwhile (``CourseService.prepare_marking``, 250 ms after it is drawn).
    opened = time.perf_counter()
    settle(app, lambda: time.perf_counter() - opened > 0.6)
    data = view.model.data_
    assert data is not None
    targets = [
        (r, FIXED_COLUMNS + c)
        for r, row in enumerate(data.rows)
        if row.status in (EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED)
        for c, lesson in enumerate(data.lessons)
        if lesson.date <= today and lesson.id in row.marks
    ]
    step = max(1, len(targets) // rounds)
    times = []
    for r, col in targets[::step][:rounds]:
        row = data.rows[r]
        lesson = data.lessons[col - FIXED_COLUMNS]
        was = row.marks[lesson.id]
        for value in (not was, was):
            t = time.perf_counter()
            view.mark(r, col, value)
            settle(app, lambda: True)
            times.append(time.perf_counter() - t)
    print(
        f"a mark through the journal (JournalView.mark, saved on a worker): {spread1(times)} "
        f"over {len(times)} saves (target < 30 ms)"
    )
    view.close()
    worker.wait_all()
    db.close()


# ---- query plans -----------------------------------------------------------------------------


def explain(db_path: Path, hid: uuid.UUID, gid: uuid.UUID) -> None:
    """The plans of the queries behind the card's timeline and the journal, as SQLAlchemy
    compiles them."""
    from sqlalchemy import select
    from sqlalchemy.dialects import sqlite as sqlite_dialect

    from oralman_desk.db.base import live
    from oralman_desk.db.models import (
        Attendance,
        Consultation,
        ConsultationAttendee,
        CourseSession,
        Enrolment,
        Referral,
    )

    queries = {
        "card: consultations of the family": select(Consultation.id)
        .where(
            live(Consultation),
            Consultation.id.in_(
                select(ConsultationAttendee.consultation_id).where(
                    ConsultationAttendee.household_id == hid, live(ConsultationAttendee)
                )
            ),
        )
        .order_by(Consultation.date.desc(), Consultation.created_at.desc())
        .limit(1000),
        "card: courses of the family": select(Enrolment.id).where(
            Enrolment.household_id == hid, live(Enrolment)
        ),
        "card: referrals of the family": select(Referral.id).where(
            Referral.household_id == hid, live(Referral)
        ),
        "journal: marks of the group": select(Attendance.session_id, Attendance.enrolment_id)
        .join(CourseSession, CourseSession.id == Attendance.session_id)
        .where(CourseSession.group_id == gid, live(Attendance)),
    }
    con = sqlite3.connect(db_path)
    dialect = sqlite_dialect.dialect()  # type: ignore[no-untyped-call]
    for name, q in queries.items():
        compiled = q.compile(dialect=dialect)
        params = [
            v.bytes if isinstance(v, uuid.UUID) else v
            for v in (compiled.params[k] for k in compiled.positiontup or [])
        ]
        plan = con.execute(f"EXPLAIN QUERY PLAN {compiled}", params).fetchall()
        print(f"  {name}: " + "; ".join(r[3] for r in plan))
    con.close()


def main() -> None:
    from bench_core import build

    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "services-1m.db")
    ap.add_argument("--fresh", action="store_true")
    ap.add_argument("--families", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--no-qt", action="store_true")
    ap.add_argument("--explain", action="store_true")
    args = ap.parse_args()
    build(args.db, args.people, args.fresh)
    ensure_services(args.db)
    print_counts(args.db)
    qt = not args.no_qt
    families = busiest_families(args.db, args.families)
    bench_card(args.db, families, qt)
    found = big_group(args.db)
    if found is None:
        gid = make_big_group(args.db)
    else:
        gid = found[0]
        print(
            f"journal group: of the groups with 30 people or more and 60 lessons or more, the "
            f"one with the most marks: {found[1]} people, {found[2]} lessons, {found[3]:,} marks"
        )
    bench_journal(args.db, gid, args.rounds, qt)
    bench_mark(args.db, gid, args.rounds, qt)
    if args.explain:
        print("query plans:")
        explain(args.db, families[0][0], gid)
    sys.stdout.flush()
    if qt:
        os._exit(0)  # skip PySide's interpreter-exit teardown of the benchmark's widgets


if __name__ == "__main__":
    main()
