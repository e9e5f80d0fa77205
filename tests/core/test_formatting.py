"""Official dates in Kazakh and Russian (domain.md §7)."""

from __future__ import annotations

import datetime as dt

from oralman_desk.formatting import official_date, short_date


def test_official_dates() -> None:
    assert official_date(dt.date(2024, 4, 5), "kk") == "2024 жылғы 5 сәуір"
    assert official_date(dt.date(2024, 4, 5), "ru") == "5 апреля 2024 г."
    assert short_date(dt.date(2024, 4, 5), "kk") == "05.04.2024"


def test_a_kazakh_date_qualifying_a_noun_takes_the_suffix_by_vowel_harmony() -> None:
    def kk(month: int) -> str:
        return official_date(dt.date(2013, month, 22), "kk", attributive=True)

    assert kk(7) == "2013 жылғы 22 шілдедегі"
    assert kk(11) == "2013 жылғы 22 қарашадағы"
    assert kk(4) == "2013 жылғы 22 сәуірдегі"
    assert kk(9) == "2013 жылғы 22 қыркүйектегі"
    assert kk(1) == "2013 жылғы 22 қаңтардағы"
    assert kk(12) == "2013 жылғы 22 желтоқсандағы"
    assert official_date(dt.date(2013, 7, 22), "ru", attributive=True) == "22 июля 2013 г."


def test_a_month_as_a_sheet_title_is_nominative() -> None:
    from oralman_desk.formatting import month_title

    assert month_title(2024, 3, "kk") == "2024 жылғы наурыз"
    assert month_title(2024, 3, "ru") == "март 2024 г."
    assert month_title(2025, 12, "kk") == "2025 жылғы желтоқсан"
