"""Report periods: a day, a month, a quarter, a year or any range of days, and the periods a report
compares them with (since the start of the year, the same period a year earlier).

Both ends are included: March 2024 is 2024-03-01 … 2024-03-31. How a period is written in a
report's header or a column heading is in ``formatting`` (``period_title``, ``period_name``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
from dataclasses import dataclass
from typing import Final

from .i18n import N_, translate

MSG_BAD_PERIOD: Final = N_(
    "Unknown period “{text}”: write a month 2024-03, a quarter 2024-Q1, a year 2024, "
    "a day 2024-03-15 or a range 2024-01-01..2024-02-15."
)
MSG_BAD_RANGE: Final = N_("The period ends before it starts: {text}.")


class PeriodKind(enum.StrEnum):
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    RANGE = "range"


class PeriodError(ValueError):
    """Text that is not a period; ``message(lang)`` says what to write instead."""

    def __init__(self, msgid: str, text: str) -> None:
        super().__init__(msgid.format(text=text))
        self.msgid = msgid
        self.text = text

    def message(self, lang: str | None = None) -> str:
        return translate(self.msgid, lang).format(text=self.text)


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    start: dt.date
    end: dt.date  # included

    # -- constructors

    @classmethod
    def day(cls, day: dt.date) -> Period:
        return cls(PeriodKind.DAY, day, day)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        last = calendar.monthrange(year, month)[1]
        return cls(PeriodKind.MONTH, dt.date(year, month, 1), dt.date(year, month, last))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if not 1 <= quarter <= 4:
            raise ValueError(quarter)
        first = 3 * (quarter - 1) + 1
        last = calendar.monthrange(year, first + 2)[1]
        return cls(PeriodKind.QUARTER, dt.date(year, first, 1), dt.date(year, first + 2, last))

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(PeriodKind.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def range(cls, start: dt.date, end: dt.date) -> Period:
        if end < start:
            raise PeriodError(MSG_BAD_RANGE, f"{start.isoformat()}..{end.isoformat()}")
        return cls(PeriodKind.RANGE, start, end)

    @classmethod
    def parse(cls, text: str) -> Period:
        """``2024-03``, ``2024-Q1``, ``2024``, ``2024-03-15`` or ``2024-01-01..2024-02-15``."""
        t = text.strip()
        try:
            if m := re.fullmatch(r"(\d{4})-(\d{2})", t):
                return cls.month(int(m[1]), int(m[2]))
            if m := re.fullmatch(r"(\d{4})-?[Qq]([1-4])", t):
                return cls.quarter(int(m[1]), int(m[2]))
            if re.fullmatch(r"\d{4}", t):
                return cls.year(int(t))
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
                return cls.day(dt.date.fromisoformat(t))
            if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})", t):
                return cls.range(dt.date.fromisoformat(m[1]), dt.date.fromisoformat(m[2]))
        except PeriodError:
            raise
        except ValueError:
            pass
        raise PeriodError(MSG_BAD_PERIOD, text)

    # -- what a report compares with

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def quarter_number(self) -> int:
        return (self.start.month - 1) // 3 + 1

    def year_to_date(self) -> Period:
        """From 1 January of the end's year to the end (the whole year for a year)."""
        start = dt.date(self.end.year, 1, 1)
        if self.kind is PeriodKind.YEAR or (start, self.end) == (self.start, self.end):
            return self
        return Period(PeriodKind.RANGE, start, self.end)

    def same_period_last_year(self) -> Period:
        """The same days one year earlier (29 February becomes the 28th)."""
        if self.kind is PeriodKind.MONTH:
            return Period.month(self.start.year - 1, self.start.month)
        if self.kind is PeriodKind.QUARTER:
            return Period.quarter(self.start.year - 1, self.quarter_number)
        if self.kind is PeriodKind.YEAR:
            return Period.year(self.start.year - 1)
        return Period(self.kind, _year_back(self.start), _year_back(self.end))

    def whole_months(self) -> bool:
        """Starts on the 1st of a month and ends on the last day of a month."""
        last = calendar.monthrange(self.end.year, self.end.month)[1]
        return self.start.day == 1 and self.end.day == last

    @property
    def code(self) -> str:
        """The text ``parse`` reads back: ``2024-03``, ``2024-Q1``, …"""
        if self.kind is PeriodKind.MONTH:
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.start.year}-Q{self.quarter_number}"
        if self.kind is PeriodKind.YEAR:
            return str(self.start.year)
        if self.kind is PeriodKind.DAY:
            return self.start.isoformat()
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def _year_back(day: dt.date) -> dt.date:
    if day.month == 2 and day.day == 29:
        return dt.date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)
