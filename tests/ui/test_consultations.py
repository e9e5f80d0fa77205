"""Recording consultations through the UI: a family's, a group session found by name, follow-ups."""

from __future__ import annotations

import datetime as dt

import shiboken6
from PySide6.QtCore import Qt

from oralman_desk.identity import Sex
from oralman_desk.services.consultations import ConsultationFilter, consultations
from oralman_desk.services.intake import IntakeService
from tests.core.helpers import family, person
from ui.consultations_page import ConsultationsPage
from ui.context import AppContext
from ui.family_card import FamilyCard

from .form_helpers import type_text
from .helpers import shot


def closed(dialog) -> bool:  # type: ignore[no-untyped-def]
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def test_a_consultation_recorded_from_the_family_card_shows_on_its_timeline(
    ctx: AppContext, qtbot, wait_idle
) -> None:  # type: ignore[no-untyped-def]
    saved = IntakeService(ctx.db).register_household(
        family(person("Әбілов", "Нұрлан"), person("Әбілова", "Гүлнар", Sex.FEMALE)),
        confirmed_new=True,
    )
    card = FamilyCard(ctx)
    qtbot.addWidget(card)
    card.load(saved.household_id)
    wait_idle()
    dialog = card.new_consultation()
    assert dialog is not None
    wait_idle()
    assert dialog.people.count() == 2  # the family, the head ticked
    assert dialog.chosen(dialog.people) == [saved.person_ids[0]]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle()
    # Nothing chosen yet: the topics and the consultant are marked, the dialog stays open.
    assert dialog.isVisible()
    assert dialog.fields["topics"].property("error")
    dialog.set_topics(["status", "housing_loan"])
    dialog.consultant.setText("Юрист Ә. Серікқызы")
    type_text(qtbot, dialog.question, "Как получить статус кандаса?")
    dialog.follow_up.set_value(dt.date.today() + dt.timedelta(days=7))
    shot(dialog, "consultation-dialog-ru")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(dialog), timeout=5000)
    wait_idle()
    assert card.services.topLevelItemCount() == 1
    item = card.services.topLevelItem(0)
    assert "Статус кандаса" in item.text(1) and "Льготный жилищный заем" in item.text(1)
    assert item.text(2) == "Әбілов Нұрлан"


def test_a_group_session_adds_people_of_several_families_by_name(
    ctx: AppContext, qtbot, wait_idle
) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeService(ctx.db)
    for sn, gn in (("Сейітов", "Бауыржан"), ("Омарова", "Сәуле"), ("Құдайбергенов", "Ерлан")):
        intake.register_household(family(person(sn, gn)), confirmed_new=True)
    page = ConsultationsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    wait_idle()
    dialog = page.new_consultation(group=True)
    for name in ("Seitov", "Omarova", "Kudaibergenov"):
        dialog.find.clear()
        type_text(qtbot, dialog.find, name)
        qtbot.waitUntil(lambda: dialog.found.count() > 0, timeout=5000)
        dialog._add_found(dialog.found.item(0))
        wait_idle()
    assert dialog.people.count() == 3
    dialog.set_topics(["citizenship"])
    dialog.consultant.setText("Юрист")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(dialog), timeout=5000)
    wait_idle()
    assert page.table.rowCount() == 1
    assert page.table.item(0, 1).text() == "Групповое занятие"
    (row,) = consultations(ctx.db, ConsultationFilter())
    assert len(row.attendees) == 3 and len(row.household_ids) == 3
    shot(page, "consultations-page-ru")
