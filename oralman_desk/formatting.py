"""Dates and numbers in Kazakh and Russian, through Babel — and the Kazakh official date style,
which CLDR does not have ("2024 жылғы 5 сәуір", domain.md §7)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

from .i18n import current_language

KK_MONTHS = (
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
)

#: The month as an attribute of a noun: the locative -да/-де/-та/-те plus -ғы/-гі, by vowel harmony
#: and the last sound ("22 қарашадағы жағдай", "5 қыркүйектегі бұйрық").
KK_MONTHS_ATTRIBUTIVE = (
    "қаңтардағы",
    "ақпандағы",
    "наурыздағы",
    "сәуірдегі",
    "мамырдағы",
    "маусымдағы",
    "шілдедегі",
    "тамыздағы",
    "қыркүйектегі",
    "қазандағы",
    "қарашадағы",
    "желтоқсандағы",
)


def _lang(lang: str | None) -> str:
    return lang or current_language()


def short_date(day: dt.date | None, lang: str | None = None) -> str:
    """ "05.04.2024" in both languages (the form staff write by hand)."""
    if day is None:
        return ""
    return _babel_date(day, "dd.MM.yyyy", locale=_lang(lang))


def official_date(day: dt.date, lang: str | None = None, *, attributive: bool = False) -> str:
    """kk "2024 жылғы 5 сәуір", ru "5 апреля 2024 г.".

    ``attributive`` is for a date that qualifies a noun: kk "2024 жылғы 5 сәуірдегі (жағдай)"; the
    Russian form does not change ("на 5 апреля 2024 г.").
    """
    if _lang(lang) == "kk":
        months = KK_MONTHS_ATTRIBUTIVE if attributive else KK_MONTHS
        return f"{day.year} жылғы {day.day} {months[day.month - 1]}"
    return _babel_date(day, "d MMMM y 'г.'", locale="ru")


def number(value: float | int, lang: str | None = None) -> str:
    """ "1 234 567,5": non-breaking space for thousands, decimal comma."""
    return format_decimal(value, locale=_lang(lang))


def age_years(birth: dt.date, on: dt.date | None = None) -> int:
    day = on or dt.date.today()
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
