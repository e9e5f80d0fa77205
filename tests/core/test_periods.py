"""Report periods: what ``--period`` accepts, what a report compares with, and how a period is
written in Kazakh and Russian in the official style (domain.md §7)."""

from __future__ import annotations

import datetime as dt

import pytest

from oralman_desk.formatting import (
    KK_MONTHS,
    KK_MONTHS_ABLATIVE,
    KK_MONTHS_DATIVE,
    period_name,
    period_title,
)
from oralman_desk.periods import Period, PeriodError, PeriodKind

D = dt.date


def test_a_period_is_read_from_what_a_user_types() -> None:
    assert Period.parse("2024-03") == Period(PeriodKind.MONTH, D(2024, 3, 1), D(2024, 3, 31))
    assert Period.parse("2024-02").end == D(2024, 2, 29)
    assert Period.parse("2024-Q1") == Period(PeriodKind.QUARTER, D(2024, 1, 1), D(2024, 3, 31))
    assert Period.parse("2024q4").start == D(2024, 10, 1)
    assert Period.parse("2024") == Period(PeriodKind.YEAR, D(2024, 1, 1), D(2024, 12, 31))
    assert Period.parse("2024-03-15") == Period(PeriodKind.DAY, D(2024, 3, 15), D(2024, 3, 15))
    r = Period.parse("2024-01-10..2024-02-15")
    assert (r.kind, r.start, r.end, r.days) == (
        PeriodKind.RANGE,
        D(2024, 1, 10),
        D(2024, 2, 15),
        37,
    )
    for text in ("2024-3", "2024-Q5", "2024-13", "24", "2024-02-30", "2024-03-01..2024-02-01"):
        with pytest.raises(PeriodError) as exc:
            Period.parse(text)
        assert text in exc.value.message("ru") or "2024-03-01" in exc.value.message("ru")
    for text in ("2024-03", "2024-Q2", "2024", "2024-03-15", "2024-01-10..2024-02-15"):
        assert Period.parse(text).code == text


def test_what_a_report_compares_with() -> None:
    march = Period.month(2024, 3)
    assert march.year_to_date() == Period(PeriodKind.RANGE, D(2024, 1, 1), D(2024, 3, 31))
    assert Period.month(2024, 1).year_to_date() == Period.month(2024, 1)
    assert Period.year(2024).year_to_date() == Period.year(2024)
    assert Period.quarter(2024, 1).year_to_date() == Period.quarter(2024, 1)
    assert march.same_period_last_year() == Period.month(2023, 3)
    assert Period.month(2024, 2).same_period_last_year().end == D(2023, 2, 28)
    assert Period.quarter(2024, 3).same_period_last_year() == Period.quarter(2023, 3)
    leap = Period.range(D(2024, 2, 29), D(2024, 3, 5)).same_period_last_year()
    assert (leap.start, leap.end) == (D(2023, 2, 28), D(2023, 3, 5))


def test_the_period_under_a_report_title() -> None:
    def both(text: str) -> tuple[str, str]:
        p = Period.parse(text)
        return period_title(p, "kk"), period_title(p, "ru")

    assert both("2024-03") == ("2024 жылғы наурыз", "за март 2024 года")
    assert both("2024-12") == ("2024 жылғы желтоқсан", "за декабрь 2024 года")
    assert both("2024-Q1") == ("2024 жылғы I тоқсан", "за I квартал 2024 года")
    assert both("2024-Q4") == ("2024 жылғы IV тоқсан", "за IV квартал 2024 года")
    assert both("2024") == ("2024 жыл", "за 2024 год")
    assert both("2024-03-15") == ("2024 жылғы 15 наурыздағы жағдай бойынша", "на 15 марта 2024 г.")
    assert both("2024-01-01..2024-02-15") == (
        "2024 жылғы 1 қаңтардан 15 ақпанға дейін",
        "за период с 1 января по 15 февраля 2024 г.",
    )
    assert both("2023-12-20..2024-01-10") == (
        "2023 жылғы 20 желтоқсаннан 2024 жылғы 10 қаңтарға дейін",
        "за период с 20 декабря 2023 г. по 10 января 2024 г.",
    )
    assert both("2024-01-01..2024-06-30") == (
        "2024 жылғы қаңтар – маусым",
        "за январь – июнь 2024 года",
    )


def test_the_period_as_a_column_heading() -> None:
    def both(text: str) -> tuple[str, str]:
        p = Period.parse(text)
        return period_name(p, "kk"), period_name(p, "ru")

    assert both("2024-03") == ("2024 жылғы наурыз", "март 2024 г.")
    assert both("2024-Q2") == ("2024 жылғы II тоқсан", "II квартал 2024 г.")
    assert both("2024") == ("2024 жыл", "2024 г.")
    assert both("2024-01-01..2024-03-31") == ("2024 жылғы қаңтар – наурыз", "январь – март 2024 г.")
    assert both("2023-11-01..2024-02-29") == (
        "2023 жылғы қараша – 2024 жылғы ақпан",
        "ноябрь 2023 г. – февраль 2024 г.",
    )
    assert both("2024-01-05..2024-02-15") == ("05.01.2024 – 15.02.2024", "05.01.2024 – 15.02.2024")
    assert both("2024-03-15") == ("2024 жылғы 15 наурыз", "15 марта 2024 г.")


def test_kazakh_month_endings_follow_vowel_harmony_and_the_last_sound() -> None:
    back = set("аоұыя")
    for month, ablative, dative in zip(
        KK_MONTHS, KK_MONTHS_ABLATIVE, KK_MONTHS_DATIVE, strict=True
    ):
        assert ablative.startswith(month) and dative.startswith(month)
        last_vowel = next(c for c in reversed(month) if c in "аәеиоөұүыіэюя")
        front = last_vowel not in back
        after = month[-1]
        ab = ablative[len(month) :]
        da = dative[len(month) :]
        if after in "мнң":
            assert ab == ("нен" if front else "нан"), month
        elif after in "кқпстфхцчшщ":
            assert ab == ("тен" if front else "тан"), month
        else:
            assert ab == ("ден" if front else "дан"), month
        if after in "кқпстфхцчшщ":
            assert da == ("ке" if front else "қа"), month
        else:
            assert da == ("ге" if front else "ға"), month
