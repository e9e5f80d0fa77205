"""Registering families: validation in both languages, duplicates, audit trail, tombstones."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3

import pytest
from sqlalchemy import select

from oralman_desk.db.audit import DeleteRefused
from oralman_desk.db.database import Database
from oralman_desk.db.models import AuditEntry, Household, Person
from oralman_desk.domain import AgeGroup, CaseStatus
from oralman_desk.identity import Sex
from oralman_desk.services.errors import ConflictError, ValidationError
from oralman_desk.services.intake import DuplicatesFound, IntakeService
from oralman_desk.services.reference import ReferenceData
from oralman_desk.services.search import search_people

from .helpers import family, iin_for, passport, person


def count(db: Database, table: str) -> int:
    con = sqlite3.connect(db.path)
    try:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        con.close()


def test_a_family_is_registered_in_one_transaction_with_history_and_index(db: Database) -> None:
    svc = IntakeService(db)
    head = person(iin=iin_for(dt.date(1985, 3, 14), Sex.MALE), documents=[passport("FA1234567")])
    wife = person("Ахметова", "Айгерім", Sex.FEMALE, dt.date(1988, 7, 2), relation="spouse")
    son = person("Ахметов", "Ерасыл", Sex.MALE, dt.date(2015, 1, 20), relation="son")
    saved = svc.register_household(family(head, wife, son, settlement_region="47"))
    with db.read() as s:
        hh = s.get(Household, saved.household_id)
        assert hh is not None
        assert [m.given_name for m in hh.members] == ["Нұрлан", "Айгерім", "Ерасыл"]
        assert hh.head_id == hh.members[0].id
        assert hh.status is CaseStatus.ARRIVED
        assert [st.status for st in hh.statuses] == [CaseStatus.ARRIVED]
        assert all(m.updated_by == "test.worker" for m in hh.members)
        assert all(m.centre_id == db.centre_id for m in hh.members)
    assert [h.given_name for h in search_people(db, "Ерасыл")] == ["Ерасыл"]


def test_every_problem_is_reported_at_once_and_nothing_is_written(db: Database) -> None:
    svc = IntakeService(db)
    bad = person(birth=dt.date(2099, 1, 1), iin="123", documents=[])
    bad.documents.append(passport("X1"))
    bad.documents[0].issue_date = dt.date(2024, 1, 1)
    bad.documents[0].expiry_date = dt.date(2023, 1, 1)
    other = person("Сейітқалиұлы", "", Sex.MALE, dt.date(1890, 1, 1), relation="son")
    data = family(bad, other, arrival=dt.date(2025, 1, 1))
    data.members[1].is_head = True  # two heads
    before = count(db, "person"), count(db, "audit_log")
    with pytest.raises(ValidationError) as err:
        svc.register_household(data)
    fields = {p.field for p in err.value.problems}
    assert {
        "head",
        "members[0].birth_date",
        "members[0].iin",
        "members[0].documents[0].expiry_date",
        "members[1].given_name",
        "members[1].birth_date",
    } <= fields
    assert (count(db, "person"), count(db, "audit_log")) == before


def test_validation_messages_name_the_field_in_kazakh_and_russian(db: Database) -> None:
    svc = IntakeService(db)
    m = person(iin="850314300002")  # check digit wrong
    with pytest.raises(ValidationError) as err:
        svc.register_household(family(m))
    problem = err.value.for_field("members[0].iin")[0]
    ru, kk = problem.describe("ru"), problem.describe("kk")
    assert "ИИН" in ru and "1" in ru
    assert "ЖСН" in kk and "1" in kk
    for text in (ru, kk):
        assert re.search("[A-Za-z]{3,}", text) is None, f"untranslated: {text}"
    assert any(ch in kk for ch in "әғқңөұүһі"), "the Kazakh message is not Kazakh"
    assert problem.message("kk") != problem.message("ru")


def test_iin_must_agree_with_birth_date_and_sex(db: Database) -> None:
    svc = IntakeService(db)
    iin = iin_for(dt.date(1990, 5, 5), Sex.FEMALE)
    with pytest.raises(ValidationError) as err:
        svc.register_household(family(person(birth=dt.date(1990, 5, 6), iin=iin)))
    messages = [p.message("ru") for p in err.value.for_field("members[0].iin")]
    assert any("05.05.1990" in msg for msg in messages)
    assert len(messages) == 2  # date and sex both disagree


def test_duplicate_iin_is_refused(db: Database) -> None:
    svc = IntakeService(db)
    iin = iin_for(dt.date(1985, 3, 14), Sex.MALE)
    svc.register_household(family(person(iin=iin)))
    with pytest.raises(ValidationError) as err:
        svc.register_household(family(person("Басқа", "Адам", iin=iin)), confirmed_new=True)
    assert err.value.for_field("members[0].iin")


@pytest.mark.parametrize(
    ("entered", "latin"),
    [
        (("Нурсултанов", "Жанар"), ("", "")),  # Russian-style Cyrillic
        (("", ""), ("Nursultanova", "Zhanar")),  # Kazakh ID Latin
        (("Нурсултанова", "Жанар"), ("Nursoltanova", "Janar")),  # Uzbek passport Latin
    ],
)
def test_duplicates_are_found_across_scripts_and_spellings(
    db: Database, entered: tuple[str, str], latin: tuple[str, str]
) -> None:
    svc = IntakeService(db)
    birth = dt.date(1992, 11, 3)
    original = person("Нұрсұлтанова", "Жанар", Sex.FEMALE, birth)
    svc.register_household(family(original))
    surname, given = entered
    again = person(
        surname or latin[0],
        given or latin[1],
        Sex.FEMALE,
        birth,
        surname_latin=latin[0],
        given_name_latin=latin[1],
    )
    with pytest.raises(DuplicatesFound) as err:
        svc.register_household(family(again))
    match = err.value.matches[0][0]
    assert match.full_name == "Нұрсұлтанова Жанар"
    assert 0.8 <= match.score < 1.0
    assert match.reasons == ("Same date of birth and a similar name",)
    # The worker confirms it is a different person: then it is registered, not merged.
    svc.register_household(family(again), confirmed_new=True)
    assert count(db, "person") == 2


def test_same_document_number_is_a_likely_duplicate_whatever_the_name(db: Database) -> None:
    svc = IntakeService(db)
    svc.register_household(family(person(documents=[passport("FA 1234567")])))
    again = person(
        "Тоқтаров", "Бекзат", birth=dt.date(1970, 1, 1), documents=[passport("fa1234567")]
    )
    found = svc.check_duplicates(family(again))
    assert found[0][0].reasons == ("Same document number",)


def test_different_people_with_the_same_birthday_are_not_duplicates(db: Database) -> None:
    svc = IntakeService(db)
    svc.register_household(family(person("Серіков", "Дәулет")))
    assert svc.check_duplicates(family(person("Бериков", "Арман"))) == {}


def test_an_edit_is_audited_field_by_field_and_raises_the_row_version(db: Database) -> None:
    svc = IntakeService(db)
    saved = svc.register_household(family(person(phone="+7 701 111 22 33")))
    pid = saved.person_ids[0]
    with db.read() as s:
        p = s.get(Person, pid)
        assert p is not None
        version = p.version
    data = person(phone="+7 702 999 88 77", is_head=True, relation="head")
    db.user = "Сәуле"
    svc.update_person(pid, data, expected_version=version)
    with db.read() as s:
        p = s.get(Person, pid)
        assert p is not None and p.version == version + 1
        entries = s.scalars(
            select(AuditEntry).where(AuditEntry.record_id == pid).order_by(AuditEntry.at)
        ).all()
    assert [e.action for e in entries] == ["insert", "update"]
    assert entries[1].user == "Сәуле"
    assert entries[1].changes == {"phone": ["+7 701 111 22 33", "+7 702 999 88 77"]}
    # A stale editor (still holding the old version) is told, not allowed to overwrite.
    with pytest.raises(ConflictError):
        svc.update_person(pid, data, expected_version=version)


def test_deleting_is_a_tombstone_never_a_delete(db: Database) -> None:
    svc = IntakeService(db)
    saved = svc.register_household(
        family(
            person(),
            person("Ахметова", "Әсем", Sex.FEMALE, dt.date(2010, 2, 2), relation="daughter"),
        )
    )
    daughter = saved.person_ids[1]
    with db.read() as s:
        version = s.get(Person, daughter).version  # type: ignore[union-attr]
    svc.remove_member(daughter, version)
    con = sqlite3.connect(db.path)
    row = con.execute("SELECT deleted FROM person WHERE id = ?", (daughter.bytes,)).fetchone()
    con.close()
    assert row == (1,)
    assert search_people(db, "Әсем") == []
    with db.read() as s:
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.record_id == daughter)).all()
    assert "delete" in actions
    with pytest.raises(DeleteRefused), db.write() as s:
        p = s.get(Person, saved.person_ids[0])
        s.delete(p)


def test_case_status_moves_forward_with_dates_and_documents(db: Database) -> None:
    svc = IntakeService(db)
    saved = svc.register_household(family(person(), arrival=dt.date(2024, 2, 1)))
    hid = saved.household_id
    with pytest.raises(ValidationError):
        svc.move_status(hid, CaseStatus.GRANTED, dt.date(2024, 3, 1), "12-Қ")  # skips "applied"
    svc.move_status(hid, CaseStatus.APPLIED, dt.date(2024, 2, 10))
    with pytest.raises(ValidationError) as err:
        svc.move_status(hid, CaseStatus.GRANTED, dt.date(2024, 2, 5), "")
    assert {p.field for p in err.value.problems} == {"status_date", "document_number"}
    svc.move_status(hid, CaseStatus.GRANTED, dt.date(2024, 3, 15), "145-Қ")
    svc.move_status(hid, CaseStatus.EXTENDED, dt.date(2025, 3, 14), "98-Қ")
    with db.read() as s:
        hh = s.get(Household, hid)
        assert hh is not None
        assert [(st.status, st.document_number) for st in hh.statuses] == [
            (CaseStatus.ARRIVED, ""),
            (CaseStatus.APPLIED, ""),
            (CaseStatus.GRANTED, "145-Қ"),
            (CaseStatus.EXTENDED, "98-Қ"),
        ]
        assert hh.status is CaseStatus.EXTENDED


def test_age_group_follows_the_dated_pension_age(db: Database) -> None:
    ref = ReferenceData.load(db)
    born = dt.date(1962, 3, 1)
    # In 2022 women's pension age was 60.5 years (726 months), read from reference data.
    assert ref.age_group(born, Sex.FEMALE, dt.date(2022, 8, 31)) is AgeGroup.WORKING
    assert ref.age_group(born, Sex.FEMALE, dt.date(2022, 9, 1)) is AgeGroup.PENSION
    # Men's pension age is 63, so the same birth date is still of working age.
    assert ref.age_group(born, Sex.MALE, dt.date(2022, 9, 1)) is AgeGroup.WORKING
    # Working age starts at 16.
    assert ref.age_group(dt.date(2010, 1, 1), Sex.MALE, dt.date(2025, 12, 31)) is AgeGroup.MINOR
    assert ref.age_group(dt.date(2010, 1, 1), Sex.MALE, dt.date(2026, 1, 1)) is AgeGroup.WORKING
