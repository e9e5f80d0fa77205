"""Individual adaptation plans: drafting for the members of working age with the dated bounds and
terms, the plan's progress (done, late, next) on given days, the rules of linking a service record
to an item, automatic linking when a service is recorded, removal and the audit trail."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import select

from oralman_desk.db.database import Database
from oralman_desk.db.models import AuditEntry, Consultation, Enrolment
from oralman_desk.domain import (
    ConsultationForm,
    CourseKind,
    JobKind,
    PlanItemKind,
    PlanState,
    ReferralStatus,
    ReferralTarget,
)
from oralman_desk.i18n import _, language, ngettext, translate
from oralman_desk.identity import Sex
from oralman_desk.services.consultations import ConsultationInput, ConsultationService
from oralman_desk.services.courses import CourseInput, CourseService, GroupInput
from oralman_desk.services.employment import EmploymentService, ReferralInput
from oralman_desk.services.errors import ConflictError, ValidationError
from oralman_desk.services.intake import IntakeService, LanguageInput
from oralman_desk.services.plans import (
    PlanItemInput,
    PlanService,
    household_plan,
    plan_progress,
    progress_text,
)
from oralman_desk.services.queries import family_card
from oralman_desk.services.reference import ReferenceData, ReferenceService

from .helpers import family, person

D = dt.date
ARRIVAL = D(2026, 3, 2)
DONE = "{done} of {total} done"
LATE = "{n} late"


def line(done: int, total: int, late: int, nxt: str = "", who: str = "", by: str = "") -> str:
    """The progress line as the catalogs word it in the current language."""
    parts = [ngettext(DONE, DONE, total).format(done=done, total=total)]
    if late:
        parts.append(ngettext(LATE, LATE, late).format(n=late))
    if nxt:
        item = _("{item} ({name})").format(item=_(nxt), name=who) if who else _(nxt)
        parts.append(_("next: {item} by {date}").format(item=item, date=by))
    return ", ".join(parts)


@pytest.fixture
def household(db: Database) -> tuple[uuid.UUID, list[uuid.UUID]]:
    """Head 41, wife of 60 years 8 months on 10.03.2026 (working age for a woman in 2026: below
    61), a son of 13, a grandfather of 75."""
    saved = IntakeService(db).register_household(
        family(
            person("Әбілов", "Нұрлан", birth=D(1985, 3, 14)),
            person("Әбілова", "Гүлнар", Sex.FEMALE, D(1965, 6, 10), relation="spouse"),
            person("Әбілов", "Ерасыл", birth=D(2012, 9, 1), relation="son"),
            person("Әбілов", "Серік", birth=D(1951, 1, 5), relation="father"),
            arrival=ARRIVAL,
        ),
        confirmed_new=True,
    )
    return saved.household_id, list(saved.person_ids)


def draft(db: Database, hid: uuid.UUID, on: dt.date) -> list[uuid.UUID]:
    svc = PlanService(db)
    return svc.add(hid, [sg.item for sg in svc.suggest(hid, on)])


def consult(people: list[uuid.UUID], topics: list[str], day: dt.date) -> ConsultationInput:
    return ConsultationInput(
        date=day,
        form=ConsultationForm.IN_PERSON,
        consultant="Юрист Ә. Серікқызы",
        topics=topics,
        person_ids=people,
    )


def course_group(db: Database, kind: CourseKind = CourseKind.KAZAKH) -> uuid.UUID:
    svc = CourseService(db)
    names = {CourseKind.KAZAKH: "Қазақ тілі", CourseKind.RUSSIAN: "Орыс тілі"}
    cid = svc.add_course(CourseInput(kind, names[kind], names[kind], 72))
    return svc.add_group(GroupInput(cid, "A1-03", D(2026, 3, 9), D(2026, 5, 29), [1, 3], 10))


def by_key(db: Database, hid: uuid.UUID, on: dt.date) -> dict[tuple[object, ...], PlanState]:
    return {
        (r.person_name.split()[-1] if r.person_name else "family", r.kind, r.topic): r.state
        for r in household_plan(db, hid, on)
    }


# ---- drafting --------------------------------------------------------------------------------


def test_a_draft_plans_for_the_family_and_each_member_of_working_age(
    db: Database, household: tuple[uuid.UUID, list[uuid.UUID]]
) -> None:
    hid, (head, wife, _son, _grandfather) = household
    suggested = PlanService(db).suggest(hid, D(2026, 3, 10))
    got = [(sg.item.person_id, sg.item.kind, sg.item.target_date) for sg in suggested]
    # The status consultation for the whole family within 2 weeks of arrival; for the two adults
    # of working age a documents consultation (2 weeks), a Kazakh course (1 month) and employment
    # (3 months). The son is a minor and the grandfather of pension age: nothing for them.
    assert got == [
        (None, PlanItemKind.CONSULTATION, D(2026, 3, 16)),
        (head, PlanItemKind.CONSULTATION, D(2026, 3, 16)),
        (wife, PlanItemKind.CONSULTATION, D(2026, 3, 16)),
        (head, PlanItemKind.LANGUAGE_COURSE, D(2026, 4, 2)),
        (wife, PlanItemKind.LANGUAGE_COURSE, D(2026, 4, 2)),
        (head, PlanItemKind.EMPLOYMENT, D(2026, 6, 2)),
        (wife, PlanItemKind.EMPLOYMENT, D(2026, 6, 2)),
    ]
    assert [sg.item.topic for sg in suggested[:3]] == ["status", "documents", "documents"]
    assert {sg.item.course_kind for sg in suggested[3:5]} == {CourseKind.KAZAKH}
    assert suggested[1].person_name == "Әбілов Нұрлан"
    # Drafting again suggests only what the plan does not have yet.
    PlanService(db).add(hid, [suggested[0].item])
    assert len(PlanService(db).suggest(hid, D(2026, 3, 10))) == 6


def test_who_is_of_working_age_follows_the_bounds_in_force_on_the_day(
    db: Database, household: tuple[uuid.UUID, list[uuid.UUID]]
) -> None:
    hid, (head, wife, _son, _grandfather) = household
    ref = ReferenceData.load(db)
    women = ref.get("working_age", "F", D(2026, 6, 1))
    assert women is not None
    # A (made-up) lower pension age for women from 1 June 2026: the wife, 61 in June, is then of
    # pension age, so a plan drafted in July has nothing for her.
    ReferenceService(db).replace(
        women.id,
        replaced(women, D(2026, 6, 1), pension_age_months=720),
        women.version,
    )
    svc = PlanService(db, ReferenceData.load(db))
    before = {sg.item.person_id for sg in svc.suggest(hid, D(2026, 5, 20))}
    after = svc.suggest(hid, D(2026, 7, 1))
    assert before == {None, head, wife}
    assert {sg.item.person_id for sg in after} == {None, head}
    # Drafted long after arrival, the terms count from the day of the draft.
    assert after[0].item.target_date == D(2026, 7, 15)


def test_the_terms_are_reference_data_with_the_date_they_apply_from(
    db: Database, household: tuple[uuid.UUID, list[uuid.UUID]]
) -> None:
    hid, _people = household
    ref = ReferenceData.load(db)
    course = ref.get("plan_step", "kazakh_course", ARRIVAL)
    assert course is not None and course.extra["offset_months"] == 1
    new = replaced(course, D(2026, 3, 5), offset_months=2)
    ReferenceService(db).replace(course.id, new, course.version)
    svc = PlanService(db, ReferenceData.load(db))
    old_rule = [sg for sg in svc.suggest(hid, D(2026, 3, 4)) if sg.step == "kazakh_course"]
    new_rule = [sg for sg in svc.suggest(hid, D(2026, 3, 6)) if sg.step == "kazakh_course"]
    assert old_rule[0].item.target_date == D(2026, 4, 2)
    assert new_rule[0].item.target_date == D(2026, 5, 2)
    # Nonsense terms are refused by the reference editor, named in both languages.
    bad = replaced(course, D(2026, 4, 1), offset_days=-3)
    fresh = ReferenceData.load(db).get("plan_step", "kazakh_course", D(2026, 3, 6))
    assert fresh is not None
    with pytest.raises(ValidationError) as exc:
        ReferenceService(db).replace(fresh.id, bad, fresh.version)
    for lang in ("ru", "kk"):
        assert exc.value.problems[0].describe(lang) == "{}: {}".format(
            translate("Days after arrival", lang),
            translate("Enter a number from 0 to {max}.", lang).format(max=366),
        )


def test_a_member_who_speaks_kazakh_is_not_sent_to_the_kazakh_course(db: Database) -> None:
    saved = IntakeService(db).register_household(
        family(
            person("Сейітов", "Бауыржан", languages=[LanguageInput("kk", "native")]),
            arrival=ARRIVAL,
        ),
        confirmed_new=True,
    )
    kinds = [sg.item.kind for sg in PlanService(db).suggest(saved.household_id, D(2026, 3, 10))]
    assert PlanItemKind.LANGUAGE_COURSE not in kinds and PlanItemKind.EMPLOYMENT in kinds


# ---- progress --------------------------------------------------------------------------------


def test_the_plan_shows_what_is_done_late_and_next_on_any_day(
    db: Database, household: tuple[uuid.UUID, list[uuid.UUID]]
) -> None:
    hid, (head, _wife, _son, _gf) = household
    draft(db, hid, D(2026, 3, 3))
    # The head came for a consultation on the status on 5 March: the family's item is done.
    ConsultationService(db).record(consult([head], ["status"], D(2026, 3, 5)))

    on_4th = by_key(db, hid, D(2026, 3, 4))  # the day before: nothing done yet
    assert on_4th[("family", PlanItemKind.CONSULTATION, "status")] is PlanState.NEXT
    assert on_4th[("Нұрлан", PlanItemKind.CONSULTATION, "documents")] is PlanState.NEXT

    on_10th = by_key(db, hid, D(2026, 3, 10))
    assert on_10th[("family", PlanItemKind.CONSULTATION, "status")] is PlanState.DONE
    assert on_10th[("Нұрлан", PlanItemKind.CONSULTATION, "documents")] is PlanState.NEXT
    assert on_10th[("Гүлнар", PlanItemKind.CONSULTATION, "documents")] is PlanState.NEXT
    assert on_10th[("Нұрлан", PlanItemKind.LANGUAGE_COURSE, None)] is PlanState.PLANNED

    on_20th = by_key(db, hid, D(2026, 3, 20))
    assert on_20th[("Нұрлан", PlanItemKind.CONSULTATION, "documents")] is PlanState.LATE
    assert on_20th[("Гүлнар", PlanItemKind.LANGUAGE_COURSE, None)] is PlanState.NEXT
    assert on_20th[("Гүлнар", PlanItemKind.EMPLOYMENT, None)] is PlanState.PLANNED

    p = plan_progress(db, [hid], D(2026, 3, 20))[hid]
    assert (p.total, p.done, p.late, p.open) == (7, 1, 2, 6)
    assert p.next_kind is PlanItemKind.LANGUAGE_COURSE and p.next_target == D(2026, 4, 2)
    assert p.next_person == "Нұрлан" and p.next_count == 2
    ref = ReferenceData.load(db)
    assert progress_text(p, ref) == line(1, 7, 2, "Kazakh course", "Нұрлан", "02.04.2026")
    with language("kk"):
        assert progress_text(p, ref) == line(1, 7, 2, "Kazakh course", "Нұрлан", "02.04.2026")
    # The counts in SQL agree with the states of the items, for every day of the spring.
    day = D(2026, 3, 1)
    while day < D(2026, 7, 1):
        rows = household_plan(db, hid, day)
        p = plan_progress(db, [hid], day)[hid]
        assert p.done == sum(r.state is PlanState.DONE for r in rows), day
        assert p.late == sum(r.state is PlanState.LATE for r in rows), day
        nxt = [r for r in rows if r.state is PlanState.NEXT]
        assert p.next_count == len(nxt) and p.next_target == (nxt[0].target_date if nxt else None)
        day += dt.timedelta(days=9)
    # Later nothing is ahead: the line says so without a "next".
    p = plan_progress(db, [hid], D(2026, 7, 1))[hid]
    assert p.next_kind is None and p.late == 6
    assert progress_text(p, ref) == line(1, 7, 6)


def test_families_without_a_plan_are_not_counted(
    db: Database, household: tuple[uuid.UUID, list[uuid.UUID]]
) -> None:
    hid, _people = household
    assert plan_progress(db, [hid]) == {}
    assert progress_text(None, ReferenceData.load(db)) == _("No plan yet.")


# ---- linking ---------------------------------------------------------------------------------


def test_a_recorded_service_fulfils_the_matching_open_item_by_itself(
    db: Database, household: tuple[uuid.UUID, list[uuid.UUID]]
) -> None:
    hid, (head, wife, _son, _gf) = household
    draft(db, hid, D(2026, 3, 3))
    # One consultation of both adults on documents: each one's item.
    ConsultationService(db).record(consult([head, wife], ["documents"], D(2026, 3, 6)))
    # The head enrols in a Kazakh group: his item is under way, done when he completes it.
    gid = course_group(db)
    eid, _status = CourseService(db).enrol(gid, head, D(2026, 3, 9))
    rows = {(r.person_id, r.kind): r for r in household_plan(db, hid, D(2026, 3, 20))}
    kazakh = rows[(head, PlanItemKind.LANGUAGE_COURSE)]
    assert kazakh.enrolment_id == eid and kazakh.state is PlanState.UNDER_WAY
    assert kazakh.record is not None and kazakh.record.status == "enrolled"
    assert rows[(head, PlanItemKind.CONSULTATION)].state is PlanState.DONE
    assert rows[(wife, PlanItemKind.CONSULTATION)].state is PlanState.DONE
    assert rows[(None, PlanItemKind.CONSULTATION)].consultation_id is None  # not on the status
    CourseService(db).complete(eid, D(2026, 3, 30), "KZ-0001")
    rows = {(r.person_id, r.kind): r for r in household_plan(db, hid, D(2026, 4, 10))}
    assert rows[(head, PlanItemKind.LANGUAGE_COURSE)].done_on == D(2026, 3, 30)
    assert rows[(head, PlanItemKind.LANGUAGE_COURSE)].state is PlanState.DONE
    # A referral is linked at once and counts when it ends in a job.
    rid = EmploymentService(db).refer(
        ReferralInput(wife, D(2026, 4, 1), ReferralTarget.EMPLOYMENT_CENTRE, JobKind.PERMANENT)
    )
    job = next(
        r
        for r in household_plan(db, hid)
        if r.kind is PlanItemKind.EMPLOYMENT and r.person_id == wife
    )
    assert job.referral_id == rid and job.done_on is None
    EmploymentService(db).outcome(
        rid, ReferralStatus.EMPLOYED, D(2026, 4, 20), D(2026, 4, 21), JobKind.PERMANENT
    )
    job = next(r for r in household_plan(db, hid, D(2026, 5, 1)) if r.id == job.id)
    assert job.state is PlanState.DONE and job.done_on == D(2026, 4, 21)


def test_a_dropped_course_opens_the_item_again_for_the_next_group(
    db: Database, household: tuple[uuid.UUID, list[uuid.UUID]]
) -> None:
    hid, (head, _wife, _son, _gf) = household
    draft(db, hid, D(2026, 3, 3))
    first = course_group(db)
    e1, _s = CourseService(db).enrol(first, head, D(2026, 3, 9))
    CourseService(db).drop(e1, D(2026, 3, 12), "Переехал в другой район")
    second = course_group(db)
    e2, _s = CourseService(db).enrol(second, head, D(2026, 3, 16))
    item = next(
        r
        for r in household_plan(db, hid)
        if r.kind is PlanItemKind.LANGUAGE_COURSE and r.person_id == head
    )
    assert item.enrolment_id == e2


def test_an_item_added_later_finds_the_record_that_already_fulfils_it(
    db: Database, household: tuple[uuid.UUID, list[uuid.UUID]]
) -> None:
    hid, (head, _wife, _son, _gf) = household
    cid = ConsultationService(db).record(consult([head], ["housing_loan"], D(2026, 3, 4)))
    (iid,) = PlanService(db).add(
        hid,
        [PlanItemInput(PlanItemKind.CONSULTATION, D(2026, 4, 1), None, topic="housing_loan")],
    )
    (row,) = household_plan(db, hid, D(2026, 3, 10))
    assert row.id == iid and row.consultation_id == cid and row.state is PlanState.DONE


def test_linking_is_checked_for_family_member_and_kind(
    db: Database, household: tuple[uuid.UUID, list[uuid.UUID]]
) -> None:
    hid, (head, wife, _son, _gf) = household
    other = IntakeService(db).register_household(
        family(person("Сейітов", "Бауыржан", birth=D(1990, 1, 2)), arrival=ARRIVAL),
        confirmed_new=True,
    )
    draft(db, hid, D(2026, 3, 3))
    items = {(r.person_id, r.kind): r.id for r in household_plan(db, hid)}
    head_kazakh = items[(head, PlanItemKind.LANGUAGE_COURSE)]
    wife_job = items[(wife, PlanItemKind.EMPLOYMENT)]
    family_status = items[(None, PlanItemKind.CONSULTATION)]
    svc = PlanService(db)

    # A consultation does not fulfil a course; the message names the field in both languages.
    cid = ConsultationService(db).record(consult([wife], ["pensions"], D(2026, 3, 4)))
    with pytest.raises(ValidationError) as exc:
        svc.link(head_kazakh, consultation_id=cid)
    (problem,) = exc.value.problems
    assert problem.field == "plan_item"
    for lang in ("ru", "kk"):
        assert problem.describe(lang) == "{}: {}".format(
            translate("Plan item", lang),
            translate(
                "A consultation does not fulfil a plan item of the kind “{label}”.", lang
            ).format(label=translate("Language course", lang)),
        )
    # The head's course is not the wife's.
    gid = course_group(db)
    e_wife, _s = CourseService(db).enrol(gid, wife, D(2026, 3, 9))
    with pytest.raises(ValidationError) as exc:
        svc.link(head_kazakh, enrolment_id=e_wife)
    assert "Әбілов Нұрлан" in exc.value.problems[0].message("ru")
    # A Russian course is not the Kazakh course the item plans, and nothing is written.
    russian = course_group(db, CourseKind.RUSSIAN)
    with pytest.raises(ValidationError):
        CourseService(db).enrol(russian, head, D(2026, 3, 9), plan_item_id=head_kazakh)
    with db.read() as s:
        assert s.scalars(select(Enrolment).where(Enrolment.person_id == head)).all() == []
    # Another family's referral does not count for this family.
    rid = EmploymentService(db).refer(
        ReferralInput(
            other.person_ids[0], D(2026, 3, 5), ReferralTarget.EMPLOYMENT_CENTRE, JobKind.PERMANENT
        )
    )
    with pytest.raises(ValidationError) as exc:
        svc.link(wife_job, referral_id=rid)
    assert exc.value.problems[0].message() == _("The plan item belongs to another family.")
    # Started from the family's status item, a consultation must be on the status.
    with pytest.raises(ValidationError) as exc:
        ConsultationService(db).record(
            consult([head], ["pensions"], D(2026, 3, 6)), plan_item_id=family_status
        )
    assert exc.value.problems[0].field == "topics"
    with db.read() as s:
        assert len(s.scalars(select(Consultation)).all()) == 1  # only the first one
    c2 = ConsultationService(db).record(
        consult([head], ["status"], D(2026, 3, 6)), plan_item_id=family_status
    )
    row = next(r for r in household_plan(db, hid) if r.id == family_status)
    assert row.consultation_id == c2 and row.state is PlanState.DONE
    # A done item keeps its record.
    c3 = ConsultationService(db).record(consult([wife], ["status"], D(2026, 3, 7)))
    with pytest.raises(ValidationError) as exc:
        svc.link(family_status, consultation_id=c3)
    assert exc.value.problems[0].message() == _("The plan item is already done.")


# ---- items by hand, removal, audit -----------------------------------------------------------


def test_an_other_item_is_described_and_marked_done_by_hand(
    db: Database, household: tuple[uuid.UUID, list[uuid.UUID]]
) -> None:
    hid, (head, _wife, _son, _gf) = household
    svc = PlanService(db)
    with pytest.raises(ValidationError) as exc:
        svc.add(
            hid,
            [
                PlanItemInput(PlanItemKind.OTHER, None, head),
                PlanItemInput(PlanItemKind.EMPLOYMENT, D(2026, 2, 1), None),
            ],
        )
    assert {p.field for p in exc.value.problems} == {
        "items[0].target_date",
        "items[0].description",
        "items[1].target_date",
        "items[1].person",
    }
    assert exc.value.problems[0].describe("ru") == "{}, {}: Заполните это поле.".format(
        translate("Plan item {n}", "ru").format(n=1), translate("Target date", "ru")
    )
    (iid,) = svc.add(
        hid,
        [
            PlanItemInput(
                PlanItemKind.OTHER, D(2026, 3, 20), head, description="Открыть счёт в банке"
            )
        ],
    )
    (row,) = household_plan(db, hid, D(2026, 3, 25))
    assert row.state is PlanState.LATE
    data = row.to_input()
    data.done_on = D(2026, 3, 24)
    svc.update(iid, data, row.version)
    (row,) = household_plan(db, hid, D(2026, 3, 25))
    assert row.state is PlanState.DONE and row.done_on == D(2026, 3, 24)
    with pytest.raises(ConflictError):
        svc.update(iid, data, row.version - 1)  # a stale editor


def test_a_removed_item_leaves_the_plan_and_its_history_stays(
    db: Database, household: tuple[uuid.UUID, list[uuid.UUID]]
) -> None:
    hid, _people = household
    ids = draft(db, hid, D(2026, 3, 3))
    row = next(r for r in household_plan(db, hid) if r.id == ids[-1])
    PlanService(db).remove(row.id, row.version)
    assert len(household_plan(db, hid)) == 6
    assert plan_progress(db, [hid], D(2026, 3, 4))[hid].total == 6
    with db.read() as s:
        actions = [
            (e.action, e.user)
            for e in s.scalars(
                select(AuditEntry).where(AuditEntry.record_id == row.id).order_by(AuditEntry.at)
            )
        ]
    assert actions == [("insert", "test.worker"), ("delete", "test.worker")]
    card = family_card(db, hid)
    assert len(card.plan) == 6 and card.plan_progress is not None
    removed = [h for h in card.history if h.table == "plan_item" and h.action == "delete"]
    assert len(removed) == 1 and removed[0].record_detail == "employment"


def replaced(item, valid_from: dt.date, **extra: int):  # type: ignore[no-untyped-def]
    """A replacement of reference value ``item`` from ``valid_from`` with some figures changed."""
    from oralman_desk.services.reference import RefInput

    return RefInput(
        kind=item.kind,
        code=item.code,
        name_kk=item.name_kk,
        name_ru=item.name_ru,
        valid_from=valid_from,
        sort=item.sort,
        extra={**item.extra, **extra},
    )
