"""Dates and numbers in Kazakh and Russian, through Babel — and the Kazakh official date style,
which CLDR does not have ("2024 жылғы 5 сәуір", domain.md §7)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

from .i18n import current_language
from .periods import Period, PeriodKind

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


def month_title(year: int, month: int, lang: str | None = None) -> str:
    """A month as the title of a sheet: kk "2024 жылғы наурыз", ru "март 2024 г." (nominative)."""
    if _lang(lang) == "kk":
        return f"{year} жылғы {KK_MONTHS[month - 1]}"
    return _babel_date(dt.date(year, month, 1), "LLLL y 'г.'", locale="ru")


def number(value: float | int, lang: str | None = None, decimals: int | None = None) -> str:
    """ "1 234 567,5": non-breaking space for thousands, decimal comma; ``decimals`` fixes the
    number of decimals ("87,0")."""
    if decimals:
        return format_decimal(value, "#,##0." + "0" * decimals, locale=_lang(lang))
    return format_decimal(value, locale=_lang(lang))


def age_years(birth: dt.date, on: dt.date | None = None) -> int:
    day = on or dt.date.today()
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


# ---- report periods (domain.md §7) -----------------------------------------------------------

#: The month after "-дан/-ден/-тан/-тен/-нан/-нен" ("from"), by vowel harmony and the last sound.
KK_MONTHS_ABLATIVE = (
    "қаңтардан",
    "ақпаннан",
    "наурыздан",
    "сәуірден",
    "мамырдан",
    "маусымнан",
    "шілдеден",
    "тамыздан",
    "қыркүйектен",
    "қазаннан",
    "қарашадан",
    "желтоқсаннан",
)

#: The month in the dative "-ға/-ге/-қа/-ке" ("to", before "дейін").
KK_MONTHS_DATIVE = (
    "қаңтарға",
    "ақпанға",
    "наурызға",
    "сәуірге",
    "мамырға",
    "маусымға",
    "шілдеге",
    "тамызға",
    "қыркүйекке",
    "қазанға",
    "қарашаға",
    "желтоқсанға",
)

ROMAN_QUARTERS = ("I", "II", "III", "IV")


def _ru_month(day: dt.date) -> str:
    """ "март" (nominative, as Babel's stand-alone month)."""
    return str(_babel_date(day, "LLLL", locale="ru"))


def period_title(period: Period, lang: str | None = None) -> str:
    """The period under a report's title, in the official style.

    kk "2024 жылғы наурыз", "2024 жылғы I тоқсан", "2024 жыл", "2024 жылғы 15 наурыздағы жағдай
    бойынша", "2024 жылғы 1 қаңтардан 15 ақпанға дейін"; ru "за март 2024 года", "за I квартал
    2024 года", "за 2024 год", "на 15 марта 2024 г.", "за период с 1 января по 15 февраля 2024 г."
    """
    kk = _lang(lang) == "kk"
    start, end = period.start, period.end
    if period.kind is PeriodKind.DAY:
        if kk:
            return official_date(start, "kk", attributive=True) + " жағдай бойынша"
        return "на " + official_date(start, "ru")
    if period.kind is PeriodKind.MONTH:
        if kk:
            return f"{start.year} жылғы {KK_MONTHS[start.month - 1]}"
        return f"за {_ru_month(start)} {start.year} года"
    if period.kind is PeriodKind.QUARTER:
        q = ROMAN_QUARTERS[period.quarter_number - 1]
        return f"{start.year} жылғы {q} тоқсан" if kk else f"за {q} квартал {start.year} года"
    if period.kind is PeriodKind.YEAR:
        return f"{start.year} жыл" if kk else f"за {start.year} год"
    if period.whole_months():
        return period_name(period, lang) if kk else "за " + _ru_month_span(start, end, "года")
    if kk:
        head = f"{start.year} жылғы {start.day} {KK_MONTHS_ABLATIVE[start.month - 1]}"
        tail = f"{end.day} {KK_MONTHS_DATIVE[end.month - 1]} дейін"
        if end.year != start.year:
            tail = f"{end.year} жылғы {tail}"
        return f"{head} {tail}"
    if start.year == end.year:
        first = _babel_date(start, "d MMMM", locale="ru")
        return f"за период с {first} по {official_date(end, 'ru')}"
    return f"за период с {official_date(start, 'ru')} по {official_date(end, 'ru')}"


def period_name(period: Period, lang: str | None = None) -> str:
    """The period as a column heading (nominative, short).

    kk "2024 жылғы наурыз", "2024 жылғы I тоқсан", "2024 жыл", "2024 жылғы қаңтар – наурыз",
    "2024 жылғы 15 наурыз", "01.01.2024 – 15.02.2024"; ru "март 2024 г.", "I квартал 2024 г.",
    "2024 г.", "январь – март 2024 г.", "15 марта 2024 г.", "01.01.2024 – 15.02.2024".
    """
    kk = _lang(lang) == "kk"
    start, end = period.start, period.end
    if period.kind is PeriodKind.DAY:
        return official_date(start, lang)
    if period.kind is PeriodKind.MONTH:
        return month_title(start.year, start.month, lang)
    if period.kind is PeriodKind.QUARTER:
        q = ROMAN_QUARTERS[period.quarter_number - 1]
        return f"{start.year} жылғы {q} тоқсан" if kk else f"{q} квартал {start.year} г."
    if period.kind is PeriodKind.YEAR:
        return f"{start.year} жыл" if kk else f"{start.year} г."
    if period.whole_months():
        if (start.year, start.month) == (end.year, end.month):
            return month_title(start.year, start.month, lang)
        if kk:
            first = f"{start.year} жылғы {KK_MONTHS[start.month - 1]}"
            last = KK_MONTHS[end.month - 1]
            if end.year != start.year:
                last = f"{end.year} жылғы {last}"
            return f"{first} – {last}"
        return _ru_month_span(start, end, "г.")
    return f"{short_date(start, lang)} – {short_date(end, lang)}"


def _ru_month_span(start: dt.date, end: dt.date, year_word: str) -> str:
    """ "январь – март 2024 г." or "ноябрь 2023 г. – февраль 2024 г." ("года" after "за")."""
    if (start.year, start.month) == (end.year, end.month):
        return f"{_ru_month(start)} {start.year} {year_word}"
    if start.year == end.year:
        return f"{_ru_month(start)} – {_ru_month(end)} {end.year} {year_word}"
    return f"{_ru_month(start)} {start.year} {year_word} – {_ru_month(end)} {end.year} {year_word}"
