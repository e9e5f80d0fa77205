"""Registering a family through the intake form: typing, validation in both languages, duplicates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from sqlalchemy import func, select

from oralman_desk.db.models import Household, Person
from oralman_desk.i18n import translate
from oralman_desk.identity import IdError, Sex
from oralman_desk.services.intake import IIN_MESSAGES, IntakeService, Saved
from ui.context import AppContext
from ui.intake_dialog import IntakeDialog
from ui.person_form import MemberEditor
from ui.qt_i18n import set_ui_language

from ..core.helpers import family, iin_for, person
from .form_helpers import settle, shot, type_text


@pytest.fixture(autouse=True)
def _no_modal_questions(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A modal question would block an offscreen test: answer "discard" and record the text."""
    asked: list[str] = []

    def question(_parent, _title, text, *_a, **_k):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    yield asked


@pytest.fixture
def dialog(ctx: AppContext, qtbot, wait_idle) -> Iterator[IntakeDialog]:  # type: ignore[no-untyped-def]
    dlg = IntakeDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    yield dlg
    wait_idle()


def people(ctx: AppContext) -> int:
    with ctx.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Person)) or 0)


def fill_member(
    qtbot,  # type: ignore[no-untyped-def]
    e: MemberEditor,
    surname: str,
    given: str,
    sex: Sex,
    birth: dt.date,
    relation: str | None = None,
    passport: str = "",
) -> None:
    type_text(qtbot, e.surname, surname)
    type_text(qtbot, e.given_name, given)
    e.sex.set_sex(sex)
    e.birth_date.set_value(birth)
    if relation:
        e.relation.set_code(relation)
    if passport:
        type_text(qtbot, e.documents.rows[0].number, passport)


def test_a_family_typed_into_the_form_is_registered(
    dialog: IntakeDialog, ctx: AppContext, qtbot
) -> None:  # type: ignore[no-untyped-def]
    h = dialog.household
    h.arrival_date.set_value(dt.date(2025, 9, 1))
    h.origin_country.setCurrentIndex(h.origin_country.findData("CN"))
    h.settlement_region.setCurrentIndex(h.settlement_region.findData("47"))
    type_text(qtbot, h.phone, "+7 701 555 44 33")

    head = dialog.current_editor()
    fill_member(qtbot, head, "Сейітқали", "Ерлан", Sex.MALE, dt.date(1980, 4, 2), passport="E12345")
    type_text(qtbot, head.surname_latin, "Seyitkali")
    type_text(qtbot, head.given_name_latin, "Yerlan")
    head.education.setCurrentIndex(head.education.findData("higher"))
    head.languages.add_row()
    head.languages.rows[0].language.set_code("kk")
    head.languages.rows[0].level.set_code("native")

    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.members_list.count() == 2
    wife = dialog.current_editor()
    assert wife is not head and not wife.is_head
    fill_member(qtbot, wife, "Сейітқали", "Гүлнар", Sex.FEMALE, dt.date(1983, 6, 9), "spouse")
    assert "Гүлнар" in dialog.members_list.item(1).text()
    assert "Ерлан" in dialog.members_list.item(0).text()

    with qtbot.waitSignal(ctx.changed, timeout=10_000) as changed:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    saved = changed.args[0]
    assert isinstance(saved, Saved) and len(saved.person_ids) == 2

    with ctx.db.read() as s:
        hh = s.get(Household, saved.household_id)
        assert hh is not None
        assert (hh.origin_country, hh.settlement_region, hh.phone) == (
            "CN",
            "47",
            "+7 701 555 44 33",
        )
        names = [(m.surname, m.given_name, m.relation) for m in hh.members]
        assert names == [("Сейітқали", "Ерлан", "head"), ("Сейітқали", "Гүлнар", "spouse")]
        assert hh.head_id == hh.members[0].id
        first = hh.members[0]
        assert (first.surname_latin, first.given_name_latin) == ("Seyitkali", "Yerlan")
        assert [d.number for d in first.documents] == ["E12345"]
        assert [(lang.language, lang.level) for lang in first.languages] == [("kk", "native")]
        assert first.updated_by == "test.worker"


def test_a_bad_iin_is_shown_on_the_field_in_russian_then_in_kazakh(
    dialog: IntakeDialog, qtbot
) -> None:  # type: ignore[no-untyped-def]
    e = dialog.current_editor()
    type_text(qtbot, e.surname, "Тоқтарова")
    type_text(qtbot, e.given_name, "Әсем")
    good = iin_for(dt.date(1990, 5, 5), Sex.FEMALE)
    bad = good[:11] + str((int(good[11]) + 1) % 10)
    type_text(qtbot, e.iin, bad)

    ru = translate(IIN_MESSAGES[IdError.CHECKSUM], "ru")
    kk = translate(IIN_MESSAGES[IdError.CHECKSUM], "kk")
    assert ru != kk and "ИИН" in ru and "ЖСН" in kk
    assert e.iin.toolTip() == ru
    assert e.iin.property("error") == ru
    assert e.iin_hint.text() == ru and e.iin_hint.isVisible()
    assert e.birth_date.value() is None  # nothing is read from a wrong number
    shot(dialog, "intake-bad-iin-ru")

    set_ui_language("kk")
    qtbot.waitUntil(lambda: e.iin.toolTip() == kk)
    assert e.iin_hint.text() == kk
    assert e.labels["iin"].text() == "ЖСН"
    # A switch only re-labels: what was typed stays.
    assert (e.surname.text(), e.given_name.text(), e.iin.text()) == ("Тоқтарова", "Әсем", bad)
    assert e.relation.code() == "head"
    shot(dialog, "intake-bad-iin-kk")

    # Correcting the last digit clears the mark and fills the birth date and sex from the IIN.
    e.iin.backspace()
    type_text(qtbot, e.iin, good[11])
    assert e.iin.toolTip() == ""
    assert e.birth_date.value() == dt.date(1990, 5, 5)
    assert e.sex.sex() is Sex.FEMALE


def test_an_iin_that_disagrees_with_the_birth_date_is_pointed_out(
    dialog: IntakeDialog, qtbot
) -> None:  # type: ignore[no-untyped-def]
    e = dialog.current_editor()
    e.birth_date.set_value(dt.date(1990, 5, 6))
    e.sex.set_sex(Sex.MALE)
    type_text(qtbot, e.iin, iin_for(dt.date(1990, 5, 5), Sex.FEMALE))
    tip = e.iin.toolTip()
    assert "05.05.1990" in tip
    assert translate("The IIN belongs to a person of the other sex.", "ru") in tip.splitlines()
    assert e.birth_date.value() == dt.date(1990, 5, 6)  # not overwritten: the worker decides


def test_required_names_and_dates_are_checked_as_you_type(dialog: IntakeDialog, qtbot) -> None:  # type: ignore[no-untyped-def]
    e = dialog.current_editor()
    type_text(qtbot, e.surname, "А")
    e.surname.backspace()
    e.surname.editingFinished.emit()
    assert e.surname.toolTip() == translate("This field is required.", "ru")
    type_text(qtbot, e.surname, "Ахметов")
    assert e.surname.toolTip() == ""
    type_text(qtbot, e.surname_latin, "Ахметов")  # Cyrillic in the passport field
    assert e.surname_latin.toolTip() == translate(
        "Write the name in Latin letters, as in the passport.", "ru"
    )
    e.birth_date.set_value(dt.date.today() + dt.timedelta(days=3))
    assert e.birth_date.toolTip() == translate("The date of birth is in the future.", "ru")


def test_problems_from_the_service_are_marked_on_the_right_member(
    dialog: IntakeDialog, ctx: AppContext, qtbot
) -> None:  # type: ignore[no-untyped-def]
    h = dialog.household
    h.origin_country.setCurrentIndex(h.origin_country.findData("UZ"))
    fill_member(qtbot, dialog.current_editor(), "Ахметов", "Нұрлан", Sex.MALE, dt.date(1985, 3, 14))
    dialog.add_member()
    second = dialog.current_editor()
    type_text(qtbot, second.surname, "Ахметова")  # no given name, no sex, no birth date
    second.relation.set_code("daughter")
    dialog.members_list.setCurrentRow(0)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.problems_view.count() > 0, timeout=10_000)
    assert dialog.current_index() == 1  # switched to the member with the first problem
    assert second.given_name.toolTip() == translate("This field is required.", "ru")
    assert second.sex.property("error")
    texts = [dialog.problems_view.item(i).text() for i in range(dialog.problems_view.count())]
    where = translate("Member {n}", "ru").format(n=2)
    assert any(t.startswith(f"{where}, Имя:") for t in texts), texts
    assert people(ctx) == 0
    assert dialog.isVisible()

    # Typing into the field clears its mark.
    type_text(qtbot, second.given_name, "Әсем")
    assert second.given_name.toolTip() == ""


def test_enter_moves_to_the_next_field_in_the_order_of_the_paper_form(
    dialog: IntakeDialog, qtbot
) -> None:  # type: ignore[no-untyped-def]
    dialog.activateWindow()
    e = dialog.current_editor()
    e.surname.setFocus()
    qtbot.waitUntil(lambda: e.surname.hasFocus())
    qtbot.keyClick(e.surname, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is e.given_name
    qtbot.keyClick(e.given_name, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert QApplication.focusWidget() is e.patronymic
    qtbot.keyClick(e.patronymic, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is e.surname_latin
    assert dialog.isVisible()  # Enter did not press Save


def test_a_returning_person_spelt_in_latin_is_shown_and_saving_needs_a_decision(
    dialog: IntakeDialog, ctx: AppContext, qtbot
) -> None:  # type: ignore[no-untyped-def]
    birth = dt.date(1992, 11, 3)
    IntakeService(ctx.db).register_household(
        family(person("Нұрсұлтанова", "Жанар", Sex.FEMALE, birth))
    )
    assert people(ctx) == 1

    h = dialog.household
    h.origin_country.setCurrentIndex(h.origin_country.findData("MN"))
    e = dialog.current_editor()
    # The passport's Latin spelling and the birth date are enough to find her.
    type_text(qtbot, e.surname_latin, "Nursultanova")
    type_text(qtbot, e.given_name_latin, "Zhanar")
    e.birth_date.set_value(birth)
    panel = dialog.duplicates
    qtbot.waitUntil(lambda: bool(panel.matches), timeout=10_000)
    assert len(panel.matches or []) == 1
    text = panel.text()
    assert "Нұрсұлтанова Жанар" in text
    score = (panel.matches or [])[0].score
    assert 0.8 <= score < 1.0
    assert f"{round(score * 100)}\xa0%" in text  # the score, as a percentage
    assert translate("Same date of birth and a similar name", "ru") in text
    assert panel.confirm.isVisible() and not panel.confirm.isChecked()
    assert translate("possible duplicate", "ru") in dialog.members_list.item(0).text()

    with qtbot.waitSignal(dialog.open_person) as opened:
        qtbot.mouseClick(panel.open_buttons[0], Qt.MouseButton.LeftButton)
    assert opened.args[0] == (panel.matches or [])[0].person_id

    # Saving without a decision writes nothing and asks for one.
    type_text(qtbot, e.surname, "Нурсултанова")
    type_text(qtbot, e.given_name, "Жанар")
    e.sex.set_sex(Sex.FEMALE)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.request.isVisible(), timeout=10_000)
    assert people(ctx) == 1
    assert dialog.isVisible()
    assert dialog.message.isVisible()
    settle()
    shot(dialog, "intake-duplicates-ru")

    # The worker compares and says this is someone else: then she is registered, not merged.
    qtbot.mouseClick(panel.confirm, Qt.MouseButton.LeftButton)
    assert panel.confirm.isChecked()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    assert people(ctx) == 2


def test_exactly_one_member_is_the_head_and_members_can_be_reordered(
    dialog: IntakeDialog, qtbot
) -> None:  # type: ignore[no-untyped-def]
    fill_member(qtbot, dialog.current_editor(), "Ахметов", "Нұрлан", Sex.MALE, dt.date(1985, 3, 14))
    dialog.add_member()
    fill_member(
        qtbot, dialog.current_editor(), "Ахметова", "Айгерім", Sex.FEMALE, dt.date(1960, 1, 2)
    )
    qtbot.mouseClick(dialog.head_button, Qt.MouseButton.LeftButton)
    data = dialog.to_input()
    assert [m.is_head for m in data.members] == [False, True]
    assert data.members[1].relation == "head"
    assert data.members[0].relation == ""  # the former head's relation must be chosen again

    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    data = dialog.to_input()
    assert [m.given_name for m in data.members] == ["Айгерім", "Нұрлан"]
    assert [m.is_head for m in data.members] == [True, False]

    dialog.members_list.setCurrentRow(0)
    dialog.remove_member(0)
    data = dialog.to_input()
    assert [m.given_name for m in data.members] == ["Нұрлан"]
    assert [m.is_head for m in data.members] == [True]


def test_cancel_with_typed_input_asks_first(
    dialog: IntakeDialog, qtbot, _no_modal_questions: list[str]
) -> None:  # type: ignore[no-untyped-def]
    type_text(qtbot, dialog.current_editor().surname, "Ахметов")
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert len(_no_modal_questions) == 1
    assert not dialog.isVisible()


def test_screenshots_of_the_intake_form_in_both_languages(dialog: IntakeDialog, qtbot) -> None:  # type: ignore[no-untyped-def]
    h = dialog.household
    h.origin_country.setCurrentIndex(h.origin_country.findData("UZ"))
    h.settlement_region.setCurrentIndex(h.settlement_region.findData("47"))
    type_text(qtbot, h.address, "Ақтау, 12 шағын аудан, 5-үй")
    e = dialog.current_editor()
    fill_member(qtbot, e, "Ахметов", "Нұрлан", Sex.MALE, dt.date(1985, 3, 14), passport="FA1234567")
    type_text(qtbot, e.surname_latin, "Akhmetov")
    type_text(qtbot, e.given_name_latin, "Nurlan")
    type_text(qtbot, e.iin, iin_for(dt.date(1985, 3, 14), Sex.MALE))
    e.languages.add_row()
    dialog.add_member()
    settle()
    shot(dialog, "intake-ru")
    set_ui_language("kk")
    qtbot.waitUntil(lambda: e.labels["iin"].text() == "ЖСН")
    # Longer Kazakh labels get room once the layouts have run: no label is cut off.
    labels = [*dialog.current_editor().labels.values(), *dialog.household.labels.values()]
    qtbot.waitUntil(lambda: all(lbl.width() >= lbl.sizeHint().width() for lbl in labels))
    settle()
    shot(dialog, "intake-kk")
    assert dialog.members_list.count() == 2


def test_tab_leaves_an_empty_date_and_reaches_the_documents(dialog: IntakeDialog, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog.activateWindow()
    e = dialog.current_editor()
    e.birth_date.setFocus()
    qtbot.waitUntil(lambda: e.birth_date.hasFocus())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is e.iin  # not stuck in the blank date's sections
    e.phone.setFocus()
    qtbot.keyClick(e.phone, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is e.documents.rows[0].doc_type
    e.documents.rows[0].remove.setFocus()
    qtbot.keyClick(e.documents.rows[0].remove, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is e.documents.add_button


def test_document_problems_are_marked_on_their_cells(
    dialog: IntakeDialog, ctx: AppContext, qtbot
) -> None:  # type: ignore[no-untyped-def]
    h = dialog.household
    h.origin_country.setCurrentIndex(h.origin_country.findData("UZ"))
    e = dialog.current_editor()
    fill_member(qtbot, e, "Ахметов", "Нұрлан", Sex.MALE, dt.date(1985, 3, 14))
    row = e.documents.rows[0]
    type_text(qtbot, row.issuer, "МВД Республики Узбекистан")  # but no number
    row.issue_date.set_value(dt.date(2020, 5, 1))
    row.expiry_date.set_value(dt.date(2019, 5, 1))
    expires = translate("The document expires before it was issued.", "ru")
    assert row.expiry_date.toolTip() == expires  # as you type

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(row.number.toolTip()), timeout=10_000)
    assert row.number.toolTip() == translate("Enter the document number.", "ru")
    assert row.expiry_date.toolTip() == expires  # said once, though both checks found it
    assert people(ctx) == 0
    type_text(qtbot, row.number, "FA7654321")
    assert row.number.toolTip() == ""
