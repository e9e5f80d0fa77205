"""The referral letter: the person, the employer, the job and the tear-off slip, in Kazakh and in
Russian, with PT Sans embedded."""

from __future__ import annotations

import datetime as dt
import io
import uuid

import pytest

from oralman_desk.db.database import Database
from oralman_desk.domain import JobKind, ReferralTarget
from oralman_desk.identity import Sex, make_iin
from oralman_desk.services.centre import CentreService
from oralman_desk.services.employment import (
    EmployerInput,
    EmploymentService,
    ReferralInput,
    VacancyInput,
)
from oralman_desk.services.intake import IntakeService
from reports.referral_letter import render_referral_letter_pdf
from tests.core.helpers import family, person
from tests.core.test_employment import good_bin

from .helpers import pdf_fonts, pdf_text

D = dt.date


@pytest.fixture
def referral(db: Database) -> tuple[uuid.UUID, uuid.UUID, str]:
    birth = D(1987, 5, 14)
    iin = next(i for n in range(1, 50) if (i := make_iin(birth, Sex.FEMALE, n)))
    saved = IntakeService(db).register_household(
        family(person("Жұмабаева", "Гүлнұр", Sex.FEMALE, birth=birth, iin=iin)),
        confirmed_new=True,
    )
    svc = EmploymentService(db)
    eid = svc.save_employer(
        EmployerInput("ТОО «Өзен Мұнай Сервис»", good_bin(), "Нефть", "г. Жанаозен, мкр. Өркен, 5")
    )
    vid = svc.add_vacancy(VacancyInput(eid, "accountant", 1, 320_000, ""))
    to_employer = svc.refer(
        ReferralInput(
            saved.person_ids[0],
            D(2026, 4, 6),
            ReferralTarget.EMPLOYER,
            JobKind.PERMANENT,
            "accountant",
            eid,
            vid,
            staff="Серікова А.",
        )
    )
    to_centre = svc.refer(
        ReferralInput(
            saved.person_ids[0],
            D(2026, 4, 7),
            ReferralTarget.EMPLOYMENT_CENTRE,
            JobKind.PUBLIC_WORKS,
            None,
            staff="Серікова А.",
        )
    )
    centre = CentreService(db)
    centre.set_setting("report.director", "Омаров Б. К.")
    centre.set_setting("report.phone", "8 7292 50-10-10")
    return to_employer, to_centre, iin


def letter(db: Database, rid: uuid.UUID, lang: str) -> str:
    buf = io.BytesIO()
    assert render_referral_letter_pdf(db, rid, lang, buf) == 1
    (text,) = pdf_text(buf.getvalue())
    assert pdf_fonts(buf.getvalue()) == {"PTSans-Regular", "PTSans-Bold"}  # embedded, nothing else
    assert "\ufffd" not in text and "■" not in text
    return text


def test_the_kazakh_letter_names_the_person_the_employer_and_the_job(
    db: Database, referral: tuple[uuid.UUID, uuid.UUID, str]
) -> None:
    rid, _, iin = referral
    text = letter(db, rid, "kk")
    assert "ЖОЛДАМА № 1" in text
    assert "2026 жылғы 6 сәуір" in text
    assert "Жұмабаева Гүлнұр" in text and iin in text and "14.05.1987" in text
    assert "ТОО «Өзен Мұнай Сервис»" in text and "мкр. Өркен" in text
    assert "Бухгалтер" in text and "Тұрақты жұмыс" in text
    assert "320 000 теңге" in text.replace("\xa0", " ")
    assert "Омаров Б. К." in text and "8 7292 50-10-10" in text and "Серікова А." in text
    assert "№ 1 жолдамаға" in text  # the tear-off slip refers back to the letter
    assert set("әғқңөұүі") <= set(text.lower())


def test_the_russian_letter_to_the_employment_centre(
    db: Database, referral: tuple[uuid.UUID, uuid.UUID, str]
) -> None:
    _, rid, iin = referral
    text = letter(db, rid, "ru")
    assert "НАПРАВЛЕНИЕ № 2" in text
    assert "7 апреля 2026 г." in text
    assert "Районный центр занятости населения" in text
    assert "Жұмабаева Гүлнұр" in text and iin in text
    assert "Общественные работы" in text
    assert "Отрывной талон к направлению № 2 от 07.04.2026" in text
    assert "ТОО «Өзен Мұнай Сервис»" not in text
