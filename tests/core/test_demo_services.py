"""Demo data for the services: legal consultations, courses with their journals, employment.

A real SQLite file with a few thousand generated people. The proportions are believable, every
rule the services keep holds in the rows (checked in SQL), the services' own queries and writes work
on the generated data, and the same seed gives the same rows."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import itertools
import random
import shutil
import sqlite3
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from oralman_desk.db.base import uuid7_from
from oralman_desk.db.database import Database
from oralman_desk.demo import generate
from oralman_desk.demo_services import TABLES, TRANSFER_REASON, _Ids
from oralman_desk.domain import (
    NEXT_REFERRAL_STATUS,
    AgeGroup,
    ConsultationForm,
    EnrolmentStatus,
    ReferralStatus,
)
from oralman_desk.identity import Sex, parse_bin
from oralman_desk.services.consultations import (
    ConsultationFilter,
    ConsultationService,
    consultations,
)
from oralman_desk.services.courses import CourseService, courses, groups, journal, lesson_days
from oralman_desk.services.employment import (
    EmploymentService,
    ReferralFilter,
    follow_ups_due,
    referrals,
)
from oralman_desk.services.errors import ValidationError
from oralman_desk.services.queries import family_card
from oralman_desk.services.reference import ReferenceData

TODAY = dt.date(2026, 6, 30)
D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def demo(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """One generated register of about 9,000 people for the whole module (read-only tests)."""
    path = tmp_path_factory.mktemp("demo_services") / "centre.db"
    shutil.copyfile(template_db, path)
    db = Database.open(path)
    db.user = "test.worker"
    generate(db, families=2500, seed=11, today=TODAY)
    yield db
    db.close()


def rows(db: Database, sql: str, *args: object) -> list[tuple]:  # type: ignore[type-arg]
    con = sqlite3.connect(db.path)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def one(db: Database, sql: str, *args: object) -> object:
    return rows(db, sql, *args)[0][0]


def add_months(day: dt.date, months: int) -> dt.date:
    m = day.month - 1 + months
    y, m = day.year + m // 12, m % 12 + 1
    return dt.date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


# ---- what there is, and in what proportions -----------------------------------------------


def test_every_service_table_is_filled(demo: Database) -> None:
    for table in TABLES:
        assert one(demo, f"SELECT count(*) FROM {table}") > 0, table
    # Every row carries the exchange columns: a UUIDv7 key, the centre, version >= 1, live.
    for table in TABLES:
        bad = one(
            demo,
            f"SELECT count(*) FROM {table} WHERE length(id) != 16 OR centre_id IS NULL "
            "OR version < 1 OR deleted != 0 OR updated_by != 'demo' OR updated_at < created_at",
        )
        assert bad == 0, table
        for (key,) in rows(demo, f"SELECT id FROM {table} LIMIT 50"):
            assert uuid.UUID(bytes=key).version == 7
        # Every reference points at a row that exists.
        assert rows(demo, f"PRAGMA foreign_key_check({table})") == []
    assert rows(demo, "PRAGMA integrity_check") == [("ok",)]


def test_most_working_age_adults_are_consulted_many_learn_kazakh_fewer_work(
    demo: Database,
) -> None:
    ref = ReferenceData.load(demo)
    consulted = {r[0] for r in rows(demo, "SELECT person_id FROM consultation_attendee")}
    working = [
        pid
        for pid, birth, sex, arrival in rows(
            demo,
            """SELECT p.id, p.birth_date, p.sex, h.arrival_date FROM person p
               JOIN household h ON h.id = p.household_id WHERE h.arrival_date <= ?""",
            (TODAY - dt.timedelta(days=60)).isoformat(),
        )
        if ref.age_group(D(birth), Sex(sex), D(arrival)) is AgeGroup.WORKING
    ]
    share = sum(p in consulted for p in working) / len(working)
    assert 0.55 < share < 0.95, share

    def people(sql: str) -> int:
        return int(one(demo, sql))  # type: ignore[arg-type]

    learning = """SELECT count(DISTINCT e.person_id) FROM enrolment e
                  JOIN course_group g ON g.id = e.group_id JOIN course c ON c.id = g.course_id
                  WHERE c.kind = '{kind}' AND e.status != 'waiting'"""
    kazakh = people(learning.format(kind="kazakh"))
    russian = people(learning.format(kind="russian"))
    vocational = people(learning.format(kind="vocational"))
    computer = people(learning.format(kind="computer"))
    referred = people("SELECT count(DISTINCT person_id) FROM referral")
    employed = people("SELECT count(DISTINCT person_id) FROM referral WHERE status = 'employed'")
    assert kazakh > russian > vocational > 0
    assert computer > 0
    assert len(working) * 0.04 < kazakh < len(working) * 0.3
    assert kazakh > employed > 0
    assert referred > employed > referred * 0.3
    assert share * len(working) > kazakh


def test_consultations_look_like_a_centre_s(demo: Database) -> None:
    forms = dict(rows(demo, "SELECT form, count(*) FROM consultation GROUP BY form"))
    assert set(forms) == {f.value for f in ConsultationForm}
    assert forms["in_person"] > forms["phone"] > 0
    # A group session: 10 to 30 people, one set of topics; any other: one family.
    for form, attendees, families, topics in rows(
        demo,
        """SELECT c.form, count(DISTINCT a.person_id), count(DISTINCT a.household_id),
                  (SELECT count(*) FROM consultation_topic t WHERE t.consultation_id = c.id)
           FROM consultation c JOIN consultation_attendee a ON a.consultation_id = c.id
           GROUP BY c.id""",
    ):
        assert topics >= 1
        if form == "group":
            assert 10 <= attendees <= 30
            assert families > 1
        else:
            assert families == 1 and attendees <= 2
    assert one(demo, "SELECT count(*) FROM consultation WHERE question = ''") == 0
    assert one(demo, "SELECT count(*) FROM consultation WHERE answer = ''") == 0
    # Follow-ups: most done, some past due, and none done before the consultation.
    done = one(demo, "SELECT count(*) FROM consultation WHERE follow_up_done IS NOT NULL")
    late = one(
        demo,
        "SELECT count(*) FROM consultation WHERE follow_up_date <= ? AND follow_up_done IS NULL",
        TODAY.isoformat(),
    )
    assert done > late > 0  # type: ignore[operator]
    assert (
        one(
            demo,
            "SELECT count(*) FROM consultation WHERE follow_up_date < date "
            "OR follow_up_done < date OR follow_up_done > ? OR (follow_up_done IS NOT NULL "
            "AND follow_up_date IS NULL) OR version != 1 + (follow_up_done IS NOT NULL)",
            TODAY.isoformat(),
        )
        == 0
    )


def test_consultations_keep_the_service_rules(demo: Database) -> None:
    ref = ReferenceData.load(demo)
    for day, topic in rows(
        demo,
        "SELECT c.date, t.topic FROM consultation_topic t "
        "JOIN consultation c ON c.id = t.consultation_id",
    ):
        assert ref.exists("consultation_topic", topic, D(day))
    # No topic twice in one consultation, nobody twice at one.
    assert (
        one(
            demo,
            "SELECT count(*) FROM (SELECT 1 FROM consultation_topic GROUP BY consultation_id, topic "
            "HAVING count(*) > 1)",
        )
        == 0
    )
    assert (
        one(
            demo,
            "SELECT count(*) FROM (SELECT 1 FROM consultation_attendee "
            "GROUP BY consultation_id, person_id HAVING count(*) > 1)",
        )
        == 0
    )
    # The attendee's family is the person's, and nobody is consulted before arriving or later
    # than today.
    assert (
        one(
            demo,
            """SELECT count(*) FROM consultation_attendee a JOIN person p ON p.id = a.person_id
           JOIN household h ON h.id = p.household_id JOIN consultation c ON c.id = a.consultation_id
           WHERE a.household_id != p.household_id OR c.date < h.arrival_date OR c.date > ?""",
            TODAY.isoformat(),
        )
        == 0
    )


# ---- courses --------------------------------------------------------------------------------


def test_catalogue_and_groups(demo: Database) -> None:
    ref = ReferenceData.load(demo)
    kinds = Counter(k for (k,) in rows(demo, "SELECT kind FROM course"))
    assert kinds["kazakh"] == 3 and kinds["russian"] == 2 and kinds["computer"] == 1
    assert kinds["vocational"] >= 4
    for kind, profession, level in rows(demo, "SELECT kind, profession, level FROM course"):
        if kind == "vocational":
            assert profession and ref.exists("profession", profession)
        else:
            assert profession is None
        if kind in ("kazakh", "russian"):
            assert ref.exists("language_level", level)
    # Lessons: every scheduled weekday from start to end, as CourseService.add_group makes them.
    sessions: dict[bytes, list[str]] = {}
    for gid, day in rows(demo, "SELECT group_id, date FROM course_session ORDER BY date"):
        sessions.setdefault(gid, []).append(day)
    for gid, start, end, weekdays, hours, capacity, teacher, room, course_hours in rows(
        demo,
        """SELECT g.id, g.start_date, g.end_date, g.weekdays, g.session_hours, g.capacity,
                  g.teacher, g.room, c.hours FROM course_group g JOIN course c ON c.id = g.course_id""",
    ):
        days = [int(d) for d in weekdays.split(",")]
        expected = [d.isoformat() for d in lesson_days(D(start), D(end), days)]
        assert sessions[gid] == expected
        assert len(expected) * hours == course_hours
        assert capacity > 0 and teacher and room
        assert (D(end) - D(start)).days <= 3 * 366
    assert (
        one(
            demo,
            "SELECT count(*) FROM course_session s JOIN course_group g ON g.id = "
            "s.group_id WHERE s.hours != g.session_hours",
        )
        == 0
    )
    # Groups in the past, running on the demo's day and still to start.
    running = one(
        demo,
        "SELECT count(*) FROM course_group WHERE start_date <= ? AND end_date >= ?",
        TODAY.isoformat(),
        TODAY.isoformat(),
    )
    assert running > 0  # type: ignore[operator]
    assert one(demo, "SELECT max(created_at) FROM course_group") <= f"{TODAY.isoformat()} 23"


def test_enrolments_follow_the_rules(demo: Database) -> None:
    statuses = Counter(s for (s,) in rows(demo, "SELECT status FROM enrolment"))
    assert statuses["completed"] > 0.6 * sum(statuses.values())
    assert statuses["completed"] > statuses["dropped"] > statuses["enrolled"] > 0
    # Some were on a waiting list: moved up when a place freed, or on to the next group.
    moved_up = one(
        demo,
        "SELECT count(*) FROM enrolment WHERE status != 'waiting' AND enrolled_on > "
        "substr(created_at, 1, 10)",
    )
    transferred = one(demo, "SELECT count(*) FROM enrolment WHERE drop_reason = ?", TRANSFER_REASON)
    assert statuses["waiting"] + moved_up + transferred > 0  # type: ignore[operator]
    reasons = Counter(r for (r,) in rows(demo, "SELECT drop_reason FROM enrolment"))
    assert len(reasons) > 5
    today = TODAY.isoformat()
    # Nobody twice in a group; every completion has a certificate (unique) and a date in range.
    assert (
        one(
            demo,
            "SELECT count(*) FROM (SELECT 1 FROM enrolment GROUP BY group_id, "
            "person_id HAVING count(*) > 1)",
        )
        == 0
    )
    assert (
        one(
            demo,
            """SELECT count(*) FROM enrolment e JOIN course_group g ON g.id = e.group_id
           WHERE e.status = 'completed' AND (e.certificate_number = '' OR e.grade = ''
                 OR e.result_date < g.start_date OR e.result_date > ? OR e.drop_reason != '')""",
            today,
        )
        == 0
    )
    assert (
        one(
            demo,
            "SELECT count(*) - count(DISTINCT certificate_number) FROM enrolment "
            "WHERE status = 'completed'",
        )
        == 0
    )
    assert (
        one(
            demo,
            "SELECT count(*) FROM enrolment WHERE status = 'dropped' AND (drop_reason = '' "
            "OR result_date < enrolled_on OR result_date > ? OR certificate_number != '')",
            today,
        )
        == 0
    )
    assert (
        one(
            demo,
            "SELECT count(*) FROM enrolment WHERE status IN ('enrolled', 'waiting') "
            "AND (result_date IS NOT NULL OR certificate_number != '' OR drop_reason != '')",
        )
        == 0
    )
    # Enrolled by today, not after the group ended, never before the person arrived.
    assert (
        one(
            demo,
            """SELECT count(*) FROM enrolment e JOIN course_group g ON g.id = e.group_id
           JOIN household h ON h.id = e.household_id JOIN person p ON p.id = e.person_id
           WHERE e.enrolled_on > ? OR e.enrolled_on > g.end_date
              OR e.enrolled_on < h.arrival_date OR p.household_id != e.household_id""",
            today,
        )
        == 0
    )
    # Places: never more studying than the capacity; a waiting list only for a full group.
    for capacity, enrolled, completed, waiting in rows(
        demo,
        """SELECT g.capacity, sum(e.status = 'enrolled'), sum(e.status = 'completed'),
                  sum(e.status = 'waiting')
           FROM course_group g JOIN enrolment e ON e.group_id = g.id GROUP BY g.id""",
    ):
        assert enrolled + completed <= capacity
        if waiting:
            assert enrolled == capacity
    # A row changed by the service has its version raised once for each change.
    assert (
        one(
            demo,
            "SELECT count(*) FROM enrolment WHERE (status IN ('completed', 'dropped') "
            "AND version < 2) OR (status = 'waiting' AND version != 1)",
        )
        == 0
    )


def test_attendance_marks_every_lesson_of_every_enrolled_person(demo: Database) -> None:
    today = TODAY.isoformat()
    # No mark outside the group's dates, in the future, before the enrolment, for someone
    # waiting, or after someone left.
    assert (
        one(
            demo,
            """SELECT count(*) FROM attendance a JOIN course_session s ON s.id = a.session_id
           JOIN course_group g ON g.id = s.group_id JOIN enrolment e ON e.id = a.enrolment_id
           WHERE s.date < g.start_date OR s.date > g.end_date OR s.date > ?
              OR s.date < e.enrolled_on OR e.status = 'waiting' OR e.group_id != s.group_id
              OR (e.status = 'dropped' AND s.date >= e.result_date)""",
            today,
        )
        == 0
    )
    assert (
        one(
            demo,
            "SELECT count(*) FROM (SELECT 1 FROM attendance GROUP BY session_id, enrolment_id "
            "HAVING count(*) > 1)",
        )
        == 0
    )
    # Every lesson up to yesterday of every enrolled person has its mark.
    missing = one(
        demo,
        """SELECT count(*) FROM enrolment e JOIN course_session s ON s.group_id = e.group_id
           WHERE e.status IN ('enrolled', 'completed', 'dropped') AND s.date >= e.enrolled_on
             AND s.date < ? AND (e.status != 'dropped' OR s.date < e.result_date)
             AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id
                             AND a.enrolment_id = e.id)
             AND NOT (e.status = 'dropped' AND e.drop_reason = ?)""",
        today,
        TRANSFER_REASON,
    )
    assert missing == 0
    present, absent = rows(demo, "SELECT sum(present = 1), sum(present = 0) FROM attendance")[0]
    assert 0.75 < present / (present + absent) < 0.97
    # Those who finished came to at least half of their lessons; those dropped for missed
    # lessons did not.
    for status, reason, here, marked in rows(
        demo,
        """SELECT e.status, e.drop_reason, sum(a.present), count(a.id) FROM enrolment e
           JOIN attendance a ON a.enrolment_id = e.id GROUP BY e.id""",
    ):
        if status == "completed":
            assert here >= marked / 2
        elif reason.startswith("Пропустил"):
            assert here < marked / 2


# ---- employment -----------------------------------------------------------------------------


def test_employers_have_valid_unique_bins_and_vacancies(demo: Database) -> None:
    ref = ReferenceData.load(demo)
    bins = [b for (b,) in rows(demo, "SELECT bin FROM employer WHERE bin IS NOT NULL")]
    assert len(bins) == len(set(bins)) > 5
    for number in bins:
        parse_bin(number, today=TODAY)
    names = [n for (n,) in rows(demo, "SELECT name FROM employer")]
    assert len(names) == len(set(names))
    for profession, places, wage in rows(demo, "SELECT profession, places, wage FROM vacancy"):
        assert ref.exists("profession", profession)
        assert places >= 1 and wage >= 0


def test_referrals_move_through_their_steps(demo: Database) -> None:
    ref = ReferenceData.load(demo)
    today = TODAY.isoformat()
    statuses = Counter(s for (s,) in rows(demo, "SELECT status FROM referral"))
    for s in ("employed", "refused_by_employer", "refused_by_person", "no_answer", "referred"):
        assert statuses[s] > 0, s
    assert statuses["employed"] > statuses["refused_by_employer"]
    # Numbers: unique, one after another, in the order of the referral dates.
    numbered = rows(demo, "SELECT number, date FROM referral ORDER BY number")
    assert [n for n, _d in numbered] == list(range(1, len(numbered) + 1))
    assert [d for _n, d in numbered] == sorted(d for _n, d in numbered)
    assert (
        one(
            demo,
            """SELECT count(*) FROM referral r JOIN household h ON h.id = r.household_id
           JOIN person p ON p.id = r.person_id
           WHERE r.employed_on < r.date OR r.status_date < r.date OR r.date > ?
              OR r.status_date > ? OR r.date < h.arrival_date
              OR p.household_id != r.household_id
              OR (r.status = 'employed') != (r.employed_on IS NOT NULL)
              OR (r.status = 'employed') != (r.employment_kind IS NOT NULL)
              OR (r.target = 'employer') != (r.employer_id IS NOT NULL)
              OR (r.vacancy_id IS NOT NULL AND r.target != 'employer')
              OR r.staff = ''""",
            today,
            today,
        )
        == 0
    )
    assert (
        one(
            demo,
            "SELECT count(*) FROM referral r JOIN vacancy v ON v.id = r.vacancy_id "
            "WHERE v.employer_id != r.employer_id OR v.profession != r.profession",
        )
        == 0
    )
    for (profession,) in rows(demo, "SELECT DISTINCT profession FROM referral"):
        assert profession is None or ref.exists("profession", profession)
    steps: dict[bytes, list[tuple[str, str]]] = {}
    for rid, status, day in rows(
        demo, "SELECT referral_id, status, date FROM referral_step ORDER BY date, created_at"
    ):
        steps.setdefault(rid, []).append((status, day))
    for rid, status, day, status_date, version in rows(
        demo, "SELECT id, status, date, status_date, version FROM referral"
    ):
        chain = steps[rid]
        assert chain[0] == ("referred", day)
        assert chain[-1] == (status, status_date)
        assert version == len(chain)
        for (a, da), (b, db) in itertools.pairwise(chain):
            assert ReferralStatus(b) in NEXT_REFERRAL_STATUS[ReferralStatus(a)]
            assert da <= db


def test_follow_ups_at_three_and_six_months(demo: Database) -> None:
    today = TODAY.isoformat()
    booked: dict[bytes, list[tuple[int, str, str | None, int | None, int]]] = {}
    for rid, months, due, checked, still, version in rows(
        demo,
        "SELECT referral_id, months, due_date, checked_on, still_employed, version "
        "FROM employment_follow_up ORDER BY months",
    ):
        booked.setdefault(rid, []).append((months, due, checked, still, version))
    employed = rows(demo, "SELECT id, employed_on FROM referral WHERE status = 'employed'")
    assert employed
    assert set(booked) == {rid for rid, _d in employed}
    still_due = 0
    for rid, employed_on in employed:
        ups = booked[rid]
        assert [m for m, *_r in ups] == [3, 6]
        for months, due, checked, still, version in ups:
            assert due == add_months(D(employed_on), months).isoformat()
            if checked is None:
                assert still is None and version == 1
                still_due += due <= today
            else:
                assert employed_on <= checked <= today
                assert still in (0, 1) and version == 2
    assert still_due > 0
    checked = rows(
        demo,
        "SELECT count(*), sum(still_employed) FROM employment_follow_up "
        "WHERE checked_on IS NOT NULL",
    )[0]
    assert 0.6 < checked[1] / checked[0] < 0.95


# ---- the services work on it ----------------------------------------------------------------


def test_service_queries_work_on_the_generated_data(demo: Database) -> None:
    listed = consultations(demo, ConsultationFilter())
    assert len(listed) == min(500, one(demo, "SELECT count(*) FROM consultation"))  # type: ignore[call-overload]
    assert [c.date for c in listed] == sorted((c.date for c in listed), reverse=True)
    assert all(c.topics and c.attendees and c.consultant for c in listed)
    due = consultations(demo, ConsultationFilter(follow_ups_due_by=TODAY))
    assert due and all(c.follow_up_open and c.follow_up_date <= TODAY for c in due)  # type: ignore[operator]
    sessions = consultations(demo, ConsultationFilter(form=ConsultationForm.GROUP))
    assert sessions and all(10 <= len(c.attendees) <= 30 for c in sessions)

    assert len(courses(demo)) == one(demo, "SELECT count(*) FROM course")
    running = groups(demo, active_on=TODAY)
    assert running
    g = max(groups(demo), key=lambda g: (g.enrolled, g.start_date))
    j = journal(demo, g.id)
    assert len(j.lessons) == one(
        demo, "SELECT count(*) FROM course_session WHERE group_id = ?", g.id.bytes
    )
    marks = sum(len(r.marks) for r in j.rows)
    assert marks == one(
        demo,
        "SELECT count(*) FROM attendance a JOIN course_session s ON s.id = a.session_id "
        "WHERE s.group_id = ?",
        g.id.bytes,
    )
    assert marks > 0
    assert any(r.hours_attended(j.lessons) > 0 for r in j.rows)

    fus = follow_ups_due(demo, TODAY)
    assert fus and all(f.due_date <= TODAY and f.months in (3, 6) for f in fus)
    refs = referrals(demo, ReferralFilter())
    assert len(refs) == min(500, one(demo, "SELECT count(*) FROM referral"))  # type: ignore[call-overload]
    employed = [r for r in refs if r.status is ReferralStatus.EMPLOYED]
    assert employed and all(len(r.follow_ups) == 2 for r in employed)

    # The family with the most service records: its card shows all of them.
    hid, n_cons, n_studies, n_refs = rows(
        demo,
        """SELECT h.id,
                  (SELECT count(DISTINCT consultation_id) FROM consultation_attendee a
                    WHERE a.household_id = h.id) AS n_cons,
                  (SELECT count(*) FROM enrolment e WHERE e.household_id = h.id) AS n_studies,
                  (SELECT count(*) FROM referral r WHERE r.household_id = h.id) AS n_refs
           FROM household h ORDER BY n_cons + 3 * n_studies + 3 * n_refs DESC LIMIT 1""",
    )[0]
    card = family_card(demo, uuid.UUID(bytes=hid))
    assert len(card.consultations) == n_cons
    assert len(card.studies) == n_studies
    assert len(card.referrals) == n_refs
    assert n_studies and n_refs


def test_the_services_carry_on_from_the_generated_data(demo: Database, tmp_path: Path) -> None:
    """Writes on a copy: a mark, an enrolment into a full group, an outcome, a follow-up."""
    path = tmp_path / "copy.db"
    con = sqlite3.connect(demo.path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    shutil.copyfile(demo.path, path)
    db = Database.open(path)
    db.user = "test.worker"
    try:
        svc = CourseService(db)
        # Change a mark of a finished lesson; the journal shows it.
        sid, eid, present = rows(
            db,
            """SELECT a.session_id, a.enrolment_id, a.present FROM attendance a
               JOIN enrolment e ON e.id = a.enrolment_id WHERE e.status = 'enrolled' LIMIT 1""",
        )[0]
        svc.mark(uuid.UUID(bytes=sid), uuid.UUID(bytes=eid), not present)
        assert rows(
            db,
            "SELECT present, version FROM attendance WHERE session_id = ? AND enrolment_id = ?",
            sid,
            eid,
        ) == [(int(not present), 2)]
        # A full group running today puts a newcomer on its waiting list.
        gid = one(
            db,
            """SELECT g.id FROM course_group g JOIN enrolment e ON e.group_id = g.id
               WHERE g.end_date >= ? AND e.status = 'enrolled'
               GROUP BY g.id HAVING count(*) = g.capacity LIMIT 1""",
            TODAY.isoformat(),
        )
        if gid is not None:
            newcomer = one(
                db,
                "SELECT id FROM person WHERE id NOT IN (SELECT person_id FROM enrolment "
                "WHERE group_id = ?) LIMIT 1",
                gid,
            )
            _e, status = svc.enrol(
                uuid.UUID(bytes=gid),  # type: ignore[arg-type]
                uuid.UUID(bytes=newcomer),  # type: ignore[arg-type]
                TODAY,
            )
            assert status is EnrolmentStatus.WAITING
        # The first in line moves up when someone leaves a group with a waiting list.
        waiting = rows(
            db,
            """SELECT e.group_id FROM enrolment e WHERE e.status = 'waiting' LIMIT 1""",
        )
        if waiting:
            group = waiting[0][0]
            first = rows(
                db,
                "SELECT id FROM enrolment WHERE group_id = ? AND status = 'waiting' "
                "ORDER BY enrolled_on, created_at LIMIT 1",
                group,
            )[0][0]
            leaving, since = rows(
                db,
                "SELECT id, enrolled_on FROM enrolment WHERE group_id = ? AND status = 'enrolled' "
                "LIMIT 1",
                group,
            )[0]
            moved = svc.drop(uuid.UUID(bytes=leaving), max(D(since), TODAY), "Переехал")
            assert moved == uuid.UUID(bytes=first)
        # A referral still waiting for its outcome moves on; the follow-ups are booked.
        emp = EmploymentService(db)
        rid, status_date = rows(
            db, "SELECT id, status_date FROM referral WHERE status = 'referred' LIMIT 1"
        )[0]
        day = max(D(status_date), TODAY)
        with pytest.raises(ValidationError):
            emp.outcome(uuid.UUID(bytes=rid), ReferralStatus.EMPLOYED, day)  # no employment date
        emp.outcome(uuid.UUID(bytes=rid), ReferralStatus.INTERVIEW, day)
        assert one(db, "SELECT max(number) FROM referral") == one(
            db, "SELECT count(*) FROM referral"
        )
        # A follow-up still due is recorded; a consultation's follow-up is marked done.
        fu = follow_ups_due(db, TODAY)[0]
        emp.record_follow_up(fu.id, max(fu.due_date, TODAY), True)
        open_ = consultations(db, ConsultationFilter(follow_ups_due_by=TODAY))[0]
        ConsultationService(db).follow_up_done(open_.id, TODAY)
        assert open_.id not in {
            c.id for c in consultations(db, ConsultationFilter(follow_ups_due_by=TODAY))
        }
    finally:
        db.close()


# ---- deterministic ---------------------------------------------------------------------------


def _dump(db: Database) -> str:
    h = hashlib.sha256()
    con = sqlite3.connect(db.path)
    try:
        for table in TABLES:
            for row in con.execute(f"SELECT * FROM {table} ORDER BY id"):
                h.update(repr(row).encode())
    finally:
        con.close()
    return h.hexdigest()


def _generated(template: Path, target: Path, seed: int, **kw: object) -> str:
    shutil.copyfile(template, target)
    db = Database.open(target)
    try:
        generate(db, families=250, seed=seed, today=TODAY, **kw)  # type: ignore[arg-type]
        return _dump(db)
    finally:
        db.close()


def test_same_seed_same_rows(template_db: Path, tmp_path: Path) -> None:
    a = _generated(template_db, tmp_path / "a.db", 5)
    b = _generated(template_db, tmp_path / "b.db", 5)
    c = _generated(template_db, tmp_path / "c.db", 6)
    assert a == b
    assert a != c


def test_services_are_generated_once_and_can_be_left_out(template_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    shutil.copyfile(template_db, path)
    db = Database.open(path)
    try:
        generate(db, families=60, seed=2, today=TODAY, services=False)
        assert all(one(db, f"SELECT count(*) FROM {t}") == 0 for t in TABLES)
        generate(db, families=200, seed=2, today=TODAY)
        before = {t: one(db, f"SELECT count(*) FROM {t}") for t in TABLES}
        assert before["consultation"] > 0
        # People of the first run are served too.
        assert (
            one(
                db,
                "SELECT count(*) FROM consultation_attendee a JOIN person p ON p.id = a.person_id "
                "WHERE p.num <= (SELECT max(num) FROM person) / 5",
            )
            > 0
        )
        generate(db, families=20, seed=3, today=TODAY)
        assert {t: one(db, f"SELECT count(*) FROM {t}") for t in TABLES} == before
    finally:
        db.close()


def test_keys_are_the_demo_s_uuid7() -> None:
    ids = _Ids(1_760_000_000_000, random.Random(4))
    bits = random.Random(4)
    for k in range(1, 50):
        assert ids() == uuid7_from(1_760_000_000_000 + k, bits.getrandbits(80)).bytes
