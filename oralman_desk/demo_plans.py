"""Generated individual adaptation plans for the demo register (called by ``demo.generate`` once
the services exist, and only when there are no plan items yet).

Every family that arrived in the three years before the demo's today has the plan
``PlanService.suggest`` drafts on its arrival day, confirmed as it is: the items of the plan steps
(reference data ``plan_step``) in force that day, one for the family or one for each member of
working age on that day, the Kazakh course left out for those who speak the language already, each
with its target (arrival plus the step's term). Each item is linked to the record that fulfils it
as the services' automatic linking would have done, record after record in the order they were
written: a consultation on the topic attended by the member (by anyone of the family for a family
item), the member's enrolment in a course of the right kind, the member's referral. An enrolment or
a referral that failed (dropped, refused) leaves the item open for the next one; when every one of
them failed, the item keeps the last.

Like the other demo modules it writes through the raw cursor with ``executemany`` (no ORM object a
row, no audit entries), deterministic for a seed: a register of a million people gets its plans in
a few seconds. A linked item has version 2 and was last changed when its record was written.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .demo_services import CONSULTANTS, _Ids, _iso, _ts
from .domain import AgeGroup, CourseKind, PlanItemKind
from .identity import Sex
from .services.placement import add_months
from .services.plans import (
    FAILED_ENROLMENT,
    FAILED_REFERRAL,
    FOR_FAMILY,
    PERSONAL_KINDS,
    PLAN_STEP,
)
from .services.reference import ReferenceData, RefItem

#: Families that arrived within this many months before today get a plan.
RECENT_MONTHS = 36

_COMMON = "created_at, updated_at, updated_by, centre_id, version, deleted"
SQL = (
    "INSERT INTO plan_item (id, household_id, person_id, kind, topic, course_kind, profession, "
    "description, target_date, note, staff, consultation_id, enrolment_id, referral_id, done_on, "
    f"{_COMMON}) VALUES (?,?,?,?,?,?,?,?,?,'',?,?,?,?,NULL,?,?,'demo',?,?,0)"
)

_FAILED_ENROLMENT = frozenset(s.value for s in FAILED_ENROLMENT)
_FAILED_REFERRAL = frozenset(s.value for s in FAILED_REFERRAL)


@dataclass(frozen=True)
class _Step:
    """A plan step as ``PlanService.suggest`` reads it."""

    kind: PlanItemKind
    family: bool
    topic: str | None
    course_kind: str | None
    profession: str | None
    description: str
    months: int
    days: int
    unless_language: str
    unless_levels: frozenset[str]


@dataclass(slots=True)
class _Member:
    pid: bytes
    pos: int
    sex: str
    birth: str
    langs: dict[str, str] = field(default_factory=dict)


@dataclass
class PlansResult:
    """How many items were written, and how many of them were linked to a record."""

    items: int = 0
    linked: int = 0
    families: int = 0


def has_plans(cur: Any) -> bool:
    """Whether the database holds any plan item already."""
    return bool(cur.execute("SELECT EXISTS (SELECT 1 FROM plan_item)").fetchone()[0])


def _steps(ref: ReferenceData, on: dt.date) -> tuple[_Step, ...]:
    out: list[_Step] = []
    for step in ref.items(PLAN_STEP, on):
        out.extend(_step(step))
    return tuple(out)


def _step(step: RefItem) -> list[_Step]:
    extra = step.extra
    try:
        kind = PlanItemKind(str(extra.get("item")))
        course = CourseKind(extra["course_kind"]) if extra.get("course_kind") else None
    except ValueError:
        return []  # a step added by hand without a kind of service: nothing to suggest
    # What ``plans._fill`` keeps of the item.
    if kind is PlanItemKind.TRAINING:
        course = course or CourseKind.VOCATIONAL
    elif kind is not PlanItemKind.LANGUAGE_COURSE:
        course = None
    topic = extra.get("topic") if kind is PlanItemKind.CONSULTATION else None
    profession = (
        str(extra["profession"])
        if extra.get("profession") and kind in (PlanItemKind.TRAINING, PlanItemKind.EMPLOYMENT)
        else None
    )
    return [
        _Step(
            kind=kind,
            family=extra.get("for") == FOR_FAMILY and kind not in PERSONAL_KINDS,
            topic=str(topic) if topic else None,
            course_kind=course.value if course is not None else None,
            profession=profession,
            description=step.name().strip() if kind is PlanItemKind.OTHER else "",
            months=int(extra.get("offset_months") or 0),
            days=int(extra.get("offset_days") or 0),
            unless_language=str(extra.get("unless_language") or ""),
            unless_levels=frozenset(extra.get("unless_levels") or ()),
        )
    ]


def build(
    cur: Any,
    ref: ReferenceData,
    today: dt.date,
    seed: int,
    clock: int,
    centre: bytes | None,
    batch: int = 250_000,
) -> tuple[PlansResult, int]:
    """Write the plans of the families that arrived in the last three years through the raw cursor
    ``cur`` (its own transactions). Returns what was written and the UUID clock after it."""
    rng = random.Random(seed * 2_000_003 + 7_717)
    uid = _Ids(clock, random.Random(seed * 6_007 + 90_001))
    since = _iso(add_months(today, -RECENT_MONTHS).toordinal())
    until = _iso(today.toordinal())

    # -- the families, their members and the languages they speak
    families: dict[bytes, tuple[int, str, bytes | None, list[_Member]]] = {}
    for hid, num, arrival, head in cur.execute(
        "SELECT id, num, arrival_date, head_id FROM household "
        "WHERE deleted = 0 AND arrival_date > ? AND arrival_date <= ?",
        (since, until),
    ):
        families[hid] = (num, arrival, head, [])
    if not families:
        return PlansResult(), uid.clock
    members: dict[bytes, _Member] = {}
    for hid, pid, pos, sex, birth in cur.execute(
        "SELECT p.household_id, p.id, p.position, p.sex, p.birth_date FROM person p "
        "JOIN household h ON h.id = p.household_id "
        "WHERE p.deleted = 0 AND h.deleted = 0 AND h.arrival_date > ? AND h.arrival_date <= ?",
        (since, until),
    ):
        m = _Member(pid, pos, sex, birth)
        families[hid][3].append(m)
        members[pid] = m
    for pid, language, level in cur.execute(
        "SELECT l.person_id, l.language, l.level FROM person_language l "
        "JOIN person p ON p.id = l.person_id JOIN household h ON h.id = p.household_id "
        "WHERE l.deleted = 0 AND p.deleted = 0 AND h.arrival_date > ? AND h.arrival_date <= ?",
        (since, until),
    ):
        speaker = members.get(pid)
        if speaker is not None:
            speaker.langs[language] = level

    # -- the items, as drafted on the arrival day
    steps_on: dict[str, tuple[_Step, ...]] = {}
    bounds_on: dict[tuple[str, str], tuple[str, str]] = {}
    #: (household, person or None, step, target ISO, staff, created_at)
    drafted: list[tuple[bytes, bytes | None, _Step, str, str, str]] = []
    for hid in sorted(families, key=lambda h: families[h][0]):
        _num, arrival, head, people = families[hid]
        day = dt.date.fromisoformat(arrival)
        steps = steps_on.get(arrival)
        if steps is None:
            steps = steps_on[arrival] = _steps(ref, day)
        if not steps:
            continue
        people.sort(key=lambda m: m.pos)
        working: list[_Member] = []
        for m in people:
            key = (arrival, m.sex)
            b = bounds_on.get(key)
            if b is None:
                low, high = ref.age_group_bounds(AgeGroup.WORKING, Sex(m.sex), day)
                assert low is not None and high is not None
                b = bounds_on[key] = (low.isoformat(), high.isoformat())
            if b[0] < m.birth <= b[1]:
                working.append(m)
        staff = rng.choice(CONSULTANTS)
        created = _ts(day.toordinal(), 9 * 60 + 30)
        order = {m.pid: m.pos for m in people}
        if head is not None and head in order:
            order[head] = -1
        fam: list[tuple[str, int, bytes | None, _Step]] = []
        have: set[tuple[Any, ...]] = set()
        for st in steps:
            target = (add_months(day, st.months) + dt.timedelta(days=st.days)).isoformat()
            who: Sequence[_Member | None] = [None] if st.family else working
            for w in who:
                if w is not None and w.langs.get(st.unless_language) in st.unless_levels:
                    continue  # speaks the language already
                pid = w.pid if w is not None else None
                key2 = (pid, st.kind, st.topic, st.course_kind)
                if key2 in have:
                    continue
                have.add(key2)
                fam.append((target, -2 if pid is None else order.get(pid, 0), pid, st))
        fam.sort(key=lambda x: (x[0], x[1]))  # stable: the steps' order on a tie
        for target, _o, pid, st in fam:
            drafted.append((hid, pid, st, target, staff, created))

    # -- the records that may fulfil them, read once, in the order they were written
    topics = {st.topic for _h, _p, st, *_r in drafted if st.kind is PlanItemKind.CONSULTATION}
    by_person: dict[tuple[bytes, str], tuple[bytes, str]] = {}
    by_family: dict[tuple[bytes, str], tuple[bytes, str]] = {}
    if topics:
        marks = ",".join("?" * len(topics))
        for pid, hid, topic, cid, created_at in cur.execute(
            "SELECT a.person_id, a.household_id, t.topic, c.id, c.created_at "
            "FROM consultation c "
            "JOIN consultation_attendee a ON a.consultation_id = c.id AND a.deleted = 0 "
            "JOIN consultation_topic t ON t.consultation_id = c.id AND t.deleted = 0 "
            "JOIN household h ON h.id = a.household_id "
            f"WHERE c.deleted = 0 AND t.topic IN ({marks}) "
            "AND h.arrival_date > ? AND h.arrival_date <= ? "
            "ORDER BY c.created_at, c.id",
            (*sorted(t for t in topics if t), since, until),
        ):
            by_person.setdefault((pid, topic), (cid, created_at))
            by_family.setdefault((hid, topic), (cid, created_at))
    #: person → [(id, created_at, failed, course kind, profession)] in the order written
    enrolments: dict[bytes, list[tuple[bytes, str, bool, str, str | None]]] = {}
    for pid, eid, status, created_at, kind, profession in cur.execute(
        "SELECT e.person_id, e.id, e.status, e.created_at, co.kind, co.profession "
        "FROM enrolment e JOIN course_group g ON g.id = e.group_id "
        "JOIN course co ON co.id = g.course_id JOIN household h ON h.id = e.household_id "
        "WHERE e.deleted = 0 AND h.arrival_date > ? AND h.arrival_date <= ? "
        "ORDER BY e.created_at, e.id",
        (since, until),
    ):
        enrolments.setdefault(pid, []).append(
            (eid, created_at, status in _FAILED_ENROLMENT, kind, profession)
        )
    referrals: dict[bytes, list[tuple[bytes, str, bool, str, str | None]]] = {}
    for pid, rid, status, created_at, profession in cur.execute(
        "SELECT r.person_id, r.id, r.status, r.created_at, r.profession "
        "FROM referral r JOIN household h ON h.id = r.household_id "
        "WHERE r.deleted = 0 AND h.arrival_date > ? AND h.arrival_date <= ? "
        "ORDER BY r.number",
        (since, until),
    ):
        referrals.setdefault(pid, []).append(
            (rid, created_at, status in _FAILED_REFERRAL, "", profession)
        )

    # -- the rows, written in transactions of ``batch`` rows
    result = PlansResult(families=len({d[0] for d in drafted}))
    used: set[bytes] = set()
    rows: list[tuple[Any, ...]] = []
    for hid, pid, st, target, staff, created in drafted:
        cons: bytes | None = None
        enr: bytes | None = None
        refl: bytes | None = None
        linked_at: str | None = None
        if st.kind is PlanItemKind.CONSULTATION:
            topic = st.topic or ""
            found = by_family.get((hid, topic)) if pid is None else by_person.get((pid, topic))
            if found is not None:
                cons, linked_at = found
        elif st.kind in (PlanItemKind.LANGUAGE_COURSE, PlanItemKind.TRAINING) and pid:
            hit = _first(enrolments.get(pid, ()), used, st.course_kind, st.profession)
            if hit is not None:
                enr, linked_at = hit
        elif st.kind is PlanItemKind.EMPLOYMENT and pid:
            hit = _first(referrals.get(pid, ()), used, None, st.profession)
            if hit is not None:
                refl, linked_at = hit
        version = 1
        updated = created
        if linked_at is not None:
            version = 2
            updated = max(created, linked_at)
            result.linked += 1
        rows.append(
            (
                uid(),
                hid,
                pid,
                st.kind.value,
                st.topic,
                st.course_kind,
                st.profession,
                st.description,
                target,
                staff,
                cons,
                enr,
                refl,
                created,
                updated,
                centre,
                version,
            )
        )
        if len(rows) >= batch:
            _write(cur, rows)
            result.items += len(rows)
            rows = []
    if rows:
        _write(cur, rows)
        result.items += len(rows)
    return result, uid.clock


def _first(
    records: Sequence[tuple[bytes, str, bool, str, str | None]],
    used: set[bytes],
    course_kind: str | None,
    profession: str | None,
) -> tuple[bytes, str] | None:
    """The record automatic linking leaves on an item: the first that matches and did not fail,
    else the last that failed (the item stays linked to it). ``used``: taken by other items."""
    last: tuple[bytes, str] | None = None
    for rid, created_at, failed, kind, prof in records:
        if rid in used or (course_kind is not None and kind != course_kind):
            continue
        if profession and prof != profession:
            continue
        if not failed:
            used.add(rid)
            return rid, created_at
        last = (rid, created_at)
    if last is not None:
        used.add(last[0])
    return last


def _write(cur: Any, rows: list[tuple[Any, ...]]) -> None:
    cur.execute("BEGIN IMMEDIATE")
    try:
        cur.executemany(SQL, rows)
        cur.execute("COMMIT")
    except BaseException:
        cur.execute("ROLLBACK")
        raise


__all__ = ["RECENT_MONTHS", "PlansResult", "build", "has_plans"]
