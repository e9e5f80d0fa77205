"""Employment: BIN checked like the IIN, referrals and their outcome, no employment before the
referral, follow-ups after 3 and 6 months falling due."""

from __future__ import annotations

import datetime as dt

import pytest

from oralman_desk.db.database import Database
from oralman_desk.domain import JobKind, ReferralStatus, ReferralTarget
from oralman_desk.identity import make_bin
from oralman_desk.services.employment import (
    EmployerInput,
    EmploymentService,
    ReferralFilter,
    ReferralInput,
    VacancyInput,
    employers,
    follow_ups_due,
    referrals,
    vacancies,
)
from oralman_desk.services.errors import ValidationError
from oralman_desk.services.intake import IntakeService

from .helpers import family, person

D = dt.date


def good_bin() -> str:
    for serial in range(100, 200):
        value = make_bin(2015, 4, "4", serial)
        if value:
            return value
    raise AssertionError("no BIN")


def test_an_employer_bin_is_checked_like_an_iin(db: Database) -> None:
    svc = EmploymentService(db)
    with pytest.raises(ValidationError) as exc:
        svc.save_employer(EmployerInput("ТОО «Ақтау Құрылыс»", "150440001235"))
    assert exc.value.problems[0].field == "bin"
    assert "БСН" in exc.value.problems[0].describe("kk") or "BIN" in exc.value.problems[0].describe(
        "kk"
    )
    number = good_bin()
    eid = svc.save_employer(EmployerInput("ТОО «Ақтау Құрылыс»", number, "Строительство"))
    with pytest.raises(ValidationError) as exc:
        svc.save_employer(EmployerInput("ИП Серікбаев", number))
    assert "Ақтау Құрылыс" in exc.value.problems[0].message("ru")
    svc.add_vacancy(VacancyInput(eid, "driver", 2, 250_000, "Вахта 15/15"))
    (row,) = employers(db)
    assert row.open_vacancies == 2 and row.bin == number
    assert vacancies(db, eid)[0].wage == 250_000


def test_a_referral_moves_to_employment_and_books_two_follow_ups(db: Database) -> None:
    saved = IntakeService(db).register_household(family(person()), confirmed_new=True)
    pid = saved.person_ids[0]
    svc = EmploymentService(db)
    eid = svc.save_employer(EmployerInput("ТОО «Ақтау Құрылыс»", good_bin()))
    rid = svc.refer(
        ReferralInput(pid, D(2026, 3, 2), ReferralTarget.EMPLOYER, JobKind.PERMANENT, "driver", eid)
    )
    svc.outcome(rid, ReferralStatus.INTERVIEW, D(2026, 3, 5))
    with pytest.raises(ValidationError) as exc:
        svc.outcome(rid, ReferralStatus.EMPLOYED, D(2026, 3, 10), D(2026, 3, 1), JobKind.PERMANENT)
    assert "раньше направления" in exc.value.problems[0].message("ru")
    with pytest.raises(ValidationError) as exc:
        svc.outcome(rid, ReferralStatus.REFERRED, D(2026, 3, 10))
    assert exc.value.problems[0].field == "status"
    svc.outcome(rid, ReferralStatus.EMPLOYED, D(2026, 3, 10), D(2026, 3, 11), JobKind.PERMANENT)
    (row,) = referrals(db, ReferralFilter(household_id=saved.household_id))
    assert row.status is ReferralStatus.EMPLOYED and row.employer == "ТОО «Ақтау Құрылыс»"
    assert [(m, due) for m, due, _c, _s in row.follow_ups] == [
        (3, D(2026, 6, 11)),
        (6, D(2026, 9, 11)),
    ]
    # Nothing falls due before the employment is three months old.
    assert follow_ups_due(db, D(2026, 6, 10)) == []
    (due,) = follow_ups_due(db, D(2026, 6, 11))
    assert due.months == 3
    with pytest.raises(ValidationError):
        svc.record_follow_up(due.id, D(2026, 3, 1), True)
    svc.record_follow_up(due.id, D(2026, 6, 12), True, "Работает водителем")
    assert [f.months for f in follow_ups_due(db, D(2026, 12, 31))] == [6]
    # A finished referral does not move again.
    with pytest.raises(ValidationError):
        svc.outcome(rid, ReferralStatus.NO_ANSWER, D(2026, 6, 20))


def test_a_referral_names_who_and_where(db: Database) -> None:
    with pytest.raises(ValidationError) as exc:
        EmploymentService(db).refer(
            ReferralInput(None, None, ReferralTarget.EMPLOYER, JobKind.SEASONAL)
        )
    assert {p.field for p in exc.value.problems} == {"person", "date", "employer"}
    saved = IntakeService(db).register_household(family(person()), confirmed_new=True)
    rid = EmploymentService(db).refer(
        ReferralInput(
            saved.person_ids[0],
            D(2026, 4, 1),
            ReferralTarget.EMPLOYMENT_CENTRE,
            JobKind.PUBLIC_WORKS,
        )
    )
    (row,) = referrals(db, ReferralFilter(referral_id=rid))
    assert row.number == 1 and row.employer == ""
