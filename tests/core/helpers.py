"""Building inputs for the intake service in tests."""

from __future__ import annotations

import datetime as dt

from oralman_desk.identity import Sex, make_iin
from oralman_desk.services.intake import DocumentInput, HouseholdInput, PersonInput


def iin_for(birth: dt.date, sex: Sex, serial: int = 1234) -> str:
    for s in range(serial, serial + 20):
        value = make_iin(birth, sex, s)
        if value:
            return value
    raise AssertionError("no IIN")


def person(
    surname: str = "Ахметов",
    given: str = "Нұрлан",
    sex: Sex = Sex.MALE,
    birth: dt.date = dt.date(1985, 3, 14),
    **kw: object,
) -> PersonInput:
    return PersonInput(surname=surname, given_name=given, sex=sex, birth_date=birth, **kw)  # type: ignore[arg-type]


def family(
    *members: PersonInput, arrival: dt.date = dt.date(2025, 9, 1), **kw: object
) -> HouseholdInput:
    if members and not any(m.is_head for m in members):
        members[0].is_head = True
        members[0].relation = "head"
    return HouseholdInput(
        arrival_date=arrival,
        origin_country=str(kw.pop("origin", "UZ")),
        members=list(members),
        **kw,  # type: ignore[arg-type]
    )


def passport(number: str) -> DocumentInput:
    return DocumentInput(
        "foreign_passport", number, issue_date=dt.date(2020, 5, 1), expiry_date=dt.date(2030, 5, 1)
    )
