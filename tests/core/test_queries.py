"""Read-only views for screens: a family's card with its history, a person's family, duplicates."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from oralman_desk.db.database import Database
from oralman_desk.domain import CaseStatus
from oralman_desk.identity import Sex
from oralman_desk.services.intake import IntakeService
from oralman_desk.services.queries import (
    NotFound,
    duplicates_for,
    family_card,
    person_household,
)

from .helpers import family, iin_for, passport, person


def test_the_card_has_live_members_in_order_and_the_whole_history(db: Database) -> None:
    svc = IntakeService(db)
    head = person(iin=iin_for(dt.date(1985, 3, 14), Sex.MALE), documents=[passport("FA1234567")])
    wife = person("Ахметова", "Айгерім", Sex.FEMALE, dt.date(1988, 7, 2), relation="spouse")
    son = person("Ахметов", "Ерасыл", Sex.MALE, dt.date(2015, 1, 20), relation="son")
    saved = svc.register_household(family(head, wife, son))
    hid = saved.household_id
    svc.move_status(hid, CaseStatus.APPLIED, dt.date(2025, 9, 10))
    card = family_card(db, hid)
    son_data = card.members[2]
    svc.remove_member(son_data.id, son_data.version)
    wife_data = card.members[1]
    edited = wife_data.to_input()
    edited.phone = "+7 702 999 88 77"
    svc.update_person(wife_data.id, edited, wife_data.version)

    card = family_card(db, hid)
    assert card.household.status is CaseStatus.APPLIED
    assert card.household.status_date == dt.date(2025, 9, 10)
    assert [m.given_name for m in card.members] == ["Нұрлан", "Айгерім"]
    assert [m.is_head for m in card.members] == [True, False]
    assert card.head is not None and card.head.iin == head.iin
    assert [d.number for d in card.members[0].documents] == ["FA1234567"]
    assert [s.status for s in card.statuses] == [CaseStatus.ARRIVED, CaseStatus.APPLIED]

    newest = card.history[0]
    assert (newest.table, newest.action, newest.record_label) == (
        "person",
        "update",
        "Ахметова Айгерім",
    )
    assert newest.changes == {"phone": ("", "+7 702 999 88 77")}
    assert newest.user == "test.worker"
    removed = [e for e in card.history if e.action == "delete"]
    assert [e.record_label for e in removed] == ["Ахметов Ерасыл"]
    status = next(e for e in card.history if "status" in e.changes)
    assert status.changes["status"] == ("arrived", "applied")
    doc = next(e for e in card.history if e.table == "person_document")
    assert (doc.action, doc.record_detail, doc.record_label) == (
        "insert",
        "FA1234567",
        "Ахметов Нұрлан",
    )
    assert doc.changes["number"] == (None, "FA1234567")
    # Newest first; the people written together keep their order in the family.
    assert (card.history[-1].table, card.history[-1].action) == ("household", "insert")
    added = [e.record_label for e in card.history if e.table == "person" and e.action == "insert"]
    assert added == ["Ахметов Нұрлан", "Ахметова Айгерім", "Ахметов Ерасыл"]

    # An edit through the card's own data keeps document ids: nothing is re-created.
    again = card.members[0].to_input()
    assert again.documents[0].id == card.members[0].documents[0].id


def test_a_person_leads_to_their_family_and_removed_records_are_not_found(db: Database) -> None:
    svc = IntakeService(db)
    saved = svc.register_household(
        family(person(), person("Ахметова", "Әсем", Sex.FEMALE, dt.date(2010, 2, 2)))
    )
    assert person_household(db, saved.person_ids[1]) == saved.household_id
    card = family_card(db, saved.household_id)
    svc.remove_member(saved.person_ids[1], card.members[1].version)
    with pytest.raises(NotFound):
        person_household(db, saved.person_ids[1])
    with pytest.raises(NotFound):
        family_card(db, uuid.uuid4())


def test_duplicates_are_looked_up_without_writing(db: Database) -> None:
    svc = IntakeService(db)
    svc.register_household(
        family(person("Нұрсұлтанова", "Жанар", Sex.FEMALE, dt.date(1992, 11, 3)))
    )
    again = person(
        "Нурсултанова",
        "Жанар",
        Sex.FEMALE,
        dt.date(1992, 11, 3),
        surname_latin="Nursultanova",
        given_name_latin="Zhanar",
    )
    found = duplicates_for(db, again)
    assert [m.full_name for m in found] == ["Нұрсұлтанова Жанар"]
    assert duplicates_for(db, again, exclude=[found[0].person_id]) == []
