"""Editing classifiers (replace from a date, overlaps, working-age figures) and the centre's settings."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from oralman_desk.db.database import Database
from oralman_desk.db.models import AuditEntry, RefValue
from oralman_desk.identity import Sex
from oralman_desk.services.centre import CentreInput, CentreService
from oralman_desk.services.errors import ConflictError, ValidationError
from oralman_desk.services.reference import ReferenceData, ReferenceService, RefInput


def region(ref: ReferenceData, code: str) -> RefInput:
    item = ref.get("region", code)
    assert item is not None
    return RefInput(
        item.kind,
        item.code,
        item.name_kk,
        item.name_ru,
        item.valid_from,
        item.valid_to,
        item.sort,
        item.extra,
    )


def test_replace_closes_the_old_value_on_the_day_before_in_one_transaction(db: Database) -> None:
    ref = ReferenceData.load(db)
    old = ref.get("region", "47")
    assert old is not None
    data = region(ref, "47")
    data.name_kk, data.name_ru, data.valid_from = "Жаңа", "Новая", dt.date(2025, 3, 1)
    new = ReferenceService(db).replace(old.id, data, old.version)

    assert (new.code, new.valid_from, new.valid_to) == ("47", dt.date(2025, 3, 1), None)
    ref = ReferenceData.load(db)
    assert ref.name("region", "47", "ru", on=dt.date(2025, 2, 28)) == old.name_ru
    assert ref.name("region", "47", "ru", on=dt.date(2025, 3, 1)) == "Новая"
    closed = next(i for i in ref.all("region") if i.id == old.id)
    assert closed.valid_to == dt.date(2025, 2, 28)
    with db.read() as s:
        users = s.scalars(
            select(AuditEntry.user).where(AuditEntry.record_id.in_([old.id, new.id]))
        ).all()
    assert users == ["test.worker", "test.worker"]


def test_replace_keeps_the_end_of_a_closed_period(db: Database) -> None:
    ref = ReferenceData.load(db)
    period = ref.get("working_age", "F", dt.date(2025, 6, 1))  # 2023 .. 2028, 61 years
    assert period is not None and period.valid_to == dt.date(2028, 12, 31)
    data = RefInput(
        "working_age",
        "F",
        period.name_kk,
        period.name_ru,
        dt.date(2026, 1, 1),
        None,
        period.sort,
        {**period.extra, "pension_age_months": 62 * 12},
    )
    new = ReferenceService(db).replace(period.id, data, period.version)
    assert new.valid_to == dt.date(2028, 12, 31)
    ref = ReferenceData.load(db)
    assert ref.pension_age_months(Sex.FEMALE, dt.date(2025, 12, 31)) == 61 * 12
    assert ref.pension_age_months(Sex.FEMALE, dt.date(2027, 1, 1)) == 62 * 12
    assert ref.pension_age_months(Sex.FEMALE, dt.date(2029, 6, 1)) == 61 * 12 + 6


@pytest.mark.parametrize(
    ("start", "fragment"),
    [(dt.date(2022, 6, 8), "08.06.2022"), (dt.date(2020, 1, 1), "08.06.2022")],
)
def test_replace_cannot_start_before_the_value_it_replaces(
    db: Database, start: dt.date, fragment: str
) -> None:
    ref = ReferenceData.load(db)
    abai = ref.get("region", "10")
    assert abai is not None
    data = region(ref, "10")
    data.valid_from = start
    with pytest.raises(ValidationError) as err:
        ReferenceService(db).replace(abai.id, data, abai.version)
    (problem,) = err.value.problems
    assert problem.field == "valid_from" and fragment in problem.message("ru")
    assert len(ReferenceData.load(db).all("region")) == len(ref.all("region"))


def test_replace_after_a_value_ended_is_refused(db: Database) -> None:
    ref = ReferenceData.load(db)
    south = next(i for i in ref.all("region") if i.code == "61" and i.valid_to is not None)
    data = region(ref, "61")
    data.valid_from = dt.date(2020, 1, 1)
    with pytest.raises(ValidationError) as err:
        ReferenceService(db).replace(south.id, data, south.version)
    assert err.value.problems[0].field == "valid_from"


def test_a_stale_version_is_a_conflict(db: Database) -> None:
    ref = ReferenceData.load(db)
    item = ref.get("region", "47")
    assert item is not None
    svc = ReferenceService(db)
    data = region(ref, "47")
    data.name_ru = "Мангистауская обл."
    svc.update(item.id, data, item.version)  # someone else's correction raises the version
    data.valid_from = dt.date(2025, 1, 1)
    with pytest.raises(ConflictError):
        svc.replace(item.id, data, item.version)
    with pytest.raises(ConflictError):
        svc.update(item.id, data, item.version)


def test_overlapping_values_of_one_code_are_refused(db: Database) -> None:
    data = RefInput("region", "47", "Жаңа", "Новая", dt.date(2025, 1, 1))
    with pytest.raises(ValidationError) as err:
        ReferenceService(db).add(data)
    assert [p.field for p in err.value.problems] == ["valid_from"]


def test_working_age_figures_are_checked(db: Database) -> None:
    data = RefInput(
        "working_age",
        "X",
        "Сынақ",
        "Тест",
        dt.date(2040, 1, 1),
        extra={"pension_age_months": 12, "min_years": 40},
    )
    with pytest.raises(ValidationError) as err:
        ReferenceService(db).add(data)
    assert {p.field for p in err.value.problems} == {"pension_age_months", "min_years"}
    assert "40" in err.value.problems[0].message("ru")


def test_centre_current_and_settings_in_one_save(db: Database) -> None:
    svc = CentreService(db)
    current = svc.current()
    assert current is not None and current.region_code == "47"
    svc.set_up(
        CentreInput(current.name_kk, "Новое имя", "cvr", "47"),
        settings={"report.director": "Н. Ержанов", "report.phone": "+7 7292 50-12-34"},
    )
    assert svc.get_settings(["report.director", "report.phone", "report.executor"]) == {
        "report.director": "Н. Ержанов",
        "report.phone": "+7 7292 50-12-34",
        "report.executor": "",
    }
    again = svc.current()
    assert again is not None and again.name_ru == "Новое имя" and str(again.centre_type) == "cvr"
    # A refused centre writes none of the settings either.
    with pytest.raises(ValidationError):
        svc.set_up(CentreInput("", "", "cvr", "47"), settings={"report.director": "Другой"})
    assert svc.get_setting("report.director") == "Н. Ержанов"


def test_no_centre_before_the_first_start(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = Database.open(tmp_path / "new.db")
    try:
        assert CentreService(db).current() is None
    finally:
        db.close()


def test_seed_rows_are_untouched_by_a_failed_replace(db: Database) -> None:
    with db.read() as s:
        before = s.scalars(select(RefValue.version).where(RefValue.kind == "region")).all()
    test_replace_cannot_start_before_the_value_it_replaces(db, dt.date(2020, 1, 1), "08.06.2022")
    with db.read() as s:
        after = s.scalars(select(RefValue.version).where(RefValue.kind == "region")).all()
    assert before == after
