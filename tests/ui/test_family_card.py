"""A family's card: members, edits through the dialogs, status moves, and the history of changes."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox
from sqlalchemy import select

from oralman_desk.db.models import Person
from oralman_desk.domain import CaseStatus
from oralman_desk.i18n import translate
from oralman_desk.identity import Sex
from oralman_desk.services.intake import IntakeService
from oralman_desk.services.queries import family_card, person_household
from ui.context import AppContext
from ui.family_card import FamilyCard
from ui.person_dialogs import AddMemberDialog, EditPersonDialog, StatusDialog
from ui.qt_i18n import set_ui_language

from ..core.helpers import family, iin_for, passport, person
from .form_helpers import settle, shot, type_text


class Questions:
    """Modal questions answered without a window (a real one would block the test)."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.answer = QMessageBox.StandardButton.Yes

    def __call__(self, _parent, _title, text, *_a, **_k):  # type: ignore[no-untyped-def]
        self.asked.append(text)
        return self.answer


@pytest.fixture(autouse=True)
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    q = Questions()
    monkeypatch.setattr(QMessageBox, "question", staticmethod(q))
    return q


@pytest.fixture
def household(ctx: AppContext) -> uuid.UUID:
    head = person(
        iin=iin_for(dt.date(1985, 3, 14), Sex.MALE),
        documents=[passport("FA1234567")],
        surname_latin="Akhmetov",
        given_name_latin="Nurlan",
        phone="+7 701 111 22 33",
        citizenship="UZ",
    )
    wife = person("Ахметова", "Айгерім", Sex.FEMALE, dt.date(1988, 7, 2), relation="spouse")
    son = person("Ахметов", "Ерасыл", Sex.MALE, dt.date(2015, 1, 20), relation="son")
    saved = IntakeService(ctx.db).register_household(
        family(head, wife, son, arrival=dt.date(2025, 9, 1), settlement_region="47")
    )
    return saved.household_id


@pytest.fixture
def card(ctx: AppContext, qtbot, wait_idle, household: uuid.UUID) -> Iterator[FamilyCard]:  # type: ignore[no-untyped-def]
    c = FamilyCard(ctx)
    qtbot.addWidget(c)
    c.resize(1200, 800)
    c.show()
    c.load(household)
    assert c.placeholder.text() == "Загрузка…" or c.is_loading  # shown until the data arrives
    qtbot.waitUntil(lambda: c.data is not None, timeout=10_000)
    yield c
    wait_idle()


def column(card: FamilyCard, c: int) -> list[str]:
    t = card.members_table
    return [t.item(r, c).text() for r in range(t.rowCount())]


def test_the_card_shows_the_family_and_its_members(card: FamilyCard, household: uuid.UUID) -> None:
    assert card.household_id == household
    assert card.pages.currentIndex() == 1
    assert card.title.text() == translate("Family No. {num}", "ru").format(num=1)
    assert card.header_values["arrival_date"].text() == "01.09.2025"
    assert card.header_values["origin_country"].text() == "Узбекистан"
    assert card.header_values["settlement_region"].text() == "Мангистауская область"
    assert "01.09.2025" in card.header_values["status"].text()
    assert column(card, 1) == ["Ахметов Нұрлан", "Ахметова Айгерім", "Ахметов Ерасыл"]
    assert column(card, 2)[0] == "Akhmetov Nurlan"
    assert column(card, 3) == ["Глава семьи", "Супруг (супруга)", "Сын"]
    assert column(card, 5) == ["14.03.1985", "02.07.1988", "20.01.2015"]
    assert column(card, 7)[2] == "Несовершеннолетние"
    # The head of the family is the row in bold.
    assert [card.members_table.item(r, 1).font().bold() for r in range(3)] == [True, False, False]
    # The selected member's documents.
    assert card.selected_member() is not None
    assert card.documents_table.item(0, 1).text() == "FA1234567"
    assert card.documents_table.item(0, 3).text() == "01.05.2020"
    assert not card.remove_member_button.isEnabled()  # the head cannot be removed
    card.members_table.selectRow(1)
    assert card.remove_member_button.isEnabled()
    assert card.documents_table.rowCount() == 0


def test_a_phone_edited_in_the_member_dialog_is_in_the_history(
    card: FamilyCard, ctx: AppContext, qtbot
) -> None:  # type: ignore[no-untyped-def]
    card.members_table.selectRow(0)
    with qtbot.waitSignal(card.changed, timeout=10_000):
        dialog = card.edit_member()
        assert isinstance(dialog, EditPersonDialog)
        assert dialog.editor.surname.text() == "Ахметов"
        dialog.editor.phone.clear()
        type_text(qtbot, dialog.editor.phone, "+7 702 999 88 77")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    qtbot.waitUntil(lambda: "+7 702 999 88 77" in card.history_text(), timeout=10_000)

    lines = card.history_text().splitlines()
    member, changed = translate("Member", "ru"), translate("Changed", "ru")
    assert lines[0].endswith(f"| test.worker | {member}: Ахметов Нұрлан | {changed}")
    assert lines[1].strip() == "Телефон: +7 701 111 22 33 → +7 702 999 88 77"
    assert card.member_values["phone"].text() == "+7 702 999 88 77"
    with ctx.db.read() as s:
        phone = s.scalar(select(Person.phone).where(Person.num == 1))
    assert phone == "+7 702 999 88 77"
    card.tabs.setCurrentIndex(2)
    settle()
    shot(card, "family-card-history-ru")


def test_a_stale_editor_is_told_and_nothing_is_overwritten(
    card: FamilyCard, ctx: AppContext, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    card.members_table.selectRow(1)
    dialog = card.edit_member()
    assert dialog is not None
    # Someone else saves the same person meanwhile.
    other = dialog.person.to_input()
    other.phone = "+7 705 000 00 00"
    IntakeService(ctx.db).update_person(dialog.person.id, other, dialog.person.version)
    shown: list[BaseException] = []
    monkeypatch.setattr("ui.form_dialog.show_error", lambda _p, exc: shown.append(exc))
    type_text(qtbot, dialog.editor.phone, "+7 706 111 11 11")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert type(shown[0]).__name__ == "ConflictError"
    assert dialog.isVisible()
    dialog.result_saved = None
    dialog.done(0)


def test_moving_the_status_shows_in_the_header_and_the_history(card: FamilyCard, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = card.move_status()
    assert isinstance(dialog, StatusDialog)
    assert [dialog.status.itemData(i) for i in range(dialog.status.count())] == ["applied"]
    dialog.date.set_value(dt.date(2025, 9, 10))
    type_text(qtbot, dialog.document_number, "45")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    qtbot.waitUntil(lambda: "10.09.2025" in card.header_values["status"].text(), timeout=10_000)
    assert card.header_values["status"].text().startswith("Подано заявление")
    assert card.status_table.rowCount() == 2
    assert card.status_table.item(1, 2).text() == "45"
    history = card.history_text()
    assert "Статус дела: Прибыли → Подано заявление на присвоение статуса кандаса" in history
    assert "Дата: 01.09.2025 → 10.09.2025" in history

    # The next step needs a decision number: the service says so, on the field.
    dialog = card.move_status()
    assert dialog is not None
    dialog.set_status(CaseStatus.GRANTED)
    dialog.date.set_value(dt.date(2025, 10, 1))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.document_number.toolTip()), timeout=10_000)
    assert dialog.document_number.toolTip() == "Введите номер решения или документа."
    dialog.done(0)


def test_a_member_is_removed_after_confirmation_and_the_removal_is_in_the_history(
    card: FamilyCard, ctx: AppContext, qtbot, questions: Questions
) -> None:  # type: ignore[no-untyped-def]
    card.members_table.selectRow(2)
    questions.answer = QMessageBox.StandardButton.No
    qtbot.mouseClick(card.remove_member_button, Qt.MouseButton.LeftButton)
    assert len(questions.asked) == 1 and "Ахметов Ерасыл" in questions.asked[0]
    assert len(column(card, 1)) == 3

    questions.answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(card.changed, timeout=10_000):
        qtbot.mouseClick(card.remove_member_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(column(card, 1)) == 2, timeout=10_000)
    assert column(card, 1) == ["Ахметов Нұрлан", "Ахметова Айгерім"]
    member, removed = translate("Member", "ru"), translate("Removed", "ru")
    assert f"| {member}: Ахметов Ерасыл | {removed}" in card.history_text()
    assert card.household_id is not None
    data = family_card(ctx.db, card.household_id)
    assert next(e.action for e in data.history if e.record_label == "Ахметов Ерасыл") == "delete"


def test_adding_a_member_asks_about_a_likely_duplicate(
    card: FamilyCard, ctx: AppContext, qtbot, household: uuid.UUID
) -> None:  # type: ignore[no-untyped-def]
    other = IntakeService(ctx.db).register_household(
        family(person("Бекова", "Сәуле", Sex.FEMALE, dt.date(1950, 2, 2)), origin="CN")
    )
    dialog = card.add_member()
    assert isinstance(dialog, AddMemberDialog)
    e = dialog.editor
    type_text(qtbot, e.surname, "Бекова")
    type_text(qtbot, e.given_name, "Сауле")
    e.sex.set_sex(Sex.FEMALE)
    e.birth_date.set_value(dt.date(1950, 2, 2))
    e.relation.set_code("mother")
    qtbot.waitUntil(lambda: bool(dialog.duplicates.matches), timeout=10_000)
    opened: list[object] = []
    card.open_person.connect(opened.append)
    qtbot.mouseClick(dialog.duplicates.open_buttons[0], Qt.MouseButton.LeftButton)
    assert person_household(ctx.db, opened[0]) == other.household_id  # type: ignore[arg-type]

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.duplicates.request.isVisible(), timeout=10_000)
    assert len(column(card, 1)) == 3
    qtbot.mouseClick(dialog.duplicates.confirm, Qt.MouseButton.LeftButton)
    assert dialog.duplicates.confirm.isChecked()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    qtbot.waitUntil(lambda: len(column(card, 1)) == 4, timeout=10_000)
    assert column(card, 1)[3] == "Бекова Сауле"


def test_editing_the_family_refreshes_the_header(card: FamilyCard, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = card.edit_family()
    assert dialog is not None
    assert dialog.form.origin_country.code() == "UZ"
    type_text(qtbot, dialog.form.address, "Ақтау, 14 шағын аудан")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: card.header_values["address"].text() == "Ақтау, 14 шағын аудан", timeout=10_000
    )
    assert "Адрес в Казахстане: — → Ақтау, 14 шағын аудан" in card.history_text()


def test_screenshots_of_the_card_in_both_languages(card: FamilyCard, qtbot) -> None:  # type: ignore[no-untyped-def]
    shot(card, "family-card-ru")
    set_ui_language("kk")
    qtbot.waitUntil(lambda: card.members_table.item(0, 3).text() == "Отбасы басшысы")
    labels = list(card.header_labels.values())
    qtbot.waitUntil(lambda: all(lbl.width() >= lbl.sizeHint().width() for lbl in labels))
    assert card.header_values["origin_country"].text() == "Өзбекстан"
    settle()
    shot(card, "family-card-kk")
    card.tabs.setCurrentIndex(2)
    settle()
    shot(card, "family-card-history-kk")


def test_screenshots_of_the_card_dialogs_in_kazakh(card: FamilyCard, qtbot) -> None:  # type: ignore[no-untyped-def]
    set_ui_language("kk")
    qtbot.waitUntil(lambda: card.members_table.item(0, 3).text() == "Отбасы басшысы")
    card.members_table.selectRow(0)
    for name, open_dialog in (
        ("edit-person-kk", card.edit_member),
        ("add-member-kk", card.add_member),
        ("edit-family-kk", card.edit_family),
        ("move-status-kk", card.move_status),
    ):
        dialog = open_dialog()
        assert dialog is not None
        qtbot.waitExposed(dialog)
        labels = [lbl for lbl in dialog.findChildren(QLabel) if lbl.isVisible()]
        qtbot.waitUntil(
            lambda labels=labels: all(
                lbl.width() >= lbl.minimumSizeHint().width() for lbl in labels
            )
        )
        settle()
        shot(dialog, name)
        dialog.done(0)
