"""The adaptation plan on the family card: draft it, start an item in its own dialog, record the
service, and see the item done and the progress line move; an item added by hand; both
languages fit the card."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from oralman_desk import domain
from oralman_desk.domain import CourseKind, EnrolmentStatus, PlanItemKind, PlanState
from oralman_desk.formatting import short_date
from oralman_desk.i18n import _, ngettext
from oralman_desk.identity import Sex
from oralman_desk.services.courses import CourseInput, CourseService, GroupInput
from oralman_desk.services.intake import IntakeService
from oralman_desk.services.placement import add_months
from oralman_desk.services.plans import PlanService, household_plan
from tests.core.helpers import family, person
from ui.consultations_page import ConsultationDialog
from ui.context import AppContext
from ui.courses_page import EnrolDialog
from ui.family_card import FamilyCard
from ui.layout_check import cut_texts
from ui.plans import DraftPlanDialog, GroupChoiceDialog, PlanItemDialog
from ui.qt_i18n import set_ui_language
from ui.reference_page import ReferencePage

from .form_helpers import settle, shot, type_text

TODAY = dt.date.today()
ARRIVAL = TODAY - dt.timedelta(days=3)
DONE = "{done} of {total} done"


def line(done: int, total: int, nxt: str = "", by: str = "") -> str:
    """The card's progress line as the catalogs word it in the current language (``nxt`` is the
    next item's title, with its member if it has one)."""
    parts = [ngettext(DONE, DONE, total).format(done=done, total=total)]
    if nxt:
        parts.append(_("next: {item} by {date}").format(item=nxt, date=by))
    return _("Adaptation plan: {progress}").format(progress=", ".join(parts))


def consultation(topic: str) -> str:
    return _("Consultation: {topic}").format(topic=topic)


def closed(dialog) -> bool:  # type: ignore[no-untyped-def]
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


@pytest.fixture
def household(ctx: AppContext) -> uuid.UUID:
    saved = IntakeService(ctx.db).register_household(
        family(
            person("Әбілов", "Нұрлан", birth=dt.date(1985, 3, 14)),
            person("Әбілова", "Гүлнар", Sex.FEMALE, dt.date(1988, 7, 2), relation="spouse"),
            person("Әбілов", "Ерасыл", birth=TODAY.replace(year=TODAY.year - 9), relation="son"),
            arrival=ARRIVAL,
        ),
        confirmed_new=True,
    )
    return saved.household_id


@pytest.fixture
def card(ctx: AppContext, qtbot, wait_idle, household: uuid.UUID) -> Iterator[FamilyCard]:  # type: ignore[no-untyped-def]
    c = FamilyCard(ctx)
    qtbot.addWidget(c)
    c.resize(1366, 760)
    c.show()
    c.load(household)
    qtbot.waitUntil(lambda: c.data is not None, timeout=10_000)
    c.tabs.setCurrentWidget(c.plan_tab)
    yield c
    wait_idle()


def row_of(card: FamilyCard, kind: PlanItemKind, name: str = "") -> int:
    assert card.data is not None
    for r, item in enumerate(card.data.plan):
        if item.kind is kind and item.person_name.endswith(name):
            return r
    raise AssertionError((kind, name))


def draft_plan(card: FamilyCard, qtbot, wait_idle) -> None:  # type: ignore[no-untyped-def]
    dialog = card.plan_tab.draft()
    assert isinstance(dialog, DraftPlanDialog)
    wait_idle()
    # The family, and the two adults of working age (the son of 9 gets nothing).
    assert dialog.table.rowCount() == 7
    assert dialog.table.item(0, 1).text() == _("Whole family")
    assert dialog.table.item(0, 2).text() == consultation("Статус кандаса")
    assert dialog.dates[0].value() == ARRIVAL + dt.timedelta(days=14)
    shot(dialog, "plan-draft-ru")
    # The wife already has a job offer: her employment item is left out.
    last = dialog.table.rowCount() - 1
    assert dialog.table.item(last, 1).text() == "Әбілова Гүлнар"
    dialog.checks[last].setChecked(False)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(dialog), timeout=5000)
    wait_idle()


def test_draft_start_record_and_see_the_item_done(
    ctx: AppContext, card: FamilyCard, qtbot, wait_idle
) -> None:  # type: ignore[no-untyped-def]
    assert card.plan_line.text() == _("No adaptation plan yet.")
    draft_plan(card, qtbot, wait_idle)
    assert card.plan_tab.table.rowCount() == 6
    target = short_date(ARRIVAL + dt.timedelta(days=14))
    assert card.plan_line.text() == line(0, 6, consultation("Статус кандаса"), target)
    status_row = row_of(card, PlanItemKind.CONSULTATION)
    assert card.plan_tab.table.item(status_row, 3).text() == domain.label(PlanState.NEXT)

    # Start the family's status consultation from the plan: the dialog comes preset.
    card.plan_tab.table.selectRow(status_row)
    dialog = card.plan_tab.start()
    assert isinstance(dialog, ConsultationDialog)
    wait_idle()
    assert dialog.chosen(dialog.topics) == ["status"]
    assert len(dialog.chosen(dialog.people)) == 1  # the head, for a family item
    dialog.consultant.setText("Юрист Ә. Серікқызы")
    type_text(qtbot, dialog.question, "Какие документы нужны для статуса?")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(dialog), timeout=5000)
    wait_idle()

    assert card.data is not None
    item = card.data.plan[row_of(card, PlanItemKind.CONSULTATION)]
    assert item.state is PlanState.DONE and item.done_on == TODAY
    assert card.plan_tab.table.item(row_of(card, PlanItemKind.CONSULTATION), 3).text() == (
        _("Done on {date}").format(date=short_date(TODAY))
    )
    after = card.plan_line.text()
    documents = consultation("Оформление документов")
    head = _("{item} ({name})").format(item=documents, name="Нұрлан")
    assert after == line(1, 6, head, target)
    # The timeline starts with the plan (its progress and what is still to do), then every
    # service newest first: the consultation, with the item it fulfilled.
    plan = card.services.topLevelItem(0)
    assert plan.text(1) == _("Adaptation plan")
    assert after.endswith(plan.text(3))
    assert plan.childCount() == 5  # the six items but the one done
    assert plan.child(0).text(1) == documents
    assert plan.child(0).text(3) == domain.label(PlanState.NEXT)
    top = card.services.topLevelItem(1)
    assert "Статус кандаса" in top.text(1)
    by_plan = _("By the plan: {item}, by {date}")
    assert by_plan.format(item=consultation("Статус кандаса"), date=target) in top.text(3)
    card.tabs.setCurrentWidget(card.plan_tab)
    settle()
    shot(card, "plan-tab-ru")


def test_a_course_item_starts_in_a_chosen_group_and_is_under_way(
    ctx: AppContext, card: FamilyCard, qtbot, wait_idle
) -> None:  # type: ignore[no-untyped-def]
    svc = CourseService(ctx.db)
    russian = svc.add_course(CourseInput(CourseKind.RUSSIAN, "Орыс тілі", "Русский язык", 72))
    svc.add_group(GroupInput(russian, "РЯ-1", TODAY, TODAY + dt.timedelta(days=60), [2], 10))
    kazakh = svc.add_course(CourseInput(CourseKind.KAZAKH, "Қазақ тілі", "Казахский язык", 72))
    svc.add_group(GroupInput(kazakh, "ҚТ-1", TODAY, TODAY + dt.timedelta(days=60), [1, 3], 10))
    draft_plan(card, qtbot, wait_idle)
    card.plan_tab.table.selectRow(row_of(card, PlanItemKind.LANGUAGE_COURSE, "Нұрлан"))
    chooser = card.plan_tab.start()
    assert isinstance(chooser, GroupChoiceDialog)
    wait_idle()
    assert chooser.table.rowCount() == 1  # the Kazakh group only
    assert chooser.table.item(0, 1).text() == "ҚТ-1"
    chooser.choose(0)
    enrol = card.plan_tab.dialog
    assert isinstance(enrol, EnrolDialog)
    assert enrol.found.currentItem().text() == "Әбілов Нұрлан"
    qtbot.mouseClick(enrol.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(enrol), timeout=5000)
    qtbot.waitUntil(
        lambda: (
            card.data is not None
            and card.data.plan[row_of(card, PlanItemKind.LANGUAGE_COURSE, "Нұрлан")].enrolment_id
            is not None
        ),
        timeout=5000,
    )
    wait_idle()
    r = row_of(card, PlanItemKind.LANGUAGE_COURSE, "Нұрлан")
    assert card.plan_tab.table.item(r, 4).text() == _("{course}: {status} since {date}").format(
        course="Казахский язык",
        status=domain.label(EnrolmentStatus.ENROLLED),
        date=short_date(TODAY),
    )
    # Studying is under way, not late, and is not started a second time.
    assert card.plan_tab.table.item(r, 3).text() == domain.label(PlanState.UNDER_WAY)
    card.plan_tab.table.selectRow(r)
    assert not card.plan_tab.start_button.isEnabled()


def test_an_item_added_by_hand_is_checked_like_a_form_and_marked_done(
    ctx: AppContext, card: FamilyCard, qtbot, wait_idle, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    dialog = card.plan_tab.add_item()
    assert isinstance(dialog, PlanItemDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(PlanItemKind.OTHER.value))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert dialog.isVisible()
    assert dialog.fields["description"].property("error") == _("Say what is to be done.")
    assert dialog.fields["target_date"].property("error")
    type_text(qtbot, dialog.description, "Открыть счёт в банке")
    dialog.target_date.set_value(TODAY + dt.timedelta(days=5))
    shot(dialog, "plan-item-ru")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(dialog), timeout=5000)
    qtbot.waitUntil(lambda: card.data is not None and len(card.data.plan) == 1, timeout=5000)
    card.plan_tab.table.selectRow(0)
    assert not card.plan_tab.start_button.isEnabled()
    done = card.plan_tab.mark_done()
    assert isinstance(done, PlanItemDialog) and done.done_on.value() == TODAY
    qtbot.mouseClick(done.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(done), timeout=5000)
    qtbot.waitUntil(
        lambda: card.data is not None and card.data.plan[0].state is PlanState.DONE, timeout=5000
    )
    progress = ngettext(DONE, DONE, 1).format(done=1, total=1) + ", " + _("everything is done")
    assert card.plan_line.text() == _("Adaptation plan: {progress}").format(progress=progress)
    # Removed after a question; the plan is empty again.
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    )
    card.plan_tab.table.selectRow(0)
    card.plan_tab.remove_item()
    qtbot.waitUntil(lambda: card.data is not None and card.data.plan == (), timeout=5000)
    assert household_plan(ctx.db, card.data.household.id) == []


def test_the_plan_tab_fits_the_screen_in_both_languages(card: FamilyCard, qtbot, wait_idle) -> None:  # type: ignore[no-untyped-def]
    draft_plan(card, qtbot, wait_idle)
    target = short_date(ARRIVAL + dt.timedelta(days=14))
    card.resize(1366, 760)
    settle()
    assert cut_texts(card) == []
    shot(card, "plan-tab-draft-ru")
    set_ui_language("kk")
    qtbot.waitUntil(
        lambda: card.plan_line.text() == line(0, 6, consultation("Қандас мәртебесі"), target)
    )
    settle()
    assert card.plan_tab.table.item(0, 1).text() == _("Whole family")
    assert card.plan_tab.table.item(0, 3).text() == domain.label(PlanState.NEXT)
    assert cut_texts(card) == []
    shot(card, "plan-tab-kk")


def test_the_terms_of_suggested_items_are_edited_on_the_reference_page(
    ctx: AppContext, household: uuid.UUID, qtbot, wait_idle
) -> None:  # type: ignore[no-untyped-def]
    page = ReferencePage(ctx)
    qtbot.addWidget(page)
    page.resize(1150, 620)
    page.show()
    page.select_kind("plan_step")
    headers = [page.table.horizontalHeaderItem(c).text() for c in range(page.table.columnCount())]
    assert headers[-2:] == [_("Months after arrival"), _("Days after arrival")]
    codes = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    assert codes == ["consult_status", "consult_documents", "kazakh_course", "employment"]
    page.table.selectRow(codes.index("employment"))
    qtbot.mouseClick(page.replace_btn, Qt.MouseButton.LeftButton)
    dlg = page.dialog
    assert dlg is not None and dlg.plan_months.value() == 3
    dlg.valid_from.set_value(TODAY)
    dlg.plan_months.setValue(2)
    shot(dlg, "plan-step-ru")
    qtbot.mouseClick(
        dlg.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: page.dialog is None)
    wait_idle()
    suggested = PlanService(ctx.db, ctx.ref).suggest(household)
    job = next(sg for sg in suggested if sg.step == "employment")
    assert job.item.target_date == add_months(ARRIVAL, 2)
