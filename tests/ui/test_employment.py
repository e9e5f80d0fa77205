"""Employment through the UI: an employer with a checked BIN, a referral from the family card,
its outcome recorded as employment, and the family card's timeline."""

from __future__ import annotations

import datetime as dt

import shiboken6
from PySide6.QtCore import Qt

from oralman_desk.identity import make_bin
from oralman_desk.services.employment import ReferralFilter, referrals
from oralman_desk.services.intake import IntakeService
from tests.core.helpers import family, person
from ui.context import AppContext
from ui.employment_page import EmployerDialog, EmploymentPage, OutcomeDialog, ReferralDialog
from ui.family_card import FamilyCard

from .form_helpers import type_text
from .helpers import shot


def closed(dialog) -> bool:  # type: ignore[no-untyped-def]
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def good_bin() -> str:
    return next(b for b in (make_bin(2015, 4, "4", s) for s in range(100, 200)) if b)


def test_employer_referral_and_employment_through_the_dialogs(
    ctx: AppContext, qtbot, wait_idle, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from tests.reports.helpers import pdf_text
    from ui import printing

    monkeypatch.setattr(printing, "AUTO_SAVE_DIR", tmp_path)
    saved = IntakeService(ctx.db).register_household(
        family(person("Әбілов", "Нұрлан")), confirmed_new=True
    )
    page = EmploymentPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    wait_idle()

    dialog = page.edit_employer(new=True)
    assert isinstance(dialog, EmployerDialog)
    type_text(qtbot, dialog.name, "ТОО «Ақтау Құрылыс»")
    dialog.bin.setText("150440001235")  # a wrong check digit
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert dialog.isVisible() and "контрольная цифра" in str(dialog.fields["bin"].property("error"))
    dialog.bin.setText(good_bin())
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(dialog), timeout=5000)
    wait_idle()
    assert page.employers.rowCount() == 1

    card = FamilyCard(ctx)
    qtbot.addWidget(card)
    card.load(saved.household_id)
    wait_idle()
    referral = card.new_referral()
    assert isinstance(referral, ReferralDialog)
    wait_idle()
    referral.target.setCurrentIndex(referral.target.findData("employer"))
    referral.employer.setCurrentIndex(1)
    referral.profession.set_code("driver")
    qtbot.mouseClick(referral.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(referral), timeout=5000)
    wait_idle()
    assert page.referrals.rowCount() == 1
    assert page.referrals.item(0, 3).text() == "ТОО «Ақтау Құрылыс»"

    page.referrals.selectRow(0)
    outcome = page.outcome()
    assert isinstance(outcome, OutcomeDialog)
    outcome.status.setCurrentIndex(outcome.status.findData("employed"))
    outcome.employed_on.set_value(dt.date.today())
    qtbot.mouseClick(outcome.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(outcome), timeout=5000)
    wait_idle()
    assert page.referrals.item(0, 6).text() == "Трудоустроен(а)"
    (row,) = referrals(ctx.db, ReferralFilter())
    assert [m for m, *_rest in row.follow_ups] == [3, 6]
    assert card.services.topLevelItemCount() == 1
    assert "Трудоустроен(а)" in card.services.topLevelItem(0).text(3)
    qtbot.mouseClick(page.letter_button, Qt.MouseButton.LeftButton)
    letter = tmp_path / f"napravlenie-{row.number}.pdf"
    qtbot.waitUntil(letter.exists, timeout=10000)
    (text,) = pdf_text(letter)
    assert f"НАПРАВЛЕНИЕ № {row.number}" in text and "Әбілов Нұрлан" in text
    assert "ТОО «Ақтау Құрылыс»" in text and "Водитель" in text
    shot(page, "employment-page-ru")
